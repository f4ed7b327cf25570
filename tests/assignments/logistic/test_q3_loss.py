"""q3: the mean binary cross-entropy L(w) = 1/n sum [softplus(x_i w) - y_i x_i w]."""

import math

import numpy as np

from autograder.testing import Diagnose, check, expect_close, expect_float, fail

from ._data import extreme_problem, random_problems

RTOL, ATOL = 1e-9, 1e-12  # softplus by logaddexp, log1p or max(z, 0) + log1p(e^-|z|)


def _softplus(z):
    """log(1 + e^z) for moderate z (the checks' own values; never at large z)."""
    return np.log(1.0 + np.exp(z))


def _diagnose(X, y, w):
    n = X.shape[0]
    z = np.clip(X @ w, -700, 700)
    return Diagnose(
        factors={"N": float(n), "-N": -float(n), "1/ln 10": 1 / math.log(10),
                 "1/ln 2": 1 / math.log(2)},
        hints={
            "-1": "L is the NEGATIVE log-likelihood (divided by n): it is positive.",
            "N": "L is a mean over the samples, not a sum.",
            "-N": "L is the negative log-likelihood divided by n: both the sign and the 1/n.",
            "1/ln 10": "Use the natural logarithm (np.log), not log10.",
            "1/ln 2": "Use the natural logarithm (np.log), not log2.",
        },
        wrong_formulas={
            "yz_sign": ("mean of softplus(x w) + y x w (the sign of the y x w term)",
                        lambda: float(np.mean(_softplus(z) + y * z))),
            "pm1": ("mean of log(1 + exp(-y x w)), the form for labels in {-1, +1}, used with "
                    "labels in {0, 1}", lambda: float(np.mean(_softplus(-y * z)))),
            "positive": ("-mean of y log p (the (1 - y) log(1 - p) term is missing)",
                         lambda: float(np.mean(y * _softplus(-z)))),
            "no_y": ("mean of softplus(x w) (the - y x w term is missing)",
                     lambda: float(np.mean(_softplus(z)))),
            "mse": ("the mean squared error of p (not the cross-entropy)",
                    lambda: float(np.mean((1 / (1 + np.exp(-z)) - y) ** 2))),
        },
    )


def _expect_loss_at_large_scores(sub, X, y, w, moderate, want, want_moderate, label):
    """The loss on a problem with scores of +-1000; when it is finite but wrong while the rows
    with moderate scores alone give the right loss, the cause is the large scores."""
    name = f"logistic_loss {label}"
    got = expect_float(sub.logistic_loss(X, y, w), name=name)
    if math.isclose(got, want, rel_tol=RTOL, abs_tol=ATOL):
        return
    got_moderate = sub.logistic_loss(X[moderate], y[moderate], w)
    expect_close(got_moderate, want_moderate, name=f"{name}, on its rows with |x w| < 30 only",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(X[moderate], y[moderate], w))
    fail(f"{name} is wrong (tolerance rtol={RTOL:g}, atol={ATOL:g}), but right on the rows with "
         "moderate scores: the rows with |x w| = 1000 or 40 are wrong. Clipping p to "
         "[eps, 1 - eps] or taking log(1 - p) after p has rounded to 1 loses them: write the "
         "loss with softplus(z) = log(1 + e^z) computed stably (np.logaddexp(0, z), or "
         "max(z, 0) + log1p(exp(-|z|))), never as log of a probability.", "stability")


@check("q3", points=1)
def test_loss_is_log_2_at_zero_and_right_on_a_small_example(sub):
    """L(0) = log 2 whatever the labels, and on a 4x2 example L is the mean of
    log(1 + e^z) - y z with z = X w."""
    X = np.array([[1.0, 2.0], [1.0, -1.0], [1.0, 0.5], [1.0, -3.0]])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    expect_close(sub.logistic_loss(X, y, np.zeros(2)), np.log(2.0),
                 name="logistic_loss(X, y, zeros)", rtol=RTOL, atol=ATOL)
    w = np.array([0.5, -1.0])
    z = X @ w  # [-1.5, 1.5, 0, 3.5]
    expect_close(sub.logistic_loss(X, y, w), np.mean(_softplus(z) - y * z),
                 name="logistic_loss(X, y, w)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w))


@check("q3", points=1)
def test_loss_is_finite_and_right_for_scores_of_1000(sub):
    """Scores of +-1000: a confident right prediction costs 0 and a confident wrong one 1000,
    so L = (2000 + log(1 + e^-1) + log 2) / 6 here."""
    X = np.array([[1000.0, 0.0], [-1000.0, 0.0], [1000.0, 0.0], [-1000.0, 0.0], [0.5, 1.0],
                  [-1.0, 2.0]])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0])
    w = np.array([1.0, 0.5])  # X w = [1000, -1000, 1000, -1000, 1, 0]
    want = (2000 + np.log(1 + np.exp(-1.0)) + np.log(2.0)) / 6
    z = X[4:] @ w
    _expect_loss_at_large_scores(sub, X, y, w, np.arange(4, 6), want,
                                 float(np.mean(_softplus(z) - y[4:] * z)),
                                 "with scores of +-1000")


@check("q3", points=2, hidden=True)
def test_loss_matches_scipy_and_pytorch(sub, rng):
    """On random tall problems L matches SciPy's log_expit form and PyTorch's
    binary_cross_entropy_with_logits in float64."""
    from ._oracles import loss_log_expit, loss_torch

    for label, X, y, w in random_problems(rng, [(14, 3), (12, 5)]):
        got = sub.logistic_loss(X, y, w)
        name = f"logistic_loss on {label}"
        expect_close(got, loss_log_expit(X, y, w), name=name, rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(X, y, w))
        expect_close(got, loss_torch(X, y, w), name=name + " (PyTorch)", rtol=RTOL, atol=ATOL)


@check("q3", points=2, hidden=True)
def test_loss_at_extreme_scores_matches_scipy(sub, rng):
    """With scores of +-1000 and +-40 on right and wrong predictions among moderate ones, L is
    finite and matches SciPy's log_expit form."""
    from ._oracles import loss_log_expit

    X, y, w, moderate = extreme_problem(rng, d=3)
    _expect_loss_at_large_scores(sub, X, y, w, moderate, loss_log_expit(X, y, w),
                                 loss_log_expit(X[moderate], y[moderate], w),
                                 "with scores of +-1000 and +-40")
