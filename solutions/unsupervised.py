"""Reference solutions for the `unsupervised` assignment (hidden: never part of a student
artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def assign_clusters(X, centroids):
    """The assignment step of k-means: the index of each point's nearest centroid.

    Distances are Euclidean. When a point is exactly as far from two or more centroids, it goes
    to the one with the lowest index.

    Inputs:
    - X: array of shape (n, d), one point per row
    - centroids: array of shape (k, d), one centroid per row

    Returns labels, an integer array of shape (n,) with values in 0..k-1: labels[i] is the
    index of the centroid nearest to X[i].
    """
    ### BEGIN SOLUTION
    sq_dist = np.sum((X[:, None, :] - centroids[None, :, :]) ** 2, axis=2)  # (n, k)
    return np.argmin(sq_dist, axis=1)  # argmin returns the first (lowest) index of a tie
    ### END SOLUTION


def update_centroids(X, labels, k, old_centroids):
    """The update step of k-means: each centroid moves to the mean of its cluster's points.

    A cluster that has no point (an empty cluster) keeps its old centroid.

    Inputs:
    - X: array of shape (n, d)
    - labels: integer array of shape (n,) with values in 0..k-1
    - k: the number of clusters (int)
    - old_centroids: array of shape (k, d), the centroids before the update. Do not modify it.

    Returns centroids, a new array of shape (k, d): row j is the mean of the rows X[i] with
    labels[i] == j, or old_centroids[j] if there are none.
    """
    ### BEGIN SOLUTION
    centroids = np.array(old_centroids, dtype=float)  # a copy
    for j in range(k):
        members = X[labels == j]
        if len(members) > 0:
            centroids[j] = members.mean(axis=0)
    return centroids
    ### END SOLUTION


def inertia(X, labels, centroids):
    """The k-means objective J (the within-cluster sum of squares) at given labels.

    J = sum_i ||X[i] - centroids[labels[i]]||^2: each point's squared distance to the centroid
    it is assigned to (by labels, which need not be the nearest one).

    Inputs: X (n, d), labels (n,) integers in 0..k-1, centroids (k, d).
    Returns a float.
    """
    ### BEGIN SOLUTION
    diff = X - centroids[labels]
    return float(np.sum(diff * diff))
    ### END SOLUTION


def kmeans(X, init_centroids, n_iters=100):
    """Lloyd's algorithm for k-means, from the given initial centroids.

    Assign every point to its nearest centroid, then alternate: update the centroids (the means
    of their clusters; an empty cluster keeps its centroid) and assign the points again. Do at
    most n_iters updates, and stop early as soon as an assignment gives the same labels as the
    one before it (the next update would not move any centroid).

    Inputs:
    - X: array of shape (n, d)
    - init_centroids: array of shape (k, d), the initial centroids. Do not modify it.
    - n_iters: the largest number of centroid updates (int >= 0)

    Returns (centroids, labels):
    - centroids: array of shape (k, d), the centroids after the last update (the initial ones
      if n_iters is 0)
    - labels: integer array of shape (n,), assign_clusters(X, centroids) for those centroids
    """
    ### BEGIN SOLUTION
    k = init_centroids.shape[0]
    centroids = np.array(init_centroids, dtype=float)
    labels = assign_clusters(X, centroids)
    for _ in range(n_iters):
        centroids = update_centroids(X, labels, k, centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids, labels
    ### END SOLUTION


def pca(X, k):
    """Principal component analysis: the top-k eigenvectors of the covariance of the data.

    Centre the data (subtract the mean of each column), form the covariance matrix
    C = Xc^T Xc / (n - 1) (ddof = 1), and take its eigenvectors with the k largest eigenvalues,
    sorted by decreasing eigenvalue. An eigenvector is only defined up to its sign: flip each
    one so that its largest-magnitude entry is positive.

    Inputs:
    - X: array of shape (n, d), one sample per row (not necessarily centred)
    - k: the number of components (int, 1 <= k <= d)

    Returns (components, explained_variance):
    - components: array of shape (k, d); row j is the j-th principal direction (unit length)
    - explained_variance: array of shape (k,), the k largest eigenvalues of C, decreasing
    """
    ### BEGIN SOLUTION
    Xc = X - X.mean(axis=0)
    cov = Xc.T @ Xc / (X.shape[0] - 1)
    eigenvalues, eigenvectors = np.linalg.eigh(cov)  # increasing eigenvalues, columns
    order = np.argsort(eigenvalues)[::-1][:k]
    components = eigenvectors[:, order].T
    largest = np.argmax(np.abs(components), axis=1)
    signs = np.sign(components[np.arange(k), largest])
    return components * signs[:, None], eigenvalues[order]
    ### END SOLUTION


def explained_variance_ratio(X, k):
    """The share of the total variance carried by each of the top-k principal components.

    The top-k eigenvalues of the covariance of the centred data, in decreasing order, each
    divided by the sum of all d eigenvalues (the total variance).

    Inputs: X (n, d), k (int, 1 <= k <= d).
    Returns an array of shape (k,).
    """
    ### BEGIN SOLUTION
    Xc = X - X.mean(axis=0)
    eigenvalues = np.linalg.eigvalsh(Xc.T @ Xc / (X.shape[0] - 1))[::-1]
    return eigenvalues[:k] / np.sum(eigenvalues)
    ### END SOLUTION


def pca_transform(X, components):
    """Project the centred data on the components: Z = (X - mean) W^T.

    Inputs:
    - X: array of shape (n, d); it is centred with its own column means
    - components: array of shape (k, d) with orthonormal rows (for example from pca)

    Returns Z, an array of shape (n, k): Z[i, j] is the coordinate of the centred X[i] along
    components[j].
    """
    ### BEGIN SOLUTION
    return (X - X.mean(axis=0)) @ components.T
    ### END SOLUTION


def pca_reconstruct(Z, components, mean):
    """Map projected data back to the original space: X_hat = Z W + mean.

    Inputs:
    - Z: array of shape (n, k), coordinates along the components
    - components: array of shape (k, d) with orthonormal rows
    - mean: array of shape (d,), the mean that was subtracted before projecting

    Returns X_hat, an array of shape (n, d).
    """
    ### BEGIN SOLUTION
    return Z @ components + mean
    ### END SOLUTION


WRITTEN_ANSWERS = {
    "w1": r"""
Lloyd's algorithm minimises $J = \sum_i \lVert x_i - \mu_{c_i}\rVert^2$ by coordinate descent:
the assignment step minimises $J$ over the labels with the centroids fixed (each point takes its
nearest centroid, so no term grows), the update step minimises $J$ over the centroids with the
labels fixed (the mean minimises a sum of squared distances; an empty cluster keeps its
centroid, which changes nothing). So $J$ never increases. There are finitely many labellings
and a labelling cannot repeat once $J$ has strictly decreased, so the algorithm stops after
finitely many steps, at a point where neither step can improve $J$. That is a local optimum
(a fixed point), not necessarily the global one: $J$ is not convex in the centroids and the
problem is NP-hard in general. Which fixed point is reached depends on the initial centroids
(two centroids starting in one true cluster may never separate), hence several initialisations
(or k-means++) and keeping the run with the lowest inertia.
""",
    "w2": r"""
The variance of the centred data along a unit vector $w$ is $w^\top C w$ with
$C = X_c^\top X_c/(n-1)$. Maximising it subject to $\lVert w\rVert = 1$ (Lagrangian
$w^\top C w - \lambda(w^\top w - 1)$) gives $C w = \lambda w$: the best direction is an
eigenvector and the variance along it is its eigenvalue, so the first component is the top
eigenvector; the next ones maximise the variance orthogonally to the previous ones, giving the
next eigenvectors. With the SVD $X_c = U S V^\top$, $C = V \frac{S^2}{n-1} V^\top$: the
principal directions are the right singular vectors (rows of $V^\top$), the eigenvalues are
$s_j^2/(n-1)$, and the projections are $X_c V_k = U_k S_k$. Computing PCA by the SVD of $X_c$
avoids forming $C$ (which squares the condition number) and is how libraries do it.
""",
}
