"""What only the hidden svm checks use: independent oracles and the wrong computations the
diagnoses compare with (never shipped to students).

- scikit-learn's ``Perceptron(shuffle=False, tol=None, eta0=lr, max_iter=max_epochs)`` for the
  trained perceptron, and a plain loop over the samples for its number of updates;
- PyTorch in float64 for the hinge objective and its subgradient (autograd through
  ``torch.relu(1 - m)``, whose derivative at 0 is 0: the contract's kink convention), and for
  the path of subgradient descent;
- scikit-learn's linear ``SVC`` with C = 1 / (lam n), whose solution minimises J, its dual
  objective (strong duality) and the hard-margin SVM (a very large C);
- ``sklearn.metrics.pairwise`` kernels, and kernel ``SVC`` fits whose dual coefficients feed
  ``kernel_decision`` (compared with ``SVC.decision_function``).

Heavy libraries are imported inside the functions.
"""

import warnings

import numpy as np

from autograder.testing.autograd import as_numpy, tensor, torch

from ._data import subgradient_model

# ---------------------------------------------------------------------------- the perceptron


def perceptron_loop(X, y, lr=1.0, max_epochs=100, *, strict=False, order=None,
                    count="updates", extra_epoch=False):
    """The perceptron's (w, b, n_updates) by a loop over the samples, with Python floats.

    ``order`` visits the samples in another order, ``strict`` updates only on y f(x) < 0,
    ``count`` ('epochs', 'last') counts the wrong thing, ``extra_epoch`` allows one epoch more.
    """
    n, d = X.shape
    w = [0.0] * d
    b = 0.0
    visits = list(range(n)) if order is None else list(order)
    total, epochs, last = 0, 0, 0
    for _ in range(max_epochs + (1 if extra_epoch else 0)):
        epochs += 1
        updates = 0
        for i in visits:
            score = sum(float(X[i, j]) * w[j] for j in range(d)) + b
            if (y[i] * score < 0) if strict else (y[i] * score <= 0):
                w = [w[j] + lr * float(y[i]) * float(X[i, j]) for j in range(d)]
                b += lr * float(y[i])
                updates += 1
        total += updates
        last = updates
        if updates == 0:
            break
    counts = {"updates": total, "epochs": epochs, "last": last}
    return np.array(w), b, counts[count]


def sklearn_perceptron(X, y, lr=1.0, max_epochs=100):
    """(coef, intercept) of scikit-learn's Perceptron without shuffling or a stopping
    tolerance: the same epochs in the same order, run to max_epochs (an epoch without an
    update changes nothing)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import Perceptron

    model = Perceptron(shuffle=False, tol=None, eta0=lr, max_iter=max_epochs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, np.asarray(y, dtype=float))
    return model.coef_[0].copy(), float(model.intercept_[0])


# ---------------------------------------------------------------------------- the hinge objective


def _objective(X, y, lam):
    """J as a function of float64 tensors (w, b), with torch.relu for the hinge."""
    Xt, yt = tensor(X), tensor(y)

    def J(wt, bt):
        return 0.5 * lam * (wt @ wt) + torch().relu(1.0 - yt * (Xt @ wt + bt)).mean()

    return J


def hinge_loss_torch(X, y, w, b, lam):
    return as_numpy(_objective(X, y, lam)(tensor(w), tensor(b)))


def subgradient_torch(X, y, w, b, lam):
    """(gw, gb) by autograd: relu's derivative is 0 at the kink."""
    wt, bt = tensor(w, requires_grad=True), tensor(b, requires_grad=True)
    _objective(X, y, lam)(wt, bt).backward()
    return as_numpy(wt.grad), as_numpy(bt.grad)


def svm_path_torch(X, y, lam, lr, n_iters):
    """Subgradient descent from zeros with autograd's subgradient at every step."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iters):
        gw, gb = subgradient_torch(X, y, w, b, lam)
        w, b = w - lr * gw, b - lr * gb
    return w, float(b)


def svm_path_np(X, y, lam, lr, n_iters, *, start=0.0, decay=False, sign=-1.0,
                update_bias=True, sequential=False, **mistake):
    """Subgradient descent with NumPy, and what a mistake computes: ``decay`` uses the step
    lr / sqrt(t + 1), ``sign`` +1 climbs, ``start`` starts from that constant,
    ``sequential`` takes gb at the already updated w, ``mistake`` goes to
    :func:`_data.subgradient_model`."""
    w, b = np.full(X.shape[1], start), start
    for t in range(n_iters):
        gw, gb = subgradient_model(X, y, w, b, lam, **mistake)
        step = lr / np.sqrt(t + 1.0) if decay else lr
        w = w + sign * step * gw
        if sequential:
            gb = subgradient_model(X, y, w, b, lam, **mistake)[1]
        if update_bias:
            b = b + sign * step * gb
    return w, float(b)


def linear_svc(X, y, lam):
    """scikit-learn's linear SVC with C = 1 / (lam n), which minimises J: (w, b) and the dual
    objective sum alpha - 1/2 ||sum alpha_i y_i x_i||^2 times lam (J's optimal value, by strong
    duality)."""
    from sklearn.svm import SVC

    n = X.shape[0]
    model = SVC(kernel="linear", C=1.0 / (lam * n), tol=1e-10).fit(X, y)
    coef = model.dual_coef_[0]  # alpha_i y_i
    v = coef @ model.support_vectors_
    dual = float(np.sum(np.abs(coef)) - 0.5 * v @ v)
    return model.coef_[0].copy(), float(model.intercept_[0]), lam * dual


def hard_margin_svc(X, y):
    """(w, b) of the hard-margin SVM on separable data: a linear SVC with a very large C."""
    from sklearn.svm import SVC

    model = SVC(kernel="linear", C=1e6, tol=1e-12).fit(X, y)
    return model.coef_[0].copy(), float(model.intercept_[0])


def margin_by_projection(X, y, w, b):
    """The signed distance of each point to the hyperplane, as the length of its projection
    onto the normal (x - p) for p = -b w / ||w||^2 on the hyperplane, then the worst."""
    unit = w / np.sqrt(np.sum(w * w))
    p = -b * w / np.sum(w * w)
    return float(np.min(y * ((X - p) @ unit)))


# ---------------------------------------------------------------------------- kernels


def sklearn_kernel(X, Z, kernel, degree=3, gamma=1.0, coef0=1.0):
    """The Gram matrix by sklearn.metrics.pairwise, with explicit parameters."""
    from sklearn.metrics.pairwise import linear_kernel, polynomial_kernel, rbf_kernel

    if kernel == "linear":
        return linear_kernel(X, Z)
    if kernel == "poly":
        return polynomial_kernel(X, Z, degree=degree, gamma=gamma, coef0=coef0)
    return rbf_kernel(X, Z, gamma=gamma)


def kernel_svc(X, y, kernel, C=2.0, **params):
    """A kernel SVC fit: its support vectors and dual coefficients as kernel_decision takes
    them (alpha = |dual_coef_|, y_sv = its sign, X_sv, b = intercept_), and its
    decision_function."""
    from sklearn.svm import SVC

    model = SVC(kernel=kernel, C=C, **params).fit(X, y)
    coef = model.dual_coef_[0]
    return (np.abs(coef), np.sign(coef), model.support_vectors_.copy(),
            float(model.intercept_[0]), model.decision_function)
