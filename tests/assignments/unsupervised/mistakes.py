"""Common mistakes in the unsupervised assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1


@mistake("q1", cause="tie", sample=True)
def assign_clusters(X, centroids):
    """Breaks ties towards the last centroid (a loop that replaces the best on <=)."""
    labels = np.zeros(X.shape[0], dtype=int)
    for i in range(X.shape[0]):
        best = np.inf
        for j in range(centroids.shape[0]):
            d2 = np.sum((X[i] - centroids[j]) ** 2)
            if d2 <= best:
                best, labels[i] = d2, j
    return labels


@mistake("q1", cause="formula:axis")
def assign_clusters(X, centroids):
    """Sums the squared differences over the centroids' axis instead of the coordinates."""
    diff = X[:, None, :] - centroids[None, :, :]
    return np.argmin(np.sum(diff**2, axis=1), axis=1)


@mistake("q1", cause="formula:farthest")
def assign_clusters(X, centroids):
    """Takes the argmax of the distances."""
    d2 = np.sum((X[:, None, :] - centroids[None, :, :]) ** 2, axis=2)
    return np.argmax(d2, axis=1)


@mistake("q1", cause="formula:manhattan")
def assign_clusters(X, centroids):
    """Uses the Manhattan distance."""
    return np.argmin(np.sum(np.abs(X[:, None, :] - centroids[None, :, :]), axis=2), axis=1)


@mistake("q1", cause="formula:dot")
def assign_clusters(X, centroids):
    """Expands ||x - c||^2 and drops ||c||^2 along with ||x||^2."""
    return np.argmin(-2 * X @ centroids.T, axis=1)


@mistake("q1", cause="dtype")
def assign_clusters(X, centroids):
    """Fills a float array (np.zeros(n)) with the labels."""
    labels = np.zeros(X.shape[0])
    for i in range(X.shape[0]):
        labels[i] = np.argmin(np.sum((centroids - X[i]) ** 2, axis=1))
    return labels


# ---------------------------------------------------------------------------- q2


@mistake("q2", cause="formula:zeros", sample=True)
def update_centroids(X, labels, k, old_centroids):
    """Starts from zeros, so an empty cluster's centroid becomes 0."""
    centroids = np.zeros((k, X.shape[1]))
    for j in range(k):
        if np.any(labels == j):
            centroids[j] = X[labels == j].mean(axis=0)
    return centroids


@mistake("q2", cause="not_finite")
def update_centroids(X, labels, k, old_centroids):
    """Takes the mean of every cluster, empty or not (NaN for an empty one)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.array([X[labels == j].mean(axis=0) for j in range(k)])


@mistake("q2", cause="formula:sums")
def update_centroids(X, labels, k, old_centroids):
    """Forgets to divide by the number of points."""
    centroids = old_centroids.copy()
    for j in range(k):
        if np.any(labels == j):
            centroids[j] = X[labels == j].sum(axis=0)
    return centroids


@mistake("q2", cause="formula:n")
def update_centroids(X, labels, k, old_centroids):
    """Divides each cluster's sum by the number of all points."""
    centroids = old_centroids.copy()
    for j in range(k):
        if np.any(labels == j):
            centroids[j] = X[labels == j].sum(axis=0) / X.shape[0]
    return centroids


@mistake("q2", cause="formula:scalar")
def update_centroids(X, labels, k, old_centroids):
    """Forgets axis=0: the mean of all the coordinates of the cluster."""
    centroids = old_centroids.copy()
    for j in range(k):
        if np.any(labels == j):
            centroids[j] = X[labels == j].mean()
    return centroids


@mistake("q2", cause="axis")
def update_centroids(X, labels, k, old_centroids):
    """Loops over range(k - 1): the last cluster is never updated."""
    centroids = old_centroids.copy()
    for j in range(k - 1):
        if np.any(labels == j):
            centroids[j] = X[labels == j].mean(axis=0)
    return centroids


@mistake("q2", cause="mutated")
def update_centroids(X, labels, k, old_centroids):
    """Writes the new centroids into old_centroids."""
    centroids = old_centroids
    for j in range(k):
        if np.any(labels == j):
            centroids[j] = X[labels == j].mean(axis=0)
    return centroids


# ---------------------------------------------------------------------------- q3


@mistake("q3", cause="formula:norms")
def inertia(X, labels, centroids):
    """Sums the distances instead of the squared distances."""
    return float(np.sum(np.linalg.norm(X - centroids[labels], axis=1)))


@mistake("q3", cause="factor:1/n")
def inertia(X, labels, centroids):
    """Takes the mean over the points instead of the sum."""
    return float(np.mean(np.sum((X - centroids[labels]) ** 2, axis=1)))


@mistake("q3", cause="formula:nearest")
def inertia(X, labels, centroids):
    """Uses each point's nearest centroid and ignores the labels."""
    d2 = np.sum((X[:, None, :] - centroids[None, :, :]) ** 2, axis=2)
    return float(np.sum(np.min(d2, axis=1)))


@mistake("q3", cause="formula:sqrt")
def inertia(X, labels, centroids):
    """Returns the Frobenius norm of the residuals (the square root of the inertia)."""
    return float(np.linalg.norm(X - centroids[labels]))


# ---------------------------------------------------------------------------- q4


@mistake("q4", cause="formula:stale", sample=True)
def kmeans(X, init_centroids, n_iters=100):
    """Assigns at the top of the loop and returns those labels: after the last update they
    belong to the previous centroids."""
    centroids = init_centroids.copy()
    labels = assign_clusters(X, centroids)
    for _ in range(n_iters):
        labels = assign_clusters(X, centroids)
        new_centroids = update_centroids(X, labels, len(centroids), centroids)
        if np.allclose(new_centroids, centroids):
            break
        centroids = new_centroids
    return centroids, labels


@mistake("q4", cause="formula:more")
def kmeans(X, init_centroids, n_iters=100):
    """Loops over range(n_iters + 1): one update too many."""
    centroids = init_centroids.copy()
    labels = assign_clusters(X, centroids)
    for _ in range(n_iters + 1):
        centroids = update_centroids(X, labels, len(centroids), centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids, assign_clusters(X, centroids)


@mistake("q4", cause="formula:fewer")
def kmeans(X, init_centroids, n_iters=100):
    """Counts the updates from 1 (range(1, n_iters)): one update too few."""
    centroids = init_centroids.copy()
    labels = assign_clusters(X, centroids)
    for _ in range(1, n_iters):
        centroids = update_centroids(X, labels, len(centroids), centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids, labels


@mistake("q4", cause="formula:first_rows")
def kmeans(X, init_centroids, n_iters=100):
    """Starts from the first k rows of X instead of init_centroids."""
    centroids = X[: len(init_centroids)].copy()
    labels = assign_clusters(X, centroids)
    for _ in range(n_iters):
        centroids = update_centroids(X, labels, len(centroids), centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids, labels


@mistake("q4", cause="mutated")
def kmeans(X, init_centroids, n_iters=100):
    """Updates init_centroids in place."""
    centroids = init_centroids
    labels = assign_clusters(X, centroids)
    for _ in range(n_iters):
        centroids[:] = update_centroids(X, labels, len(centroids), centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids.copy(), labels


@mistake("q4", cause="order")
def kmeans(X, init_centroids, n_iters=100):
    """Returns (labels, centroids)."""
    centroids = init_centroids.copy()
    labels = assign_clusters(X, centroids)
    for _ in range(n_iters):
        centroids = update_centroids(X, labels, len(centroids), centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return labels, centroids


# ---------------------------------------------------------------------------- q5


@mistake("q5", cause="formula:uncentred", sample=True)
def pca(X, k):
    """Forgets to centre the data."""
    w, v = np.linalg.eigh(X.T @ X / (X.shape[0] - 1))
    order = np.argsort(w)[::-1][:k]
    components = v[:, order].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, w[order]


@mistake("q5", cause="formula:rows")
def pca(X, k):
    """Takes rows of the eigenvector matrix instead of its columns."""
    Xc = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    order = np.argsort(w)[::-1][:k]
    components = v[order]
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, w[order]


@mistake("q5", cause="formula:smallest")
def pca(X, k):
    """Keeps eigh's increasing order: the k smallest eigenvalues."""
    Xc = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    components = v[:, :k].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, w[:k]


@mistake("q5", cause="formula:reversed")
def pca(X, k):
    """Takes the last k columns of eigh's output without reversing them."""
    Xc = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    components = v[:, -k:].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, w[-k:]


@mistake("q5", cause="factor:(n-1)/n")
def pca(X, k):
    """Uses ddof = 0 (divides by n)."""
    Xc = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Xc.T @ Xc / X.shape[0])
    order = np.argsort(w)[::-1][:k]
    components = v[:, order].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, w[order]


@mistake("q5", cause="formula:first_positive")
def pca(X, k):
    """Makes the first entry of each component positive."""
    Xc = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    order = np.argsort(w)[::-1][:k]
    components = v[:, order].T
    return components * np.where(components[:, :1] < 0, -1.0, 1.0), w[order]


@mistake("q5", cause="formula:signs")
def pca(X, k):
    """Keeps the signs eigh gives."""
    Xc = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    order = np.argsort(w)[::-1][:k]
    return v[:, order].T, w[order]


@mistake("q5", cause="transpose")
def pca(X, k):
    """Returns the components as columns, shape (d, k)."""
    Xc = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    order = np.argsort(w)[::-1][:k]
    components = v[:, order].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components.T, w[order]


@mistake("q5", cause="formula:standardised")
def pca(X, k):
    """Standardises the data first (the lecture's step 1), i.e. PCA of the correlation
    matrix."""
    Xs = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    w, v = np.linalg.eigh(Xs.T @ Xs / (X.shape[0] - 1))
    order = np.argsort(w)[::-1][:k]
    components = v[:, order].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, w[order]


@mistake("q5", cause="formula:singular")
def pca(X, k):
    """Through the SVD of the centred data, returning the singular values as the variances."""
    _, s, vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    components = vt[:k]
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, s[:k]


# ---------------------------------------------------------------------------- q6


@mistake("q6", cause="formula:topk")
def explained_variance_ratio(X, k):
    """Divides by the sum of the top k eigenvalues instead of all d."""
    w = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1][:k]
    return w / w.sum()


@mistake("q6", cause="formula:cumulative")
def explained_variance_ratio(X, k):
    """Returns the cumulative ratios."""
    w = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]
    return np.cumsum(w)[:k] / w.sum()


@mistake("q6", cause="formula:smallest")
def explained_variance_ratio(X, k):
    """Keeps eigvalsh's increasing order."""
    w = np.linalg.eigvalsh(np.cov(X, rowvar=False))
    return w[:k] / w.sum()


@mistake("q6", cause="formula:uncentred")
def explained_variance_ratio(X, k):
    """Uses X^T X without centring."""
    w = np.linalg.eigvalsh(X.T @ X)[::-1]
    return w[:k] / w.sum()


@mistake("q6", cause="formula:singular")
def explained_variance_ratio(X, k):
    """Uses the singular values instead of their squares."""
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return s[:k] / s.sum()


# ---------------------------------------------------------------------------- q7


@mistake("q7", cause="formula:uncentred")
def pca_transform(X, components):
    """Projects X without centring it."""
    return X @ components.T


@mistake("q7", cause="formula:rowmean")
def pca_transform(X, components):
    """Centres with the mean of each row (axis=1)."""
    return (X - X.mean(axis=1, keepdims=True)) @ components.T


@mistake("q7", cause="formula:standardised")
def pca_transform(X, components):
    """Standardises the data before projecting."""
    return ((X - X.mean(axis=0)) / X.std(axis=0, ddof=1)) @ components.T


@mistake("q7", cause="formula:nomean")
def pca_reconstruct(Z, components, mean):
    """Forgets to add the mean back."""
    return Z @ components


@mistake("q7", cause="formula:minus")
def pca_reconstruct(Z, components, mean):
    """Subtracts the mean instead of adding it."""
    return Z @ components - mean
