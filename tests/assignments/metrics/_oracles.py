"""What only the hidden metrics checks use: independent oracles and the wrong formulas their
diagnoses compare with (never shipped to students).

- scikit-learn's ``sklearn.metrics`` for every value: ``confusion_matrix``,
  ``precision_recall_fscore_support``, ``mean_squared_error``, ``mean_absolute_error``,
  ``r2_score``, ``silhouette_score``, ``davies_bouldin_score``, ``calinski_harabasz_score``,
  ``adjusted_rand_score``, ``rand_score``;
- SciPy's sparse matrices for counts that must add up repeated pairs, and its ``cdist`` for
  the exact pairwise distances the wrong clustering formulas are written with.

Heavy libraries are imported inside the functions.
"""

import numpy as np

# ---------------------------------------------------------------------------- classification


def confusion_counts(y_true, y_pred, n_classes):
    """The confusion matrix as a SciPy COO matrix, which sums duplicate (row, column) pairs."""
    import scipy.sparse

    ones = np.ones(len(y_true), dtype=np.int64)
    return scipy.sparse.coo_matrix((ones, (y_true, y_pred)),
                                   shape=(n_classes, n_classes)).toarray()


def confusion_compact(y_true, y_pred, n_classes):
    """The wrong confusion matrix that numbers the classes by rank among those present."""
    present = np.unique(np.concatenate([y_true, y_pred]))
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (np.searchsorted(present, y_true), np.searchsorted(present, y_pred)), 1)
    return C


def precision_recall_f1_sklearn(y_true, y_pred):
    """scikit-learn's binary precision, recall and F1 of class 1, 0.0 where undefined."""
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", pos_label=1,
                                                 zero_division=0.0)
    return float(p), float(r), float(f)


def regression_metrics_sklearn(y, y_pred):
    """(mse, rmse, mae, r2) by scikit-learn (rmse as the square root of its MSE)."""
    from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

    mse = float(mean_squared_error(y, y_pred))
    return mse, float(np.sqrt(mse)), float(mean_absolute_error(y, y_pred)), float(
        r2_score(y, y_pred))


# ---------------------------------------------------------------------------- clustering


def silhouette_sklearn(X, labels):
    from sklearn.metrics import silhouette_score

    return float(silhouette_score(X, labels, metric="euclidean"))


def davies_bouldin_sklearn(X, labels):
    from sklearn.metrics import davies_bouldin_score

    return float(davies_bouldin_score(X, labels))


def calinski_harabasz_sklearn(X, labels):
    from sklearn.metrics import calinski_harabasz_score

    return float(calinski_harabasz_score(X, labels))


def ari_sklearn(a, b):
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(a, b))


def _clusters(X, labels):
    """(ids, masks (k, n), centroids (k, d), sizes (k,))."""
    ids = np.unique(labels)
    masks = labels[None, :] == ids[:, None]
    sizes = masks.sum(axis=1)
    centroids = (masks @ X) / sizes[:, None]
    return ids, masks, centroids, sizes


def _distances(X, Y=None, squared=False):
    from scipy.spatial.distance import cdist

    return cdist(X, X if Y is None else Y, "sqeuclidean" if squared else "euclidean")


def silhouette_variant(X, labels, *, a_self=False, b_all=False, squared=False,
                       singleton=0.0, centroid=False, over_b=False):
    """The mean silhouette with one deliberate change (each keyword is one wrong formula):
    ``a_self`` divides a's sum by the cluster's size (the point itself counted);
    ``b_all`` takes b over every point outside i's cluster; ``squared`` uses squared
    distances; ``singleton`` is s(i) for a point alone; ``centroid`` measures a and b to the
    centroids (the simplified silhouette); ``over_b`` divides by b instead of max(a, b)."""
    ids, masks, centroids, sizes = _clusters(X, labels)
    own = np.argmax(masks, axis=0)  # (n,) index of i's cluster
    n = X.shape[0]
    rows = np.arange(n)
    if centroid:
        to_centroids = _distances(X, centroids)  # (n, k)
        a = to_centroids[rows, own]
        to_centroids[rows, own] = np.inf
        b = to_centroids.min(axis=1)
    else:
        D = _distances(X, squared=squared)
        sums = D @ masks.T.astype(float)  # (n, k)
        size_own = sizes[own]
        a = sums[rows, own] / (size_own if a_self else np.maximum(size_own - 1, 1))
        if b_all:
            b = (sums.sum(axis=1) - sums[rows, own]) / (n - size_own)
        else:
            means = sums / sizes
            means[rows, own] = np.inf
            b = means.min(axis=1)
    s = (b - a) / (b if over_b else np.maximum(a, b))
    s = np.where(sizes[own] == 1, singleton, s)
    return float(np.mean(s))


def davies_bouldin_variant(X, labels, *, spread="mean", gap="euclidean", reduce="max"):
    """Davies-Bouldin with one deliberate change: ``spread`` 'rms' or 'squared' (the root mean
    square or the mean square distance to the centroid instead of the mean distance); ``gap``
    'squared' (squared centroid distances); ``reduce`` 'min' or 'mean' (instead of the max
    over j != i), or 'worst' (the largest ratio of all pairs instead of the mean of the rows'
    maxima)."""
    ids, masks, centroids, sizes = _clusters(X, labels)
    to_own = [np.linalg.norm(X[m] - c, axis=1) for m, c in zip(masks, centroids, strict=True)]
    if spread == "mean":
        s = np.array([np.mean(t) for t in to_own])
    elif spread == "rms":
        s = np.array([np.sqrt(np.mean(t**2)) for t in to_own])
    else:
        s = np.array([np.mean(t**2) for t in to_own])
    G = _distances(centroids, squared=gap == "squared")
    k = ids.size
    off = ~np.eye(k, dtype=bool)
    R = np.where(off, (s[:, None] + s[None, :]) / np.where(off, G, 1.0), np.nan)
    if reduce == "min":
        return float(np.mean(np.nanmin(R, axis=1)))
    if reduce == "mean":
        return float(np.mean(np.nanmean(R, axis=1)))
    if reduce == "worst":
        return float(np.nanmax(R))
    return float(np.mean(np.nanmax(R, axis=1)))


def calinski_harabasz_variant(X, labels, *, inverted=False, unweighted=False,
                              centre_of_centroids=False, unsquared=False):
    """Calinski-Harabasz with one deliberate change: ``inverted`` returns the within-cluster
    term over the between-cluster one; ``unweighted`` drops the sizes n_j from SS_B;
    ``centre_of_centroids`` measures SS_B around the plain mean of the centroids instead of the
    mean of X; ``unsquared`` sums distances instead of squared distances."""
    ids, masks, centroids, sizes = _clusters(X, labels)
    n, k = X.shape[0], ids.size
    centre = centroids.mean(axis=0) if centre_of_centroids else X.mean(axis=0)
    power = 1.0 if unsquared else 2.0
    to_centre = np.linalg.norm(centroids - centre, axis=1) ** power
    between = np.sum(to_centre if unweighted else sizes * to_centre)
    within = sum(np.sum(np.linalg.norm(X[m] - c, axis=1) ** power)
                 for m, c in zip(masks, centroids, strict=True))
    B, W = between / (k - 1), within / (n - k)
    return float(W / B if inverted else B / W)


def ari_variant(a, b, *, pairs="binomial", expected_over="pairs", maximum="mean"):
    """The Hubert-Arabie index with one deliberate change: ``pairs`` 'square' (m^2 / 2 instead
    of m (m - 1) / 2); ``expected_over`` 'n' (the expected index divided by n instead of the
    number of pairs); ``maximum`` 'max' (the larger of the two marginal sums instead of their
    mean)."""
    _, i = np.unique(a, return_inverse=True)
    _, j = np.unique(b, return_inverse=True)
    table = np.zeros((i.max() + 1, j.max() + 1))
    np.add.at(table, (i, j), 1.0)

    def count(m):
        return m * m / 2.0 if pairs == "square" else m * (m - 1) / 2.0

    n = float(len(a))
    index = np.sum(count(table))
    sa, sb = np.sum(count(table.sum(axis=1))), np.sum(count(table.sum(axis=0)))
    expected = sa * sb / (n if expected_over == "n" else n * (n - 1) / 2.0)
    top = max(sa, sb) if maximum == "max" else (sa + sb) / 2.0
    return float((index - expected) / (top - expected))


def rand_index(a, b):
    """The unadjusted Rand index (the share of pairs on which the clusterings agree)."""
    from sklearn.metrics import rand_score

    return float(rand_score(a, b))
