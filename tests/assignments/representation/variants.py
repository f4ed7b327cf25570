"""Other correct ways to write the representation functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.linalg
from scipy.special import logsumexp, softmax

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1


@variant("q1", id="autoencoder_forward-naive")
def autoencoder_forward(X, W1, b1, W2, b2):
    """Plain loops over rows, codes and coordinates."""
    n, d = X.shape
    k = W1.shape[1]
    X_hat = np.zeros((n, d))
    total = 0.0
    for i in range(n):
        z = [b1[j] + sum(X[i, a] * W1[a, j] for a in range(d)) for j in range(k)]
        for c in range(d):
            X_hat[i, c] = b2[c] + sum(z[j] * W2[j, c] for j in range(k))
            total += (X[i, c] - X_hat[i, c]) ** 2
    return X_hat, total / n


@variant("q1")
def autoencoder_forward(X, W1, b1, W2, b2):
    """The composed affine map X (W1 W2) + (b1 W2 + b2), and the loss as a squared Frobenius
    norm over n."""
    X_hat = X @ (W1 @ W2) + (b1 @ W2 + b2)
    return X_hat, float(np.linalg.norm(X - X_hat) ** 2 / X.shape[0])


# ---------------------------------------------------------------------------- q2


@variant("q2", id="autoencoder_gradients-naive")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """Sample by sample, accumulating outer products in loops."""
    n, d = X.shape
    k = W1.shape[1]
    g = {"W1": np.zeros((d, k)), "b1": np.zeros(k), "W2": np.zeros((k, d)), "b2": np.zeros(d)}
    for i in range(n):
        z = X[i] @ W1 + b1
        r = z @ W2 + b2 - X[i]
        dx_hat = [2.0 * r[c] / n for c in range(d)]
        dz = [sum(dx_hat[c] * W2[j, c] for c in range(d)) for j in range(k)]
        for j in range(k):
            g["b1"][j] += dz[j]
            for c in range(d):
                g["W2"][j, c] += z[j] * dx_hat[c]
            for a in range(d):
                g["W1"][a, j] += X[i, a] * dz[j]
        for c in range(d):
            g["b2"][c] += dx_hat[c]
    return g


@variant("q2")
def autoencoder_gradients(X, W1, b1, W2, b2):
    """np.einsum for every contraction, the residual written as X - X_hat with the sign moved
    to the end."""
    n = X.shape[0]
    Z = np.einsum("nd,dk->nk", X, W1) + b1
    R = X - np.einsum("nk,kd->nd", Z, W2) - b2
    dZ = np.einsum("nd,kd->nk", R, W2)
    return {"W1": -2.0 / n * np.einsum("nd,nk->dk", X, dZ), "b1": -2.0 / n * dZ.sum(0),
            "W2": -2.0 / n * np.einsum("nk,nd->kd", Z, R), "b2": -2.0 / n * R.sum(0)}


# ---------------------------------------------------------------------------- q3


@variant("q3")
def pca_projector(X, k):
    """The SVD of the centred data: the top-k right singular vectors."""
    _, _, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    return Vt[:k].T @ Vt[:k]


@variant("q3")
def pca_projector(X, k):
    """np.cov (rows as variables off: rowvar=False), eigenvalues sorted by argsort, and the
    projector as a sum of outer products."""
    w, V = np.linalg.eigh(np.cov(X, rowvar=False))
    P = np.zeros((X.shape[1], X.shape[1]))
    for j in np.argsort(w)[::-1][:k]:
        P += np.outer(V[:, j], V[:, j])
    return P


@variant("q3")
def pca_projector(X, k):
    """SciPy's eigh with only the top k eigenvalues requested, on the scatter matrix (no
    1/(n - 1): it does not change the eigenvectors)."""
    Xc = X - X.mean(axis=0)
    d = X.shape[1]
    _, V = scipy.linalg.eigh(Xc.T @ Xc, subset_by_index=[d - k, d - 1])
    return V @ V.T


# ---------------------------------------------------------------------------- q4


@variant("q4", id="principal_angles-naive")
def principal_angles(A, B):
    """Modified Gram-Schmidt in loops, then the SVD of the cosines' matrix."""
    def gram_schmidt(M):
        Q = []
        for j in range(M.shape[1]):
            v = M[:, j].astype(float)
            for q in Q:
                v = v - (q @ v) * q
            Q.append(v / math.sqrt(v @ v))
        return np.array(Q).T

    cosines = np.linalg.svd(gram_schmidt(A).T @ gram_schmidt(B), compute_uv=False)
    return np.array([math.acos(min(1.0, c)) for c in cosines])


@variant("q4")
def principal_angles(A, B):
    """scipy.linalg.orth for the bases, and the squared cosines as the eigenvalues of
    M M^T (M = Q_A^T Q_B) of the smaller side."""
    M = scipy.linalg.orth(A).T @ scipy.linalg.orth(B)
    G = M @ M.T if M.shape[0] <= M.shape[1] else M.T @ M
    cos2 = np.sort(np.linalg.eigvalsh(G))[::-1]
    return np.arccos(np.sqrt(np.clip(cos2, 0.0, 1.0)))


@variant("q4")
def principal_angles(A, B):
    """SciPy's subspace_angles, reversed."""
    return scipy.linalg.subspace_angles(A, B)[::-1]


# ---------------------------------------------------------------------------- q5


@variant("q5", id="conditional_p-naive")
def conditional_p(X, sigma):
    """Loops over pairs with math.exp, each row shifted by its smallest distance."""
    n = X.shape[0]
    D = [[sum((X[i, c] - X[j, c]) ** 2 for c in range(X.shape[1])) for j in range(n)]
         for i in range(n)]
    P = np.zeros((n, n))
    for i in range(n):
        shift = min(D[i][j] for j in range(n) if j != i)
        row = [0.0 if j == i else math.exp(-(D[i][j] - shift) / (2 * sigma[i] ** 2))
               for j in range(n)]
        total = sum(row)
        for j in range(n):
            P[i, j] = row[j] / total
    return P


@variant("q5")
def conditional_p(X, sigma):
    """The expansion ||x||^2 - 2 x . y + ||y||^2 and SciPy's softmax with -inf on the
    diagonal."""
    sq = np.sum(X * X, axis=1)
    D = np.maximum(sq[:, None] - 2 * X @ X.T + sq[None, :], 0.0)
    logits = -D / (2 * sigma[:, None] ** 2)
    np.fill_diagonal(logits, -np.inf)
    return softmax(logits, axis=1)


@variant("q5")
def conditional_p(X, sigma):
    """log p = logit - logsumexp(logits), exponentiated."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    logits = -D / (2 * sigma[:, None] ** 2)
    np.fill_diagonal(logits, -np.inf)
    return np.exp(logits - logsumexp(logits, axis=1, keepdims=True))


# ---------------------------------------------------------------------------- q6


@variant("q6", id="perplexity-naive")
def perplexity(P):
    """Loops with math.log2, skipping the zeros."""
    out = np.zeros(P.shape[0])
    for i in range(P.shape[0]):
        H = -sum(p * math.log2(p) for p in P[i] if p > 0)
        out[i] = 2.0**H
    return out


@variant("q6")
def perplexity(P):
    """e^H with H in nats, np.log on a masked array's filled values."""
    logs = np.ma.log(P).filled(0.0)
    return np.exp(-np.sum(P * logs, axis=1))


# ---------------------------------------------------------------------------- q7


@variant("q7", id="find_sigma-naive")
def find_sigma(X, target_perplexity):
    """Row by row, in loops: bisection on sigma, the bracket doubled until it holds the
    target, the row's perplexity computed from its own shifted exponentials."""
    n = X.shape[0]
    out = np.zeros(n)
    for i in range(n):
        d = [sum((X[i, c] - X[j, c]) ** 2 for c in range(X.shape[1]))
             for j in range(n) if j != i]
        m = min(d)

        def perp(s, d=d, m=m):
            e = [math.exp(-(v - m) / (2 * s * s)) for v in d]
            z = sum(e)
            probs = [w / z for w in e]
            return 2.0 ** -sum(p * math.log2(p) for p in probs if p > 0)

        lo, hi = 1.0, 1.0
        while perp(lo) > target_perplexity:
            lo /= 2
        while perp(hi) < target_perplexity:
            hi *= 2
        while hi - lo > 1e-13 * hi:
            mid = (lo + hi) / 2
            if perp(mid) > target_perplexity:
                hi = mid
            else:
                lo = mid
        out[i] = (lo + hi) / 2
    return out


@variant("q7")
def find_sigma(X, target_perplexity):
    """Vectorised bisection on beta = 1 / (2 sigma^2), comparing entropies in nats with
    ln(target)."""
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    np.fill_diagonal(D, np.inf)
    D = D - D.min(axis=1, keepdims=True)
    lo = np.full(X.shape[0], 1e-12)
    hi = np.full(X.shape[0], 1e12)
    for _ in range(200):
        beta = np.sqrt(lo * hi)
        E = np.exp(-D * beta[:, None])
        Pr = E / E.sum(axis=1, keepdims=True)
        H = -np.sum(Pr * np.log(np.where(Pr > 0, Pr, 1.0)), axis=1)
        big = math.log(target_perplexity) < H  # beta too small
        lo = np.where(big, beta, lo)
        hi = np.where(big, hi, beta)
    return np.sqrt(1.0 / (2.0 * np.sqrt(lo * hi)))


# ---------------------------------------------------------------------------- q8


@variant("q8")
def joint_p(X, target_perplexity):
    """The symmetrised conditional probabilities normalised by their total (which is 2n)."""
    Pc = conditional_p(X, find_sigma(X, target_perplexity))
    S = Pc + Pc.T
    return S / S.sum()


# ---------------------------------------------------------------------------- q9


@variant("q9", id="tsne_kl_gradient-naive")
def tsne_kl_gradient(P, Y):
    """Loops over pairs for the kernel, the KL and eq. 5."""
    n, e = Y.shape
    K = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j:
                K[i, j] = 1.0 / (1.0 + sum((Y[i, c] - Y[j, c]) ** 2 for c in range(e)))
    Z = sum(K[i, j] for i in range(n) for j in range(n))
    Q = K / Z
    kl = 0.0
    grad = np.zeros((n, e))
    for i in range(n):
        for j in range(n):
            if P[i, j] > 0:
                kl += P[i, j] * math.log(P[i, j] / Q[i, j])
            if i != j:
                for c in range(e):
                    grad[i, c] += 4 * (P[i, j] - Q[i, j]) * (Y[i, c] - Y[j, c]) * K[i, j]
    return Q, kl, grad


@variant("q9")
def tsne_kl_gradient(P, Y):
    """SciPy's pdist and squareform for the kernel, the KL as sum P log P - sum P log Q, and
    the gradient by broadcasting differences."""
    from scipy.spatial.distance import pdist, squareform

    K = squareform(1.0 / (1.0 + pdist(Y, "sqeuclidean")))
    Q = K / K.sum()
    m = P > 0
    kl = float(np.sum(P[m] * np.log(P[m])) - np.sum(P[m] * np.log(Q[m])))
    grad = 4.0 * np.sum(((P - Q) * K)[:, :, None] * (Y[:, None, :] - Y[None, :, :]), axis=1)
    return Q, kl, grad
