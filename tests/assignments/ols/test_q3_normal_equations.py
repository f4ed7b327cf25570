"""q3: the minimiser of J from the normal equations, solved without an explicit inverse."""

import numpy as np

from autograder.testing import (
    Diagnose,
    check,
    expect_array,
    expect_close,
    expect_rel_error,
)

from ._data import design_with_singular_values, regression_problem


def _diagnose(X, y):
    return Diagnose(
        wrong_formulas={
            "ridge1": ("a ridge solution with lam = 1 (the minimiser of J has no penalty)",
                       lambda: np.linalg.solve(X.T @ X + np.eye(X.shape[1]), X.T @ y)),
            "xty": ("X^T y (the X^T X factor is missing)", lambda: X.T @ y),
        },
    )


@check("q3", points=1)
def test_fit_solves_the_normal_equations(sub, rng):
    """beta satisfies X^T X beta = X^T y on a small example."""
    X, y = regression_problem(rng, n=8, d=3)
    beta = sub.ols_fit(X, y)
    expect_close(beta, np.linalg.lstsq(X, y, rcond=None)[0], name="ols_fit(X, y)",
                 rtol=1e-8, atol=1e-10, diagnose=_diagnose(X, y))
    expect_close(X.T @ (X @ beta), X.T @ y, name="X^T X beta vs X^T y for your beta",
                 rtol=1e-8, atol=1e-9)


@check("q3", points=3, hidden=True)
def test_fit_matches_lstsq(sub, rng):
    """On random tall problems beta matches SciPy's least-squares solver."""
    import scipy.linalg

    for n, d in [(30, 6), (12, 5)]:
        X, y = regression_problem(rng, n=n, d=d)
        want = scipy.linalg.lstsq(X, y)[0]
        expect_close(sub.ols_fit(X, y), want, name=f"ols_fit on a random ({n}, {d}) problem",
                     rtol=1e-8, atol=1e-10, diagnose=_diagnose(X, y))


@check("q3", points=2, hidden=True)
def test_fit_is_accurate_when_ill_conditioned(sub, rng):
    """With cond(X) = 1e7 and y = X b exactly, X beta matches X b to 1e-6 (no explicit inverse)."""
    for _ in range(2):
        X = design_with_singular_values(rng, 60, np.geomspace(1.0, 1e-7, 8))
        b = rng.standard_normal(8)
        beta = expect_array(sub.ols_fit(X, X @ b), name="ols_fit(X, y)", shape=(8,))
        expect_rel_error(
            X @ beta,
            X @ b,
            name="ols_fit(X, y)",
            tol=1e-6,
            what="On an ill-conditioned design (cond(X) = 1e7, y = X b exactly), X @ beta "
                 "should match y; an explicit inverse of X^T X is not accurate enough, use "
                 "np.linalg.solve, lstsq or a QR/Cholesky factorisation",
        )
