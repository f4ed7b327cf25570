"""q6: ridge regression's closed form."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import regression_problem


def _ridge(X, y, lam):
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def _diagnose(X, y, lam):
    n = X.shape[0]
    return Diagnose(
        wrong_formulas={
            "ols": ("the unpenalised least-squares solution (lam was ignored)",
                    lambda: np.linalg.lstsq(X, y, rcond=None)[0]),
            "half": ("the ridge solution for lam / 2; the objective is "
                     "||y - X beta||^2 + lam ||beta||^2, whose minimiser uses X^T X + lam I",
                     lambda: _ridge(X, y, lam / 2)),
            "double": ("the ridge solution for 2 lam", lambda: _ridge(X, y, 2 * lam)),
            "nlam": ("the ridge solution for n * lam (the penalty is not scaled by n)",
                     lambda: _ridge(X, y, n * lam)),
            "ones": ("lam added to every entry of X^T X instead of its diagonal",
                     lambda: np.linalg.solve(X.T @ X + lam, X.T @ y)),
        },
    )


@check("q6", points=1)
def test_ridge_on_a_small_example(sub, rng):
    """beta solves (X^T X + lam I) beta = X^T y for lam = 1.5."""
    X, y = regression_problem(rng, n=6, d=3)
    beta = sub.ridge_fit(X, y, 1.5)
    expect_close(beta, _ridge(X, y, 1.5), name="ridge_fit(X, y, 1.5)", rtol=1e-8, atol=1e-10,
                 diagnose=_diagnose(X, y, 1.5))


@check("q6", points=1)
def test_ridge_with_zero_penalty_is_least_squares(sub, rng):
    """With lam = 0 ridge is ordinary least squares."""
    X, y = regression_problem(rng, n=9, d=3)
    expect_close(sub.ridge_fit(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0],
                 name="ridge_fit(X, y, 0)", rtol=1e-8, atol=1e-10)


@check("q6", points=3, hidden=True)
def test_ridge_matches_scikit_learn(sub, rng):
    """On random problems (n > d and n < d) beta matches scikit-learn's Ridge without intercept."""
    from sklearn.linear_model import Ridge

    for n, d, lam in [(15, 5, 2.5), (4, 6, 0.7)]:
        X, y = regression_problem(rng, n=n, d=d)
        want = Ridge(alpha=lam, fit_intercept=False, solver="svd").fit(X, y).coef_
        got = sub.ridge_fit(X, y, lam)
        name = f"ridge_fit on a random ({n}, {d}) problem with lam = {lam}"
        expect_close(got, want, name=name, rtol=1e-8, atol=1e-10, diagnose=_diagnose(X, y, lam))
        # Optimality: the gradient of the ridge objective vanishes.
        expect_close(X.T @ (X @ got) + lam * got, X.T @ y, name=name + " (optimality)",
                     rtol=1e-8, atol=1e-9)
