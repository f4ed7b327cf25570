"""Reference solutions for the `svm` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def perceptron_update(w, b, x, y, lr=1.0):
    """One step of the perceptron rule, with labels in {-1, +1}.

    The point (x, y) is a mistake when y (x w + b) <= 0: a point exactly on the decision
    boundary counts as a mistake (so from w = 0, b = 0 the first point is always one). On a
    mistake return w + lr y x and b + lr y; otherwise return w and b unchanged. Never modify
    the caller's w: return a new array.

    Inputs:
    - w: array of shape (d,), the current weights
    - b: float, the current bias
    - x: array of shape (d,), one sample
    - y: its label, -1.0 or +1.0 (an integer -1 or +1 is accepted too)
    - lr: float, the learning rate

    Returns a tuple (w_new, b_new):
    - w_new: array of shape (d,)
    - b_new: float
    """
    if y * (x @ w + b) <= 0:
        return w + lr * y * x, float(b + lr * y)
    return w.copy(), float(b)


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Train a perceptron from w = 0, b = 0.

    An epoch visits the samples in order, i = 0, 1, ..., n - 1, and applies the perceptron rule
    of `perceptron_update` to each (a mistake when y_i (x_i w + b) <= 0). Training stops after
    the first epoch in which no update happened, or after max_epochs epochs.

    Inputs:
    - X: array of shape (n, d), one sample per row
    - y: array of shape (n,), labels in {-1, +1} (floats; an integer array is accepted too)
    - lr: float, the learning rate
    - max_epochs: int, the largest number of epochs

    Returns a tuple (w, b, n_updates):
    - w: array of shape (d,), the final weights
    - b: float, the final bias
    - n_updates: int, the total number of updates (mistakes) over all epochs
    """
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    n_updates = 0
    for _ in range(max_epochs):
        updates = 0
        for i in range(n):
            if y[i] * (X[i] @ w + b) <= 0:
                w = w + lr * y[i] * X[i]
                b = b + lr * y[i]
                updates += 1
        n_updates += updates
        if updates == 0:
            break
    return w, float(b), n_updates


def hinge_loss(X, y, w, b, lam):
    """The soft-margin SVM objective (mean hinge loss plus an L2 penalty on w):

        J(w, b) = lam/2 ||w||^2 + 1/n sum_i max(0, 1 - y_i (x_i w + b)).

    The bias b is not regularised, and the data term is a mean over the samples.

    Inputs:
    - X: array of shape (n, d)
    - y: array of shape (n,), labels in {-1, +1}
    - w: array of shape (d,)
    - b: float
    - lam: float >= 0, the regularisation strength

    Returns a float: J(w, b).
    """
    margins = y * (X @ w + b)
    return float(0.5 * lam * (w @ w) + np.mean(np.maximum(0.0, 1.0 - margins)))


def hinge_subgradient(X, y, w, b, lam):
    """A subgradient of J(w, b) (see `hinge_loss`):

        gw = lam w - 1/n sum_{i : y_i f(x_i) < 1} y_i x_i,
        gb =       - 1/n sum_{i : y_i f(x_i) < 1} y_i,          f(x) = x w + b.

    Only points strictly inside the margin (y_i f(x_i) < 1) contribute. At the kink, a point
    with y_i f(x_i) = 1 exactly contributes 0 (the choice torch.relu's derivative makes at 0).
    There is no lam b term: the bias is not regularised.

    Inputs: X (n, d), y (n,) in {-1, +1}, w (d,), b float, lam float.

    Returns a tuple (gw, gb):
    - gw: array of shape (d,)
    - gb: float
    """
    n = X.shape[0]
    inside = (y * (X @ w + b) < 1.0) * y  # y_i where y_i f(x_i) < 1, else 0
    return lam * w - X.T @ inside / n, -float(np.sum(inside)) / n


def train_linear_svm(X, y, lam, lr, n_iters):
    """Subgradient descent on J(w, b), from w = 0, b = 0.

    Take n_iters full-batch steps w <- w - lr gw, b <- b - lr gb, with (gw, gb) from
    `hinge_subgradient` at the current (w, b) and a constant learning rate lr.

    Inputs:
    - X: array of shape (n, d)
    - y: array of shape (n,), labels in {-1, +1}
    - lam: float, the regularisation strength
    - lr: float, the learning rate
    - n_iters: int, the number of steps

    Returns a tuple (w, b):
    - w: array of shape (d,)
    - b: float
    """
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iters):
        gw, gb = hinge_subgradient(X, y, w, b, lam)
        w = w - lr * gw
        b = b - lr * gb
    return w, float(b)


def geometric_margin(X, y, w, b):
    """The geometric margin of the hyperplane x w + b = 0 on the data:

        min_i y_i (x_i w + b) / ||w||,

    the signed distance of the worst point to the hyperplane (||w|| is the Euclidean norm of w
    only, not of b). It is negative when some point is misclassified.

    Inputs: X (n, d), y (n,) in {-1, +1}, w (d,) not zero, b float.

    Returns a float.
    """
    return float(np.min(y * (X @ w + b)) / np.linalg.norm(w))


def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """The Gram matrix K[i, j] = k(X[i], Z[j]) of a kernel:

    - 'linear': k(x, z) = x . z
    - 'poly':   k(x, z) = (gamma x . z + coef0) ** degree
    - 'rbf':    k(x, z) = exp(-gamma ||x - z||^2)

    The parameters are scikit-learn's, but the defaults gamma = 1 and coef0 = 1 are this
    assignment's (scikit-learn's default gamma is 1 / d). 'linear' ignores them, 'rbf' uses
    only gamma.

    Inputs:
    - X: array of shape (n, d)
    - Z: array of shape (m, d)
    - kernel: 'linear', 'poly' or 'rbf'
    - degree: int, the degree of 'poly'
    - gamma: float > 0
    - coef0: float

    Returns an array of shape (n, m).
    """
    if kernel == "linear":
        return X @ Z.T
    if kernel == "poly":
        return (gamma * (X @ Z.T) + coef0) ** degree
    if kernel == "rbf":
        sq = np.sum(X**2, axis=1)[:, None] + np.sum(Z**2, axis=1)[None, :] - 2.0 * (X @ Z.T)
        return np.exp(-gamma * np.maximum(sq, 0.0))
    raise ValueError(f"unknown kernel {kernel!r}: use 'linear', 'poly' or 'rbf'")


def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """The decision function of a kernel SVM (its dual form):

        f(x) = sum_i alpha_i y_i k(x_i, x) + b,

    summed over the support vectors x_i (the rows of X_sv), for every row x of X.

    Inputs:
    - alpha: array of shape (s,), the dual coefficients, alpha_i >= 0
    - y_sv: array of shape (s,), the support vectors' labels in {-1, +1}
    - X_sv: array of shape (s, d), the support vectors
    - b: float, the bias
    - X: array of shape (m, d), the points to score
    - kernel, degree, gamma, coef0: the kernel and its parameters, as in `kernel_matrix`

    Returns an array of shape (m,): f at each row of X.
    """
    K = kernel_matrix(X_sv, X, kernel=kernel, degree=degree, gamma=gamma, coef0=coef0)
    return (alpha * y_sv) @ K + b


WRITTEN_ANSWERS = {
    "w1": r"""
The hinge loss $\max(0, 1 - y_i f(x_i))$ is exactly zero, with zero (sub)gradient, for every
point beyond the margin ($y_i f(x_i) > 1$): such points exert no force on $w$ and $b$, and
moving or deleting them does not change the solution. Only points on the margin or inside it
(or misclassified) enter the optimality condition $\lambda w = \frac1n\sum_i \beta_i y_i x_i$
with $\beta_i \in [0, 1]$ ($\beta_i = 1$ strictly inside, $\beta_i \in [0,1]$ on the margin,
$0$ outside). In the dual this is complementary slackness: $\alpha_i > 0$ only when the
constraint $y_i f(x_i) \ge 1 - \xi_i$ is active, so $w = \sum_i \alpha_i y_i x_i$ is a
combination of those few points, the support vectors. The 0-1 loss has zero gradient
everywhere, and smooth surrogates (logistic, squared) are positive for every point, so every
point keeps a non-zero weight: no sparsity.
""",
    "w2": r"""
For a separating $(w, b)$ scaled so that $\min_i y_i(x_i w + b) = 1$, the two margin
hyperplanes $x w + b = \pm 1$ are at distance $1/\lVert w\rVert$ on each side of the
decision boundary, so the empty band between the classes has width $2/\lVert w\rVert$.
Minimising $\tfrac12\lVert w\rVert^2$ under $y_i(x_i w + b) \ge 1$ therefore maximises that
band: the boundary is as far as possible from the closest points of both classes, which
makes it robust to noise and small shifts of the data (and gives generalisation bounds that
depend on the margin, not the dimension). The perceptron minimises nothing of the kind: it
updates only on mistakes, so as soon as every training point is on its correct side (the
first epoch without an update) it stops, wherever the hyperplane is; it may pass arbitrarily
close to some points. Novikoff's theorem bounds how many mistakes it makes,
$(R/\gamma)^2$, but says nothing about the margin of the hyperplane it returns, which
depends on the order of the samples and the starting point.
""",
    "w3": r"""
A kernel $k(x, z) = \phi(x)\cdot\phi(z)$ is an inner product in a feature space $\phi$,
often of very high or infinite dimension. The SVM's dual problem and its decision function
$f(x) = \sum_i \alpha_i y_i\, x_i \cdot x + b$ use the data only through inner products, so
replacing each $x_i \cdot x_j$ by $k(x_i, x_j)$ trains a linear classifier in feature space
without ever computing $\phi$: the cost is that of the $n\times n$ Gram matrix, not of the
feature dimension. For example $(x\cdot z + 1)^2$ is the inner product of all monomials of
degree $\le 2$ (suitably scaled), and the RBF kernel corresponds to an infinite-dimensional
$\phi$. A hyperplane in feature space is a non-linear boundary in input space (circles, XOR),
and the kernel must be positive semi-definite (every Gram matrix PSD, Mercer) for $\phi$ to
exist and the dual to stay convex.
""",
}
