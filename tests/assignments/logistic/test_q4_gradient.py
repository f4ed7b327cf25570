"""q4: the gradient grad L(w) = X^T (p - y) / n."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, numerical_gradient

from ._data import classification_problem, extreme_problem, random_problems, weights

RTOL, ATOL = 1e-9, 1e-12


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _diagnose(X, y, w):
    n = X.shape[0]
    z = np.clip(X @ w, -700, 700)
    p = _sigmoid(z)
    return Diagnose(
        factors={"N": float(n), "-N": -float(n)},
        hints={
            "-1": "grad L = X^T (p - y) / n: p minus y (the gradient of the NEGATIVE "
                  "log-likelihood).",
            "N": "L is a mean over the samples: divide by n.",
            "-N": "Both the sign (p - y, not y - p) and the 1/n.",
        },
        wrong_formulas={
            "linear": ("X^T (X w - y) / n, the gradient of least squares (p = sigmoid(X w) is "
                       "missing)", lambda: X.T @ (X @ w - y) / n),
            "dsigma": ("X^T ((p - y) p (1 - p)) / n (an extra sigmoid derivative: it cancels "
                       "for the cross-entropy)", lambda: X.T @ ((p - y) * p * (1 - p)) / n),
        },
    )


def _loss(X, y, w):
    """The mean cross-entropy for moderate scores (the public checks' own formula)."""
    z = X @ w
    return float(np.mean(np.log(1 + np.exp(z)) - y * z))


@check("q4", points=1)
def test_gradient_at_zero_is_xt_of_half_minus_y_over_n(sub, rng):
    """At w = 0 every p is 1/2, so the gradient is X^T (1/2 - y) / n."""
    X, y = classification_problem(rng, n=10, d=3)
    expect_close(sub.logistic_gradient(X, y, np.zeros(3)), X.T @ (0.5 - y) / 10,
                 name="logistic_gradient(X, y, zeros)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, np.zeros(3)))


@check("q4", points=1)
def test_gradient_matches_finite_differences(sub, rng):
    """At a random w the gradient matches central differences of L (step 1e-6)."""
    X, y = classification_problem(rng, n=9, d=3)
    w = weights(rng, 3)
    want = numerical_gradient(lambda v: _loss(X, y, v), w)
    expect_close(sub.logistic_gradient(X, y, w), want, name="logistic_gradient(X, y, w)",
                 rtol=1e-6, atol=1e-8, diagnose=_diagnose(X, y, w))


@check("q4", points=3, hidden=True)
def test_gradient_matches_autograd_and_finite_differences(sub, rng):
    """On random tall problems the gradient matches PyTorch autograd of the mean
    binary_cross_entropy_with_logits and central differences of SciPy's loss."""
    from ._oracles import gradient_torch, loss_log_expit

    for label, X, y, w in random_problems(rng, [(15, 4), (11, 2)]):
        got = sub.logistic_gradient(X, y, w)
        name = f"logistic_gradient on {label}"
        expect_close(got, gradient_torch(X, y, w), name=name, rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(X, y, w))
        fd = numerical_gradient(lambda v, X=X, y=y: loss_log_expit(X, y, v), w)
        expect_close(got, fd, name=name + " (finite differences)", rtol=1e-6, atol=1e-8)


@check("q4", points=2, hidden=True)
def test_gradient_at_extreme_scores_matches_autograd(sub, rng):
    """With scores of +-1000 and +-40 among moderate ones, the gradient is finite and matches
    PyTorch autograd."""
    from ._oracles import gradient_torch

    X, y, w, _ = extreme_problem(rng, d=3)
    expect_close(sub.logistic_gradient(X, y, w), gradient_torch(X, y, w),
                 name="logistic_gradient with scores of +-1000 and +-40", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(X, y, w))
