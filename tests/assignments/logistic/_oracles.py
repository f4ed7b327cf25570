"""What only the hidden logistic checks use: independent oracles and the fits they are compared
with (never shipped to students).

- SciPy's ``expit``, ``log_expit`` and ``logit`` for stable values of the sigmoid, the loss
  and the log-odds;
- PyTorch in float64 (``binary_cross_entropy_with_logits``, autograd and
  ``torch.autograd.functional.hessian``) for the loss, its gradient and its Hessian;
- scikit-learn's ``LogisticRegression`` without a penalty (C = inf, no intercept of its own)
  for a converged fit;
- Newton and gradient-descent paths written from the definitions with SciPy, for fits that
  have not converged, and for what a wrong iteration count, start or step would give.

Heavy libraries are imported inside the functions.
"""

import numpy as np

from autograder.testing.autograd import as_numpy, tensor, torch


def expit(z):
    import scipy.special

    return scipy.special.expit(z)


def logit(p):
    import scipy.special

    return scipy.special.logit(p)


def loss_log_expit(X, y, w):
    """-1/n sum [y log sigmoid(z) + (1 - y) log sigmoid(-z)], with SciPy's stable log_expit."""
    import scipy.special

    z = X @ w
    return -float(np.mean(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z)))


def _bce(X, y):
    """The mean loss as a function of a float64 tensor w (PyTorch's BCE with logits)."""
    F = torch().nn.functional
    Xt, yt = tensor(X), tensor(y)
    return lambda wt: F.binary_cross_entropy_with_logits(Xt @ wt, yt)


def loss_torch(X, y, w):
    return as_numpy(_bce(X, y)(tensor(w)))


def gradient_torch(X, y, w):
    """grad L(w) by autograd."""
    wt = tensor(w, requires_grad=True)
    _bce(X, y)(wt).backward()
    return as_numpy(wt.grad)


def hessian_torch(X, y, w):
    """The Hessian of L at w by torch.autograd.functional.hessian."""
    return as_numpy(torch().autograd.functional.hessian(_bce(X, y), tensor(w)))


def newton_oracle(X, y, w):
    """w - H^-1 g with autograd's gradient and Hessian."""
    return w - np.linalg.solve(hessian_torch(X, y, w), gradient_torch(X, y, w))


def newton_path(X, y, n_iters, w0=None, sign=-1.0):
    """n_iters Newton steps from w0 (zeros), written with SciPy's expit; ``sign=+1`` steps the
    wrong way."""
    n = X.shape[0]
    w = np.zeros(X.shape[1]) if w0 is None else np.array(w0, dtype=float)
    for _ in range(n_iters):
        p = expit(X @ w)
        H = np.einsum("i,ij,ik->jk", p * (1 - p), X, X) / n
        w = w + sign * np.linalg.solve(H, X.T @ (p - y) / n)
    return w


def gd_path(X, y, n_iters, lr, w0=None, scale=None):
    """n_iters steps w - lr X^T (p - y) * scale (scale 1/n: the mean loss's gradient)."""
    scale = 1.0 / X.shape[0] if scale is None else scale
    w = np.zeros(X.shape[1]) if w0 is None else np.array(w0, dtype=float)
    for _ in range(n_iters):
        w = w - lr * scale * (X.T @ (expit(X @ w) - y))
    return w


def sklearn_fit(X, y):
    """The unpenalised maximum-likelihood fit by scikit-learn (its own Newton-CG solver)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=np.inf, fit_intercept=False, solver="newton-cg", tol=1e-12,
                               max_iter=1000)
    return model.fit(X, y.astype(int)).coef_[0].copy()
