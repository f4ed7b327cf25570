"""Common mistakes in the neighbors assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

from collections import Counter

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1


@mistake("q1", cause="formula:squared", sample=True)
def pairwise_distances(X, Z):
    """Returns the squared distances (forgets the square root)."""
    diff = X[:, None, :] - Z[None, :, :]
    return np.sum(diff**2, axis=2)


@mistake("q1", cause="not_finite")
def pairwise_distances(X, Z):
    """Uses the expansion ||x||^2 + ||z||^2 - 2 x.z without clipping its round-off at 0: the
    square root of a tiny negative number is NaN where X and Z share a point."""
    sq = np.sum(X**2, axis=1)[:, None] + np.sum(Z**2, axis=1)[None, :] - 2 * X @ Z.T
    with np.errstate(invalid="ignore"):
        return np.sqrt(sq)


@mistake("q1", cause="formula:plus")
def pairwise_distances(X, Z):
    """Expands ||x - z||^2 with + 2 x.z."""
    sq = np.sum(X**2, axis=1)[:, None] + np.sum(Z**2, axis=1)[None, :] + 2 * X @ Z.T
    return np.sqrt(np.maximum(sq, 0.0))


@mistake("q1", cause="formula:manhattan")
def pairwise_distances(X, Z):
    """Uses the Manhattan distance."""
    return np.sum(np.abs(X[:, None, :] - Z[None, :, :]), axis=2)


@mistake("q1", cause="transpose")
def pairwise_distances(X, Z):
    """Broadcasts the other way round: an (m, n) matrix."""
    diff = Z[:, None, :] - X[None, :, :]
    return np.sqrt(np.sum(diff**2, axis=2))


# ---------------------------------------------------------------------------- q2


@mistake("q2", cause="tie", sample=True)
def k_nearest(X_train, X_test, k):
    """Sorts by decreasing distance and reverses: exact ties come out with the higher index
    first."""
    D = pairwise_distances(X_test, X_train)
    idx = np.argsort(-D, axis=1, kind="stable")[:, ::-1][:, :k]
    return idx, np.take_along_axis(D, idx, axis=1)


@mistake("q2", cause="formula:skip_self")
def k_nearest(X_train, X_test, k):
    """Skips the nearest point, as if every test point were one of the training points."""
    D = pairwise_distances(X_test, X_train)
    idx = np.argsort(D, axis=1, kind="stable")[:, 1:k + 1]
    return idx, np.take_along_axis(D, idx, axis=1)


@mistake("q2", cause="formula:farthest")
def k_nearest(X_train, X_test, k):
    """Takes the last k of the sorted order: the k farthest points."""
    D = pairwise_distances(X_test, X_train)
    idx = np.argsort(D, axis=1, kind="stable")[:, -k:]
    return idx, np.take_along_axis(D, idx, axis=1)


@mistake("q2", cause="order")
def k_nearest(X_train, X_test, k):
    """Keeps the training points within the k-th smallest distance, in index order (not
    sorted by distance)."""
    D = pairwise_distances(X_test, X_train)
    idx = np.zeros((len(X_test), k), dtype=int)
    for i in range(len(X_test)):
        kth = np.sort(D[i])[k - 1]
        idx[i] = np.flatnonzero(D[i] <= kth)[:k]
    return idx, np.take_along_axis(D, idx, axis=1)


@mistake("q2", cause="formula:squared")
def k_nearest(X_train, X_test, k):
    """Returns the squared distances."""
    diff = X_test[:, None, :] - X_train[None, :, :]
    D2 = np.sum(diff**2, axis=2)
    idx = np.argsort(D2, axis=1, kind="stable")[:, :k]
    return idx, np.take_along_axis(D2, idx, axis=1)


@mistake("q2", cause="dtype")
def k_nearest(X_train, X_test, k):
    """Fills the indices into a float array (np.zeros((m, k)))."""
    D = pairwise_distances(X_test, X_train)
    idx = np.zeros((len(X_test), k))
    dist = np.zeros((len(X_test), k))
    for i in range(len(X_test)):
        order = np.argsort(D[i], kind="stable")[:k]
        idx[i], dist[i] = order, D[i, order]
    return idx, dist


# ---------------------------------------------------------------------------- q3


@mistake("q3", cause="tie", sample=True)
def knn_predict(X_train, y_train, X_test, k):
    """Counter.most_common: a vote tie goes to the tied label met first (the nearer one)."""
    idx, _ = k_nearest(X_train, X_test, k)
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in idx])


@mistake("q3", cause="tie")
def knn_predict(X_train, y_train, X_test, k):
    """Sorts the labels by count (a stable argsort) and takes the last: a tie goes to the
    largest label."""
    idx, _ = k_nearest(X_train, X_test, k)
    out = []
    for row in idx:
        labels, counts = np.unique(y_train[row], return_counts=True)
        out.append(labels[np.argsort(counts, kind="stable")[-1]])
    return np.array(out)


@mistake("q3", cause="formula:index")
def knn_predict(X_train, y_train, X_test, k):
    """Returns the position of the winning label in the list of classes, not the label."""
    classes, codes = np.unique(y_train, return_inverse=True)
    idx, _ = k_nearest(X_train, X_test, k)
    return np.array([np.argmax(np.bincount(codes[row], minlength=len(classes)))
                     for row in idx])


@mistake("q3", cause="dtype")
def knn_predict(X_train, y_train, X_test, k):
    """Stores the labels in a float array."""
    idx, _ = k_nearest(X_train, X_test, k)
    out = np.zeros(len(X_test))
    for i, row in enumerate(idx):
        out[i] = np.argmax(np.bincount(y_train[row]))
    return out


# ---------------------------------------------------------------------------- q4


@mistake("q4", cause="formula:median", sample=True)
def knn_regress(X_train, y_train, X_test, k):
    """Takes the median of the neighbours' targets."""
    idx, _ = k_nearest(X_train, X_test, k)
    return np.median(y_train[idx], axis=1)


@mistake("q4", cause="formula:weighted")
def knn_regress(X_train, y_train, X_test, k):
    """Weights the neighbours by 1 / distance."""
    idx, dist = k_nearest(X_train, X_test, k)
    w = 1.0 / np.maximum(dist, 1e-12)
    return np.sum(w * y_train[idx], axis=1) / np.sum(w, axis=1)


@mistake("q4", cause="factor:k")
def knn_regress(X_train, y_train, X_test, k):
    """Sums the neighbours' targets instead of averaging them."""
    idx, _ = k_nearest(X_train, X_test, k)
    return np.sum(y_train[idx], axis=1)


@mistake("q4", cause="shape")
def knn_regress(X_train, y_train, X_test, k):
    """Averages over the test points (axis 0) instead of the neighbours."""
    idx, _ = k_nearest(X_train, X_test, k)
    return np.mean(y_train[idx], axis=0)


# ---------------------------------------------------------------------------- q5


@mistake("q5", cause="formula:strict", sample=True)
def core_points(X, eps, min_samples):
    """Compares the distances with eps by <, leaving out points at distance exactly eps."""
    return np.sum(pairwise_distances(X, X) < eps, axis=1) >= min_samples


@mistake("q5", cause="formula:self")
def core_points(X, eps, min_samples):
    """Does not count the point itself."""
    D = pairwise_distances(X, X)
    return np.sum(eps >= D, axis=1) - 1 >= min_samples


@mistake("q5", cause="formula:squared")
def core_points(X, eps, min_samples):
    """Compares squared distances with eps."""
    diff = X[:, None, :] - X[None, :, :]
    return np.sum(np.sum(diff**2, axis=2) <= eps, axis=1) >= min_samples


@mistake("q5", cause="shape")
def core_points(X, eps, min_samples):
    """Returns the indices of the core points instead of a mask."""
    return np.flatnonzero(np.sum(pairwise_distances(X, X) <= eps, axis=1) >= min_samples)


# ---------------------------------------------------------------------------- q6


@mistake("q6", cause="formula:border_noise", sample=True)
def dbscan(X, eps, min_samples):
    """Labels only the core points: border points stay noise."""
    near = pairwise_distances(X, X) <= eps
    core = core_points(X, eps, min_samples)
    labels = np.full(len(X), -1)
    c = 0
    for i in range(len(X)):
        if core[i] and labels[i] == -1:
            labels[i] = c
            stack = [i]
            while stack:
                p = stack.pop()
                for q in np.flatnonzero(near[p] & core & (labels == -1)):
                    labels[q] = c
                    stack.append(q)
            c += 1
    return labels


@mistake("q6", cause="tie")
def dbscan(X, eps, min_samples):
    """Lets every cluster claim its border points in turn: a border point within reach of two
    clusters ends in the last one."""
    near = pairwise_distances(X, X) <= eps
    core = core_points(X, eps, min_samples)
    labels = np.full(len(X), -1)
    c = 0
    for i in range(len(X)):
        if core[i] and labels[i] == -1:
            labels[i] = c
            stack = [i]
            while stack:
                p = stack.pop()
                for q in np.flatnonzero(near[p]):
                    if core[q] and labels[q] == -1:
                        labels[q] = c
                        stack.append(q)
                    elif not core[q]:
                        labels[q] = c
            c += 1
    return labels


@mistake("q6", cause="order")
def dbscan(X, eps, min_samples):
    """Numbers the clusters by the first point of any kind (border points included) that
    belongs to them."""
    near = pairwise_distances(X, X) <= eps
    core = core_points(X, eps, min_samples)
    labels = np.full(len(X), -1)
    c = 0
    for i in range(len(X)):
        if core[i] and labels[i] == -1:
            labels[i] = c
            stack = [i]
            while stack:
                p = stack.pop()
                for q in np.flatnonzero(near[p] & core & (labels == -1)):
                    labels[q] = c
                    stack.append(q)
            c += 1
    for j in np.flatnonzero(~core):
        reach = labels[near[j] & core]
        if reach.size:
            labels[j] = reach.min()
    names = {}
    return np.array([-1 if c == -1 else names.setdefault(c, len(names)) for c in labels])


@mistake("q6", cause="offset")
def dbscan(X, eps, min_samples):
    """Numbers noise 0 and the clusters from 1."""
    near = pairwise_distances(X, X) <= eps
    core = core_points(X, eps, min_samples)
    labels = np.zeros(len(X), dtype=int)
    c = 1
    for i in range(len(X)):
        if core[i] and labels[i] == 0:
            labels[i] = c
            stack = [i]
            while stack:
                p = stack.pop()
                for q in np.flatnonzero(near[p] & core & (labels == 0)):
                    labels[q] = c
                    stack.append(q)
            c += 1
    for j in np.flatnonzero(~core):
        reach = labels[near[j] & core]
        if reach.size:
            labels[j] = reach.min()
    return labels


@mistake("q6", cause="formula:border_expands")
def dbscan(X, eps, min_samples):
    """Grows the clusters from every point reached, border points included."""
    near = pairwise_distances(X, X) <= eps
    core = core_points(X, eps, min_samples)
    labels = np.full(len(X), -1)
    c = 0
    for i in range(len(X)):
        if core[i] and labels[i] == -1:
            labels[i] = c
            queue = [i]
            while queue:
                p = queue.pop(0)
                for q in np.flatnonzero(near[p] & (labels == -1)):
                    labels[q] = c
                    queue.append(q)
            c += 1
    return labels


# ---------------------------------------------------------------------------- q7

@mistake("q7", cause="formula:single", sample=True)
def linkage_matrix(X, method="single"):
    """Uses the minimum for complete linkage as well."""
    n = X.shape[0]
    D = pairwise_distances(X, X)
    np.fill_diagonal(D, np.inf)
    ids, sizes, active = np.arange(n), np.ones(n), np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        M = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(M), M.shape)
        Z[s] = [*sorted((ids[i], ids[j])), D[i, j], sizes[i] + sizes[j]]
        if method == "single" or method == "complete":
            new = np.minimum(D[i], D[j])
        else:
            new = (sizes[i] * D[i] + sizes[j] * D[j]) / (sizes[i] + sizes[j])
        D[i], D[:, i] = new, new
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


@mistake("q7", cause="formula:wpgma")
def linkage_matrix(X, method="single"):
    """Average linkage by the plain mean of the two merged clusters' distances (WPGMA)."""
    n = X.shape[0]
    D = pairwise_distances(X, X)
    np.fill_diagonal(D, np.inf)
    ids, sizes, active = np.arange(n), np.ones(n), np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        M = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(M), M.shape)
        Z[s] = [*sorted((ids[i], ids[j])), D[i, j], sizes[i] + sizes[j]]
        if method == "single":
            new = np.minimum(D[i], D[j])
        elif method == "complete":
            new = np.maximum(D[i], D[j])
        else:
            new = (D[i] + D[j]) / 2
        D[i], D[:, i] = new, new
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


@mistake("q7", cause="shape")
def linkage_matrix(X, method="single"):
    """Leaves out the size column: rows [a, b, distance]."""
    n = X.shape[0]
    D = pairwise_distances(X, X)
    np.fill_diagonal(D, np.inf)
    ids, sizes, active = np.arange(n), np.ones(n), np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 3))
    for s in range(n - 1):
        M = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(M), M.shape)
        Z[s] = [*sorted((ids[i], ids[j])), D[i, j]]
        if method == "single":
            new = np.minimum(D[i], D[j])
        elif method == "complete":
            new = np.maximum(D[i], D[j])
        else:
            new = (sizes[i] * D[i] + sizes[j] * D[j]) / (sizes[i] + sizes[j])
        D[i], D[:, i] = new, new
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


@mistake("q7", cause="formula:ids")
def linkage_matrix(X, method="single"):
    """Names each cluster by the slot it is kept in (its lowest point) instead of n + s."""
    n = X.shape[0]
    D = pairwise_distances(X, X)
    np.fill_diagonal(D, np.inf)
    ids, sizes, active = np.arange(n), np.ones(n), np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        M = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(M), M.shape)
        Z[s] = [i, j, D[i, j], sizes[i] + sizes[j]]
        if method == "single":
            new = np.minimum(D[i], D[j])
        elif method == "complete":
            new = np.maximum(D[i], D[j])
        else:
            new = (sizes[i] * D[i] + sizes[j] * D[j]) / (sizes[i] + sizes[j])
        D[i], D[:, i] = new, new
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


@mistake("q7", cause="order")
def linkage_matrix(X, method="single"):
    """Writes the two ids in slot order, so the newer (larger) id sometimes comes first."""
    n = X.shape[0]
    D = pairwise_distances(X, X)
    np.fill_diagonal(D, np.inf)
    ids, sizes, active = np.arange(n), np.ones(n), np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        M = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(M), M.shape)
        Z[s] = [ids[i], ids[j], D[i, j], sizes[i] + sizes[j]]
        if method == "single":
            new = np.minimum(D[i], D[j])
        elif method == "complete":
            new = np.maximum(D[i], D[j])
        else:
            new = (sizes[i] * D[i] + sizes[j] * D[j]) / (sizes[i] + sizes[j])
        D[i], D[:, i] = new, new
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


@mistake("q7", cause="regions:sizes")
def linkage_matrix(X, method="single"):
    """Adds 1 to the size of the first cluster, as if the second were always a single point."""
    n = X.shape[0]
    D = pairwise_distances(X, X)
    np.fill_diagonal(D, np.inf)
    ids, sizes, active = np.arange(n), np.ones(n), np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        M = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(M), M.shape)
        Z[s] = [*sorted((ids[i], ids[j])), D[i, j], sizes[i] + 1]
        if method == "single":
            new = np.minimum(D[i], D[j])
        elif method == "complete":
            new = np.maximum(D[i], D[j])
        else:
            new = (sizes[i] * D[i] + sizes[j] * D[j]) / (sizes[i] + sizes[j])
        D[i], D[:, i] = new, new
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


@mistake("q7", cause="formula:squared")
def linkage_matrix(X, method="single"):
    """Clusters on squared distances."""
    n = X.shape[0]
    D = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    np.fill_diagonal(D, np.inf)
    ids, sizes, active = np.arange(n), np.ones(n), np.ones(n, dtype=bool)
    Z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        M = np.where(active[:, None] & active[None, :], D, np.inf)
        i, j = np.unravel_index(np.argmin(M), M.shape)
        Z[s] = [*sorted((ids[i], ids[j])), D[i, j], sizes[i] + sizes[j]]
        if method == "single":
            new = np.minimum(D[i], D[j])
        elif method == "complete":
            new = np.maximum(D[i], D[j])
        else:
            new = (sizes[i] * D[i] + sizes[j] * D[j]) / (sizes[i] + sizes[j])
        D[i], D[:, i] = new, new
        D[i, i] = np.inf
        active[j] = False
        ids[i], sizes[i] = n + s, sizes[i] + sizes[j]
    return Z


# ---------------------------------------------------------------------------- q8


@mistake("q8", cause="offset", sample=True)
def cluster_labels(X, k, method="single"):
    """Numbers the clusters from 1, like fcluster."""
    n = X.shape[0]
    members = {i: [i] for i in range(n)}
    for s, (a, b, _, _) in enumerate(linkage_matrix(X, method)[:n - k]):
        members[n + s] = members.pop(int(a)) + members.pop(int(b))
    cluster_of = np.empty(n, dtype=int)
    for c, points in enumerate(members.values()):
        cluster_of[points] = c
    names = {}
    return np.array([names.setdefault(c, len(names)) + 1 for c in cluster_of])


@mistake("q8", cause="count")
def cluster_labels(X, k, method="single"):
    """Does one merge too few: n - k - 1 merges leave k + 1 clusters."""
    n = X.shape[0]
    members = {i: [i] for i in range(n)}
    for s, (a, b, _, _) in enumerate(linkage_matrix(X, method)[:max(n - k - 1, 0)]):
        members[n + s] = members.pop(int(a)) + members.pop(int(b))
    cluster_of = np.empty(n, dtype=int)
    for c, points in enumerate(members.values()):
        cluster_of[points] = c
    names = {}
    return np.array([names.setdefault(c, len(names)) for c in cluster_of])


@mistake("q8", cause="formula:default_method")
def cluster_labels(X, k, method="single"):
    """Calls linkage_matrix(X) without passing the method on (always single linkage)."""
    n = X.shape[0]
    members = {i: [i] for i in range(n)}
    for s, (a, b, _, _) in enumerate(linkage_matrix(X)[:n - k]):
        members[n + s] = members.pop(int(a)) + members.pop(int(b))
    cluster_of = np.empty(n, dtype=int)
    for c, points in enumerate(members.values()):
        cluster_of[points] = c
    names = {}
    return np.array([names.setdefault(c, len(names)) for c in cluster_of])


@mistake("q8", cause="order")
def cluster_labels(X, k, method="single"):
    """Uses SciPy's fcluster labels minus 1, without relabelling them by first appearance."""
    from scipy.cluster.hierarchy import fcluster

    return fcluster(linkage_matrix(X, method), k, "maxclust") - 1
