"""Common mistakes in the logistic assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 predict_proba


@mistake("q1", cause="not_finite", sample=True)
def predict_proba(X, w):
    """Writes the sigmoid as e^z / (1 + e^z), which is inf / inf = NaN for z = 1000."""
    e = np.exp(X @ w)
    return e / (1 + e)


@mistake("q1", cause="formula:minus")
def predict_proba(X, w):
    """Drops the minus sign in the exponent: 1 / (1 + e^z) = 1 - p."""
    return 1 / (1 + np.exp(X @ w))


@mistake("q1", cause="formula:tanh")
def predict_proba(X, w):
    """Uses the tanh form without halving the score: (1 + tanh(z)) / 2."""
    return (1 + np.tanh(X @ w)) / 2


# ---------------------------------------------------------------------------- q2 log_odds


@mistake("q2", cause="sign")
def log_odds(p):
    """Takes the odds upside down: log((1 - p) / p)."""
    return np.log((1 - p) / p)


@mistake("q2", cause="formula:odds")
def log_odds(p):
    """Returns the odds p / (1 - p), forgetting the logarithm."""
    return p / (1 - p)


@mistake("q2", cause="factor:1/ln 10")
def log_odds(p):
    """Uses the base-10 logarithm."""
    return np.log10(p / (1 - p))


@mistake("q2", cause="shape")
def log_odds(p):
    """Flattens p (works on vectors, not on a matrix of probabilities)."""
    p = p.ravel()
    return np.log(p) - np.log(1 - p)


# ---------------------------------------------------------------------------- q3 logistic_loss


@mistake("q3", cause="factor:N", sample=True)
def logistic_loss(X, y, w):
    """Sums over the samples instead of averaging."""
    z = X @ w
    return float(np.sum(np.logaddexp(0, z) - y * z))


@mistake("q3", cause="sign")
def logistic_loss(X, y, w):
    """Returns the mean log-likelihood, forgetting the minus sign of the negative
    log-likelihood."""
    z = X @ w
    return float(np.mean(y * z - np.logaddexp(0, z)))


@mistake("q3", cause="not_finite")
def logistic_loss(X, y, w):
    """Computes softplus(z) as log(1 + exp(z)), which overflows to inf for z = 1000."""
    z = X @ w
    return float(np.mean(np.log(1 + np.exp(z)) - y * z))


@mistake("q3", cause="not_finite")
def logistic_loss(X, y, w):
    """Writes the loss with log p and log(1 - p): log(0) = -inf once p rounds to 1."""
    p = 1 / (1 + np.exp(-(X @ w)))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


@mistake("q3", cause="stability")
def logistic_loss(X, y, w):
    """Clips the probabilities to [eps, 1 - eps] to avoid log(0): a wrong prediction at a score
    of 1000 then costs 34.5 instead of 1000."""
    eps = 1e-15
    p = np.clip(1 / (1 + np.exp(-(X @ w))), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


@mistake("q3", cause="formula:pm1")
def logistic_loss(X, y, w):
    """Uses the loss for labels in {-1, +1}, log(1 + exp(-y z)), with labels in {0, 1}."""
    return float(np.mean(np.logaddexp(0, -y * (X @ w))))


@mistake("q3", cause="formula:positive")
def logistic_loss(X, y, w):
    """Keeps only the y log p term of the cross-entropy."""
    z = X @ w
    return float(np.mean(y * np.logaddexp(0, -z)))


@mistake("q3", cause="formula:yz_sign")
def logistic_loss(X, y, w):
    """Adds y z instead of subtracting it."""
    z = X @ w
    return float(np.mean(np.logaddexp(0, z) + y * z))


# ---------------------------------------------------------------------------- q4 gradient


@mistake("q4", cause="sign", sample=True)
def logistic_gradient(X, y, w):
    """Flips the sign: X^T (y - p) / n, the gradient of the log-likelihood."""
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (y - p) / X.shape[0]


@mistake("q4", cause="factor:N")
def logistic_gradient(X, y, w):
    """Forgets the 1/n of the mean."""
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (p - y)


@mistake("q4", cause="formula:linear")
def logistic_gradient(X, y, w):
    """Uses the least-squares residual X w - y instead of p - y."""
    return X.T @ (X @ w - y) / X.shape[0]


@mistake("q4", cause="formula:dsigma")
def logistic_gradient(X, y, w):
    """Multiplies by the sigmoid's derivative p (1 - p), as for a squared error."""
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ ((p - y) * p * (1 - p)) / X.shape[0]


@mistake("q4", cause="not_finite")
def logistic_gradient(X, y, w):
    """Computes p as e^z / (1 + e^z): NaN for z = 1000."""
    e = np.exp(X @ w)
    return X.T @ (e / (1 + e) - y) / X.shape[0]


# ---------------------------------------------------------------------------- q5 Hessian


@mistake("q5", cause="formula:unweighted", sample=True)
def logistic_hessian(X, w):
    """Forgets the weights p (1 - p): X^T X / n."""
    return X.T @ X / X.shape[0]


@mistake("q5", cause="sign")
def logistic_hessian(X, w):
    """Returns the Hessian of the log-likelihood, -X^T S X / n."""
    p = 1 / (1 + np.exp(-(X @ w)))
    return -X.T @ ((p * (1 - p))[:, None] * X) / X.shape[0]


@mistake("q5", cause="formula:squared")
def logistic_hessian(X, w):
    """Scales the rows of both factors by p (1 - p): the weights end up squared."""
    p = 1 / (1 + np.exp(-(X @ w)))
    A = (p * (1 - p))[:, None] * X
    return A.T @ A / X.shape[0]


@mistake("q5", cause="factor:N")
def logistic_hessian(X, w):
    """Forgets the 1/n."""
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ np.diag(p * (1 - p)) @ X


@mistake("q5", cause="code:exception")
def logistic_hessian(X, w):
    """Scales the rows by p (1 - p) without making it a column: (n,) * (n, d) does not
    broadcast."""
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (p * (1 - p) * X) / X.shape[0]


# ---------------------------------------------------------------------------- q6 Newton step


@mistake("q6", cause="formula:ascent", sample=True)
def newton_step(X, y, w):
    """Adds the Newton step instead of subtracting it."""
    return w + np.linalg.solve(logistic_hessian(X, w), logistic_gradient(X, y, w))


@mistake("q6", cause="formula:step")
def newton_step(X, y, w):
    """Returns the step -H^-1 g instead of the new point w - H^-1 g."""
    return -np.linalg.solve(logistic_hessian(X, w), logistic_gradient(X, y, w))


@mistake("q6", cause="mutated")
def newton_step(X, y, w):
    """Updates w in place (w -= ...), changing the caller's array."""
    w -= np.linalg.solve(logistic_hessian(X, w), logistic_gradient(X, y, w))
    return w


@mistake("q6", cause="formula:diag")
def newton_step(X, y, w):
    """Divides the gradient by the diagonal of H instead of solving with H."""
    return w - logistic_gradient(X, y, w) / np.diag(logistic_hessian(X, w))


@mistake("q6", cause="formula:scale")
def newton_step(X, y, w):
    """Writes H without the 1/n but keeps the mean gradient: the step is n times too short."""
    p = 1 / (1 + np.exp(-(X @ w)))
    H = X.T @ ((p * (1 - p))[:, None] * X)
    return w - np.linalg.solve(H, X.T @ (p - y) / X.shape[0])


# ---------------------------------------------------------------------------- q7 fit_logistic


@mistake("q7", cause="formula:extra", sample=True)
def fit_logistic(X, y, method="newton", n_iters=25, lr=1.0):
    """Takes one step too many (range(n_iters + 1))."""
    w = np.zeros(X.shape[1])
    for _ in range(n_iters + 1):
        w = newton_step(X, y, w) if method == "newton" else w - lr * logistic_gradient(X, y, w)
    return w


@mistake("q7", cause="formula:fewer")
def fit_logistic(X, y, method="newton", n_iters=25, lr=1.0):
    """Counts the start as an iteration (t from 1 while t < n_iters): one step too few."""
    w = np.zeros(X.shape[1])
    t = 1
    while t < n_iters:
        if method == "gd":
            w -= lr * logistic_gradient(X, y, w)
        else:
            w = newton_step(X, y, w)
        t += 1
    return w


@mistake("q7", cause="formula:lr1")
def fit_logistic(X, y, method="newton", n_iters=25, lr=1.0):
    """Forgets the learning rate in the gradient step."""
    w = np.zeros(X.shape[1])
    for _ in range(n_iters):
        step = newton_step(X, y, w) - w if method == "newton" else -logistic_gradient(X, y, w)
        w = w + step
    return w


@mistake("q7", cause="formula:ones")
def fit_logistic(X, y, method="newton", n_iters=25, lr=1.0):
    """Starts from w = 1 instead of w = 0."""
    w = np.ones(X.shape[1])
    for _ in range(n_iters):
        if method == "newton":
            w = newton_step(X, y, w)
        elif method == "gd":
            w -= lr * logistic_gradient(X, y, w)
    return w


@mistake("q7", cause="formula:method")
def fit_logistic(X, y, method="newton", n_iters=25, lr=1.0):
    """Tests the method with `if method == 'Newton'`, so every fit runs gradient descent."""
    w = np.zeros(X.shape[1])
    for _ in range(n_iters):
        w = newton_step(X, y, w) if method == "Newton" else w - lr * logistic_gradient(X, y, w)
    return w


@mistake("q7", cause="formula:sum")
def fit_logistic(X, y, method="newton", n_iters=25, lr=1.0):
    """Steps along the summed gradient X^T (p - y), without the 1/n."""
    w = np.zeros(X.shape[1])
    for _ in range(n_iters):
        if method == "newton":
            w = newton_step(X, y, w)
            continue
        w = w - lr * X.T @ (predict_proba(X, w) - y)
    return w


# ---------------------------------------------------------------------------- q8 predict


@mistake("q8", cause="tie", sample=True)
def predict(X, w):
    """Predicts 1 where p >= 0.5, so a sample on the boundary gets 1."""
    return (predict_proba(X, w) >= 0.5).astype(int)


@mistake("q8", cause="dtype")
def predict(X, w):
    """Returns booleans instead of integer labels."""
    return X @ w > 0


@mistake("q8", cause="formula:half")
def predict(X, w):
    """Thresholds the score x w at 0.5 instead of the probability."""
    return (X @ w > 0.5).astype(int)


@mistake("q8", cause="stability")
def predict(X, w):
    """Computes p as e^z / (1 + e^z), NaN at z = 1000, so those rows are predicted 0."""
    e = np.exp(X @ w)
    return (e / (1 + e) > 0.5).astype(int)


@mistake("q8", cause="formula:flipped")
def predict(X, w):
    """Swaps the classes: 1 where p < 0.5."""
    return (predict_proba(X, w) < 0.5).astype(int)
