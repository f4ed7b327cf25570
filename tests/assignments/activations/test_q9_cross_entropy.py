"""q9: the mean cross-entropy of softmax(S) with integer labels, and dS = (softmax - onehot)/N."""

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_outputs,
    numerical_gradient,
)

from ._data import (
    ATOL,
    RTOL,
    blame_earlier,
    cross_entropy_np,
    hint_not_finite,
    labels,
    log_softmax_np,
    logits,
    moderate_scores,
    softmax_np,
)


def _diagnose(S, y):
    N = S.shape[0]
    pairs = np.arange(N)
    onehot = np.zeros_like(S)
    onehot[pairs, y] = 1.0
    s, ls = softmax_np(S), log_softmax_np(S)
    mean = "The loss is a mean over the N samples; so is its gradient."
    return {
        "loss": Diagnose(
            factors={"N": float(N), "1/N": 1.0 / N},
            hints={"N": "Take the mean over the samples, not the sum.",
                   "1/N": "Divide by N once: the loss is the mean of -log softmax(S)[i, y_i]."},
            wrong_formulas={
                "all_pairs": ("the mean of -log_softmax(S)[:, y], which pairs every sample "
                              "with every label: index with [np.arange(N), y]",
                              lambda: -float(ls[:, y].mean())),
                "probability": ("the mean of -softmax(S)[i, y_i]: take the logarithm",
                                lambda: -float(s[pairs, y].mean())),
                "all_classes": ("the mean of -log softmax over every class, not only the "
                                "target's", lambda: -float(ls.sum(axis=1).mean())),
            }),
        "dS": Diagnose(
            factors={"N": float(N)},
            hints={"N": mean, "-1": "dS = (softmax(S) - onehot(y)) / N."},
            wrong_formulas={
                "no_onehot": ("softmax(S) / N: subtract 1 at each sample's target class",
                              lambda: s / N),
                "no_softmax": ("-onehot(y) / N: the gradient is (softmax(S) - onehot(y)) / N",
                               lambda: -onehot / N),
                "all_pairs": ("1 subtracted in columns y of every row: subtract it at "
                              "(i, y_i) only, with [np.arange(N), y]",
                              lambda: (s - onehot.any(axis=0)) / N),
            }),
    }


def _expect(sub, S, y, want, fn, tolerances=None):
    got = sub.cross_entropy(S, y)
    blame_earlier(sub, lambda: hint_not_finite("cross_entropy", lambda: expect_outputs(
        got, {"loss": want[0], "dS": want[1]}, fn=fn, rtol=RTOL, atol=ATOL,
        diagnose=_diagnose(S, y), tolerances=tolerances)),
        [("log_softmax", "q7", (S,), log_softmax_np(S)), ("softmax", "q6", (S,), softmax_np(S))])


@check("q9", points=1)
def test_cross_entropy_of_a_small_batch(sub):
    """cross_entropy on 3 samples and 4 classes with labels [3, 0, 3]: the loss is the mean of
    -log softmax(S)[i, y_i], and dS = (softmax(S) - onehot(y)) / 3."""
    S = np.array([[0.0, 1.0, 2.0, 3.0], [2.0, -1.0, 0.5, 0.5], [-3.0, 1.0, 4.0, 1.0]])
    y = np.array([3, 0, 3])
    _expect(sub, S, y, cross_entropy_np(S, y), "cross_entropy(S, y) for S of shape (3, 4)")


@check("q9", points=1)
def test_cross_entropy_with_a_target_800_below_its_row_maximum(sub):
    """A target score 800 below its row's maximum gives a large finite loss, not inf (about 268
    here: that sample alone contributes about 800 / 3), and a finite dS."""
    S = np.array([[5.0, -795.0, 0.0, 1.0], [1.0, 2.0, 3.0, 4.0], [-1000.0, -1000.5, -999.0,
                                                                   -1001.0]])
    y = np.array([1, 2, 0])
    _expect(sub, S, y, cross_entropy_np(S, y),
            "cross_entropy(S, y) with a target 800 below its row's maximum")


@check("q9", points=3, hidden=True)
def test_cross_entropy_matches_torch(sub, rng):
    """On random scores and labels (N != C, repeated labels, not every class present),
    cross_entropy matches torch.nn.functional.cross_entropy and its autograd gradient, and dS
    matches central differences of the loss."""
    from ._oracles import cross_entropy

    for N, C in [(5, 3), (4, 7), (6, 4)]:
        S = moderate_scores(rng, N, C)
        y = labels(rng, N, C)
        _expect(sub, S, y, cross_entropy(S, y), f"cross_entropy on random ({N}, {C}) scores")
    S, y = logits(rng, 3, 5), labels(rng, 3, 5)
    loss, _ = cross_entropy_np(S, y)
    fd = numerical_gradient(lambda T: cross_entropy_np(T, y)[0], S)
    _expect(sub, S, y, (loss, fd), "cross_entropy against central differences of the loss",
            {"dS": (FD_RTOL, FD_ATOL)})


@check("q9", points=1, hidden=True)
def test_cross_entropy_of_large_scores_matches_torch(sub, rng):
    """With target scores 800 to 1000 below their row's maximum and rows at +1000 and -1000,
    the loss is finite (hundreds) and cross_entropy matches PyTorch."""
    from ._oracles import cross_entropy

    N, C = 5, 4
    S = logits(rng, N, C, offsets=(1000.0, -1000.0, 0.0, 500.0, 0.0))
    y = labels(rng, N, C)
    S[np.arange(3), y[:3]] -= rng.uniform(800.0, 1000.0, 3)
    _expect(sub, S, y, cross_entropy(S, y), "cross_entropy with targets far below the maximum")
