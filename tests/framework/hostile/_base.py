# The honest part every hostile submission shares: correct answers to q3-q8, written
# independently of the reference. A hostile file adds a wrong ols_cost and/or ols_gradient
# (q1, q2) and an attack; the attack must not change what any of this earns.
import numpy as np


def ols_fit(X, y):
    q, r = np.linalg.qr(X)
    return np.linalg.solve(r, q.T @ y)


def gradient_descent(X, y, lr, n_iters, beta0=None):
    beta = np.zeros(X.shape[1]) if beta0 is None else np.array(beta0, dtype=float)
    costs = np.empty(n_iters + 1)
    for t in range(n_iters + 1):
        r = y - X @ beta
        costs[t] = 0.5 * float(r @ r)
        if t < n_iters:
            beta = beta + lr * (X.T @ r)
    return beta, costs


def lipschitz_constant(X):
    return float(np.linalg.svd(X, compute_uv=False)[0] ** 2)


def condition_number(X):
    s = np.linalg.svd(X, compute_uv=False)
    return float((s[0] / s[-1]) ** 2)


def ridge_fit(X, y, lam):
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def lasso_fit(X, y, lam, n_sweeps=1000, tol=1e-10):
    d = X.shape[1]
    beta = np.zeros(d)
    norms = np.einsum("ij,ij->j", X, X)
    for _ in range(n_sweeps):
        moved = 0.0
        for j in range(d):
            if norms[j] == 0.0:
                continue
            partial = y - X @ beta + X[:, j] * beta[j]
            rho = X[:, j] @ partial
            new = np.sign(rho) * max(abs(rho) - lam / 2.0, 0.0) / norms[j]
            moved = max(moved, abs(new - beta[j]))
            beta[j] = new
        if moved <= tol:
            break
    return beta


def r2_score(y, y_pred):
    resid = np.sum((y - y_pred) ** 2)
    total = np.sum((y - y.mean()) ** 2)
    return float(1.0 - resid / total)
