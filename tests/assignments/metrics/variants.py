"""Other correct ways to write the metrics functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import itertools
import math

import numpy as np
import scipy.spatial.distance
import scipy.special

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1


@variant("q1", id="confusion_matrix-naive")
def confusion_matrix(y_true, y_pred, n_classes):
    """Nested lists filled by a loop over the samples."""
    C = [[0] * n_classes for _ in range(n_classes)]
    for i in range(len(y_true)):
        C[int(y_true[i])][int(y_pred[i])] += 1
    return np.array(C)


@variant("q1")
def confusion_matrix(y_true, y_pred, n_classes):
    """np.bincount of the flat index true * n_classes + predicted."""
    flat = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    return flat.reshape(n_classes, n_classes)


@variant("q1")
def confusion_matrix(y_true, y_pred, n_classes):
    """One-hot matrices: C = T^T P."""
    T = (y_true[:, None] == np.arange(n_classes)).astype(int)
    P = (y_pred[:, None] == np.arange(n_classes)).astype(int)
    return T.T @ P


# ---------------------------------------------------------------------------- q2


@variant("q2", id="precision_recall_f1-naive")
def precision_recall_f1(y_true, y_pred):
    """Counts in a loop; F1 as 2 TP / (2 TP + FP + FN)."""
    tp = fp = fn = 0
    for t, p in zip(y_true, y_pred, strict=True):
        if p == 1 and t == 1:
            tp += 1
        elif p == 1:
            fp += 1
        elif t == 1:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1


@variant("q2")
def precision_recall_f1(y_true, y_pred):
    """From the confusion matrix, with np.divide(..., where=) for the zero denominators."""
    C = np.zeros((2, 2))
    np.add.at(C, (y_true, y_pred), 1)
    (tn, fp), (fn, tp) = C
    num = np.array([tp, tp])
    den = np.array([tp + fp, tp + fn])
    precision, recall = np.divide(num, den, out=np.zeros(2), where=den > 0)
    f1 = 2 / (1 / precision + 1 / recall) if precision > 0 and recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


# ---------------------------------------------------------------------------- q3


@variant("q3", id="regression_metrics-naive")
def regression_metrics(y, y_pred):
    """Plain loops and math.sqrt."""
    n = len(y)
    mean = sum(y) / n
    ss_res = ss_tot = abs_sum = 0.0
    for i in range(n):
        ss_res += (y[i] - y_pred[i]) ** 2
        ss_tot += (y[i] - mean) ** 2
        abs_sum += abs(y[i] - y_pred[i])
    return {"mse": ss_res / n, "rmse": math.sqrt(ss_res / n), "mae": abs_sum / n,
            "r2": 1 - ss_res / ss_tot}


@variant("q3")
def regression_metrics(y, y_pred):
    """R^2 as 1 - MSE / var(y) (both means over n), norms for the sums."""
    e = y - y_pred
    mse = np.linalg.norm(e) ** 2 / len(y)
    return {"mse": mse, "rmse": mse**0.5, "mae": np.linalg.norm(e, 1) / len(y),
            "r2": 1 - mse / np.var(y)}


# ---------------------------------------------------------------------------- q4


@variant("q4", id="silhouette_score-naive")
def silhouette_score(X, labels):
    """Loops over the points and the clusters, math.dist for each distance."""
    n = len(X)
    clusters = {}
    for i in range(n):
        clusters.setdefault(int(labels[i]), []).append(i)
    total = 0.0
    for i in range(n):
        own = clusters[int(labels[i])]
        if len(own) == 1:
            continue
        a = sum(math.dist(X[i], X[j]) for j in own if j != i) / (len(own) - 1)
        b = min(sum(math.dist(X[i], X[j]) for j in members) / len(members)
                for c, members in clusters.items() if c != int(labels[i]))
        total += (b - a) / max(a, b)
    return total / n


@variant("q4")
def silhouette_score(X, labels):
    """SciPy's cdist, one cluster at a time."""
    D = scipy.spatial.distance.cdist(X, X)
    ids = np.unique(labels)
    means = np.column_stack([D[:, labels == c].mean(axis=1) for c in ids])  # (n, k)
    sizes = np.array([np.sum(labels == c) for c in ids])
    own = np.searchsorted(ids, labels)
    rows = np.arange(len(X))
    n_own = sizes[own]
    a = means[rows, own] * n_own / np.maximum(n_own - 1, 1)  # the point's own 0 removed
    means[rows, own] = np.inf
    b = means.min(axis=1)
    s = np.zeros(len(X))
    many = n_own > 1
    s[many] = (b[many] - a[many]) / np.maximum(a[many], b[many])
    return float(s.mean())


@variant("q4")
def silhouette_score(X, labels):
    """Distances by the expansion |x|^2 - 2 x.y + |y|^2 (rounding leaves about 1e-7 on the
    diagonal, which is not zeroed)."""
    sq = np.sum(X**2, axis=1)
    D = np.sqrt(np.maximum(sq[:, None] - 2 * X @ X.T + sq[None, :], 0.0))
    s = []
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            s.append(0.0)
            continue
        a = (D[i, same].sum() - D[i, i]) / (same.sum() - 1)
        b = min(D[i, labels == c].mean() for c in set(labels.tolist()) - {labels[i]})
        s.append((b - a) / max(a, b))
    return float(np.mean(s))


# ---------------------------------------------------------------------------- q5


@variant("q5", id="davies_bouldin-naive")
def davies_bouldin(X, labels):
    """Loops, with the clusters gathered in a dict and math.dist."""
    groups = {}
    for x, c in zip(X, labels, strict=True):
        groups.setdefault(int(c), []).append(x)
    centroids, spreads = [], []
    for points in groups.values():
        c = [sum(p[f] for p in points) / len(points) for f in range(X.shape[1])]
        centroids.append(c)
        spreads.append(sum(math.dist(p, c) for p in points) / len(points))
    k = len(centroids)
    total = 0.0
    for i in range(k):
        total += max((spreads[i] + spreads[j]) / math.dist(centroids[i], centroids[j])
                     for j in range(k) if j != i)
    return total / k


@variant("q5")
def davies_bouldin(X, labels):
    """One-hot matrices for the centroids, SciPy's pdist for their distances."""
    ids, inverse = np.unique(labels, return_inverse=True)
    M = np.eye(ids.size)[inverse]  # (n, k)
    centroids = (M.T @ X) / M.sum(axis=0)[:, None]
    s = (M.T @ np.linalg.norm(X - centroids[inverse], axis=1)) / M.sum(axis=0)
    G = scipy.spatial.distance.squareform(scipy.spatial.distance.pdist(centroids))
    R = (s[:, None] + s[None, :]) / np.where(G > 0, G, np.inf)
    return float(R.max(axis=1).mean())


# ---------------------------------------------------------------------------- q6


@variant("q6", id="calinski_harabasz-naive")
def calinski_harabasz(X, labels):
    """Loops over the points, with per-cluster sums in dicts."""
    n, d = X.shape
    sums, counts = {}, {}
    for x, c in zip(X, labels, strict=True):
        sums[c] = sums.get(c, np.zeros(d)) + x
        counts[c] = counts.get(c, 0) + 1
    centre = X.sum(axis=0) / n
    between = within = 0.0
    for c in sums:
        m = sums[c] / counts[c]
        between += counts[c] * float((m - centre) @ (m - centre))
    for x, c in zip(X, labels, strict=True):
        m = sums[c] / counts[c]
        within += float((x - m) @ (x - m))
    k = len(sums)
    return (between / (k - 1)) / (within / (n - k))


@variant("q6")
def calinski_harabasz(X, labels):
    """SS_B as the total scatter minus SS_W (the traces of the scatter matrices)."""
    ids = np.unique(labels)
    n, k = len(X), ids.size
    total = np.trace(np.cov(X.T, bias=True)) * n
    within = sum(np.trace(np.atleast_2d(np.cov(X[labels == c].T, bias=True))) * np.sum(labels == c)
                 for c in ids)
    return float(((total - within) / (k - 1)) / (within / (n - k)))


# ---------------------------------------------------------------------------- q7


@variant("q7", id="adjusted_rand_index-naive")
def adjusted_rand_index(a, b):
    """Counts the pairs one by one: together in both, in a only, in b only."""
    n = len(a)
    both = only_a = only_b = 0
    for i, j in itertools.combinations(range(n), 2):
        same_a, same_b = a[i] == a[j], b[i] == b[j]
        both += same_a and same_b
        only_a += same_a and not same_b
        only_b += same_b and not same_a
    pairs = n * (n - 1) / 2
    sum_a, sum_b = both + only_a, both + only_b
    expected = sum_a * sum_b / pairs
    return (both - expected) / ((sum_a + sum_b) / 2 - expected)


@variant("q7")
def adjusted_rand_index(a, b):
    """The contingency table by np.unique of the pairs, SciPy's comb for the pair counts."""
    _, n_ab = np.unique(np.stack([a, b]), axis=1, return_counts=True)
    _, n_a = np.unique(a, return_counts=True)
    _, n_b = np.unique(b, return_counts=True)
    index = scipy.special.comb(n_ab, 2).sum()
    sa, sb = scipy.special.comb(n_a, 2).sum(), scipy.special.comb(n_b, 2).sum()
    expected = sa * sb / scipy.special.comb(len(a), 2)
    return float((index - expected) / ((sa + sb) / 2 - expected))
