"""Other correct ways to write the ols functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np
import scipy.linalg

from autograder.catalogue import variant


@variant("q1")
def ols_cost(X, y, beta):
    """A loop over the samples."""
    total = 0.0
    for i in range(X.shape[0]):
        total += (y[i] - sum(X[i, j] * beta[j] for j in range(X.shape[1]))) ** 2
    return total / 2


@variant("q2")
def ols_gradient(X, y, beta):
    """X^T X beta - X^T y with einsum."""
    return np.einsum("ij,ik,k->j", X, X, beta) - np.einsum("ij,i->j", X, y)


@variant("q3")
def ols_fit(X, y):
    """np.linalg.solve on the normal equations."""
    return np.linalg.solve(X.T @ X, X.T @ y)


@variant("q3")
def ols_fit(X, y):
    """A Cholesky factorisation of X^T X."""
    return scipy.linalg.cho_solve(scipy.linalg.cho_factor(X.T @ X), X.T @ y)


@variant("q3")
def ols_fit(X, y):
    """A reduced QR factorisation of X."""
    Q, R = np.linalg.qr(X)
    return scipy.linalg.solve_triangular(R, Q.T @ y)


@variant("q4")
def gradient_descent(X, y, lr, n_iters, beta0=None):
    """Written with a preallocated history and in-place updates of a copy."""
    beta = np.zeros(X.shape[1]) if beta0 is None else beta0.astype(float).copy()
    costs = np.zeros(n_iters + 1)
    for t in range(n_iters + 1):
        r = y - X @ beta
        costs[t] = 0.5 * r @ r
        if t < n_iters:
            beta += lr * (X.T @ r)
    return beta, costs


@variant("q5")
def lipschitz_constant(X):
    """The squared largest singular value."""
    return float(np.linalg.norm(X, 2) ** 2)


@variant("q5")
def condition_number(X):
    """Eigenvalues of X^T X."""
    w = np.linalg.eigvalsh(X.T @ X)
    return float(w[-1] / w[0])


@variant("q6")
def ridge_fit(X, y, lam):
    """Through the SVD of X."""
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ (s / (s**2 + lam) * (U.T @ y))


@variant("q7")
def lasso_fit(X, y, lam, n_sweeps=1000, tol=1e-10):
    """Coordinates in reverse order, residual recomputed every time."""
    beta = np.zeros(X.shape[1])
    for _ in range(n_sweeps):
        moved = 0.0
        for j in reversed(range(X.shape[1])):
            r = y - X @ beta + X[:, j] * beta[j]
            rho = X[:, j] @ r
            new = np.sign(rho) * max(abs(rho) - lam / 2, 0.0) / (X[:, j] @ X[:, j])
            moved = max(moved, abs(new - beta[j]))
            beta[j] = new
        if moved <= tol:
            break
    return beta


@variant("q8")
def r2_score(y, y_pred):
    """With np.var (the 1/n factors cancel)."""
    return 1 - np.mean((y - y_pred) ** 2) / np.var(y)
