"""Other correct ways to write the unsupervised functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np
import scipy.linalg
from scipy.spatial.distance import cdist

from autograder.catalogue import variant


@variant("q1", id="assign_clusters-naive")
def assign_clusters(X, centroids):
    """Plain loops; the best centroid is replaced only on a strictly smaller distance."""
    labels = np.zeros(X.shape[0], dtype=int)
    for i in range(X.shape[0]):
        best = None
        for j in range(centroids.shape[0]):
            d = 0.0
            for c in range(X.shape[1]):
                d += (X[i, c] - centroids[j, c]) ** 2
            if best is None or d < best:
                best, labels[i] = d, j
    return labels


@variant("q1")
def assign_clusters(X, centroids):
    """The expansion ||x||^2 - 2 x . c + ||c||^2, without the ||x||^2 every centroid shares."""
    return np.argmin(np.sum(centroids**2, axis=1) - 2 * X @ centroids.T, axis=1)


@variant("q1")
def assign_clusters(X, centroids):
    """SciPy's Euclidean (not squared) distances."""
    return cdist(X, centroids).argmin(axis=1)


@variant("q2", id="update_centroids-naive")
def update_centroids(X, labels, k, old_centroids):
    """Sums and counts accumulated point by point."""
    n, d = X.shape
    sums = [[0.0] * d for _ in range(k)]
    counts = [0] * k
    for i in range(n):
        counts[labels[i]] += 1
        for c in range(d):
            sums[labels[i]][c] += X[i, c]
    out = np.array(old_centroids, dtype=float)
    for j in range(k):
        if counts[j]:
            out[j] = [s / counts[j] for s in sums[j]]
    return out


@variant("q2")
def update_centroids(X, labels, k, old_centroids):
    """np.add.at and np.bincount, then np.where for the empty clusters."""
    sums = np.zeros((k, X.shape[1]))
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=k)[:, None]
    return np.where(counts > 0, sums / np.maximum(counts, 1), old_centroids)


@variant("q2")
def update_centroids(X, labels, k, old_centroids):
    """A one-hot membership matrix: means = (M^T X) / counts."""
    M = (labels[:, None] == np.arange(k)[None, :]).astype(float)
    counts = M.sum(axis=0)
    means = (M.T @ X) / np.where(counts > 0, counts, 1.0)[:, None]
    return np.where(counts[:, None] > 0, means, old_centroids)


@variant("q3", id="inertia-naive")
def inertia(X, labels, centroids):
    """A loop over points and coordinates."""
    total = 0.0
    for i in range(X.shape[0]):
        for c in range(X.shape[1]):
            total += (X[i, c] - centroids[labels[i], c]) ** 2
    return total


@variant("q3")
def inertia(X, labels, centroids):
    """einsum of the residuals with themselves."""
    r = X - centroids[labels]
    return float(np.einsum("ij,ij->", r, r))


@variant("q4", id="kmeans-naive")
def kmeans(X, init_centroids, n_iters=100):
    """Always n_iters updates, no early stop (a fixed point does not move)."""
    centroids = init_centroids.copy()
    for _ in range(n_iters):
        centroids = update_centroids(X, assign_clusters(X, centroids), len(centroids),
                                     centroids)
    return centroids, assign_clusters(X, centroids)


@variant("q4")
def kmeans(X, init_centroids, n_iters=100):
    """Stops when the centroids stop moving, counting iterations with a while loop."""
    centroids = np.array(init_centroids, dtype=float)
    t = 0
    while t < n_iters:
        new = update_centroids(X, assign_clusters(X, centroids), len(centroids), centroids)
        t += 1
        if np.array_equal(new, centroids):
            break
        centroids = new
    return centroids, assign_clusters(X, centroids)


@variant("q5")
def pca(X, k):
    """The SVD of the centred data: the right singular vectors, and s^2 / (n - 1)."""
    _, s, vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    components = vt[:k]
    signs = np.sign(components[np.arange(k), np.argmax(np.abs(components), axis=1)])
    return components * signs[:, None], s[:k] ** 2 / (X.shape[0] - 1)


@variant("q5")
def pca(X, k):
    """np.cov and SciPy's eigh restricted to the top k eigenvalues."""
    d = X.shape[1]
    w, v = scipy.linalg.eigh(np.cov(X, rowvar=False), subset_by_index=[d - k, d - 1])
    w, v = w[::-1], v[:, ::-1].T
    for j in range(k):
        if v[j, np.argmax(np.abs(v[j]))] < 0:
            v[j] = -v[j]
    return v, w


@variant("q5", id="pca-naive")
def pca(X, k):
    """The covariance by loops, then np.linalg.eig and a sort."""
    n, d = X.shape
    mean = [sum(X[i, c] for i in range(n)) / n for c in range(d)]
    cov = np.zeros((d, d))
    for a in range(d):
        for b in range(d):
            cov[a, b] = sum((X[i, a] - mean[a]) * (X[i, b] - mean[b]) for i in range(n)) / (n - 1)
    w, v = np.linalg.eig(cov)
    order = np.argsort(-w.real)[:k]
    components = []
    for j in order:
        vec = v[:, j].real
        if vec[np.argmax(np.abs(vec))] < 0:
            vec = -vec
        components.append(vec / np.linalg.norm(vec))
    return np.array(components), w.real[order]


@variant("q6")
def explained_variance_ratio(X, k):
    """ddof = 0 (it cancels in the ratio), and the trace as the total variance."""
    C = np.cov(X, rowvar=False, ddof=0)
    return np.linalg.eigvalsh(C)[::-1][:k] / np.trace(C)


@variant("q6")
def explained_variance_ratio(X, k):
    """Squared singular values of the centred data."""
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return s[:k] ** 2 / np.sum(s**2)


@variant("q7", id="pca_transform-naive")
def pca_transform(X, components):
    """Loops over samples and components."""
    n, d = X.shape
    mean = X.mean(axis=0)
    Z = np.zeros((n, components.shape[0]))
    for i in range(n):
        for j in range(components.shape[0]):
            Z[i, j] = sum((X[i, c] - mean[c]) * components[j, c] for c in range(d))
    return Z


@variant("q7")
def pca_transform(X, components):
    """einsum, centring by the mean projected once: X W^T - mean W^T."""
    return np.einsum("nd,kd->nk", X, components) - components @ X.mean(axis=0)


@variant("q7", id="pca_reconstruct-naive")
def pca_reconstruct(Z, components, mean):
    """Sum of the components weighted by each row of Z."""
    out = np.tile(np.asarray(mean, dtype=float), (Z.shape[0], 1))
    for i in range(Z.shape[0]):
        for j in range(Z.shape[1]):
            out[i] += Z[i, j] * components[j]
    return out


@variant("q7")
def pca_reconstruct(Z, components, mean):
    """einsum and broadcasting of the mean."""
    return np.einsum("nk,kd->nd", Z, components) + mean[None, :]
