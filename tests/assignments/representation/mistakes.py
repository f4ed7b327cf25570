"""Common mistakes in the representation assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1


@mistake("q1", cause="factor:1/d", sample=True)
def autoencoder_forward(X, W1, b1, W2, b2):
    """Averages the squared errors over all n d entries (np.mean) instead of over the rows."""
    X_hat = (X @ W1 + b1) @ W2 + b2
    return X_hat, float(np.mean((X - X_hat) ** 2))


@mistake("q1", cause="factor:n")
def autoencoder_forward(X, W1, b1, W2, b2):
    """Sums the squared errors without dividing by n."""
    X_hat = (X @ W1 + b1) @ W2 + b2
    return X_hat, float(np.sum((X - X_hat) ** 2))


@mistake("q1", cause="formula:no_b2")
def autoencoder_forward(X, W1, b1, W2, b2):
    """Forgets the decoder's bias."""
    X_hat = (X @ W1 + b1) @ W2
    return X_hat, float(np.sum((X - X_hat) ** 2) / X.shape[0])


@mistake("q1", cause="formula:tied")
def autoencoder_forward(X, W1, b1, W2, b2):
    """Decodes with the encoder's weights transposed (tied weights)."""
    X_hat = (X @ W1 + b1) @ W1.T + b2
    return X_hat, float(np.sum((X - X_hat) ** 2) / X.shape[0])


@mistake("q1", cause="formula:norms")
def autoencoder_forward(X, W1, b1, W2, b2):
    """Averages the norms of the residuals, not their squares."""
    X_hat = (X @ W1 + b1) @ W2 + b2
    return X_hat, float(np.mean(np.linalg.norm(X - X_hat, axis=1)))


# ---------------------------------------------------------------------------- q2


@mistake("q2", cause="factor:1/2")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Forgets the factor 2 of the derivative of the square."""
    Z = X @ W1 + b1
    dX_hat = (Z @ W2 + b2 - X) / X.shape[0]
    dZ = dX_hat @ W2.T
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": Z.T @ dX_hat, "b2": dX_hat.sum(axis=0)}


@mistake("q2", cause="transpose")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Writes the decoder's gradient as dX_hat^T Z, of shape (d, k): W2's transpose."""
    Z = X @ W1 + b1
    dX_hat = 2 * (Z @ W2 + b2 - X) / X.shape[0]
    dZ = dX_hat @ W2.T
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": dX_hat.T @ Z, "b2": dX_hat.sum(axis=0)}


@mistake("q2", cause="sign")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Starts from (2/n) (X - X_hat): the sign of the residual is reversed."""
    Z = X @ W1 + b1
    dX_hat = 2 * (X - (Z @ W2 + b2)) / X.shape[0]
    dZ = dX_hat @ W2.T
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": Z.T @ dX_hat, "b2": dX_hat.sum(axis=0)}


@mistake("q2", cause="factor:1/d")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Differentiates the mean over all n d entries (divides by X.size)."""
    Z = X @ W1 + b1
    dX_hat = 2 * (Z @ W2 + b2 - X) / X.size
    dZ = dX_hat @ W2.T
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": Z.T @ dX_hat, "b2": dX_hat.sum(axis=0)}


@mistake("q2", cause="formula:encoder")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Backpropagates into the codes through W1 instead of W2^T."""
    Z = X @ W1 + b1
    dX_hat = 2 * (Z @ W2 + b2 - X) / X.shape[0]
    dZ = dX_hat @ W1
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": Z.T @ dX_hat, "b2": dX_hat.sum(axis=0)}


@mistake("q2", cause="formula:no_b1")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Recomputes the codes as X W1, without b1."""
    Z = X @ W1
    dX_hat = 2 * (Z @ W2 + b2 - X) / X.shape[0]
    dZ = dX_hat @ W2.T
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": Z.T @ dX_hat, "b2": dX_hat.sum(axis=0)}


@mistake("q2", cause="factor:1/n")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Averages the bias gradients over the rows, dividing by n a second time."""
    Z = X @ W1 + b1
    dX_hat = 2 * (Z @ W2 + b2 - X) / X.shape[0]
    dZ = dX_hat @ W2.T
    return {"W1": X.T @ dZ, "b1": dZ.mean(axis=0), "W2": Z.T @ dX_hat, "b2": dX_hat.mean(axis=0)}


@mistake("q2", cause="keys")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Names the gradients dW1, db1, dW2, db2."""
    Z = X @ W1 + b1
    dX_hat = 2 * (Z @ W2 + b2 - X) / X.shape[0]
    dZ = dX_hat @ W2.T
    return {"dW1": X.T @ dZ, "db1": dZ.sum(axis=0), "dW2": Z.T @ dX_hat,
            "db2": dX_hat.sum(axis=0)}


# ---------------------------------------------------------------------------- q3


@mistake("q3", cause="formula:uncentred")
def pca_projector(X, k):
    """Forgets to centre the data."""
    _, V = np.linalg.eigh(X.T @ X / (X.shape[0] - 1))
    return V[:, -k:] @ V[:, -k:].T


@mistake("q3", cause="formula:smallest")
def pca_projector(X, k):
    """Takes the first k columns of eigh's eigenvectors: those of the smallest eigenvalues."""
    Xc = X - X.mean(axis=0)
    _, V = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    return V[:, :k] @ V[:, :k].T


@mistake("q3", cause="formula:rows")
def pca_projector(X, k):
    """Takes rows of the eigenvector matrix instead of its columns."""
    Xc = X - X.mean(axis=0)
    w, V = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    top = V[np.argsort(w)[::-1][:k]]
    return top.T @ top


@mistake("q3", cause="formula:weighted")
def pca_projector(X, k):
    """Keeps the eigenvalues: V diag(lambda) V^T, the rank-k covariance."""
    Xc = X - X.mean(axis=0)
    w, V = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    return (V[:, -k:] * w[-k:]) @ V[:, -k:].T


@mistake("q3", cause="mutated")
def pca_projector(X, k):
    """Centres X in place."""
    X -= X.mean(axis=0)
    _, V = np.linalg.eigh(X.T @ X / (X.shape[0] - 1))
    return V[:, -k:] @ V[:, -k:].T


@mistake("q3", cause="formula:row_mean")
def pca_projector(X, k):
    """Centres each row (axis=1) instead of each column."""
    Xc = X - X.mean(axis=1, keepdims=True)
    _, V = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    return V[:, -k:] @ V[:, -k:].T


# ---------------------------------------------------------------------------- q4


@mistake("q4", cause="order", sample=True)
def principal_angles(A, B):
    """Returns the angles in decreasing order (scipy's order)."""
    QA, _ = np.linalg.qr(A)
    QB, _ = np.linalg.qr(B)
    s = np.linalg.svd(QA.T @ QB, compute_uv=False)
    return np.sort(np.arccos(np.clip(s, -1, 1)))[::-1]


@mistake("q4", cause="formula:unnormalised")
def principal_angles(A, B):
    """Uses A and B as if their columns were orthonormal."""
    s = np.linalg.svd(A.T @ B, compute_uv=False)
    return np.arccos(np.clip(s, -1, 1))


@mistake("q4", cause="formula:columns")
def principal_angles(A, B):
    """Normalises the columns to unit length but does not orthogonalise them."""
    A = A / np.linalg.norm(A, axis=0)
    B = B / np.linalg.norm(B, axis=0)
    s = np.linalg.svd(A.T @ B, compute_uv=False)
    return np.arccos(np.clip(s, -1, 1))


@mistake("q4", cause="factor:180/pi")
def principal_angles(A, B):
    """Returns degrees."""
    QA, _ = np.linalg.qr(A)
    QB, _ = np.linalg.qr(B)
    s = np.linalg.svd(QA.T @ QB, compute_uv=False)
    return np.degrees(np.arccos(np.clip(s, -1, 1)))


@mistake("q4", cause="formula:cosines")
def principal_angles(A, B):
    """Returns the cosines (the singular values) instead of the angles."""
    QA, _ = np.linalg.qr(A)
    QB, _ = np.linalg.qr(B)
    return np.linalg.svd(QA.T @ QB, compute_uv=False)


@mistake("q4", cause="formula:one_sided")
def principal_angles(A, B):
    """Orthonormalises A but uses B's columns as they are."""
    QA, _ = np.linalg.qr(A)
    s = np.linalg.svd(QA.T @ B, compute_uv=False)
    return np.arccos(np.clip(s, -1, 1))


# ---------------------------------------------------------------------------- q5


@mistake("q5", cause="formula:variance")
def conditional_p(X, sigma):
    """Divides by 2 sigma instead of 2 sigma^2 (sigma used as a variance)."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    np.fill_diagonal(D, np.inf)
    E = np.exp(-(D - D.min(axis=1, keepdims=True)) / (2 * sigma[:, None]))
    return E / E.sum(axis=1, keepdims=True)


@mistake("q5", cause="stability")
def conditional_p(X, sigma):
    """Does not shift the rows: 0/0 when every exponential of a row underflows."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    E = np.exp(-D / (2 * sigma[:, None] ** 2))
    np.fill_diagonal(E, 0.0)
    with np.errstate(invalid="ignore"):
        return E / E.sum(axis=1, keepdims=True)


@mistake("q5", cause="stability")
def conditional_p(X, sigma):
    """Shifts each row by its smallest distance, the 0 on the diagonal: no shift at all."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    E = np.exp(-(D - D.min(axis=1, keepdims=True)) / (2 * sigma[:, None] ** 2))
    np.fill_diagonal(E, 0.0)
    with np.errstate(invalid="ignore"):
        return E / E.sum(axis=1, keepdims=True)


@mistake("q5", cause="formula:column_sigma")
def conditional_p(X, sigma):
    """Broadcasts sigma along the rows (sigma[None, :]): column j uses sigma_j."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    np.fill_diagonal(D, np.inf)
    logits = -D / (2 * sigma[None, :] ** 2)
    E = np.exp(logits - logits.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


@mistake("q5", cause="formula:self")
def conditional_p(X, sigma):
    """Keeps the j = i term (exp(0)) in each row."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    logits = -D / (2 * sigma[:, None] ** 2)
    E = np.exp(logits - logits.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


@mistake("q5", cause="formula:distances")
def conditional_p(X, sigma):
    """Uses the distances, not the squared distances."""
    D = np.sqrt(np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2))
    np.fill_diagonal(D, np.inf)
    E = np.exp(-(D - D.min(axis=1, keepdims=True)) / (2 * sigma[:, None] ** 2))
    return E / E.sum(axis=1, keepdims=True)


@mistake("q5", cause="transpose")
def conditional_p(X, sigma):
    """Normalises each column with its own sigma: returns p_{i|j} in row i."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    np.fill_diagonal(D, np.inf)
    E = np.exp(-(D - D.min(axis=0)) / (2 * sigma[None, :] ** 2))
    return E / E.sum(axis=0)


# ---------------------------------------------------------------------------- q6


@mistake("q6", cause="formula:nats")
def perplexity(P):
    """Returns the entropy in nats without exponentiating it."""
    logs = np.log(np.where(P > 0, P, 1.0))
    return -np.sum(P * logs, axis=1)


@mistake("q6", cause="not_finite")
def perplexity(P):
    """Computes P log P on the zero entries too (0 * -inf = NaN)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return 2.0 ** (-np.sum(P * np.log2(P), axis=1))


@mistake("q6", cause="formula:mixed_2")
def perplexity(P):
    """Raises 2 to the entropy in nats."""
    logs = np.log(np.where(P > 0, P, 1.0))
    return 2.0 ** (-np.sum(P * logs, axis=1))


@mistake("q6", cause="formula:columns")
def perplexity(P):
    """Sums over axis 0, the columns."""
    logs = np.log2(np.where(P > 0, P, 1.0))
    return 2.0 ** (-np.sum(P * logs, axis=0))


@mistake("q6", cause="formula:inverse")
def perplexity(P):
    """Forgets the minus sign of the entropy."""
    logs = np.log2(np.where(P > 0, P, 1.0))
    return 2.0 ** np.sum(P * logs, axis=1)


# ---------------------------------------------------------------------------- q7


@mistake("q7", cause="accuracy", sample=True)
def find_sigma(X, target_perplexity):
    """Stops the bisection as soon as the perplexity is within 1e-3 of the target."""
    n = X.shape[0]
    sigma = np.ones(n)
    for i in range(n):
        lo, hi = 1e-10, 1e10
        while True:
            mid = np.sqrt(lo * hi)
            s = sigma.copy()
            s[i] = mid
            p = perplexity(conditional_p(X, s))[i]
            if abs(p - target_perplexity) < 1e-3:
                break
            if p > target_perplexity:
                hi = mid
            else:
                lo = mid
        sigma[i] = mid
    return sigma


@mistake("q7", cause="formula:entropy_bits")
def find_sigma(X, target_perplexity):
    """Matches the entropy in bits to the target, not the perplexity."""
    lo = np.full(X.shape[0], -30.0)
    hi = np.full(X.shape[0], 30.0)
    for _ in range(100):
        mid = (lo + hi) / 2
        H = np.log2(perplexity(conditional_p(X, np.exp(mid))))
        hi = np.where(target_perplexity < H, mid, hi)
        lo = np.where(target_perplexity < H, lo, mid)
    return np.exp((lo + hi) / 2)


@mistake("q7", cause="formula:beta")
def find_sigma(X, target_perplexity):
    """Bisects on beta = 1 / (2 sigma^2) and returns beta."""
    lo = np.full(X.shape[0], -40.0)
    hi = np.full(X.shape[0], 40.0)
    for _ in range(100):
        mid = (lo + hi) / 2
        beta = np.exp(mid)
        too_low = perplexity(conditional_p(X, np.sqrt(1 / (2 * beta)))) < target_perplexity
        hi = np.where(too_low, mid, hi)
        lo = np.where(too_low, lo, mid)
    return np.exp((lo + hi) / 2)


@mistake("q7", cause="formula:bracket")
def find_sigma(X, target_perplexity):
    """Bisects on sigma in a fixed bracket [1e-3, 10]."""
    lo = np.full(X.shape[0], 1e-3)
    hi = np.full(X.shape[0], 10.0)
    for _ in range(100):
        mid = (lo + hi) / 2
        too_high = perplexity(conditional_p(X, mid)) > target_perplexity
        hi = np.where(too_high, mid, hi)
        lo = np.where(too_high, lo, mid)
    return (lo + hi) / 2


@mistake("q7", cause="factor:1/sqrt2")
def find_sigma(X, target_perplexity):
    """Bisects on beta = 1 / (2 sigma^2) but converts back with sigma = sqrt(1 / (4 beta))."""
    lo = np.full(X.shape[0], -40.0)
    hi = np.full(X.shape[0], 40.0)
    for _ in range(100):
        mid = (lo + hi) / 2
        beta = np.exp(mid)
        too_low = perplexity(conditional_p(X, np.sqrt(1 / (2 * beta)))) < target_perplexity
        hi = np.where(too_low, mid, hi)
        lo = np.where(too_low, lo, mid)
    return np.sqrt(1 / (4 * np.exp((lo + hi) / 2)))


# ---------------------------------------------------------------------------- q8


@mistake("q8", cause="formula:unsymmetrised")
def joint_p(X, target_perplexity):
    """Does not symmetrise: P_c / n."""
    return conditional_p(X, find_sigma(X, target_perplexity)) / X.shape[0]


@mistake("q8", cause="factor:n")
def joint_p(X, target_perplexity):
    """Symmetrises with (P_c + P_c^T) / 2, forgetting the n."""
    Pc = conditional_p(X, find_sigma(X, target_perplexity))
    return (Pc + Pc.T) / 2


@mistake("q8", cause="formula:precedence")
def joint_p(X, target_perplexity):
    """Writes Pc + Pc.T / (2 * n) without parentheses."""
    Pc = conditional_p(X, find_sigma(X, target_perplexity))
    return Pc + Pc.T / (2 * X.shape[0])


@mistake("q8", cause="factor:2")
def joint_p(X, target_perplexity):
    """Divides P_c + P_c^T by n instead of 2n."""
    Pc = conditional_p(X, find_sigma(X, target_perplexity))
    return (Pc + Pc.T) / X.shape[0]


# ---------------------------------------------------------------------------- q9


@mistake("q9", cause="formula:rows", sample=True)
def tsne_kl_gradient(P, Y):
    """Normalises Q over each row (the lecture slide's form), not over all pairs."""
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = 1 / (1 + D)
    np.fill_diagonal(K, 0)
    Q = K / K.sum(axis=1, keepdims=True)
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m] / Q[m])))
    W = (P - Q) * K
    return Q, kl, 4 * (W.sum(axis=1)[:, None] * Y - W @ Y)


@mistake("q9", cause="factor:1/4")
def tsne_kl_gradient(P, Y):
    """Forgets the factor 4 of the gradient."""
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = 1 / (1 + D)
    np.fill_diagonal(K, 0)
    Q = K / K.sum()
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m] / Q[m])))
    W = (P - Q) * K
    return Q, kl, W.sum(axis=1)[:, None] * Y - W @ Y


@mistake("q9", cause="formula:no_kernel")
def tsne_kl_gradient(P, Y):
    """Leaves the (1 + ||y_i - y_j||^2)^-1 term out of the gradient."""
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = 1 / (1 + D)
    np.fill_diagonal(K, 0)
    Q = K / K.sum()
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m] / Q[m])))
    W = P - Q
    return Q, kl, 4 * (W.sum(axis=1)[:, None] * Y - W @ Y)


@mistake("q9", cause="formula:diagonal")
def tsne_kl_gradient(P, Y):
    """Keeps the diagonal (1 for i = j) in the kernel's sum and in Q."""
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = 1 / (1 + D)
    Q = K / K.sum()
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m] / Q[m])))
    W = (P - Q) * K
    return Q, kl, 4 * (W.sum(axis=1)[:, None] * Y - W @ Y)


@mistake("q9", cause="not_finite")
def tsne_kl_gradient(P, Y):
    """Sums P log(P / Q) over every pair off the diagonal, P = 0 included (NaN)."""
    n = len(Y)
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = 1 / (1 + D)
    np.fill_diagonal(K, 0)
    Q = K / K.sum()
    off = ~np.eye(n, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        kl = float(np.sum(P[off] * np.log(P[off] / Q[off])))
    W = (P - Q) * K
    return Q, kl, 4 * (W.sum(axis=1)[:, None] * Y - W @ Y)


@mistake("q9", cause="sign")
def tsne_kl_gradient(P, Y):
    """Uses (y_j - y_i) in the gradient."""
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = 1 / (1 + D)
    np.fill_diagonal(K, 0)
    Q = K / K.sum()
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m] / Q[m])))
    W = (P - Q) * K
    return Q, kl, 4 * (W @ Y - W.sum(axis=1)[:, None] * Y)


@mistake("q9", cause="mutated")
def tsne_kl_gradient(P, Y):
    """Replaces the zeros of P by a tiny number in place, to avoid log(0)."""
    P[P == 0] = 1e-12
    np.fill_diagonal(P, 0)
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = 1 / (1 + D)
    np.fill_diagonal(K, 0)
    Q = K / K.sum()
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m] / Q[m])))
    W = (P - Q) * K
    return Q, kl, 4 * (W.sum(axis=1)[:, None] * Y - W @ Y)


@mistake("q9", cause="formula:gaussian")
def tsne_kl_gradient(P, Y):
    """Uses a Gaussian kernel exp(-||y_i - y_j||^2) in the embedding (SNE's)."""
    D = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=2)
    K = np.exp(-D)
    np.fill_diagonal(K, 0)
    Q = K / K.sum()
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m] / Q[m])))
    W = (P - Q) * (1 / (1 + D))
    return Q, kl, 4 * (W.sum(axis=1)[:, None] * Y - W @ Y)
