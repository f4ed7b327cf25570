"""Common mistakes in the ols assignment, one per entry (see autograder.catalogue)."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake


@mistake("q1", cause="factor:2", sample=True)
def ols_cost(X, y, beta):
    """Forgets the 1/2 in front of the squared norm."""
    r = y - X @ beta
    return float(r @ r)


@mistake("q1", cause="factor:1/N")
def ols_cost(X, y, beta):
    """Takes the mean of the squared residuals instead of the sum."""
    return 0.5 * float(np.mean((y - X @ beta) ** 2))


@mistake("q1", cause="formula:norm")
def ols_cost(X, y, beta):
    """Uses the norm of the residual instead of its square."""
    return 0.5 * float(np.linalg.norm(y - X @ beta))


@mistake("q2", cause="sign", sample=True)
def ols_gradient(X, y, beta):
    """Drops the minus sign: X^T (y - X beta)."""
    return X.T @ (y - X @ beta)


@mistake("q2", cause="factor:1/N")
def ols_gradient(X, y, beta):
    """Divides the gradient by the number of samples."""
    return -X.T @ (y - X @ beta) / X.shape[0]


@mistake("q2", cause="formula:xtx")
def ols_gradient(X, y, beta):
    """Forgets the X^T y term."""
    return X.T @ X @ beta


@mistake("q3", cause="accuracy", sample=True)
def ols_fit(X, y):
    """Inverts X^T X explicitly."""
    return np.linalg.inv(X.T @ X) @ X.T @ y


@mistake("q3", cause="formula:xty")
def ols_fit(X, y):
    """Returns X^T y, forgetting to solve with X^T X."""
    return X.T @ y


@mistake("q4", cause="shape")
def gradient_descent(X, y, lr, n_iters, beta0=None):
    """Records the cost after each update only (no J(beta_0))."""
    beta = np.zeros(X.shape[1]) if beta0 is None else np.array(beta0, dtype=float)
    costs = []
    for _ in range(n_iters):
        beta = beta + lr * X.T @ (y - X @ beta)
        costs.append(0.5 * float(np.sum((y - X @ beta) ** 2)))
    return beta, np.array(costs)


@mistake("q4", cause="formula:zeros")
def gradient_descent(X, y, lr, n_iters, beta0=None):
    """Always starts from zeros, ignoring beta0."""
    beta = np.zeros(X.shape[1])
    costs = [0.5 * float(np.sum((y - X @ beta) ** 2))]
    for _ in range(n_iters):
        beta = beta + lr * X.T @ (y - X @ beta)
        costs.append(0.5 * float(np.sum((y - X @ beta) ** 2)))
    return beta, np.array(costs)


@mistake("q4", cause="formula:ascent")
def gradient_descent(X, y, lr, n_iters, beta0=None):
    """Steps uphill: beta + lr * grad J."""
    beta = np.zeros(X.shape[1]) if beta0 is None else np.array(beta0, dtype=float)
    costs = [0.5 * float(np.sum((y - X @ beta) ** 2))]
    for _ in range(n_iters):
        beta = beta - lr * X.T @ (y - X @ beta)
        costs.append(0.5 * float(np.sum((y - X @ beta) ** 2)))
    return beta, np.array(costs)


@mistake("q4", cause="mutated")
def gradient_descent(X, y, lr, n_iters, beta0=None):
    """Updates beta0 in place."""
    beta = np.zeros(X.shape[1]) if beta0 is None else beta0
    costs = [0.5 * float(np.sum((y - X @ beta) ** 2))]
    for _ in range(n_iters):
        beta += lr * X.T @ (y - X @ beta)
        costs.append(0.5 * float(np.sum((y - X @ beta) ** 2)))
    return beta.copy(), np.array(costs)


@mistake("q5", cause="formula:sigma")
def lipschitz_constant(X):
    """Returns the largest singular value of X instead of its square."""
    return float(np.linalg.svd(X, compute_uv=False)[0])


@mistake("q5", cause="formula:condX")
def condition_number(X):
    """Returns cond(X) instead of cond(X^T X)."""
    return float(np.linalg.cond(X))


@mistake("q6", cause="formula:half")
def ridge_fit(X, y, lam):
    """Adds lam / 2 to the diagonal (the gradient's factor 2 cancelled on one side only)."""
    return np.linalg.solve(X.T @ X + lam / 2 * np.eye(X.shape[1]), X.T @ y)


@mistake("q6", cause="formula:ones")
def ridge_fit(X, y, lam):
    """Adds lam to every entry of X^T X instead of its diagonal."""
    return np.linalg.solve(X.T @ X + lam, X.T @ y)


@mistake("q7", cause="formula:half")
def lasso_fit(X, y, lam, n_sweeps=1000, tol=1e-10):
    """Soft-thresholds at lam instead of lam / 2."""
    beta = np.zeros(X.shape[1])
    for _ in range(n_sweeps):
        old = beta.copy()
        for j in range(X.shape[1]):
            r = y - X @ beta + X[:, j] * beta[j]
            rho = X[:, j] @ r
            beta[j] = np.sign(rho) * max(abs(rho) - lam, 0.0) / (X[:, j] @ X[:, j])
        if np.max(np.abs(beta - old)) <= tol:
            break
    return beta


@mistake("q7", cause="kkt")
def lasso_fit(X, y, lam, n_sweeps=1000, tol=1e-10):
    """Soft-thresholds rho / (X_j^T X_j) at lam / 2: the threshold in the wrong units."""
    beta = np.zeros(X.shape[1])
    for _ in range(n_sweeps):
        old = beta.copy()
        for j in range(X.shape[1]):
            r = y - X @ beta + X[:, j] * beta[j]
            z = X[:, j] @ X[:, j]
            u = (X[:, j] @ r) / z
            beta[j] = np.sign(u) * max(abs(u) - lam / 2, 0.0)
        if np.max(np.abs(beta - old)) <= tol:
            break
    return beta


@mistake("q8", cause="formula:ratio")
def r2_score(y, y_pred):
    """Returns SS_res / SS_tot, forgetting the 1 minus."""
    return float(np.sum((y - y_pred) ** 2) / np.sum((y - np.mean(y)) ** 2))


@mistake("q8", cause="formula:nocenter")
def r2_score(y, y_pred):
    """Does not centre y in SS_tot."""
    return float(1 - np.sum((y - y_pred) ** 2) / np.sum(y**2))
