"""Reference solutions for the `logistic` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def predict_proba(X, w):
    """The probabilities p = sigmoid(X w) of the positive class.

    sigmoid(z) = 1 / (1 + exp(-z)). Compute it so that it stays finite for scores z = x_i w
    as large as +-1000 (a probability that underflows to 0 or rounds to 1 is fine; a NaN is
    not): exp must never see a large positive argument.

    Inputs:
    - X: array of shape (n, d), one sample per row (a column of ones, if any, is part of X)
    - w: array of shape (d,), the weights

    Returns p, an array of shape (n,) with p[i] = P(y_i = 1 | x_i).
    """
    z = X @ w
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_odds(p):
    """The log-odds (logit) of probabilities: log(p / (1 - p)), the inverse of the sigmoid.

    Input: p, an array of any shape with entries strictly between 0 and 1.
    Returns an array of the same shape as p.
    """
    return np.log(p) - np.log1p(-p)


def logistic_loss(X, y, w):
    """The mean binary cross-entropy (the negative log-likelihood divided by n):

        L(w) = 1/n sum_i [softplus(x_i w) - y_i x_i w],   softplus(z) = log(1 + exp(z)),

    which equals -1/n sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)] with p = sigmoid(X w).
    It must stay finite and correct for scores x_i w as large as +-1000 (where p rounds to 0
    or 1 and log(p) or log(1 - p) would be -inf).

    Inputs:
    - X: array of shape (n, d)
    - y: array of shape (n,), labels in {0, 1} (floats)
    - w: array of shape (d,)

    Returns a float: L(w).
    """
    z = X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def logistic_gradient(X, y, w):
    """The gradient of the mean binary cross-entropy: grad L(w) = X^T (p - y) / n.

    Inputs: X (n, d), y (n,) in {0, 1}, w (d,).
    Returns an array of shape (d,). Finite for scores x_i w up to +-1000.
    """
    return X.T @ (predict_proba(X, w) - y) / X.shape[0]


def logistic_hessian(X, w):
    """The Hessian of the mean binary cross-entropy: H = X^T diag(p (1 - p)) X / n.

    It does not depend on y. Build it without forming the (n, n) diagonal matrix: scale the
    rows of X by p (1 - p) instead.

    Inputs: X (n, d), w (d,).
    Returns an array of shape (d, d), symmetric positive semi-definite.
    """
    p = predict_proba(X, w)
    s = p * (1.0 - p)
    return X.T @ (s[:, None] * X) / X.shape[0]


def newton_step(X, y, w):
    """One Newton step on L: w_new = w - H^-1 g, with g and H the gradient and Hessian at w.

    Solve the linear system H d = g (np.linalg.solve, or any linear solver) rather than
    inverting H. Do not modify w.

    Inputs: X (n, d) with full column rank, y (n,) in {0, 1}, w (d,).
    Returns w_new, an array of shape (d,).
    """
    g = logistic_gradient(X, y, w)
    H = logistic_hessian(X, w)
    return w - np.linalg.solve(H, g)


def fit_logistic(X, y, method="newton", n_iters=25, lr=1.0):
    """Fit logistic regression by minimising L, starting from w = 0.

    - method='newton': take n_iters Newton steps, w <- w - H^-1 g;
    - method='gd': take n_iters gradient-descent steps, w <- w - lr g (lr is used only here).

    Inputs:
    - X: array of shape (n, d) with full column rank
    - y: array of shape (n,), labels in {0, 1}
    - method: 'newton' or 'gd'
    - n_iters: the number of steps (int)
    - lr: the learning rate of gradient descent (float)

    Returns w, an array of shape (d,): the weights after n_iters steps.
    """
    w = np.zeros(X.shape[1])
    for _ in range(n_iters):
        if method == "newton":
            w = newton_step(X, y, w)
        elif method == "gd":
            w = w - lr * logistic_gradient(X, y, w)
        else:
            raise ValueError(f"unknown method {method!r}: use 'newton' or 'gd'")
    return w


def predict(X, w):
    """Class predictions: 1 where p = sigmoid(x_i w) > 0.5, that is where x_i w > 0, else 0.

    A sample exactly on the decision boundary (x_i w = 0, p = 0.5) is predicted 0.

    Inputs: X (n, d), w (d,).
    Returns an integer array of shape (n,) with entries in {0, 1}.
    """
    return (X @ w > 0).astype(int)


WRITTEN_ANSWERS = {
    "w1": r"""
For OLS the gradient $-X^\top(y - X\beta)$ is *linear* in $\beta$, so setting it to zero gives
a linear system, the normal equations, solved in one step. For logistic regression
$\nabla L(w) = X^\top(\sigma(Xw) - y)/n$: setting it to zero gives $d$ equations that are
*non-linear* in $w$ (each $p_i = \sigma(x_i^\top w)$ is a sigmoid of $w$), with no algebraic
solution. We solve them iteratively: gradient descent, or Newton's method, which replaces $L$ by
its quadratic Taylor model at the current point and solves that model's normal equations, a
weighted least-squares problem whose weights $p_i(1-p_i)$ change at each step (IRLS). (On
separable data there is not even a finite solution.)
""",
    "w2": r"""
With $p = \sigma(Xw)$ the log-loss is the negative log-likelihood of the Bernoulli model
$P(y_i \mid x_i) = p_i^{y_i}(1-p_i)^{1-y_i}$, so minimising it is maximum likelihood. It is
convex in $w$: its Hessian $X^\top \operatorname{diag}(p(1-p)) X / n$ is positive
semi-definite ($v^\top H v = \frac1n\sum_i p_i(1-p_i)(x_i^\top v)^2 \ge 0$), positive definite
when $X$ has full column rank; so every local minimum is global and Newton's method and
gradient descent find it. The squared error $\frac1n\sum_i(\sigma(x_i^\top w) - y_i)^2$ composed
with the sigmoid is not convex in general (plateaus, possibly several local minima), and its
gradient carries a factor $\sigma'(z) = p(1-p)$ that vanishes for confidently wrong
predictions, so learning stalls exactly where the error is largest; the log-loss gradient
$(p - y)x$ does not.
""",
    "w3": r"""
The model predicts 1 where $p > 1/2$, that is where the log-odds $x^\top w > 0$: the decision
boundary is the hyperplane $x^\top w = 0$ (with an intercept, $w_0 + w_1x_1 + \dots = 0$), a
straight line in 2-D; $w$ is its normal and $|x^\top w|/\lVert w\rVert$ the distance to it. On
linearly separable data some $w$ classifies every point correctly, and scaling it by $c > 1$
pushes every $p_i$ closer to its label and lowers the loss, which tends to 0 but never reaches
it: there is no minimiser, the infimum is approached as $\lVert w\rVert \to \infty$. Gradient
descent keeps growing $\lVert w\rVert$ (about logarithmically in the number of steps) while its
direction settles; the probabilities become 0 and 1 (overconfident), and Newton's Hessian
becomes singular. A penalty (ridge, $\lambda\lVert w\rVert^2$) or early stopping keeps the
weights finite.
""",
}
