"""Other correct ways to write the neighbors functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math
from collections import Counter

import numpy as np
from scipy.spatial.distance import cdist

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1


@variant("q1", id="pairwise_distances-naive")
def pairwise_distances(X, Z):
    """Plain loops over the pairs and the coordinates."""
    D = np.zeros((X.shape[0], Z.shape[0]))
    for i in range(X.shape[0]):
        for j in range(Z.shape[0]):
            total = 0.0
            for c in range(X.shape[1]):
                total += (X[i, c] - Z[j, c]) ** 2
            D[i, j] = math.sqrt(total)
    return D


@variant("q1")
def pairwise_distances(X, Z):
    """The expansion ||x||^2 + ||z||^2 - 2 x.z, clipped at 0."""
    sq = np.sum(X**2, axis=1)[:, None] + np.sum(Z**2, axis=1)[None, :] - 2 * X @ Z.T
    return np.sqrt(np.maximum(sq, 0.0))


@variant("q1")
def pairwise_distances(X, Z):
    """SciPy's cdist."""
    return cdist(X, Z)


@variant("q1")
def pairwise_distances(X, Z):
    """np.linalg.norm of the broadcast differences."""
    return np.linalg.norm(X[:, None, :] - Z[None, :, :], axis=2)


# ---------------------------------------------------------------------------- q2


@variant("q2", id="k_nearest-naive")
def k_nearest(X_train, X_test, k):
    """Python's sorted on (distance, index) pairs, one test point at a time."""
    m = X_test.shape[0]
    idx = np.zeros((m, k), dtype=int)
    dist = np.zeros((m, k))
    for i in range(m):
        pairs = []
        for j in range(X_train.shape[0]):
            d = math.dist(X_test[i], X_train[j])
            pairs.append((d, j))
        pairs.sort()
        for r in range(k):
            dist[i, r], idx[i, r] = pairs[r]
    return idx, dist


@variant("q2")
def k_nearest(X_train, X_test, k):
    """np.lexsort with the index as the secondary key, on squared distances from the
    expansion."""
    sq = (np.sum(X_test**2, axis=1)[:, None] + np.sum(X_train**2, axis=1)[None, :]
          - 2 * X_test @ X_train.T)
    sq = np.maximum(sq, 0.0)
    cols = np.arange(X_train.shape[0])
    idx = np.array([np.lexsort((cols, row))[:k] for row in sq])
    return idx, np.sqrt(np.take_along_axis(sq, idx, axis=1))


@variant("q2")
def k_nearest(X_train, X_test, k):
    """SciPy's squared distances and a stable argsort."""
    D2 = cdist(X_test, X_train, "sqeuclidean")
    idx = np.argsort(D2, axis=1, kind="stable")[:, :k]
    return idx, np.sqrt(np.take_along_axis(D2, idx, axis=1))


# ---------------------------------------------------------------------------- q3


@variant("q3", id="knn_predict-naive")
def knn_predict(X_train, y_train, X_test, k):
    """A dict of counts per test point; ties by comparing labels."""
    idx, _ = k_nearest(X_train, X_test, k)
    out = []
    for row in idx:
        counts = {}
        for j in row:
            counts[int(y_train[j])] = counts.get(int(y_train[j]), 0) + 1
        best = None
        for label, c in counts.items():
            if best is None or c > counts[best] or (c == counts[best] and label < best):
                best = label
        out.append(best)
    return np.array(out)


@variant("q3")
def knn_predict(X_train, y_train, X_test, k):
    """np.bincount over the labels (non-negative integers): argmax takes the smallest label of
    a tie."""
    idx, _ = k_nearest(X_train, X_test, k)
    return np.array([np.argmax(np.bincount(y_train[row])) for row in idx])


@variant("q3")
def knn_predict(X_train, y_train, X_test, k):
    """Counter, then the smallest of the most frequent labels."""
    idx, _ = k_nearest(X_train, X_test, k)
    out = []
    for row in idx:
        counts = Counter(y_train[row].tolist())
        top = max(counts.values())
        out.append(min(c for c in counts if counts[c] == top))
    return np.array(out, dtype=int)


@variant("q3")
def knn_predict(X_train, y_train, X_test, k):
    """SciPy's mode (the smallest of the most frequent values)."""
    from scipy.stats import mode

    idx, _ = k_nearest(X_train, X_test, k)
    return np.asarray(mode(y_train[idx], axis=1).mode).astype(int).ravel()


# ---------------------------------------------------------------------------- q4


@variant("q4", id="knn_regress-naive")
def knn_regress(X_train, y_train, X_test, k):
    """A loop that sums the k targets."""
    idx, _ = k_nearest(X_train, X_test, k)
    out = np.zeros(X_test.shape[0])
    for i in range(X_test.shape[0]):
        total = 0.0
        for j in idx[i]:
            total += y_train[j]
        out[i] = total / k
    return out


@variant("q4")
def knn_regress(X_train, y_train, X_test, k):
    """A one-hot neighbour matrix times the targets."""
    idx, _ = k_nearest(X_train, X_test, k)
    W = np.zeros((X_test.shape[0], X_train.shape[0]))
    np.put_along_axis(W, idx, 1.0 / k, axis=1)
    return W @ y_train


# ---------------------------------------------------------------------------- q5


@variant("q5", id="core_points-naive")
def core_points(X, eps, min_samples):
    """Count the neighbours of each point in a loop."""
    n = X.shape[0]
    out = np.zeros(n, dtype=bool)
    for i in range(n):
        count = 0
        for j in range(n):
            if math.dist(X[i], X[j]) <= eps:
                count += 1
        out[i] = count >= min_samples
    return out


@variant("q5")
def core_points(X, eps, min_samples):
    """SciPy's k-d tree: query_ball_point counts the points within eps (inclusive)."""
    from scipy.spatial import cKDTree

    counts = cKDTree(X).query_ball_point(X, r=eps, return_length=True)
    return np.asarray(counts) >= min_samples


@variant("q5")
def core_points(X, eps, min_samples):
    """Squared distances compared with eps^2 (exact on integer data)."""
    D2 = cdist(X, X, "sqeuclidean")
    return np.count_nonzero(eps * eps >= D2, axis=1) >= min_samples


# ---------------------------------------------------------------------------- q6


@variant("q6", id="dbscan-naive")
def dbscan(X, eps, min_samples):
    """The textbook scan in index order with a queue (as scikit-learn): a border point keeps
    the first cluster that reaches it."""
    n = X.shape[0]
    neighbours = [[j for j in range(n) if math.dist(X[i], X[j]) <= eps] for i in range(n)]
    core = [len(nb) >= min_samples for nb in neighbours]
    labels = [-1] * n
    cluster = 0
    for i in range(n):
        if labels[i] != -1 or not core[i]:
            continue
        labels[i] = cluster
        queue = [i]
        while queue:
            p = queue.pop(0)
            for q in neighbours[p]:
                if labels[q] == -1:
                    labels[q] = cluster
                    if core[q]:
                        queue.append(q)
        cluster += 1
    return np.array(labels)


@variant("q6")
def dbscan(X, eps, min_samples):
    """Connected components of the core graph by SciPy, renamed by lowest core index."""
    from scipy.sparse.csgraph import connected_components

    near = cdist(X, X) <= eps
    core = near.sum(axis=1) >= min_samples
    cores = np.flatnonzero(core)
    labels = np.full(X.shape[0], -1)
    if cores.size:
        _, comp = connected_components(near[np.ix_(cores, cores)], directed=False)
        first = {}
        for c in comp:  # cores are in increasing index order
            first.setdefault(int(c), len(first))
        labels[cores] = [first[int(c)] for c in comp]
    for j in np.flatnonzero(~core):
        reach = labels[near[j] & core]
        if reach.size:
            labels[j] = reach.min()
    return labels


@variant("q6")
def dbscan(X, eps, min_samples):
    """Union-find over the core points, then borders to the lowest cluster in reach."""
    n = X.shape[0]
    D = pairwise_distances(X, X)
    core = core_points(X, eps, min_samples)
    parent = list(range(n))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(n):
        for j in range(i + 1, n):
            if core[i] and core[j] and D[i, j] <= eps:
                ri, rj = find(i), find(j)
                parent[max(ri, rj)] = min(ri, rj)  # the root is the lowest index
    labels = np.full(n, -1)
    names = {}
    for i in range(n):
        if core[i]:
            labels[i] = names.setdefault(find(i), len(names))
    for j in range(n):
        if not core[j]:
            reach = [labels[i] for i in range(n) if core[i] and D[i, j] <= eps]
            if reach:
                labels[j] = min(reach)
    return labels


# ---------------------------------------------------------------------------- q7


@variant("q7", id="linkage_matrix-naive")
def linkage_matrix(X, method="single"):
    """Recompute every linkage distance from the point distances at every step (no update
    formula), clusters as lists of points."""
    n = X.shape[0]
    D = [[math.dist(a, b) for b in X] for a in X]
    clusters = {i: [i] for i in range(n)}
    rows = []
    for s in range(n - 1):
        best = None
        keys = sorted(clusters)
        for x in range(len(keys)):
            for y in range(x + 1, len(keys)):
                a, b = keys[x], keys[y]
                pair = [D[p][q] for p in clusters[a] for q in clusters[b]]
                if method == "single":
                    d = min(pair)
                elif method == "complete":
                    d = max(pair)
                else:
                    d = sum(pair) / len(pair)
                if best is None or d < best[0]:
                    best = (d, a, b)
        d, a, b = best
        clusters[n + s] = clusters.pop(a) + clusters.pop(b)
        rows.append([a, b, d, len(clusters[n + s])])
    return np.array(rows, dtype=float)


@variant("q7")
def linkage_matrix(X, method="single"):
    """SciPy's linkage."""
    from scipy.cluster.hierarchy import linkage

    return linkage(X, method)


@variant("q7")
def linkage_matrix(X, method="single"):
    """The Lance-Williams update with its coefficients, on a dict of cluster distances."""
    n = X.shape[0]
    D = cdist(X, X)
    dist = {(i, j): D[i, j] for i in range(n) for j in range(i + 1, n)}
    size = {i: 1 for i in range(n)}
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        (a, b), d = min(dist.items(), key=lambda item: item[1])
        new = n + s
        for c in size:
            if c in (a, b):
                continue
            dac, dbc = dist[min(a, c), max(a, c)], dist[min(b, c), max(b, c)]
            if method == "average":
                aa, ab = size[a] / (size[a] + size[b]), size[b] / (size[a] + size[b])
                g = 0.0
            else:
                aa = ab = 0.5
                g = -0.5 if method == "single" else 0.5
            dist[c, new] = aa * dac + ab * dbc + g * abs(dac - dbc)
        size[new] = size.pop(a) + size.pop(b)
        dist = {key: v for key, v in dist.items() if a not in key and b not in key}
        Z[s] = [a, b, d, size[new]]
    return Z


# ---------------------------------------------------------------------------- q8


@variant("q8", id="cluster_labels-naive")
def cluster_labels(X, k, method="single"):
    """Union-find on the points over the first n - k rows."""
    n = X.shape[0]
    Z = linkage_matrix(X, method) if n > 1 else np.zeros((0, 4))
    rep = list(range(2 * n))  # the representative point of each cluster id
    parent = list(range(n))

    def find(a):
        while parent[a] != a:
            a = parent[a]
        return a

    for s in range(n - k):
        a, b = int(Z[s, 0]), int(Z[s, 1])
        ra, rb = find(rep[a]), find(rep[b])
        parent[rb] = ra
        rep[n + s] = ra
    labels, names = [], {}
    for i in range(n):
        labels.append(names.setdefault(find(i), len(names)))
    return np.array(labels)


@variant("q8")
def cluster_labels(X, k, method="single"):
    """SciPy's fcluster on the linkage matrix, relabelled with np.unique's first indices."""
    from scipy.cluster.hierarchy import fcluster

    f = fcluster(linkage_matrix(X, method), k, "maxclust")
    values, first = np.unique(f, return_index=True)
    rank = np.empty(len(values), dtype=int)
    rank[np.argsort(first)] = np.arange(len(values))
    return rank[np.searchsorted(values, f)]
