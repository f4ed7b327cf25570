"""Reference solutions for the `metrics` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    """The confusion matrix of a classifier: C[i, j] counts the samples whose true class is i
    and whose predicted class is j (rows true, columns predicted).

    Every (true, predicted) pair must be counted, however often it repeats. Classes that
    never occur (in y_true or in y_pred) still get their row and column, of zeros.

    Inputs:
    - y_true: integer array of shape (n,), the true classes, each in 0..n_classes-1
    - y_pred: integer array of shape (n,), the predicted classes, each in 0..n_classes-1
    - n_classes: int, the number of classes (it may exceed the largest label + 1)

    Returns C, an integer array of shape (n_classes, n_classes); C.sum() == n.
    """
    ### BEGIN SOLUTION
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    # np.add.at counts repeated index pairs; C[y_true, y_pred] += 1 would count each pair once.
    np.add.at(C, (y_true, y_pred), 1)
    return C
    ### END SOLUTION


def precision_recall_f1(y_true, y_pred):
    """Precision, recall and F1 of a binary classifier whose positive class is 1.

    With TP, FP and FN the numbers of true positives, false positives and false negatives:

        precision = TP / (TP + FP),   recall = TP / (TP + FN),
        F1 = 2 precision recall / (precision + recall),

    and a ratio whose denominator is 0 is 0.0 (no predicted positives: precision 0.0; no
    actual positives: recall 0.0; precision + recall = 0: F1 0.0), never NaN.

    Inputs:
    - y_true: integer array of shape (n,), the true labels in {0, 1}
    - y_pred: integer array of shape (n,), the predicted labels in {0, 1}

    Returns a tuple of three floats (precision, recall, f1).
    """
    ### BEGIN SOLUTION
    tp = int(np.sum((y_true == 1) & (y_pred == 1)))
    fp = int(np.sum((y_true != 1) & (y_pred == 1)))
    fn = int(np.sum((y_true == 1) & (y_pred != 1)))

    def ratio(num, den):
        return num / den if den > 0 else 0.0

    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return float(precision), float(recall), float(f1)
    ### END SOLUTION


def regression_metrics(y, y_pred):
    """The regression metrics of predictions y_pred of targets y:

        mse  = 1/n sum_i (y_i - y_pred_i)^2           rmse = sqrt(mse)
        mae  = 1/n sum_i |y_i - y_pred_i|             r2   = 1 - SS_res / SS_tot

    with SS_res = sum_i (y_i - y_pred_i)^2 and SS_tot = sum_i (y_i - mean(y))^2, the spread
    of y around its own mean (as scikit-learn's r2_score(y, y_pred); y is not constant).

    Inputs:
    - y: array of shape (n,), the targets
    - y_pred: array of shape (n,), the predictions

    Returns a dict with the float entries 'mse', 'rmse', 'mae' and 'r2'.
    """
    ### BEGIN SOLUTION
    residual = y - y_pred
    mse = float(np.mean(residual**2))
    ss_res = float(np.sum(residual**2))
    ss_tot = float(np.sum((y - np.mean(y)) ** 2))
    return {
        "mse": mse,
        "rmse": float(np.sqrt(mse)),
        "mae": float(np.mean(np.abs(residual))),
        "r2": 1.0 - ss_res / ss_tot,
    }
    ### END SOLUTION


def silhouette_score(X, labels):
    """The mean silhouette of a clustering, with Euclidean distances.

    For each point i, with C(i) its cluster:
    - a(i): the mean distance from i to the OTHER points of C(i);
    - b(i): the smallest, over the clusters C != C(i), of the mean distance from i to the
      points of C;
    - s(i) = (b(i) - a(i)) / max(a(i), b(i)), and s(i) = 0 when i is alone in its cluster.
    The score is the mean of s(i) over the n points.

    Inputs:
    - X: array of shape (n, d), one point per row
    - labels: integer array of shape (n,), the cluster ids: any integers (not necessarily
      0..k-1), with at least 2 and fewer than n clusters

    Returns a float in [-1, 1].
    """
    ### BEGIN SOLUTION
    ids, cluster = np.unique(labels, return_inverse=True)
    n, k = X.shape[0], ids.size
    D = np.sqrt(np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1))  # (n, n)
    members = np.zeros((n, k))
    members[np.arange(n), cluster] = 1.0
    sizes = members.sum(axis=0)  # (k,)
    sums = D @ members  # (n, k): the sum of the distances from i to each cluster's points
    own = sizes[cluster]  # (n,) the size of i's cluster
    alone = own == 1
    a = np.where(alone, 0.0, sums[np.arange(n), cluster] / np.maximum(own - 1, 1))
    means = sums / sizes
    means[np.arange(n), cluster] = np.inf  # b ignores i's own cluster
    b = means.min(axis=1)
    s = np.where(alone, 0.0, (b - a) / np.maximum(np.maximum(a, b), 1e-300))
    return float(np.mean(s))
    ### END SOLUTION


def davies_bouldin(X, labels):
    """The Davies-Bouldin index of a clustering (as scikit-learn's davies_bouldin_score):

        DB = 1/k sum_i max_{j != i} (s_i + s_j) / d(c_i, c_j),

    where c_i is the centroid (mean) of cluster i, s_i the mean Euclidean distance of the
    points of cluster i to c_i, and d(c_i, c_j) the Euclidean distance between centroids.
    Lower is better.

    Inputs:
    - X: array of shape (n, d)
    - labels: integer array of shape (n,), the cluster ids: any integers (not necessarily
      0..k-1), with at least 2 and fewer than n clusters

    Returns a float (>= 0).
    """
    ### BEGIN SOLUTION
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])  # (k, d)
    spread = np.array([np.mean(np.linalg.norm(X[labels == c] - m, axis=1))
                       for c, m in zip(ids, centroids, strict=True)])  # (k,)
    gaps = np.linalg.norm(centroids[:, None, :] - centroids[None, :, :], axis=-1)  # (k, k)
    np.fill_diagonal(gaps, np.inf)  # j != i
    ratios = (spread[:, None] + spread[None, :]) / gaps
    return float(np.mean(ratios.max(axis=1)))
    ### END SOLUTION


def calinski_harabasz(X, labels):
    """The Calinski-Harabasz index (the variance ratio criterion; as scikit-learn's
    calinski_harabasz_score):

        CH = [SS_B / (k - 1)] / [SS_W / (n - k)],
        SS_B = sum_j n_j ||c_j - c||^2,     SS_W = sum_j sum_{x in cluster j} ||x - c_j||^2,

    where c_j is the centroid of cluster j, n_j its size and c the mean of all of X. Higher
    is better.

    Inputs:
    - X: array of shape (n, d)
    - labels: integer array of shape (n,), the cluster ids: any integers (not necessarily
      0..k-1), with at least 2 and fewer than n clusters

    Returns a float (>= 0).
    """
    ### BEGIN SOLUTION
    ids = np.unique(labels)
    n, k = X.shape[0], ids.size
    c = X.mean(axis=0)
    between = within = 0.0
    for j in ids:
        points = X[labels == j]
        centroid = points.mean(axis=0)
        between += points.shape[0] * np.sum((centroid - c) ** 2)
        within += np.sum((points - centroid) ** 2)
    return float((between / (k - 1)) / (within / (n - k)))
    ### END SOLUTION


def adjusted_rand_index(a, b):
    """The adjusted Rand index of two clusterings of the same n points (as scikit-learn's
    adjusted_rand_score; the Hubert-Arabie form).

    With the contingency table n_ij (the number of points in cluster i of a and cluster j of
    b), its row sums a_i, its column sums b_j and C(m) = m (m - 1) / 2 the number of pairs:

        index    = sum_ij C(n_ij)
        expected = [sum_i C(a_i)] [sum_j C(b_j)] / C(n)
        maximum  = ([sum_i C(a_i)] + [sum_j C(b_j)]) / 2
        ARI      = (index - expected) / (maximum - expected)

    1 for identical clusterings (up to renaming the clusters), about 0 for independent ones,
    and possibly negative. (Graded where the formula is defined: not both clusterings a single
    cluster, not both all singletons.)

    Inputs:
    - a, b: integer arrays of shape (n,), two clusterings' ids: any integers (not necessarily
      0..k-1), with possibly different numbers of clusters

    Returns a float.
    """
    ### BEGIN SOLUTION
    rows, i = np.unique(a, return_inverse=True)
    cols, j = np.unique(b, return_inverse=True)
    table = np.zeros((rows.size, cols.size))
    np.add.at(table, (i, j), 1.0)

    def pairs(m):
        return m * (m - 1) / 2.0

    index = np.sum(pairs(table))
    sum_a = np.sum(pairs(table.sum(axis=1)))
    sum_b = np.sum(pairs(table.sum(axis=0)))
    expected = sum_a * sum_b / pairs(float(len(a)))
    maximum = (sum_a + sum_b) / 2.0
    return float((index - expected) / (maximum - expected))
    ### END SOLUTION


WRITTEN_ANSWERS = {
    "w1": r"""
Accuracy counts correct predictions over all predictions, so it is dominated by the majority
class. On imbalanced data (1% fraudulent transactions, 5% sick patients) the trivial
classifier that always predicts the majority class reaches 99% or 95% accuracy while finding
no positive at all; a model that does find positives can look *worse*. Accuracy also hides
which errors are made, and the two kinds usually cost differently (a missed disease against a
needless test). Report the confusion matrix and the metrics of the class that matters:
precision (how many alarms are real) and recall (how many positives are found), or F1 when one
number is needed (balanced accuracy, or the precision-recall curve / its average precision
when the threshold is not fixed yet), always measured on held-out (validation or test) data.
""",
    "w2": r"""
A classifier that outputs a score predicts positive when the score exceeds a threshold $t$.
Raising $t$ makes it more conservative: fewer samples are called positive, so false positives
drop and precision usually rises, but some true positives fall below $t$ and become false
negatives, so recall drops (recall can only decrease as $t$ rises; precision need not be
monotone). Lowering $t$ does the opposite, up to recall 1 with precision equal to the share of
positives when everything is called positive. No threshold maximises both: the choice depends
on the relative cost of false positives and false negatives (screening favours recall, spam
filtering precision), or on F1 if they matter equally. The threshold is a hyperparameter: it
is chosen on the validation set and the chosen model is reported once on the test set.
""",
    "w3": r"""
An internal index such as the silhouette uses only the data and the labels: it measures how
compact the clusters are and how well separated they are, under a notion of distance. It can
compare clusterings of the same data (different $k$, different algorithms, different
initialisations) and spot badly placed points ($s(i) < 0$). It cannot tell whether the
clusters are *meaningful* or match the true classes (that needs external labels and an
external index such as the ARI); it depends on the distance and the scaling of the features;
it favours convex, similarly dense, well-separated (k-means-like) blobs and can score
elongated or nested clusters (which DBSCAN or single linkage finds correctly) poorly; its
value is not comparable across data sets; and a high score does not prove the data have
cluster structure at all. Davies-Bouldin and Calinski-Harabasz share these limits.
""",
}
