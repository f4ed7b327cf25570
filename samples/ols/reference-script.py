"""Reference solutions for the `ols` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def ols_cost(X, y, beta):
    """The least-squares cost J(beta) = 1/2 ||y - X beta||^2.

    Inputs:
    - X: array of shape (n, d), the design matrix
    - y: array of shape (n,), the targets
    - beta: array of shape (d,), the coefficients

    Returns a float: J(beta).
    """
    residual = y - X @ beta
    return 0.5 * float(residual @ residual)


def ols_gradient(X, y, beta):
    """The gradient of J at beta: grad J = -X^T (y - X beta).

    Inputs: X (n, d), y (n,), beta (d,).
    Returns an array of shape (d,).
    """
    return -X.T @ (y - X @ beta)


def ols_fit(X, y):
    """The minimiser of J, from the normal equations X^T X beta = X^T y.

    Solve the system without forming an explicit inverse (np.linalg.solve, a Cholesky or
    QR factorisation, or np.linalg.lstsq).

    Inputs: X (n, d) with full column rank, y (n,).
    Returns beta, an array of shape (d,).
    """
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    return beta


def gradient_descent(X, y, lr, n_iters, beta0=None):
    """Minimise J by gradient descent: beta_{t+1} = beta_t - lr * grad J(beta_t).

    Inputs:
    - X (n, d), y (n,)
    - lr: the step size (float)
    - n_iters: the number of updates (int)
    - beta0: the starting point, shape (d,); zeros if None. Do not modify it.

    Returns (beta, costs):
    - beta: shape (d,), the coefficients after n_iters updates
    - costs: shape (n_iters + 1,), costs[t] = J(beta_t), starting with J(beta_0)
    """
    beta = np.zeros(X.shape[1]) if beta0 is None else np.array(beta0, dtype=float)
    costs = np.empty(n_iters + 1)
    for t in range(n_iters):
        costs[t] = ols_cost(X, y, beta)
        beta = beta - lr * ols_gradient(X, y, beta)
    costs[n_iters] = ols_cost(X, y, beta)
    return beta, costs


def lipschitz_constant(X):
    """L, the largest eigenvalue of X^T X: the smoothness constant of J (lr = 1/L converges).

    Input: X (n, d).  Returns a float.
    """
    return float(np.linalg.eigvalsh(X.T @ X)[-1])


def condition_number(X):
    """kappa(X^T X) = lambda_max / lambda_min, the ratio of the extreme eigenvalues of X^T X.

    Input: X (n, d) with full column rank.  Returns a float.
    """
    s = np.linalg.svd(X, compute_uv=False)
    return float((s[0] / s[-1]) ** 2)


def ridge_fit(X, y, lam):
    """Ridge regression: the minimiser of ||y - X beta||^2 + lam ||beta||^2.

    The closed form is beta = (X^T X + lam I)^-1 X^T y; every coefficient is penalised.
    Solve the system rather than inverting the matrix.

    Inputs: X (n, d), y (n,), lam >= 0 (float).  Returns beta, shape (d,).
    """
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)


def lasso_fit(X, y, lam, n_sweeps=1000, tol=1e-10):
    """The lasso: the minimiser of ||y - X beta||^2 + lam ||beta||_1 (note: no 1/2).

    Use cyclic coordinate descent with soft-thresholding, starting from beta = 0. A sweep
    updates every coordinate once; stop after n_sweeps sweeps, or as soon as no coefficient
    moved by more than tol during a sweep.

    Inputs: X (n, d), y (n,), lam >= 0, n_sweeps (int), tol (float).
    Returns beta, shape (d,).
    """
    n, d = X.shape
    beta = np.zeros(d)
    col_sq = np.sum(X * X, axis=0)
    residual = y.astype(float).copy()
    for _ in range(n_sweeps):
        largest_step = 0.0
        for j in range(d):
            if col_sq[j] == 0.0:
                continue
            rho = X[:, j] @ residual + col_sq[j] * beta[j]
            new = np.sign(rho) * max(abs(rho) - lam / 2.0, 0.0) / col_sq[j]
            step = new - beta[j]
            if step != 0.0:
                residual -= step * X[:, j]
                beta[j] = new
            largest_step = max(largest_step, abs(step))
        if largest_step <= tol:
            break
    return beta


def r2_score(y, y_pred):
    """The coefficient of determination R^2 = 1 - SS_res / SS_tot.

    SS_res = sum (y - y_pred)^2 and SS_tot = sum (y - mean(y))^2.
    Inputs: y (n,), y_pred (n,).  Returns a float.
    """
    ss_res = float(np.sum((y - y_pred) ** 2))
    ss_tot = float(np.sum((y - np.mean(y)) ** 2))
    return 1.0 - ss_res / ss_tot


WRITTEN_ANSWERS = {
    "w1": r"""
$J(\beta) = \tfrac12 (y - X\beta)^\top (y - X\beta)
= \tfrac12 y^\top y - \beta^\top X^\top y + \tfrac12 \beta^\top X^\top X \beta$.
Differentiating term by term, $\nabla J = -X^\top y + X^\top X \beta = -X^\top (y - X\beta)$.
$J$ is convex ($\nabla^2 J = X^\top X \succeq 0$), so its minimisers are exactly the points
where the gradient vanishes: $X^\top X \beta = X^\top y$, the normal equations. With full column
rank $X^\top X$ is positive definite, so the solution is unique.
""",
    "w2": r"""
Forming $X^\top X$ costs $O(n d^2)$ and solving or inverting it $O(d^3)$, with $O(d^2)$ memory;
for large $d$ (or data that does not fit in memory) that is prohibitive, while one gradient
step costs $O(nd)$ and can use mini-batches. Numerically, $\kappa(X^\top X) = \kappa(X)^2$: an
explicit inverse of an ill-conditioned $X^\top X$ loses about twice as many digits as a QR or
lstsq solve, and a small perturbation of the data can change it wildly. Gradient descent never
forms the inverse, can stop early (implicit regularisation), and with step $1/L$ converges at a
rate governed by the condition number.
""",
}
