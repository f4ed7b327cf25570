"""q2: the gradient grad J = -X^T (y - X beta)."""

import numpy as np

from autograder.testing import (
    Diagnose,
    check,
    expect_close,
    numerical_gradient,
)

from ._data import ols_cost_oracle, regression_problem


def _diagnose(X, y, beta):
    n = X.shape[0]
    return Diagnose(
        factors={"1/N": 1.0 / n, "-1/N": -1.0 / n},
        hints={
            "-1": "grad J = -X^T (y - X beta): check the sign.",
            "2": "J has a factor 1/2, which cancels the 2 from the square.",
            "1/N": "J is a sum over samples, not a mean.",
            "-1/N": "Both the sign and a 1/N: J is a sum, and grad J = -X^T (y - X beta).",
        },
        wrong_formulas={
            "xtx": ("X^T X beta (the X^T y term is missing)", lambda: X.T @ X @ beta),
            "xty": ("-X^T y (the X^T X beta term is missing)", lambda: -X.T @ y),
        },
    )


@check("q2", points=1)
def test_gradient_matches_finite_differences(sub, rng):
    """The gradient matches central differences of J on a small example."""
    X, y = regression_problem(rng, n=5, d=3)
    beta = rng.standard_normal(3)
    want = numerical_gradient(lambda b: ols_cost_oracle(X, y, b), beta)
    expect_close(sub.ols_gradient(X, y, beta), want, name="ols_gradient(X, y, beta)",
                 rtol=1e-6, atol=1e-7, diagnose=_diagnose(X, y, beta))


@check("q2", points=1)
def test_gradient_vanishes_at_an_exact_fit_and_is_minus_xt_r_off_it(sub, rng):
    """grad J = 0 where y = X beta, and -X^T r where y = X beta + r."""
    X, _ = regression_problem(rng, n=6, d=3)
    beta = rng.standard_normal(3)
    expect_close(sub.ols_gradient(X, X @ beta, beta), np.zeros(3),
                 name="ols_gradient(X, X @ beta, beta)", rtol=0, atol=1e-10)
    r = rng.standard_normal(6)
    y = X @ beta + r
    expect_close(sub.ols_gradient(X, y, beta), -X.T @ r, name="ols_gradient(X, X @ beta + r, beta)",
                 rtol=1e-9, atol=1e-10, diagnose=_diagnose(X, y, beta))


@check("q2", points=3, hidden=True)
def test_gradient_matches_the_closed_form(sub, rng):
    """On random tall problems the gradient equals X^T X beta - X^T y (and finite differences)."""
    for n, d in [(11, 4), (7, 5)]:
        X, y = regression_problem(rng, n=n, d=d)
        beta = rng.standard_normal(d)
        got = sub.ols_gradient(X, y, beta)
        name = f"ols_gradient on a random ({n}, {d}) problem"
        expect_close(got, X.T @ (X @ beta) - X.T @ y, name=name, rtol=1e-9, atol=1e-10,
                     diagnose=_diagnose(X, y, beta))
        fd = numerical_gradient(lambda b, X=X, y=y: ols_cost_oracle(X, y, b), beta)
        expect_close(got, fd, name=name + " (finite differences)", rtol=1e-6, atol=1e-6)
