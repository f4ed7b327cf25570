"""Common mistakes in the metrics assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 confusion matrix


@mistake("q1", cause="transpose", sample=True)
def confusion_matrix(y_true, y_pred, n_classes):
    """Puts the predicted classes in the rows and the true ones in the columns."""
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        C[p, t] += 1
    return C


@mistake("q1", cause="formula:once")
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts with one fancy-indexed += 1, which adds 1 once per distinct (true, predicted)
    pair however often it repeats."""
    C = np.zeros((n_classes, n_classes), dtype=int)
    C[y_true, y_pred] += 1
    return C


@mistake("q1", cause="shape")
def confusion_matrix(y_true, y_pred, n_classes):
    """Sizes the matrix from the labels it sees (largest label + 1), not from n_classes."""
    k = max(y_true.max(), y_pred.max()) + 1
    C = np.zeros((k, k), dtype=int)
    np.add.at(C, (y_true, y_pred), 1)
    return C


@mistake("q1", cause="dtype")
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts into np.zeros((k, k)), a float matrix."""
    C = np.zeros((n_classes, n_classes))
    for t, p in zip(y_true, y_pred, strict=True):
        C[t, p] += 1
    return C


@mistake("q1", cause="formula:compact")
def confusion_matrix(y_true, y_pred, n_classes):
    """Numbers the classes by their rank among the labels present, so a missing class shifts
    the rows and columns of the classes after it."""
    classes = np.unique(np.concatenate([y_true, y_pred]))
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        C[np.searchsorted(classes, t), np.searchsorted(classes, p)] += 1
    return C


# ---------------------------------------------------------------------------- q2 precision, recall


@mistake("q2", cause="formula:swapped", sample=True)
def precision_recall_f1(y_true, y_pred):
    """Divides precision by the actual positives and recall by the predicted ones."""
    tp = np.sum((y_true == 1) & (y_pred == 1))
    precision = tp / max(np.sum(y_true == 1), 1)
    recall = tp / max(np.sum(y_pred == 1), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


@mistake("q2", cause="not_finite")
def precision_recall_f1(y_true, y_pred):
    """Divides without guarding the denominators: 0 / 0 gives NaN when nothing is predicted
    positive."""
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
    return float(precision), float(recall), float(f1)


@mistake("q2", cause="formula:mean")
def precision_recall_f1(y_true, y_pred):
    """Takes F1 as the arithmetic mean of precision and recall."""
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    return float(precision), float(recall), float((precision + recall) / 2)


@mistake("q2", cause="factor:1/2")
def precision_recall_f1(y_true, y_pred):
    """Forgets the 2 of F1 = 2 P R / (P + R)."""
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


@mistake("q2", cause="formula:negative")
def precision_recall_f1(y_true, y_pred):
    """Counts the positives as the samples labelled 0 (the first class)."""
    tp = np.sum((y_true == 0) & (y_pred == 0))
    fp = np.sum((y_true == 1) & (y_pred == 0))
    fn = np.sum((y_true == 0) & (y_pred == 1))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


@mistake("q2", cause="formula:accuracy")
def precision_recall_f1(y_true, y_pred):
    """Returns the accuracy as the precision."""
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    precision = float(np.mean(y_true == y_pred))
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


@mistake("q2", cause="formula:zero_division")
def precision_recall_f1(y_true, y_pred):
    """Gives a ratio with a zero denominator the value 1.0 ("no false alarm, so perfect
    precision")."""
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    precision = tp / (tp + fp) if tp + fp > 0 else 1.0
    recall = tp / (tp + fn) if tp + fn > 0 else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


# ---------------------------------------------------------------------------- q3 regression


@mistake("q3", cause="factor:N", sample=True)
def regression_metrics(y, y_pred):
    """Sums the squared errors instead of averaging them."""
    e = y - y_pred
    mse = float(np.sum(e**2))
    return {"mse": mse, "rmse": float(np.sqrt(np.mean(e**2))), "mae": float(np.mean(np.abs(e))),
            "r2": float(1 - np.sum(e**2) / np.sum((y - y.mean()) ** 2))}


@mistake("q3", cause="formula:mean_root")
def regression_metrics(y, y_pred):
    """Takes the RMSE as the mean of the roots of the absolute errors."""
    e = y - y_pred
    return {"mse": float(np.mean(e**2)), "rmse": float(np.mean(np.sqrt(np.abs(e)))),
            "mae": float(np.mean(np.abs(e))),
            "r2": float(1 - np.sum(e**2) / np.sum((y - y.mean()) ** 2))}


@mistake("q3", cause="formula:uncentred")
def regression_metrics(y, y_pred):
    """Computes SS_tot around zero: sum y^2."""
    e = y - y_pred
    return {"mse": float(np.mean(e**2)), "rmse": float(np.sqrt(np.mean(e**2))),
            "mae": float(np.mean(np.abs(e))), "r2": float(1 - np.sum(e**2) / np.sum(y**2))}


@mistake("q3", cause="formula:ratio")
def regression_metrics(y, y_pred):
    """Returns SS_res / SS_tot as R^2, forgetting the 1 -."""
    e = y - y_pred
    return {"mse": float(np.mean(e**2)), "rmse": float(np.sqrt(np.mean(e**2))),
            "mae": float(np.mean(np.abs(e))),
            "r2": float(np.sum(e**2) / np.sum((y - y.mean()) ** 2))}


@mistake("q3", cause="formula:around_pred_mean")
def regression_metrics(y, y_pred):
    """Centres SS_tot on the mean of the predictions."""
    e = y - y_pred
    return {"mse": float(np.mean(e**2)), "rmse": float(np.sqrt(np.mean(e**2))),
            "mae": float(np.mean(np.abs(e))),
            "r2": float(1 - np.sum(e**2) / np.sum((y - y_pred.mean()) ** 2))}


@mistake("q3", cause="formula:predmean")
def regression_metrics(y, y_pred):
    """Swaps the arguments in R^2: 1 - SS_res over the spread of the predictions."""
    e = y_pred - y
    return {"mse": float(np.mean(e**2)), "rmse": float(np.sqrt(np.mean(e**2))),
            "mae": float(np.mean(np.abs(e))),
            "r2": float(1 - np.sum(e**2) / np.sum((y_pred - y_pred.mean()) ** 2))}


@mistake("q3", cause="formula:corr")
def regression_metrics(y, y_pred):
    """Takes R^2 as the squared correlation between y and y_pred."""
    e = y - y_pred
    return {"mse": float(np.mean(e**2)), "rmse": float(np.sqrt(np.mean(e**2))),
            "mae": float(np.mean(np.abs(e))), "r2": float(np.corrcoef(y, y_pred)[0, 1] ** 2)}


@mistake("q3", cause="formula:signed")
def regression_metrics(y, y_pred):
    """Forgets the absolute value in the MAE."""
    e = y - y_pred
    return {"mse": float(np.mean(e**2)), "rmse": float(np.sqrt(np.mean(e**2))),
            "mae": float(np.mean(e)),
            "r2": float(1 - np.sum(e**2) / np.sum((y - y.mean()) ** 2))}


@mistake("q3", cause="formula:var")
def regression_metrics(y, y_pred):
    """Takes the MSE as the variance of the residuals, np.var(y - y_pred)."""
    e = y - y_pred
    mse = float(np.var(e))
    return {"mse": mse, "rmse": float(np.sqrt(mse)), "mae": float(np.mean(np.abs(e))),
            "r2": float(1 - np.sum(e**2) / np.sum((y - y.mean()) ** 2))}


@mistake("q3", cause="formula:ddof")
def regression_metrics(y, y_pred):
    """Writes R^2 as 1 - MSE / var(y) with the sample variance (ddof = 1)."""
    e = y - y_pred
    mse = float(np.mean(e**2))
    return {"mse": mse, "rmse": float(np.sqrt(mse)), "mae": float(np.mean(np.abs(e))),
            "r2": float(1 - mse / np.var(y, ddof=1))}


@mistake("q3", cause="keys")
def regression_metrics(y, y_pred):
    """Names the entries in capitals ('MSE', 'RMSE', 'MAE', 'R2')."""
    e = y - y_pred
    mse = float(np.mean(e**2))
    return {"MSE": mse, "RMSE": float(np.sqrt(mse)), "MAE": float(np.mean(np.abs(e))),
            "R2": float(1 - np.sum(e**2) / np.sum((y - y.mean()) ** 2))}


# ---------------------------------------------------------------------------- q4 silhouette


@mistake("q4", cause="formula:self", sample=True)
def silhouette_score(X, labels):
    """Averages a(i) over the whole cluster, the point itself (distance 0) included."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].mean()
        b = min(D[i, labels == c].mean() for c in np.unique(labels) if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


@mistake("q4", cause="formula:all_others")
def silhouette_score(X, labels):
    """Takes b(i) as the mean distance to every point outside i's cluster."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].sum() / (same.sum() - 1)
        b = D[i, ~same].mean()
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


@mistake("q4", cause="formula:squared")
def silhouette_score(X, labels):
    """Uses squared Euclidean distances."""
    D = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1)
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].sum() / (same.sum() - 1)
        b = min(D[i, labels == c].mean() for c in np.unique(labels) if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


@mistake("q4", cause="formula:singleton")
def silhouette_score(X, labels):
    """Divides a(i)'s sum by max(n_C - 1, 1), so a point alone gets a = 0 and s = 1."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        a = D[i, same].sum() / max(same.sum() - 1, 1)
        b = min(D[i, labels == c].mean() for c in np.unique(labels) if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


@mistake("q4", cause="not_finite")
def silhouette_score(X, labels):
    """Forgets the singleton rule: a point alone gets a = 0 / 0 = NaN."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    s = np.zeros(len(X))
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(len(X)):
            same = labels == labels[i]
            a = D[i, same].sum() / (same.sum() - 1)
            b = min(D[i, labels == c].mean() for c in np.unique(labels) if c != labels[i])
            s[i] = (b - a) / max(a, b)
    return float(s.mean())


@mistake("q4", cause="formula:centroid")
def silhouette_score(X, labels):
    """Measures a(i) and b(i) to the cluster centroids (the "simplified silhouette")."""
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    s = np.zeros(len(X))
    for i in range(len(X)):
        if np.sum(labels == labels[i]) == 1:
            continue
        d = np.linalg.norm(centroids - X[i], axis=1)
        own = ids == labels[i]
        a, b = d[own][0], d[~own].min()
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


@mistake("q4", cause="formula:ids")
def silhouette_score(X, labels):
    """Loops over range(k), assuming the cluster ids are 0..k-1."""
    k = len(np.unique(labels))
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].sum() / (same.sum() - 1)
        b = min(D[i, labels == c].mean() for c in range(k) if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


@mistake("q4", cause="formula:over_b")
def silhouette_score(X, labels):
    """Divides by b(i) instead of max(a(i), b(i))."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].sum() / (same.sum() - 1)
        b = min(D[i, labels == c].mean() for c in np.unique(labels) if c != labels[i])
        s[i] = (b - a) / b
    return float(s.mean())


# ---------------------------------------------------------------------------- q5 Davies-Bouldin


@mistake("q5", cause="formula:min", sample=True)
def davies_bouldin(X, labels):
    """Takes each cluster's smallest ratio (its least similar neighbour) instead of the
    largest."""
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    s = np.array([np.mean(np.linalg.norm(X[labels == c] - m, axis=1))
                  for c, m in zip(ids, centroids, strict=True)])
    k = len(ids)
    worst = []
    for i in range(k):
        worst.append(min((s[i] + s[j]) / np.linalg.norm(centroids[i] - centroids[j])
                         for j in range(k) if j != i))
    return float(np.mean(worst))


@mistake("q5", cause="formula:rms")
def davies_bouldin(X, labels):
    """Measures each cluster's spread as the root mean square distance to its centroid."""
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    s = np.array([np.sqrt(np.mean(np.sum((X[labels == c] - m) ** 2, axis=1)))
                  for c, m in zip(ids, centroids, strict=True)])
    k = len(ids)
    worst = []
    for i in range(k):
        worst.append(max((s[i] + s[j]) / np.linalg.norm(centroids[i] - centroids[j])
                         for j in range(k) if j != i))
    return float(np.mean(worst))


@mistake("q5", cause="formula:squared_gap")
def davies_bouldin(X, labels):
    """Divides by the squared distance between the centroids."""
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    s = np.array([np.mean(np.linalg.norm(X[labels == c] - m, axis=1))
                  for c, m in zip(ids, centroids, strict=True)])
    k = len(ids)
    worst = []
    for i in range(k):
        worst.append(max((s[i] + s[j]) / np.sum((centroids[i] - centroids[j]) ** 2)
                         for j in range(k) if j != i))
    return float(np.mean(worst))


@mistake("q5", cause="formula:mean_pairs")
def davies_bouldin(X, labels):
    """Averages the ratios over j != i instead of taking their maximum."""
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    s = np.array([np.mean(np.linalg.norm(X[labels == c] - m, axis=1))
                  for c, m in zip(ids, centroids, strict=True)])
    k = len(ids)
    rows = []
    for i in range(k):
        rows.append(np.mean([(s[i] + s[j]) / np.linalg.norm(centroids[i] - centroids[j])
                             for j in range(k) if j != i]))
    return float(np.mean(rows))


@mistake("q5", cause="not_finite")
def davies_bouldin(X, labels):
    """Forgets to exclude j = i: the ratio 2 s_i / 0 is infinite."""
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    s = np.array([np.mean(np.linalg.norm(X[labels == c] - m, axis=1))
                  for c, m in zip(ids, centroids, strict=True)])
    gaps = np.linalg.norm(centroids[:, None, :] - centroids[None, :, :], axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = (s[:, None] + s[None, :]) / gaps
    return float(np.mean(ratios.max(axis=1)))


@mistake("q5", cause="formula:squared_spread")
def davies_bouldin(X, labels):
    """Measures each cluster's spread as the mean squared distance to its centroid."""
    ids = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in ids])
    s = np.array([np.mean(np.sum((X[labels == c] - m) ** 2, axis=1))
                  for c, m in zip(ids, centroids, strict=True)])
    k = len(ids)
    worst = []
    for i in range(k):
        worst.append(max((s[i] + s[j]) / np.linalg.norm(centroids[i] - centroids[j])
                         for j in range(k) if j != i))
    return float(np.mean(worst))


@mistake("q5", cause="formula:ids")
def davies_bouldin(X, labels):
    """Computes the centroids with np.bincount, assuming the ids are 0..k-1."""
    k = len(np.unique(labels))
    counts = np.bincount(labels, minlength=k)[:k]
    centroids = np.array([np.bincount(labels, weights=X[:, f], minlength=k)[:k]
                          for f in range(X.shape[1])]).T / counts[:, None]
    s = np.array([np.mean(np.linalg.norm(X[labels == c] - centroids[c], axis=1))
                  for c in range(k)])
    gaps = np.linalg.norm(centroids[:, None, :] - centroids[None, :, :], axis=-1)
    np.fill_diagonal(gaps, np.inf)
    return float(np.mean(((s[:, None] + s[None, :]) / gaps).max(axis=1)))


# ---------------------------------------------------------------------------- q6 Calinski-Harabasz


@mistake("q6", cause="factor:(k-1)/k", sample=True)
def calinski_harabasz(X, labels):
    """Divides SS_B by k instead of k - 1."""
    ids = np.unique(labels)
    n, k = len(X), len(ids)
    c = X.mean(axis=0)
    B = sum(np.sum(labels == j) * np.sum((X[labels == j].mean(axis=0) - c) ** 2) for j in ids)
    W = sum(np.sum((X[labels == j] - X[labels == j].mean(axis=0)) ** 2) for j in ids)
    return float((B / k) / (W / (n - k)))


@mistake("q6", cause="factor:n/(n-k)")
def calinski_harabasz(X, labels):
    """Divides SS_W by n instead of n - k."""
    ids = np.unique(labels)
    n, k = len(X), len(ids)
    c = X.mean(axis=0)
    B = sum(np.sum(labels == j) * np.sum((X[labels == j].mean(axis=0) - c) ** 2) for j in ids)
    W = sum(np.sum((X[labels == j] - X[labels == j].mean(axis=0)) ** 2) for j in ids)
    return float((B / (k - 1)) / (W / n))


@mistake("q6", cause="factor:(k-1)/(n-k)")
def calinski_harabasz(X, labels):
    """Returns SS_B / SS_W, without the degrees of freedom."""
    ids = np.unique(labels)
    c = X.mean(axis=0)
    B = sum(np.sum(labels == j) * np.sum((X[labels == j].mean(axis=0) - c) ** 2) for j in ids)
    W = sum(np.sum((X[labels == j] - X[labels == j].mean(axis=0)) ** 2) for j in ids)
    return float(B / W)


@mistake("q6", cause="formula:inverted")
def calinski_harabasz(X, labels):
    """Puts the within-cluster term on top: [SS_W / (n - k)] / [SS_B / (k - 1)]."""
    ids = np.unique(labels)
    n, k = len(X), len(ids)
    c = X.mean(axis=0)
    B = sum(np.sum(labels == j) * np.sum((X[labels == j].mean(axis=0) - c) ** 2) for j in ids)
    W = sum(np.sum((X[labels == j] - X[labels == j].mean(axis=0)) ** 2) for j in ids)
    return float((W / (n - k)) / (B / (k - 1)))


@mistake("q6", cause="formula:unweighted")
def calinski_harabasz(X, labels):
    """Forgets the cluster sizes n_j in SS_B."""
    ids = np.unique(labels)
    n, k = len(X), len(ids)
    c = X.mean(axis=0)
    B = sum(np.sum((X[labels == j].mean(axis=0) - c) ** 2) for j in ids)
    W = sum(np.sum((X[labels == j] - X[labels == j].mean(axis=0)) ** 2) for j in ids)
    return float((B / (k - 1)) / (W / (n - k)))


@mistake("q6", cause="formula:centre")
def calinski_harabasz(X, labels):
    """Takes the overall centre as the plain mean of the centroids."""
    ids = np.unique(labels)
    n, k = len(X), len(ids)
    centroids = np.array([X[labels == j].mean(axis=0) for j in ids])
    c = centroids.mean(axis=0)
    B = sum(np.sum(labels == j) * np.sum((m - c) ** 2) for j, m in zip(ids, centroids, strict=True))
    W = sum(np.sum((X[labels == j] - m) ** 2) for j, m in zip(ids, centroids, strict=True))
    return float((B / (k - 1)) / (W / (n - k)))


@mistake("q6", cause="formula:ids")
def calinski_harabasz(X, labels):
    """Sizes the clusters with np.bincount(labels), assuming the ids are 0..k-1."""
    sizes = np.bincount(labels)
    k = len(np.unique(labels))
    n = len(X)
    c = X.mean(axis=0)
    B = W = 0.0
    for j in range(k):
        m = X[labels == j].mean(axis=0)
        B += sizes[j] * np.sum((m - c) ** 2)
        W += np.sum((X[labels == j] - m) ** 2)
    return float((B / (k - 1)) / (W / (n - k)))


# ---------------------------------------------------------------------------- q7 adjusted Rand


@mistake("q7", cause="formula:rand", sample=True)
def adjusted_rand_index(a, b):
    """Returns the plain Rand index: the share of pairs on which the clusterings agree."""
    n = len(a)
    agree = 0
    for i in range(n):
        for j in range(i + 1, n):
            agree += (a[i] == a[j]) == (b[i] == b[j])
    return agree / (n * (n - 1) / 2)


@mistake("q7", cause="formula:squares")
def adjusted_rand_index(a, b):
    """Counts the pairs in a group of m as m^2 / 2 instead of m (m - 1) / 2."""
    _, i = np.unique(a, return_inverse=True)
    _, j = np.unique(b, return_inverse=True)
    table = np.zeros((i.max() + 1, j.max() + 1))
    np.add.at(table, (i, j), 1)
    index = np.sum(table**2 / 2)
    sa, sb = np.sum(table.sum(axis=1) ** 2 / 2), np.sum(table.sum(axis=0) ** 2 / 2)
    n = len(a)
    expected = sa * sb / (n * (n - 1) / 2)
    return float((index - expected) / ((sa + sb) / 2 - expected))


@mistake("q7", cause="formula:expected_n")
def adjusted_rand_index(a, b):
    """Divides the expected index by n instead of the number of pairs C(n, 2)."""
    _, i = np.unique(a, return_inverse=True)
    _, j = np.unique(b, return_inverse=True)
    table = np.zeros((i.max() + 1, j.max() + 1))
    np.add.at(table, (i, j), 1)

    def pairs(m):
        return m * (m - 1) / 2

    index = np.sum(pairs(table))
    sa, sb = np.sum(pairs(table.sum(axis=1))), np.sum(pairs(table.sum(axis=0)))
    expected = sa * sb / len(a)
    return float((index - expected) / ((sa + sb) / 2 - expected))


@mistake("q7", cause="formula:max")
def adjusted_rand_index(a, b):
    """Takes the maximum index as the larger of the two marginal sums."""
    _, i = np.unique(a, return_inverse=True)
    _, j = np.unique(b, return_inverse=True)
    table = np.zeros((i.max() + 1, j.max() + 1))
    np.add.at(table, (i, j), 1)

    def pairs(m):
        return m * (m - 1) / 2

    index = np.sum(pairs(table))
    sa, sb = np.sum(pairs(table.sum(axis=1))), np.sum(pairs(table.sum(axis=0)))
    expected = sa * sb / pairs(len(a))
    return float((index - expected) / (max(sa, sb) - expected))


@mistake("q7", cause="formula:ids")
def adjusted_rand_index(a, b):
    """Indexes the contingency table by the ids themselves: an id of -1 wraps around to the
    last row."""
    table = np.zeros((a.max() + 1, b.max() + 1))
    for x, y in zip(a, b, strict=True):
        table[x, y] += 1
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]

    def pairs(m):
        return m * (m - 1) / 2

    index = np.sum(pairs(table))
    sa, sb = np.sum(pairs(table.sum(axis=1))), np.sum(pairs(table.sum(axis=0)))
    expected = sa * sb / pairs(len(a))
    return float((index - expected) / ((sa + sb) / 2 - expected))
