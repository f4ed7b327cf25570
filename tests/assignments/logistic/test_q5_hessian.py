"""q5: the Hessian H = X^T diag(p (1 - p)) X / n, positive semi-definite: L is convex."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, numerical_gradient

from ._data import classification_problem, extreme_problem, random_problems, weights

RTOL, ATOL = 1e-9, 1e-12


def _diagnose(X, w):
    n = X.shape[0]
    p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -700, 700)))
    s = p * (1 - p)
    return Diagnose(
        factors={"N": float(n), "-N": -float(n)},
        hints={
            "-1": "H is the Hessian of the NEGATIVE log-likelihood: positive semi-definite.",
            "N": "L is a mean over the samples: divide by n.",
            "-N": "Both the sign (H is positive semi-definite) and the 1/n.",
        },
        wrong_formulas={
            "unweighted": ("X^T X / n (the weights p (1 - p) are missing)",
                           lambda: X.T @ X / n),
            "squared": ("X^T diag((p (1 - p))^2) X / n (the weights applied to both factors: "
                        "scale by sqrt(p (1 - p)) if you scale both)",
                        lambda: (X * s[:, None] ** 2).T @ X / n),
            "p": ("X^T diag(p) X / n (the weight is p (1 - p), the derivative of the sigmoid)",
                  lambda: (X * p[:, None]).T @ X / n),
        },
    )


@check("q5", points=1)
def test_hessian_at_zero_is_xtx_over_4n(sub, rng):
    """At w = 0 every p (1 - p) is 1/4, so H = X^T X / (4 n)."""
    X, _ = classification_problem(rng, n=10, d=3)
    expect_close(sub.logistic_hessian(X, np.zeros(3)), X.T @ X / 40,
                 name="logistic_hessian(X, zeros)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, np.zeros(3)))


@check("q5", points=1)
def test_hessian_matches_finite_differences_of_the_gradient(sub, rng):
    """At a random w each column of H matches central differences of X^T (p - y) / n."""
    X, y = classification_problem(rng, n=9, d=3)
    w = weights(rng, 3)

    def gradient(v):
        return X.T @ (1 / (1 + np.exp(-(X @ v))) - y) / 9

    want = np.column_stack([numerical_gradient(lambda v, j=j: gradient(v)[j], w)
                            for j in range(3)])
    expect_close(sub.logistic_hessian(X, w), want, name="logistic_hessian(X, w)", rtol=1e-6,
                 atol=1e-8, diagnose=_diagnose(X, w))


@check("q5", points=3, hidden=True)
def test_hessian_matches_pytorch(sub, rng):
    """On random tall problems H matches torch.autograd.functional.hessian of the mean
    binary_cross_entropy_with_logits (whatever the labels)."""
    from ._oracles import hessian_torch

    for label, X, y, w in random_problems(rng, [(14, 4), (8, 2)]):
        expect_close(sub.logistic_hessian(X, w), hessian_torch(X, y, w),
                     name=f"logistic_hessian on {label}", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(X, w))


@check("q5", points=1, hidden=True)
def test_hessian_at_extreme_scores_matches_pytorch(sub, rng):
    """With scores of +-1000 and +-40 among moderate ones, H is finite (the confident rows
    weigh p (1 - p) = 0) and matches PyTorch's Hessian."""
    from ._oracles import hessian_torch

    X, y, w, _ = extreme_problem(rng, d=3)
    expect_close(sub.logistic_hessian(X, w), hessian_torch(X, y, w),
                 name="logistic_hessian with scores of +-1000 and +-40", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, w))
