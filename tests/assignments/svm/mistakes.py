"""Common mistakes in the svm assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 perceptron_update


@mistake("q1", cause="formula:strict", sample=True)
def perceptron_update(w, b, x, y, lr=1.0):
    """Updates only on strict mistakes, y f(x) < 0: from w = 0 nothing ever happens."""
    if y * (x @ w + b) < 0:
        return w + lr * y * x, float(b + lr * y)
    return w.copy(), float(b)


@mistake("q1", cause="formula:no_label")
def perceptron_update(w, b, x, y, lr=1.0):
    """Forgets the label's sign in the update: w + lr x."""
    if y * (x @ w + b) <= 0:
        return w + lr * x, float(b + lr)
    return w.copy(), float(b)


@mistake("q1", cause="mutated")
def perceptron_update(w, b, x, y, lr=1.0):
    """Updates the caller's w in place (w += ...)."""
    if y * (x @ w + b) <= 0:
        w += lr * y * x
        b += lr * y
    return w, float(b)


@mistake("q1", cause="formula:no_bias")
def perceptron_update(w, b, x, y, lr=1.0):
    """Updates w on a mistake but forgets the bias."""
    if y * (x @ w + b) <= 0:
        return w + lr * y * x, float(b)
    return w.copy(), float(b)


@mistake("q1", cause="formula:no_b_in_test")
def perceptron_update(w, b, x, y, lr=1.0):
    """Decides the mistake on y (x w) without the bias."""
    if y * (x @ w) <= 0:
        return w + lr * y * x, float(b + lr * y)
    return w.copy(), float(b)


@mistake("q1", cause="formula:no_lr")
def perceptron_update(w, b, x, y, lr=1.0):
    """Forgets the learning rate."""
    if y * (x @ w + b) <= 0:
        return w + y * x, float(b + y)
    return w.copy(), float(b)


@mistake("q1", cause="formula:always")
def perceptron_update(w, b, x, y, lr=1.0):
    """Compares the prediction with the label the wrong way round: updates on correct points."""
    if y * (x @ w + b) > 0:
        return w + lr * y * x, float(b + lr * y)
    return w.copy(), float(b)


# ---------------------------------------------------------------------------- q2 train_perceptron


@mistake("q2", cause="formula:strict", sample=True)
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Counts a mistake only when y f(x) < 0, so training never leaves w = 0."""
    w, b, n_updates = np.zeros(X.shape[1]), 0.0, 0
    for _ in range(max_epochs):
        updates = 0
        for i in range(X.shape[0]):
            if y[i] * (X[i] @ w + b) < 0:
                w, b, updates = w + lr * y[i] * X[i], b + lr * y[i], updates + 1
        n_updates += updates
        if updates == 0:
            break
    return w, float(b), n_updates


@mistake("q2", cause="formula:epochs")
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Returns the number of epochs as n_updates."""
    w, b, epochs = np.zeros(X.shape[1]), 0.0, 0
    while epochs < max_epochs:
        epochs += 1
        updates = 0
        for i in range(X.shape[0]):
            if y[i] * (X[i] @ w + b) <= 0:
                w, b, updates = w + lr * y[i] * X[i], b + lr * y[i], updates + 1
        if updates == 0:
            break
    return w, float(b), epochs


@mistake("q2", cause="formula:last")
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Resets the update counter at each epoch and returns the last epoch's count."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        n_updates = 0
        for i in range(X.shape[0]):
            if y[i] * (X[i] @ w + b) <= 0:
                w, b, n_updates = w + lr * y[i] * X[i], b + lr * y[i], n_updates + 1
        if n_updates == 0:
            break
    return w, float(b), n_updates


@mistake("q2", cause="formula:order")
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Visits the samples from the last to the first."""
    w, b, n_updates = np.zeros(X.shape[1]), 0.0, 0
    for _ in range(max_epochs):
        updates = 0
        for i in reversed(range(X.shape[0])):
            if y[i] * (X[i] @ w + b) <= 0:
                w, b, updates = w + lr * y[i] * X[i], b + lr * y[i], updates + 1
        n_updates += updates
        if updates == 0:
            break
    return w, float(b), n_updates


@mistake("q2", cause="formula:extra_epoch")
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Loops while epoch <= max_epochs: one epoch too many when the data are not separable."""
    w, b, n_updates, epoch = np.zeros(X.shape[1]), 0.0, 0, 0
    while epoch <= max_epochs:
        updates = 0
        for i in range(X.shape[0]):
            if y[i] * (X[i] @ w + b) <= 0:
                w, b, updates = w + lr * y[i] * X[i], b + lr * y[i], updates + 1
        n_updates += updates
        epoch += 1
        if updates == 0:
            break
    return w, float(b), n_updates


# ---------------------------------------------------------------------------- q3 hinge_loss


@mistake("q3", cause="formula:sum", sample=True)
def hinge_loss(X, y, w, b, lam):
    """Sums the hinge losses instead of averaging them."""
    return float(0.5 * lam * w @ w + np.sum(np.maximum(0, 1 - y * (X @ w + b))))


@mistake("q3", cause="formula:bias")
def hinge_loss(X, y, w, b, lam):
    """Regularises the bias too: lam/2 (||w||^2 + b^2)."""
    theta = np.append(w, b)
    return float(0.5 * lam * theta @ theta + np.mean(np.maximum(0, 1 - y * (X @ w + b))))


@mistake("q3", cause="formula:half")
def hinge_loss(X, y, w, b, lam):
    """Drops the 1/2 of the penalty."""
    return float(lam * w @ w + np.mean(np.maximum(0, 1 - y * (X @ w + b))))


@mistake("q3", cause="formula:no_max")
def hinge_loss(X, y, w, b, lam):
    """Forgets the max(0, .): points beyond the margin lower the loss."""
    return float(0.5 * lam * w @ w + np.mean(1 - y * (X @ w + b)))


@mistake("q3", cause="formula:squared")
def hinge_loss(X, y, w, b, lam):
    """Squares the hinge."""
    return float(0.5 * lam * w @ w + np.mean(np.maximum(0, 1 - y * (X @ w + b)) ** 2))


@mistake("q3", cause="formula:norm")
def hinge_loss(X, y, w, b, lam):
    """Penalises the norm of w instead of its square."""
    return float(0.5 * lam * np.linalg.norm(w) + np.mean(np.maximum(0, 1 - y * (X @ w + b))))


# ---------------------------------------------------------------------------- q4 hinge_subgradient


@mistake("q4", cause="formula:kink", sample=True)
def hinge_subgradient(X, y, w, b, lam):
    """Counts the points at the kink (y f(x) = 1) as violations: <= 1 instead of < 1."""
    active = y * (X @ w + b) <= 1
    return lam * w - X[active].T @ y[active] / len(y), -float(np.sum(y[active])) / len(y)


@mistake("q4", cause="formula:bias")
def hinge_subgradient(X, y, w, b, lam):
    """Adds lam b to gb, as if the bias were regularised."""
    active = y * (X @ w + b) < 1
    return (lam * w - X[active].T @ y[active] / len(y),
            lam * b - float(np.sum(y[active])) / len(y))


@mistake("q4", cause="formula:sum")
def hinge_subgradient(X, y, w, b, lam):
    """Forgets the 1/n of the mean."""
    active = y * (X @ w + b) < 1
    return lam * w - X[active].T @ y[active], -float(np.sum(y[active]))


@mistake("q4", cause="formula:sign")
def hinge_subgradient(X, y, w, b, lam):
    """Adds the data term instead of subtracting it."""
    active = y * (X @ w + b) < 1
    return lam * w + X[active].T @ y[active] / len(y), float(np.sum(y[active])) / len(y)


@mistake("q4", cause="formula:two_lam")
def hinge_subgradient(X, y, w, b, lam):
    """Differentiates lam/2 ||w||^2 as 2 lam w."""
    active = y * (X @ w + b) < 1
    return 2 * lam * w - X[active].T @ y[active] / len(y), -float(np.sum(y[active])) / len(y)


@mistake("q4", cause="formula:violators")
def hinge_subgradient(X, y, w, b, lam):
    """Averages over the violating points only (np.mean of the selected rows)."""
    active = y * (X @ w + b) < 1
    if not active.any():
        return lam * w, 0.0
    return (lam * w - np.mean(y[active][:, None] * X[active], axis=0),
            -float(np.mean(y[active])))


# ---------------------------------------------------------------------------- q5 train_linear_svm


@mistake("q5", cause="formula:decay", sample=True)
def train_linear_svm(X, y, lam, lr, n_iters):
    """Uses the decaying step lr / sqrt(t + 1) of the subgradient-method textbooks."""
    w, b = np.zeros(X.shape[1]), 0.0
    for t in range(n_iters):
        gw, gb = hinge_subgradient(X, y, w, b, lam)
        step = lr / np.sqrt(t + 1)
        w, b = w - step * gw, b - step * gb
    return w, float(b)


@mistake("q5", cause="formula:no_bias")
def train_linear_svm(X, y, lam, lr, n_iters):
    """Never updates the bias."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iters):
        gw, _ = hinge_subgradient(X, y, w, b, lam)
        w = w - lr * gw
    return w, float(b)


@mistake("q5", cause="formula:ascent")
def train_linear_svm(X, y, lam, lr, n_iters):
    """Adds the subgradient (ascent)."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iters):
        gw, gb = hinge_subgradient(X, y, w, b, lam)
        w, b = w + lr * gw, b + lr * gb
    return w, float(b)


@mistake("q5", cause="formula:extra")
def train_linear_svm(X, y, lam, lr, n_iters):
    """Takes n_iters + 1 steps (range(n_iters + 1))."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iters + 1):
        gw, gb = hinge_subgradient(X, y, w, b, lam)
        w, b = w - lr * gw, b - lr * gb
    return w, float(b)


@mistake("q5", cause="formula:sequential")
def train_linear_svm(X, y, lam, lr, n_iters):
    """Updates w first, then takes gb at the new w."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iters):
        w = w - lr * hinge_subgradient(X, y, w, b, lam)[0]
        b = b - lr * hinge_subgradient(X, y, w, b, lam)[1]
    return w, float(b)


@mistake("q5", cause="formula:ones")
def train_linear_svm(X, y, lam, lr, n_iters):
    """Starts from w = 1, b = 1."""
    w, b = np.ones(X.shape[1]), 1.0
    for _ in range(n_iters):
        gw, gb = hinge_subgradient(X, y, w, b, lam)
        w, b = w - lr * gw, b - lr * gb
    return w, float(b)


# ---------------------------------------------------------------------------- q6 geometric_margin


@mistake("q6", cause="formula:functional", sample=True)
def geometric_margin(X, y, w, b):
    """Returns the functional margin, without dividing by ||w||."""
    return float(np.min(y * (X @ w + b)))


@mistake("q6", cause="formula:with_b")
def geometric_margin(X, y, w, b):
    """Divides by the norm of (w, b) instead of w."""
    return float(np.min(y * (X @ w + b)) / np.linalg.norm(np.append(w, b)))


@mistake("q6", cause="formula:abs")
def geometric_margin(X, y, w, b):
    """Takes the unsigned distance |x w + b| / ||w|| (ignores misclassified points)."""
    return float(np.min(np.abs(X @ w + b)) / np.linalg.norm(w))


@mistake("q6", cause="formula:mean")
def geometric_margin(X, y, w, b):
    """Averages the distances instead of taking the worst."""
    return float(np.mean(y * (X @ w + b)) / np.linalg.norm(w))


@mistake("q6", cause="formula:squared_norm")
def geometric_margin(X, y, w, b):
    """Divides by ||w||^2."""
    return float(np.min(y * (X @ w + b)) / (w @ w))


# ---------------------------------------------------------------------------- q7 kernel_matrix


@mistake("q7", cause="formula:norm", sample=True)
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Uses ||x - z|| instead of its square in the RBF kernel."""
    if kernel == "linear":
        return X @ Z.T
    if kernel == "poly":
        return (gamma * X @ Z.T + coef0) ** degree
    return np.exp(-gamma * np.sqrt(np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2)))


@mistake("q7", cause="formula:gamma_1_over_d")
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=None, coef0=1.0):
    """Copies scikit-learn's default gamma = 1/d."""
    if gamma is None:
        gamma = 1.0 / X.shape[1]
    if kernel == "linear":
        return X @ Z.T
    if kernel == "poly":
        return (gamma * X @ Z.T + coef0) ** degree
    return np.exp(-gamma * np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2))


@mistake("q7", cause="formula:no_coef0")
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=0.0):
    """Copies scikit-learn SVC's default coef0 = 0."""
    if kernel == "linear":
        return X @ Z.T
    if kernel == "poly":
        return (gamma * X @ Z.T + coef0) ** degree
    return np.exp(-gamma * np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2))


@mistake("q7", cause="formula:no_gamma")
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Forgets gamma in the polynomial kernel."""
    if kernel == "linear":
        return X @ Z.T
    if kernel == "poly":
        return (X @ Z.T + coef0) ** degree
    return np.exp(-gamma * np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2))


@mistake("q7", cause="formula:degree3")
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Hard-codes the cube of the polynomial kernel."""
    if kernel == "linear":
        return X @ Z.T
    if kernel == "poly":
        return (gamma * X @ Z.T + coef0) ** 3
    return np.exp(-gamma * np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2))


@mistake("q7", cause="formula:sigma")
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Writes the RBF kernel in the sigma form, exp(-||x - z||^2 / (2 sigma^2)), with gamma as
    sigma."""
    if kernel == "linear":
        return X @ Z.T
    if kernel == "poly":
        return (gamma * X @ Z.T + coef0) ** degree
    return np.exp(-np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2) / (2 * gamma**2))


@mistake("q7", cause=("transpose", "shape"))
def kernel_matrix(X, Z, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Builds K[j, i] = k(Z[j], X[i]), of shape (m, n)."""
    if kernel == "linear":
        return Z @ X.T
    if kernel == "poly":
        return (gamma * Z @ X.T + coef0) ** degree
    return np.exp(-gamma * np.sum((Z[:, None, :] - X[None, :, :]) ** 2, axis=2))


# ---------------------------------------------------------------------------- q8 kernel_decision


@mistake("q8", cause="formula:no_labels", sample=True)
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Forgets the labels: sum alpha_i k(x_i, x) + b."""
    return alpha @ kernel_matrix(X_sv, X, kernel, degree, gamma, coef0) + b


@mistake("q8", cause="offset")
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Forgets the bias."""
    return (alpha * y_sv) @ kernel_matrix(X_sv, X, kernel, degree, gamma, coef0)


@mistake("q8", cause="formula:defaults")
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Does not pass the kernel's parameters on to kernel_matrix."""
    return (alpha * y_sv) @ kernel_matrix(X_sv, X, kernel) + b


@mistake("q8", cause="formula:sign_only")
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Returns the predicted labels sign(f(x)) instead of the decision values."""
    return np.sign((alpha * y_sv) @ kernel_matrix(X_sv, X, kernel, degree, gamma, coef0) + b)


@mistake("q8", cause="formula:minus_b")
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=1.0, coef0=1.0):
    """Subtracts the bias, as libsvm's rho."""
    return (alpha * y_sv) @ kernel_matrix(X_sv, X, kernel, degree, gamma, coef0) - b


@mistake("q8", cause="formula:gamma_1_over_d")
def kernel_decision(alpha, y_sv, X_sv, b, X, kernel="rbf", degree=3, gamma=None, coef0=1.0):
    """Defaults gamma to scikit-learn's 1/d."""
    if gamma is None:
        gamma = 1.0 / X.shape[1]
    return (alpha * y_sv) @ kernel_matrix(X_sv, X, kernel, degree, gamma, coef0) + b
