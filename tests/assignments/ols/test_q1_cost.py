"""q1: the least-squares cost J(beta) = 1/2 ||y - X beta||^2."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, expect_float

from ._data import ols_cost_oracle, regression_problem

RTOL, ATOL = 1e-10, 1e-12


def _diagnose(X, y, beta):
    n = X.shape[0]
    r = y - X @ beta
    return Diagnose(
        factors={"N": float(n), "1/N": 1.0 / n, "2/N": 2.0 / n},
        hints={
            "2": "J has a factor 1/2 in front: J = 1/2 ||y - X beta||^2.",
            "1/N": "J is a sum over the samples, not a mean.",
            "2/N": "J is 1/2 times a sum over the samples, not a mean.",
        },
        wrong_formulas={
            "norm": ("1/2 ||y - X beta|| (the norm, not its square)",
                     lambda: 0.5 * np.linalg.norm(r)),
            "abs": ("1/2 sum |y - X beta| (absolute values, not squares)",
                    lambda: 0.5 * np.abs(r).sum()),
        },
    )


@check("q1", points=1)
def test_cost_on_a_small_example(sub):
    """J on a 3x2 example you can check by hand."""
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]])
    y = np.array([1.0, -2.0, 0.5])
    beta = np.array([0.5, -1.0])
    # X beta = [-1.5, 2.5, -1]; residual y - X beta = [2.5, -4.5, 1.5]
    # J = (6.25 + 20.25 + 2.25) / 2
    got = sub.ols_cost(X, y, beta)
    expect_close(got, 14.375, name="ols_cost(X, y, beta)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, beta))


@check("q1", points=1)
def test_cost_is_zero_at_an_exact_fit_and_half_the_squared_residual_off_it(sub, rng):
    """J is 0 when y = X beta exactly, and 1/2 ||r||^2 when y = X beta + r."""
    X, _ = regression_problem(rng, n=6, d=3)
    beta = rng.standard_normal(3)
    got = expect_float(sub.ols_cost(X, X @ beta, beta), name="ols_cost(X, X @ beta, beta)")
    expect_close(got, 0.0, name="ols_cost(X, X @ beta, beta)", rtol=0, atol=1e-10)
    r = rng.standard_normal(6)
    y = X @ beta + r
    expect_close(sub.ols_cost(X, y, beta), 0.5 * float(r @ r),
                 name="ols_cost(X, X @ beta + r, beta)", rtol=1e-10, atol=1e-12,
                 diagnose=_diagnose(X, y, beta))


@check("q1", points=3, hidden=True)
def test_cost_matches_the_definition(sub, rng):
    """J on random tall problems (n != d, mixed signs) matches 1/2 ||y - X beta||^2."""
    for n, d in [(9, 4), (15, 2)]:
        X, y = regression_problem(rng, n=n, d=d)
        beta = rng.standard_normal(d)
        expect_close(sub.ols_cost(X, y, beta), ols_cost_oracle(X, y, beta),
                     name=f"ols_cost on a random ({n}, {d}) problem", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(X, y, beta))
