"""Inputs for the unsupervised checks and the notebook (public: shipped with the students'
public checks, so NumPy only).

Nothing here computes a k-means step or a PCA: the data sets are built so that the right
answer is known by construction (points around chosen centres; data whose sample covariance is
exactly a chosen V^T diag(variances) V), and the checks compare with that or with independent
oracles.
"""

import numpy as np

# ---------------------------------------------------------------------------- clusters


def clustered_points(rng, n_per=60):
    """The notebook's 2-D data set: four groups of points around (-4, 2), (0, 4), (1, -1) and
    (5, 1), with different spreads and sizes, shuffled. Returns X of shape (about 4 n_per, 2)."""
    centres = np.array([[-4.0, 2.0], [0.0, 4.0], [1.0, -1.0], [5.0, 1.0]])
    spreads = [0.9, 0.6, 1.1, 0.7]
    sizes = [n_per, n_per // 2, n_per + n_per // 2, n_per]
    X = np.concatenate([c + s * rng.standard_normal((m, 2))
                        for c, s, m in zip(centres, spreads, sizes, strict=True)])
    return X[rng.permutation(len(X))]


def blobs(rng, k, d, n_per, spread=0.8, separation=3.0):
    """k Gaussian groups of n_per points in d dimensions around random centres, shuffled, with
    a different offset in every coordinate (so the data are not centred). Returns X (k n_per,
    d)."""
    centres = separation * rng.standard_normal((k, d)) + rng.uniform(-2.0, 2.0, d)
    X = np.concatenate([c + spread * rng.standard_normal((n_per, d)) for c in centres])
    return X[rng.permutation(len(X))]


def initial_centroids(rng, X, k):
    """k initial centroids that are not rows of X: k distinct random points of X, each moved by
    a small random offset."""
    rows = rng.choice(len(X), size=k, replace=False)
    return X[rows] + 0.3 * rng.standard_normal((k, X.shape[1]))


def squared_distances(X, centroids):
    """(n, k) squared Euclidean distances, by the difference of every pair."""
    diff = X[:, None, :] - centroids[None, :, :]
    return np.einsum("ikd,ikd->ik", diff, diff)


def assignment_margin(X, centroids):
    """The smallest gap, over the points, between the squared distances to the nearest and the
    second-nearest centroid (0 where a point has a tie)."""
    d2 = np.sort(squared_distances(X, centroids), axis=1)
    return float(np.min(d2[:, 1] - d2[:, 0]))


# ---------------------------------------------------------------------------- PCA


def sign_rule(components):
    """Each row flipped so that its largest-magnitude entry is positive (the contract's rule)."""
    components = np.asarray(components, dtype=float)
    largest = np.argmax(np.abs(components), axis=1)
    return components * np.sign(components[np.arange(len(components)), largest])[:, None]


def data_with_covariance(rng, n, components, variances, mean):
    """n samples whose sample covariance (ddof = 1) is exactly V^T diag(variances) V.

    components: (d, d) with orthonormal rows V; variances: (d,); mean: (d,), the column means
    of the result. X = mean + W diag(sqrt(variances)) V with W (n, d) centred and
    W^T W = (n - 1) I, so the centred data are W diag(sqrt(variances)) V and the covariance's
    eigenvectors are the rows of V, its eigenvalues the variances.
    """
    V = np.asarray(components, dtype=float)
    d = V.shape[1]
    G = rng.standard_normal((n, d))
    Q, _ = np.linalg.qr(G - G.mean(axis=0))  # orthonormal, centred columns
    W = np.sqrt(n - 1) * Q
    return np.asarray(mean, dtype=float) + (W * np.sqrt(np.asarray(variances, float))) @ V


def random_components(rng, d, k):
    """(d, d) orthonormal rows obeying the sign rule, with room for every correct method:
    each row's largest magnitude beats the next by at least 0.1, and among the first k rows
    one has a negative first entry (of magnitude at least 0.15) that is not its largest."""
    while True:
        Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
        V = sign_rule(Q.T)
        mags = np.sort(np.abs(V), axis=1)
        if np.min(mags[:, -1] - mags[:, -2]) < 0.1:
            continue
        if np.any(V[:k, 0] < -0.15):
            return V


def distinct_variances(rng, d, top=9.0, ratio=0.55):
    """d decreasing variances, each between 0.45 and 0.65 of the one before (well separated
    eigenvalues), the largest about ``top``."""
    steps = ratio + rng.uniform(-0.1, 0.1, d - 1)
    return top * np.concatenate([[1.0], np.cumprod(steps)])


def measurements(rng, n=200):
    """The notebook's 10-D data set: n samples of 10 correlated measurements driven by three
    hidden factors of decreasing strength, plus a little independent noise, with column means
    and scales far from 0 and 1. Returns X of shape (n, 10)."""
    factors = rng.standard_normal((n, 3)) * np.array([3.0, 1.5, 0.8])
    loadings = rng.standard_normal((3, 10))
    noise = 0.3 * rng.standard_normal((n, 10))
    return factors @ loadings + noise + np.linspace(-5.0, 20.0, 10)
