"""What only the hidden unsupervised checks use: independent oracles (SciPy, scikit-learn, plain
Python loops) and the problem generators that call them. Heavy libraries are imported inside
the functions.

- assignments: SciPy's ``cdist`` (and, on small-integer data, exact integer arithmetic in
  Python with the lowest-index tie rule written out);
- cluster means: scikit-learn's ``NearestCentroid`` (the mean of each class present);
- Lloyd's algorithm: scikit-learn's ``KMeans(init=..., n_init=1, tol=0, algorithm="lloyd")``
  where no cluster empties, and :func:`lloyd`, a loop over points and clusters, where one does;
- PCA: scikit-learn's ``PCA(svd_solver="full")`` (an SVD of the centred data) with the
  contract's sign rule applied, and NumPy's SVD.
"""

import warnings

import numpy as np

from ._data import (
    assignment_margin,
    blobs,
    data_with_covariance,
    distinct_variances,
    initial_centroids,
    random_components,
    sign_rule,
)

# ---------------------------------------------------------------------------- k-means


def nearest_labels(X, centroids):
    """The nearest centroid of every point, by SciPy's cdist (data with no ties)."""
    from scipy.spatial.distance import cdist

    return np.argmin(cdist(X, centroids, "sqeuclidean"), axis=1)


def integer_labels(X, centroids):
    """(labels, tied) on small-integer data, in exact integer arithmetic: labels[i] is the
    lowest index among the nearest centroids, tied[i] says whether there were several."""
    labels, tied = [], []
    for x in X.astype(int).tolist():
        d2 = [sum((a - b) ** 2 for a, b in zip(x, c, strict=True))
              for c in centroids.astype(int).tolist()]
        best = min(d2)
        labels.append(d2.index(best))
        tied.append(d2.count(best) > 1)
    return np.array(labels), np.array(tied)


def cluster_means(X, labels, k, old_centroids):
    """scikit-learn's NearestCentroid class means for the clusters present; the old centroid
    for an empty one."""
    from sklearn.neighbors import NearestCentroid

    out = np.array(old_centroids, dtype=float)
    present = np.unique(labels)
    out[present] = NearestCentroid().fit(X, labels).centroids_
    return out


def inertia_loop(X, labels, centroids):
    """sum_i ||x_i - mu_{labels_i}||^2, by math.fsum over every coordinate."""
    import math

    return math.fsum((X[i, j] - centroids[labels[i], j]) ** 2
                     for i in range(X.shape[0]) for j in range(X.shape[1]))


def lloyd(X, init_centroids, n_iters):
    """Lloyd's algorithm, written with loops over points and clusters (empty clusters keep
    their centroid). Returns (centroids, labels, info): info has ``updates`` (the number
    done), ``converged``, ``empty`` (some cluster was empty at an update) and ``margin`` (the
    smallest assignment margin on the way, see _data.assignment_margin)."""
    C = np.array(init_centroids, dtype=float)
    k, d = C.shape
    labels = nearest_labels(X, C)
    margin, empty, updates, converged = assignment_margin(X, C), False, 0, False
    for _ in range(n_iters):
        new = C.copy()
        for j in range(k):
            members = [i for i in range(len(X)) if labels[i] == j]
            if members:
                new[j] = [sum(X[i, c] for i in members) / len(members) for c in range(d)]
            else:
                empty = True
        C = new
        updates += 1
        new_labels = nearest_labels(X, C)
        margin = min(margin, assignment_margin(X, C))
        if np.array_equal(new_labels, labels):
            converged = True
            break
        labels = new_labels
    return C, labels, {"updates": updates, "converged": converged, "empty": empty,
                       "margin": margin}


def sklearn_kmeans(X, init_centroids, n_iters):
    """(cluster_centers_, labels_, inertia_) of scikit-learn's KMeans from these centroids: one
    initialisation, tol = 0, Lloyd's algorithm, at most n_iters iterations."""
    from sklearn.cluster import KMeans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        km = KMeans(n_clusters=len(init_centroids), init=init_centroids, n_init=1,
                    max_iter=n_iters, tol=0.0, algorithm="lloyd").fit(X)
    return km.cluster_centers_, km.labels_, km.inertia_


def assignment_problem(rng, *, k, d, n_per):
    """(X, centroids): k clusters of n_per points in d dimensions and k initial centroids, with
    every point's nearest centroid unique by a margin."""
    while True:
        X = blobs(rng, k, d, n_per)
        C = initial_centroids(rng, X, k)
        if assignment_margin(X, C) > 1e-6:
            return X, C


def kmeans_problem(rng, *, k, d, n_per, min_updates, spread=1.2):
    """(X, init) on which Lloyd's algorithm needs at least ``min_updates`` updates to converge,
    no cluster ever empties, and every assignment on the way is unique by a margin (so every
    correct formula for the distances gives the same labels)."""
    for _ in range(500):
        X = blobs(rng, k, d, n_per, spread=spread)
        init = initial_centroids(rng, X, k)
        _, _, info = lloyd(X, init, 100)
        if (info["converged"] and info["updates"] >= min_updates and not info["empty"]
                and info["margin"] > 1e-6):
            return X, init
    raise RuntimeError("no k-means problem with these properties was found")


# ---------------------------------------------------------------------------- PCA


def sklearn_pca(X, k):
    """scikit-learn's PCA with the contract's sign rule: (components (k, d), explained_variance
    (k,), explained_variance_ratio (k,), the fitted model, signs (k,) applied to its rows)."""
    from sklearn.decomposition import PCA

    model = PCA(n_components=k, svd_solver="full").fit(X)
    components = sign_rule(model.components_)
    signs = np.sign(np.sum(components * model.components_, axis=1))
    return components, model.explained_variance_, model.explained_variance_ratio_, model, signs


def svd_ratio(X, k):
    """The top-k explained variance ratios from NumPy's SVD of the centred data: s^2 / sum s^2."""
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return s[:k] ** 2 / np.sum(s**2)


def pca_problem(rng, *, n, d, k, offset=5.0):
    """(X, V, variances): data whose covariance has eigenvectors the rows of V (sign rule
    applied, one of the top k with a negative first entry) and eigenvalues ``variances``
    (decreasing, well separated), with column means far from 0."""
    V = random_components(rng, d, k)
    variances = distinct_variances(rng, d)
    mean = offset * rng.choice([-1.0, 1.0], d) * rng.uniform(0.5, 1.5, d)
    return data_with_covariance(rng, n, V, variances, mean), V, variances


def random_pca_data(rng, *, n, d, min_gap=0.15):
    """Correlated data, not centred, whose covariance eigenvalues differ from each other by at
    least ``min_gap`` relatively and whose components' largest entries are unique by 0.1."""
    for _ in range(500):
        A = rng.standard_normal((d, d)) * np.linspace(2.0, 0.5, d)[:, None]
        X = rng.standard_normal((n, d)) @ A + rng.uniform(-4.0, 4.0, d)
        Xc = X - X.mean(axis=0)
        ev, vecs = np.linalg.eigh(Xc.T @ Xc / (n - 1))
        m = min(n - 1, d)
        top, vecs = ev[::-1][:m], vecs[:, ::-1][:, :m]
        if np.min(-np.diff(top) / top[:-1]) < min_gap:
            continue
        mags = np.sort(np.abs(vecs), axis=0)
        if np.min(mags[-1] - mags[-2]) < 0.1:
            continue
        return X
    raise RuntimeError("no PCA problem with these properties was found")
