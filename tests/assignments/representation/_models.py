"""The checks' own NumPy formulas (public: NumPy only): the right quantities for the public
checks, written independently of the reference (log-sum-exp instead of a shift, bisection on
beta instead of log sigma, per-pair loops), and the wrong ones that diagnoses match a
submission against (each switch of a function is one mistake)."""

import numpy as np


def squared_distances(X):
    """(n, n) squared Euclidean distances, summed over the coordinates of every difference."""
    return np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)

# ---------------------------------------------------------------------------- autoencoder


def ae_forward(X, W1, b1, W2, b2, *, bias1=True, bias2=True, decoder=None, act=None):
    """(Z, X_hat) of the linear autoencoder; the switches drop a bias, use another decoder
    matrix or put an activation on the codes (the wrong models)."""
    Z = X @ W1 + (b1 if bias1 else 0.0)
    if act is not None:
        Z = act(Z)
    X_hat = Z @ (W2 if decoder is None else decoder) + (b2 if bias2 else 0.0)
    return Z, X_hat


def ae_loss(X, W1, b1, W2, b2):
    """L = (1/n) sum_i ||x_i - x_hat_i||^2, row by row."""
    _, X_hat = ae_forward(X, W1, b1, W2, b2)
    return float(np.mean([np.dot(r, r) for r in X - X_hat]))


def ae_grads(X, W1, b1, W2, b2, *, scale=2.0, bias1=True, encoder_path=False):
    """The four gradients of the loss, by the chain rule, with dL/dX_hat = scale (X_hat - X)
    / n; ``bias1=False`` forgets b1 in the codes, ``encoder_path`` backpropagates through W1
    instead of W2^T (wrong models)."""
    n = X.shape[0]
    Z, X_hat = ae_forward(X, W1, b1, W2, b2, bias1=bias1)
    G = scale * (X_hat - X) / n
    dZ = G @ (W1 if encoder_path else W2.T)
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": Z.T @ G, "b2": G.sum(axis=0)}


# ---------------------------------------------------------------------------- PCA subspace


def top_eigenvectors(C, k, *, smallest=False):
    """(d, k): the eigenvectors of the symmetric C with the k largest (or smallest)
    eigenvalues, as columns."""
    w, V = np.linalg.eigh(C)
    order = np.argsort(w)
    return V[:, order[:k]] if smallest else V[:, order[::-1][:k]]


def covariance(X, *, centre="columns", standardise=False):
    """The covariance (ddof = 1) of X centred by its column means (or its row means, or not at
    all: the wrong ones), optionally of the standardised data (the correlation matrix)."""
    if centre == "columns":
        Xc = X - np.mean(X, axis=0)
    elif centre == "rows":
        Xc = X - X.mean(axis=1, keepdims=True)
    else:
        Xc = X
    if standardise:
        Xc = Xc / Xc.std(axis=0, ddof=1)
    return Xc.T @ Xc / (X.shape[0] - 1)


def projector(V):
    """V V^T for a (d, k) basis with orthonormal columns."""
    return V @ V.T


# ---------------------------------------------------------------------------- principal angles


def orthonormal(A):
    """An orthonormal basis (columns) of the column space of A, by the SVD."""
    U, _, _ = np.linalg.svd(A, full_matrices=False)
    return U


# ---------------------------------------------------------------------------- t-SNE


def cond_p(X, sigma, *, kernel="gaussian", by_column=False, self_term=False, axis=1):
    """p_{j|i} by a log-sum-exp of the logits -D / (2 sigma_i^2) (max-shifted, so finite for
    any sigma). Wrong models: ``kernel`` "variance" (sigma used as a variance), "no_half" (no
    factor 2), "distances" (distances, not squared); ``by_column`` (sigma_j instead of
    sigma_i), ``self_term`` (j = i kept), ``axis=0`` (normalised over the columns)."""
    n = X.shape[0]
    D = squared_distances(X)
    s = np.asarray(sigma, dtype=float)
    s = s[None, :] if by_column else s[:, None]
    logits = {
        "gaussian": -D / (2.0 * s**2),
        "variance": -D / (2.0 * s),
        "no_half": -D / s**2,
        "distances": -np.sqrt(D) / (2.0 * s**2),
    }[kernel]
    if not self_term:
        logits[np.arange(n), np.arange(n)] = -np.inf
    logits = logits - logits.max(axis=axis, keepdims=True)
    E = np.exp(logits)
    return E / E.sum(axis=axis, keepdims=True)


def perp(P, *, base=2.0, exponent_base=None, axis=1):
    """exponent_base ** H with H = -sum p log_base p over ``axis``, 0 log 0 = 0; the default
    2^H in bits is the perplexity, the other combinations are wrong models."""
    logs = np.log(np.where(P > 0, P, 1.0)) / np.log(base)
    H = -np.sum(P * logs, axis=axis)
    return (base if exponent_base is None else exponent_base) ** H


def sigma_bisect(X, target, *, steps=200, self_term=False, kernel="gaussian"):
    """sigma_i for each row by bisection on beta = 1 / (2 sigma_i^2): the perplexity decreases
    as beta grows. ``self_term`` and ``kernel`` give wrong models (as in cond_p)."""
    D = squared_distances(X)
    n = len(X)
    if kernel == "distances":
        D = np.sqrt(D)
    if not self_term:
        D[np.arange(n), np.arange(n)] = np.inf
    D = D - D.min(axis=1, keepdims=True)
    lo, hi = np.full(n, -60.0), np.full(n, 60.0)  # log beta
    for _ in range(steps):
        mid = (lo + hi) / 2.0
        E = np.exp(-D * np.exp(mid)[:, None])
        P = E / E.sum(axis=1, keepdims=True)
        too_low = perp(P) < target  # beta too large
        hi = np.where(too_low, mid, hi)
        lo = np.where(too_low, lo, mid)
    return np.sqrt(1.0 / (2.0 * np.exp(0.5 * (lo + hi))))


def joint(Pc):
    """(P_c + P_c^T) / (2n)."""
    return (Pc + Pc.T) / (2.0 * len(Pc))


def tsne_parts(P, Y, *, q="pairs", kernel="student", grad_kernel=True, kl="forward"):
    """(Q, kl, grad) of t-SNE, pair by pair for the gradient. Wrong models: ``q`` "rows"
    (normalised per row) or "diagonal" (the diagonal kept in the kernel); ``kernel``
    "gaussian" (exp(-d^2)); ``grad_kernel=False`` (no (1 + d^2)^-1 in the gradient);
    ``kl`` "reversed" (KL(Q || P))."""
    n = len(Y)
    D = squared_distances(Y)
    K = 1.0 / (1.0 + D) if kernel == "student" else np.exp(-D)
    if q != "diagonal":
        K[np.arange(n), np.arange(n)] = 0.0
    Q = K / (K.sum(axis=1, keepdims=True) if q == "rows" else K.sum())
    with np.errstate(divide="ignore"):
        value = _kl(P, Q) if kl == "forward" else _kl(Q, P)
    grad = np.zeros_like(Y)
    for i in range(n):
        for j in range(n):
            if j != i:
                w = 1.0 / (1.0 + D[i, j]) if grad_kernel else 1.0
                grad[i] += 4.0 * (P[i, j] - Q[i, j]) * (Y[i] - Y[j]) * w
    return Q, float(value), grad


def _kl(A, B):
    """sum over A > 0 of A log(A / B), pair by pair (inf where B is 0 and A is not)."""
    n = len(A)
    return sum(A[i, j] * np.log(A[i, j] / B[i, j]) for i in range(n) for j in range(n)
               if A[i, j] > 0)
