"""q7: the lasso by cyclic coordinate descent, graded on optimality (not on the path)."""

import numpy as np

from autograder.testing import (
    Diagnose,
    check,
    expect_array,
    expect_close,
    fail,
)


def _sparse_problem(rng, n=20, d=6):
    X = rng.standard_normal((n, d)) * rng.uniform(0.5, 2.0, d)
    beta_true = np.zeros(d)
    beta_true[: d // 2] = rng.uniform(1.0, 3.0, d // 2) * rng.choice([-1.0, 1.0], d // 2)
    y = X @ beta_true + 0.3 * rng.standard_normal(n)
    return X, y


def _objective(X, y, beta, lam):
    return float(np.sum((y - X @ beta) ** 2) + lam * np.sum(np.abs(beta)))


def _expect_optimal(beta, X, y, lam, name):
    """The subgradient conditions of ||y - X beta||^2 + lam ||beta||_1 at beta."""
    g = 2.0 * X.T @ (y - X @ beta)
    scale = max(1.0, lam, float(np.abs(2.0 * X.T @ y).max()))
    tol = 1e-6 * scale
    nonzero = np.abs(beta) > 1e-8
    for j in np.flatnonzero(nonzero):
        if abs(g[j] - lam * np.sign(beta[j])) > tol:
            fail(f"{name}: coefficient {j} is non-zero but not optimal: at a lasso solution "
                 f"2 X_j^T (y - X beta) = lam * sign(beta_j) for every non-zero beta_j "
                 f"(tolerance {tol:.1e}). Check the soft-threshold (at lam / 2 for this "
                 "objective) and the division by X_j^T X_j.", "kkt")
    for j in np.flatnonzero(~nonzero):
        if abs(g[j]) > lam + tol:
            fail(f"{name}: coefficient {j} is zero but should not be: a coefficient can stay "
                 f"at 0 only if |2 X_j^T (y - X beta)| <= lam (tolerance {tol:.1e}).", "kkt")


def _sklearn_lasso(X, y, lam):
    from sklearn.linear_model import Lasso

    n = X.shape[0]
    if lam == 0:
        return np.linalg.lstsq(X, y, rcond=None)[0]
    model = Lasso(alpha=lam / (2 * n), fit_intercept=False, tol=1e-14, max_iter=200_000)
    return model.fit(X, y).coef_


def _diagnose(X, y, lam):
    return Diagnose(
        wrong_formulas={
            "half": ("the lasso with a 1/2 in front of the squared error (the threshold "
                     "should be lam / 2 for ||y - X beta||^2 + lam ||beta||_1)",
                     lambda: _sklearn_lasso(X, y, 2 * lam)),
            "double": ("the lasso for lam / 2 (the threshold is lam / 2, not lam / 4)",
                       lambda: _sklearn_lasso(X, y, lam / 2)),
            "ols": ("the unpenalised least-squares solution", lambda: _sklearn_lasso(X, y, 0)),
        },
    )


@check("q7", points=2)
def test_lasso_solution_is_optimal(sub, rng):
    """On a small sparse problem the returned beta satisfies the lasso's optimality conditions."""
    X, y = _sparse_problem(rng, n=12, d=4)
    lam = 0.3 * float(np.abs(2 * X.T @ y).max())
    beta = expect_array(sub.lasso_fit(X, y, lam), name="lasso_fit(X, y, lam)", shape=(4,))
    _expect_optimal(beta, X, y, lam, "lasso_fit(X, y, lam)")


@check("q7", points=1)
def test_lasso_with_a_large_penalty_is_zero(sub, rng):
    """With lam >= max |2 X^T y| every coefficient is exactly zero; just below, one is not."""
    X, y = _sparse_problem(rng, n=10, d=3)
    lam_max = float(np.abs(2 * X.T @ y).max())
    expect_close(sub.lasso_fit(X, y, 1.01 * lam_max), np.zeros(3),
                 name="lasso_fit(X, y, large lam)", rtol=0, atol=1e-12)
    beta = expect_array(sub.lasso_fit(X, y, 0.9 * lam_max), name="lasso_fit(X, y, 0.9 lam_max)",
                        shape=(3,))
    _expect_optimal(beta, X, y, 0.9 * lam_max, "lasso_fit(X, y, 0.9 lam_max)")


@check("q7", points=4, hidden=True)
def test_lasso_reaches_the_optimum(sub, rng):
    """On random sparse problems: optimality, and the objective of scikit-learn's Lasso."""
    for n, d, frac in [(20, 6, 0.3), (30, 8, 0.1)]:
        X, y = _sparse_problem(rng, n=n, d=d)
        lam = frac * float(np.abs(2 * X.T @ y).max())
        name = f"lasso_fit on a random ({n}, {d}) problem"
        beta = expect_array(sub.lasso_fit(X, y, lam), name=name, shape=(d,))
        want = _sklearn_lasso(X, y, lam)
        f_got, f_want = _objective(X, y, beta, lam), _objective(X, y, want, lam)
        if f_got > f_want + 1e-8 * max(1.0, f_want):
            expect_close(beta, want, name=name, rtol=1e-6, atol=1e-8, diagnose=_diagnose(X, y, lam))
            fail(f"{name}: the objective at your beta is above the optimum (relative "
                 f"tolerance 1e-8).", "value")
        _expect_optimal(beta, X, y, lam, name)


@check("q7", points=1, hidden=True)
def test_lasso_without_penalty_is_least_squares(sub, rng):
    """With lam = 0 coordinate descent converges to the least-squares solution."""
    X, y = _sparse_problem(rng, n=15, d=3)
    expect_close(sub.lasso_fit(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0],
                 name="lasso_fit(X, y, 0)", rtol=1e-6, atol=1e-8)
