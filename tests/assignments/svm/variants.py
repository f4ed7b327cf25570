"""Other correct ways to write the svm functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.spatial.distance

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1, q2


@variant("q1", id="perceptron_update-naive")
def perceptron_update(w, b, x, y, lr=1.0):
    """Plain loops over the coordinates, with Python lists."""
    score = b
    for j in range(len(w)):
        score += w[j] * x[j]
    new_w = [float(v) for v in w]
    if y * score <= 0:
        for j in range(len(w)):
            new_w[j] += lr * y * x[j]
        b = b + lr * y
    return np.array(new_w), float(b)


@variant("q1")
def perceptron_update(w, b, x, y, lr=1.0):
    """The prediction's sign compared with the label (np.sign(0) = 0 is never a label)."""
    mistake = np.sign(np.dot(w, x) + b) != np.sign(y)
    return w + mistake * lr * y * x, float(b + mistake * lr * y)


@variant("q2", id="train_perceptron-naive")
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Plain loops, with the weights and the bias in one augmented vector."""
    n, d = X.shape
    theta = [0.0] * (d + 1)
    n_updates = 0
    epoch = 0
    changed = True
    while changed and epoch < max_epochs:
        changed = False
        epoch += 1
        for i in range(n):
            xi = list(X[i]) + [1.0]
            score = sum(theta[j] * xi[j] for j in range(d + 1))
            if y[i] * score <= 0:
                theta = [theta[j] + lr * y[i] * xi[j] for j in range(d + 1)]
                n_updates += 1
                changed = True
    return np.array(theta[:d], dtype=float), float(theta[d]), n_updates


@variant("q2")
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Calls perceptron_update and detects an update by comparing the bias (it moves by
    lr y != 0 on every update)."""
    w, b, n_updates = np.zeros(X.shape[1]), 0.0, 0
    for _ in range(max_epochs):
        before = n_updates
        for xi, yi in zip(X, y, strict=True):
            w_new, b_new = perceptron_update(w, b, xi, yi, lr)
            if b_new != b or np.any(w_new != w):
                n_updates += 1
            w, b = w_new, b_new
        if n_updates == before:
            break
    return w, b, n_updates


# ---------------------------------------------------------------------------- q3, q4


@variant("q3", id="hinge_loss-naive")
def hinge_loss(X, y, w, b, lam):
    """A loop over the samples and the coordinates."""
    n, d = X.shape
    total = 0.0
    for i in range(n):
        f = b
        for j in range(d):
            f += X[i, j] * w[j]
        total += max(0.0, 1.0 - y[i] * f)
    return 0.5 * lam * sum(v * v for v in w) + total / n


@variant("q3")
def hinge_loss(X, y, w, b, lam):
    """np.clip for the hinge and np.linalg.norm for the penalty."""
    return float(lam / 2 * np.linalg.norm(w) ** 2
                 + np.clip(1 - y * (X @ w + b), 0, None).sum() / len(y))


@variant("q4", id="hinge_subgradient-naive")
def hinge_subgradient(X, y, w, b, lam):
    """A loop over the samples."""
    n, d = X.shape
    gw = [lam * w[j] for j in range(d)]
    gb = 0.0
    for i in range(n):
        if y[i] * (sum(X[i, j] * w[j] for j in range(d)) + b) < 1:
            for j in range(d):
                gw[j] -= y[i] * X[i, j] / n
            gb -= y[i] / n
    return np.array(gw), gb


@variant("q4")
def hinge_subgradient(X, y, w, b, lam):
    """The indicator of each violation as a float mask, and einsum."""
    mask = (y * (X @ w + b) < 1).astype(float)
    return (lam * w - np.einsum("i,i,ij->j", mask, y, X) / len(y),
            -float(np.mean(mask * y)))


# ---------------------------------------------------------------------------- q5


@variant("q5", id="train_linear_svm-naive")
def train_linear_svm(X, y, lam, lr, n_iters):
    """Plain loops, with the subgradient written inline."""
    n, d = X.shape
    w = [0.0] * d
    b = 0.0
    for _ in range(n_iters):
        gw = [lam * w[j] for j in range(d)]
        gb = 0.0
        for i in range(n):
            if y[i] * (sum(X[i, j] * w[j] for j in range(d)) + b) < 1:
                for j in range(d):
                    gw[j] -= y[i] * X[i, j] / n
                gb -= y[i] / n
        w = [w[j] - lr * gw[j] for j in range(d)]
        b -= lr * gb
    return np.array(w, dtype=float), float(b)


@variant("q5")
def train_linear_svm(X, y, lam, lr, n_iters):
    """The parameters stacked in one vector theta = (w, b)."""
    theta = np.zeros(X.shape[1] + 1)
    for _ in range(n_iters):
        gw, gb = hinge_subgradient(X, y, theta[:-1], theta[-1], lam)
        theta = theta - lr * np.append(gw, gb)
    return theta[:-1], float(theta[-1])


# ---------------------------------------------------------------------------- q6


@variant("q6", id="geometric_margin-naive")
def geometric_margin(X, y, w, b):
    """A loop, with math.hypot for the norm."""
    norm = math.hypot(*w)
    best = math.inf
    for i in range(X.shape[0]):
        best = min(best, y[i] * (float(X[i] @ w) + b) / norm)
    return best


@variant("q6")
def geometric_margin(X, y, w, b):
    """Normalise w and b first: the margin of the unit normal."""
    scale = np.sqrt(np.sum(w * w))
    return float(np.min(y * (X @ (w / scale) + b / scale)))


# ---------------------------------------------------------------------------- q7, q8


@variant("q7", id="kernel_matrix-naive")
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """A double loop over the pairs."""
    n, m = X.shape[0], Z.shape[0]
    K = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            if kernel == "linear":
                K[i, j] = float(X[i] @ Z[j])
            elif kernel == "poly":
                K[i, j] = (gamma * float(X[i] @ Z[j]) + coef0) ** degree
            else:
                diff = X[i] - Z[j]
                K[i, j] = math.exp(-gamma * float(diff @ diff))
    return K


@variant("q7")
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """SciPy's squared Euclidean distances and np.power."""
    if kernel == "rbf":
        return np.exp(-gamma * scipy.spatial.distance.cdist(X, Z, "sqeuclidean"))
    G = np.einsum("id,jd->ij", X, Z)
    return G if kernel == "linear" else np.power(gamma * G + coef0, degree)


@variant("q8", id="kernel_decision-naive")
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """A loop over the points and the support vectors, one kernel value at a time."""
    out = np.zeros(X.shape[0])
    for j in range(X.shape[0]):
        total = b
        for i in range(X_sv.shape[0]):
            k = kernel_matrix(X_sv[i:i + 1], X[j:j + 1], kernel, degree, gamma, coef0)[0, 0]
            total += alpha[i] * y_sv[i] * k
        out[j] = total
    return out


@variant("q8")
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """K(X, X_sv) times the dual coefficients alpha y."""
    K = kernel_matrix(X, X_sv, kernel=kernel, degree=degree, gamma=gamma, coef0=coef0)
    return K @ (alpha * y_sv) + b
