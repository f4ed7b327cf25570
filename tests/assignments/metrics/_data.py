"""Inputs for the metrics checks and the notebook (public: shipped with the students' public
checks, so NumPy only).

The generators build labels, predictions and points with the properties the checks need
(labels that repeat, confusion matrices that are not symmetric, false positives != false
negatives, biased predictions, clusters of different sizes with ids that are not 0..k-1,
singletons, misplaced points); they count only what they need to verify those properties. The
checks compare with hand values or with scikit-learn.
"""

import numpy as np

# ---------------------------------------------------------------------------- classification


def class_labels(rng, n, n_classes, used, correct=0.55):
    """y_true, y_pred: integer arrays (n,) with labels in ``used`` only (a list of classes
    below n_classes - 1, so n_classes is above the largest label), the true classes drawn with
    unequal frequencies and each prediction right with probability ``correct``, else a random
    class of ``used``. Redrawn until the confusion matrix is not symmetric and some
    (true, predicted) pair off the diagonal repeats."""
    used = np.asarray(used)
    if used.max() >= n_classes - 1:
        raise ValueError("class_labels: keep the labels below n_classes - 1")
    weights = np.linspace(1.0, 2.5, used.size)
    while True:
        y_true = rng.choice(used, size=n, p=weights / weights.sum())
        y_pred = np.where(rng.random(n) < correct, y_true, rng.choice(used, size=n))
        counts = np.zeros((n_classes, n_classes), dtype=int)
        for t, p in zip(y_true, y_pred, strict=True):
            counts[t, p] += 1
        off = counts - np.diag(np.diag(counts))
        if np.any(counts != counts.T) and off.max() >= 2:
            return y_true, y_pred


def binary_labels(rng, n, positive_rate=0.3, recall=0.7, false_alarm=0.15):
    """y_true, y_pred: integer arrays (n,) in {0, 1}, about ``positive_rate`` positives, each
    positive found with probability ``recall`` and each negative flagged with probability
    ``false_alarm``. Redrawn until TP > 0, FP != FN, and precision and recall differ by at
    least 0.05 (so that swapping them, or averaging them, is visible)."""
    while True:
        y_true = (rng.random(n) < positive_rate).astype(int)
        hit = rng.random(n) < np.where(y_true == 1, recall, false_alarm)
        y_pred = hit.astype(int)
        tp = int(np.sum(y_true & y_pred))
        fp = int(np.sum((1 - y_true) & y_pred))
        fn = int(np.sum(y_true & (1 - y_pred)))
        if tp > 0 and fp != fn and abs(tp / (tp + fp) - tp / (tp + fn)) >= 0.05:
            return y_true, y_pred


def screening_data(rng, n=1000, positive_rate=0.1):
    """The notebook's imbalanced binary problem: X (n, 2) features and y (n,) integer labels,
    about ``positive_rate`` of them 1 (the rare class, say sick patients). The positives are
    shifted along (1, 0.5), so a linear score separates the classes, but not perfectly."""
    y = (rng.random(n) < positive_rate).astype(int)
    X = rng.standard_normal((n, 2)) + np.outer(y, [1.8, 0.9])
    return X, y


def split_indices(rng, n, fractions=(0.6, 0.2, 0.2)):
    """The lecture's split of n samples into a training, a validation and a test set: three
    index arrays of a random permutation, of sizes about 60%, 20% and 20% of n."""
    order = rng.permutation(n)
    first = int(round(fractions[0] * n))
    second = first + int(round(fractions[1] * n))
    return order[:first], order[first:second], order[second:]


# ---------------------------------------------------------------------------- regression


def regression_targets(rng, n, offset=5.0, scale=2.0, noise=0.8, bias=0.4, slope=0.8):
    """y (n,) around ``offset`` (so SS_tot around 0 and around the mean differ) and
    predictions y_pred (n,) that shrink y towards its mean by ``slope``, add a ``bias`` and
    noise: the residuals have a non-zero mean and mixed signs, and mean(y_pred) != mean(y)."""
    y = offset + scale * rng.standard_normal(n)
    y_pred = offset + slope * (y - offset) + bias + noise * rng.standard_normal(n)
    return y, y_pred


# ---------------------------------------------------------------------------- clustering


def cluster_ids(rng, k, negative=False):
    """k distinct integer cluster ids that are not 0..k-1 (drawn from 2..40, shuffled), one of
    them -1 (the noise label DBSCAN uses) when ``negative``."""
    ids = rng.choice(np.arange(2, 41), size=k, replace=False)
    if negative:
        ids[rng.integers(k)] = -1
    return ids


def blobs(rng, sizes, d=2, spread=1.0, separation=4.0, ids=None):
    """Gaussian groups of the given ``sizes`` in d dimensions around random centres (about
    ``separation`` apart, offset from the origin), shuffled. Returns X (n, d) and labels (n,):
    the group of each point, named by ``ids`` (default 0..k-1)."""
    k = len(sizes)
    ids = np.arange(k) if ids is None else np.asarray(ids)
    centres = separation * rng.standard_normal((k, d)) + rng.uniform(-3.0, 3.0, d)
    X = np.concatenate([c + spread * rng.standard_normal((m, d))
                        for c, m in zip(centres, sizes, strict=True)])
    labels = np.repeat(ids, sizes)
    order = rng.permutation(len(X))
    return X[order], labels[order]


def misplace(rng, X, labels, m):
    """A copy of ``labels`` in which m points (of clusters with at least m + 2 points) move to
    the farthest cluster (by centroid) that is not a singleton: their own-cluster distance
    a(i) then exceeds the nearest other cluster's b(i), so their silhouette is negative.
    Singletons stay singletons and no cluster empties."""
    labels = labels.copy()
    ids, sizes = np.unique(labels, return_counts=True)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    movable = np.flatnonzero(np.isin(labels, ids[sizes >= m + 2]))
    for i in rng.choice(movable, size=m, replace=False):
        gaps = np.where(sizes >= 2, np.sum((centroids - X[i]) ** 2, axis=1), -np.inf)
        labels[i] = ids[np.argmax(gaps)]
    return labels


def random_clusterings(rng):
    """The checks' ordinary clusterings: (description, X, labels) for Gaussian
    blobs, 3 clusters in 2-D and 4 in 3-D, of different sizes, with ids that are not 0..k-1."""
    for sizes, d, spread in [([9, 6, 12], 2, 1.0), ([7, 11, 5, 8], 3, 1.3)]:
        X, labels = blobs(rng, sizes, d=d, spread=spread, separation=3.0,
                          ids=cluster_ids(rng, len(sizes)))
        yield f"{len(sizes)} random clusters in {d}-D", X, labels


def awkward_clusterings(rng):
    """The checks' awkward clusterings: (description, X, labels) with singleton clusters,
    misplaced points (a(i) > b(i)) and an id of -1, in 2-D and 3-D."""
    for sizes, d, moved in [([8, 1, 10, 6], 2, 3), ([1, 9, 1, 7, 5], 3, 2)]:
        X, labels = blobs(rng, sizes, d=d, separation=4.0,
                          ids=cluster_ids(rng, len(sizes), negative=True))
        labels = misplace(rng, X, labels, moved)
        yield f"{sizes.count(1)} singleton(s) and {moved} misplaced points", X, labels


def clustered_points(rng, n_per=50):
    """The notebook's 2-D data set (the kind the unsupervised assignment clusters): four
    groups of points around (-4, 2), (0, 4), (1, -1) and (5, 1), with different spreads and
    sizes, shuffled. Returns X (about 4 n_per, 2) and the true group of each point, with ids
    10, 20, 30 and 40."""
    centres = np.array([[-4.0, 2.0], [0.0, 4.0], [1.0, -1.0], [5.0, 1.0]])
    spreads = [0.9, 0.6, 1.1, 0.7]
    sizes = [n_per, n_per // 2, n_per + n_per // 2, n_per]
    X = np.concatenate([c + s * rng.standard_normal((m, 2))
                        for c, s, m in zip(centres, spreads, sizes, strict=True)])
    groups = np.repeat([10, 20, 30, 40], sizes)
    order = rng.permutation(len(X))
    return X[order], groups[order]


def partitions(rng, n, k_a, k_b, agreement=0.6, negative=False):
    """Two clusterings a, b (n,) of the same points, with k_a and k_b clusters and ids that are
    not 0..k-1: b follows a (through a fixed map of a's clusters onto b's) for about
    ``agreement`` of the points and is random elsewhere. Redrawn until both use all their
    clusters (so with n > k neither is a single cluster nor all singletons: the ARI is
    defined)."""
    while True:
        ids_a = cluster_ids(rng, k_a, negative=negative)
        ids_b = cluster_ids(rng, k_b)
        i = rng.integers(k_a, size=n)
        follow = rng.integers(k_b, size=k_a)
        j = np.where(rng.random(n) < agreement, follow[i], rng.integers(k_b, size=n))
        if np.unique(i).size == k_a and np.unique(j).size == k_b:
            return ids_a[i], ids_b[j]
