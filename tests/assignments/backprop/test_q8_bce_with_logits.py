"""q8: the mean binary cross-entropy computed from the scores (logits), and its gradient."""

import math

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_float,
    expect_outputs,
    fail,
    numerical_gradient,
)

from ._data import sigmoid_oracle, softplus

RTOL, ATOL = 1e-10, 1e-12
STABLE_FORM = ("Compute each sample's loss from its score: max(s, 0) - s y + log(1 + exp(-|s|)) "
               "(np.log1p helps), never log(sigmoid(s)).")


def _loss(scores, y):
    return float(np.mean(softplus(scores) - y * scores))


def _diagnose_loss(scores, y):
    n = len(scores)
    return Diagnose(
        factors={"N": float(n), "1/N": 1.0 / n},
        hints={"N": "The loss is the mean over the samples, not the sum.",
               "1/N": "The loss is the mean over the samples: divide the sum by N once.",
               "-1": "Each sample's loss -(y log p + (1 - y) log(1 - p)) is positive."},
        wrong_formulas={
            "swapped": ("the loss with the labels swapped (y and 1 - y exchanged)",
                        lambda: _loss(scores, 1 - y)),
        },
    )


def _diagnose_dscores(scores, y):
    n = len(scores)
    s = sigmoid_oracle(scores)
    return Diagnose(
        factors={"N": float(n)},
        hints={"N": "dscores is the gradient of the *mean* loss, so it is (sigmoid(s) - y) / N.",
               "-1": "dscores = (sigmoid(s) - y) / N, not (y - sigmoid(s)) / N."},
        wrong_formulas={
            "twice": ("(sigmoid(s) - y) sigmoid'(s) / N: the sigmoid's derivative counted twice",
                      lambda: (s - y) * s * (1 - s) / n),
            "no_sigmoid": ("(s - y) / N: the sigmoid of the scores is missing",
                           lambda: (scores - y) / n),
        },
    )


def _check(sub, scores, y, want_loss, want_dscores, name, rtol=RTOL, atol=ATOL):
    """Both outputs of bce_with_logits(scores, y); ``rtol``, ``atol`` are dscores' tolerance.

    A positive loss far below a large right one is named first: a probability clipped before
    the log."""
    got = sub.bce_with_logits(scores, y)
    if want_loss > 30 and 0 < expect_float(got[0], name=f"the loss from {name}") < want_loss - 1:
        fail(f"The loss from {name} is too small: a confidently wrong score (s = -1000 with "
             "y = 1, or s = 1000 with y = 0) costs about |s|, but your loss is capped, as if "
             f"the probability were clipped before the log. {STABLE_FORM}", "stability")
    expect_outputs(got, {"loss": want_loss, "dscores": want_dscores}, fn=name, rtol=rtol,
                   atol=atol, tolerances={"loss": (RTOL, ATOL)},
                   diagnose={"loss": _diagnose_loss(scores, y),
                             "dscores": _diagnose_dscores(scores, y)})


@check("q8", points=1)
def test_bce_with_logits_on_an_example(sub):
    """Loss and dscores for 5 scores of both signs; dscores against central differences."""
    scores = np.array([2.0, -1.0, 0.5, -3.0, 0.0])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    fd = numerical_gradient(lambda s: _loss(s, y), scores)
    _check(sub, scores, y, _loss(scores, y), fd, "bce_with_logits(scores, y) on 5 samples",
           rtol=FD_RTOL, atol=FD_ATOL)


@check("q8", points=1)
def test_bce_with_logits_is_finite_for_large_scores(sub):
    """Scores of +-1000 give a finite loss (1000 for a confidently wrong sample) and dscores."""
    scores = np.array([1000.0, -1000.0, 800.0, -800.0, 30.0, -30.0])
    y = np.array([0.0, 1.0, 1.0, 0.0, 0.0, 1.0])
    want = (sigmoid_oracle(scores) - y) / scores.size
    _check(sub, scores, y, _loss(scores, y), want,
           "bce_with_logits on scores of magnitude up to 1000")


@check("q8", points=2, hidden=True)
def test_bce_with_logits_matches_torch(sub, rng):
    """Loss and dscores match PyTorch's binary_cross_entropy_with_logits and autograd."""
    from ._oracles import bce_with_logits

    for n in (7, 12):
        scores = 3.0 * rng.standard_normal(n)
        y = (rng.random(n) < 0.5).astype(float)
        y[:2] = [0.0, 1.0]
        want_loss, want_dscores = bce_with_logits(scores, y)
        _check(sub, scores, y, want_loss, want_dscores, f"bce_with_logits on {n} random scores")


@check("q8", points=2, hidden=True)
def test_bce_with_logits_is_stable_at_extreme_scores(sub, rng):
    """Random scores up to 1000 in magnitude, right and wrong: finite, and PyTorch's values."""
    from ._oracles import bce_with_logits

    n = 10
    scores = rng.uniform(50.0, 1000.0, n) * rng.choice([-1.0, 1.0], n)
    y = (rng.random(n) < 0.5).astype(float)
    scores[:2] = rng.uniform(500.0, 1000.0, 2) * [-1.0, 1.0]
    y[:2] = [1.0, 0.0]  # two confidently wrong samples
    want_loss, want_dscores = bce_with_logits(scores, y)
    assert math.isfinite(want_loss) and want_loss > 30
    _check(sub, scores, y, want_loss, want_dscores, "bce_with_logits on scores up to 1000")
