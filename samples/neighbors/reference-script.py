"""Reference solutions for the `neighbors` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def pairwise_distances(X, Z):
    """The Euclidean distance between every row of X and every row of Z.

    Inputs:
    - X: array of shape (n, d), one point per row
    - Z: array of shape (m, d), one point per row

    Returns D, an array of shape (n, m) with D[i, j] = ||X[i] - Z[j]|| (the plain distance, not
    its square). Any correct formula is accepted: the differences of every pair, or the
    expansion ||x||^2 + ||z||^2 - 2 x.z (whose round-off can make a squared distance slightly
    negative where x = z: clip it at 0 before the square root).
    """
    diff = X[:, None, :] - Z[None, :, :]  # (n, m, d)
    return np.sqrt(np.sum(diff * diff, axis=2))


def k_nearest(X_train, X_test, k):
    """The k nearest training points of every test point, by increasing distance.

    Inputs:
    - X_train: array of shape (n, d), the training points
    - X_test: array of shape (m, d), the test points
    - k: the number of neighbours (int, 1 <= k <= n)

    Returns (idx, dist):
    - idx: integer array of shape (m, k); idx[i] holds the indices (rows of X_train) of the k
      training points nearest to X_test[i], nearest first
    - dist: array of shape (m, k); dist[i, j] = ||X_test[i] - X_train[idx[i, j]]||

    Ties: training points exactly as far from a test point are taken in increasing index order
    (the lower training index first), as a stable sort by distance does.
    """
    D = pairwise_distances(X_test, X_train)  # (m, n)
    idx = np.argsort(D, axis=1, kind="stable")[:, :k]
    return idx, np.take_along_axis(D, idx, axis=1)


def knn_predict(X_train, y_train, X_test, k):
    """k-nearest-neighbour classification: the majority label among the k neighbours.

    Inputs:
    - X_train: array of shape (n, d)
    - y_train: integer array of shape (n,), the class labels: non-negative integers, not
      necessarily 0..C-1 (for example 2, 5 and 9)
    - X_test: array of shape (m, d)
    - k: the number of neighbours (int, 1 <= k <= n)

    Returns an integer array of shape (m,): for each test point, the label that occurs most
    often among the labels of its k neighbours (those of k_nearest, with its tie rule). When
    several labels are equally frequent, the smallest of them.
    """
    idx, _ = k_nearest(X_train, X_test, k)
    votes = y_train[idx]  # (m, k)
    out = np.empty(len(X_test), dtype=int)
    for i, row in enumerate(votes):
        labels, counts = np.unique(row, return_counts=True)  # labels in increasing order
        out[i] = labels[np.argmax(counts)]  # argmax: the first (smallest) label of a tie
    return out


def knn_regress(X_train, y_train, X_test, k):
    """k-nearest-neighbour regression: the mean target of the k neighbours.

    Inputs:
    - X_train: array of shape (n, d)
    - y_train: array of shape (n,), the targets
    - X_test: array of shape (m, d)
    - k: the number of neighbours (int, 1 <= k <= n)

    Returns an array of shape (m,): the mean of y_train over the k neighbours of each test point
    (those of k_nearest, with its tie rule).
    """
    idx, _ = k_nearest(X_train, X_test, k)
    return np.mean(np.asarray(y_train, dtype=float)[idx], axis=1)


def core_points(X, eps, min_samples):
    """The core points of DBSCAN.

    Point i is a core point when at least min_samples points lie at distance <= eps from it,
    the point itself included (so with min_samples = 1 every point is a core point).

    Inputs:
    - X: array of shape (n, d)
    - eps: the neighbourhood radius (float > 0); a point at distance exactly eps counts
    - min_samples: the smallest neighbourhood size of a core point (int >= 1)

    Returns a boolean array of shape (n,).
    """
    D = pairwise_distances(X, X)
    return np.sum(eps >= D, axis=1) >= min_samples


def dbscan(X, eps, min_samples):
    """DBSCAN clustering, with scikit-learn's numbering.

    - The clusters are the connected components of the core points (core_points), two core
      points being linked when they are at distance <= eps.
    - Clusters are numbered 0, 1, 2, ... in increasing order of their lowest core-point index:
      cluster 0 holds the core point with the lowest index, cluster 1 the lowest core point
      outside cluster 0, and so on.
    - A point that is not a core point but lies within eps of at least one core point (a border
      point) joins the lowest-numbered of the clusters of those core points.
    - Every other point is noise: label -1.

    Inputs: X (n, d), eps (float > 0), min_samples (int >= 1), as in core_points.
    Returns an integer array of shape (n,) with values in -1, 0, 1, ...
    """
    n = X.shape[0]
    near = pairwise_distances(X, X) <= eps  # (n, n), the eps-neighbourhoods
    core = np.sum(near, axis=1) >= min_samples
    labels = np.full(n, -1, dtype=int)
    n_clusters = 0
    for i in range(n):  # a new cluster starts at its lowest core point
        if not core[i] or labels[i] != -1:
            continue
        labels[i] = n_clusters
        stack = [i]
        while stack:  # every core point reachable from i through core points
            p = stack.pop()
            for q in np.flatnonzero(near[p] & core & (labels == -1)):
                labels[q] = n_clusters
                stack.append(q)
        n_clusters += 1
    for j in np.flatnonzero(~core):  # border points: the lowest-numbered cluster in reach
        reach = labels[near[j] & core]
        if reach.size:
            labels[j] = reach.min()
    return labels


def linkage_matrix(X, method="single"):
    """Agglomerative clustering, as SciPy's linkage matrix.

    Start with every point in its own cluster (cluster i holds point i) and repeat n - 1 times:
    merge the two clusters A and B at the smallest linkage distance d(A, B), where
    - 'single':   d(A, B) = min over a in A, b in B of ||a - b||
    - 'complete': d(A, B) = max over a in A, b in B of ||a - b||
    - 'average':  d(A, B) = mean over a in A, b in B of ||a - b|| (UPGMA: every pair of points
      counts once, so a merged cluster's distance to C is (|A| d(A, C) + |B| d(B, C)) /
      (|A| + |B|), weighted by the sizes)
    The cluster made by merge s (s = 0, 1, ..., n - 2) gets the id n + s.

    Inputs:
    - X: array of shape (n, d), n >= 2
    - method: 'single', 'complete' or 'average'

    Returns Z, an array of shape (n - 1, 4): row s is [a, b, dist, size] for merge s, where
    a < b are the ids of the two clusters merged, dist their linkage distance and size the
    number of points in the new cluster. The rows are in merge order, so dist increases.
    """
    n = X.shape[0]
    D = pairwise_distances(X, X)
    np.fill_diagonal(D, np.inf)
    ids = np.arange(n)  # the id of the cluster in each slot
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        masked = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(masked), D.shape)
        a, b = sorted((ids[i], ids[j]))
        Z[s] = [a, b, D[i, j], sizes[i] + sizes[j]]
        if method == "single":
            new = np.minimum(D[i], D[j])
        elif method == "complete":
            new = np.maximum(D[i], D[j])
        elif method == "average":
            new = (sizes[i] * D[i] + sizes[j] * D[j]) / (sizes[i] + sizes[j])
        else:
            raise ValueError(f"unknown method {method!r}")
        D[i], D[:, i] = new, new  # the merged cluster takes slot i
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


def cluster_labels(X, k, method="single"):
    """The flat clustering into k clusters of agglomerative clustering.

    The partition left after the first n - k merges of linkage_matrix(X, method), labelled by
    first appearance: point 0 gets label 0, the first point (in index order) outside its
    cluster gets label 1, the first point outside those two clusters label 2, and so on.

    Inputs:
    - X: array of shape (n, d)
    - k: the number of clusters (int, 1 <= k <= n)
    - method: 'single', 'complete' or 'average', as in linkage_matrix

    Returns an integer array of shape (n,) with values in 0..k-1.
    """
    n = X.shape[0]
    members = {i: [i] for i in range(n)}  # cluster id -> its points
    if n > 1:
        for s, (a, b, _, _) in enumerate(linkage_matrix(X, method)[: n - k]):
            members[n + s] = members.pop(int(a)) + members.pop(int(b))
    cluster_of = np.empty(n, dtype=int)
    for c, points in enumerate(members.values()):
        cluster_of[points] = c
    labels = np.full(n, -1, dtype=int)
    names: dict[int, int] = {}
    for i in range(n):
        labels[i] = names.setdefault(int(cluster_of[i]), len(names))
    return labels


WRITTEN_ANSWERS = {
    "w1": r"""
With $k = 1$ the prediction at $x$ is the label of the single nearest training point: the
decision regions follow every training point (each one is classified correctly, the training
error is 0), so the rule has low bias but high variance: another sample of the training data
moves the boundary a lot, and a mislabelled or noisy point creates its own island. Averaging
over more neighbours smooths the prediction: the vote (or the mean) of $k$ neighbours varies
less from one sample to another (for regression, the variance of the mean of $k$ noisy targets
is $\sigma^2/k$), but the $k$ neighbours reach further from $x$, into regions where the true
function or class is different, which adds bias. With $k = n$ every point gets the majority
class (the global mean): zero variance, maximal bias. The training error grows with $k$, the
validation error is U-shaped; choose $k$ by cross-validation (or on a validation set).
""",
    "w2": r"""
DBSCAN defines clusters by density, not by a number: a point is a core point when its
$\varepsilon$-ball holds at least min_samples points, clusters are the connected components of
core points (linked when within $\varepsilon$), border points join a neighbouring cluster and
the rest is noise. The number of clusters is whatever number of dense connected regions the
data have for the chosen $\varepsilon$ and min_samples, and the clusters may have any shape
(two moons, rings), which k-means cannot do. The price is that one global density threshold is
used everywhere: with clusters of very different densities, an $\varepsilon$ small enough to
separate the dense clusters leaves the sparse cluster as noise (or splits it), and an
$\varepsilon$ large enough for the sparse cluster merges dense clusters that are close
together. (OPTICS or HDBSCAN vary the threshold to handle this.)
""",
    "w3": r"""
Single linkage merges the two clusters whose *closest* points are closest. Two clusters are
therefore merged as soon as one chain of points links them with small steps, however far apart
the bulk of the clusters is: a thin bridge of points (or a few noise points) between two groups
joins them early into one long, straggly cluster, and the hierarchy tends to grow one big
cluster that absorbs the others one point at a time. This is chaining. Single linkage is the
minimum spanning tree: cutting it at $k$ clusters removes the $k - 1$ longest MST edges, which
is good for elongated, well-separated shapes but fragile with noise. Complete linkage (the
farthest pair) and average linkage judge the clusters as a whole and give compact clusters
instead, at the price of splitting elongated ones.
""",
}
