"""Other correct ways to write the ensembles functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

from collections import Counter

import numpy as np
import scipy.stats

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1


@variant("q1", id="bootstrap_indices-naive")
def bootstrap_indices(n, rng):
    """One scalar draw per point (NumPy's bounded integers give the same numbers and leave the
    generator in the same state as the single call)."""
    return np.array([rng.integers(0, n) for _ in range(n)])


@variant("q1")
def bootstrap_indices(n, rng):
    """rng.choice(n, size=n), which the contract names as equivalent."""
    return rng.choice(n, size=n)


@variant("q1")
def bootstrap_indices(n, rng):
    """rng.integers(n, size=n) (low omitted)."""
    return rng.integers(n, size=n)


# ---------------------------------------------------------------------------- q2


@variant("q2", id="majority_vote-naive")
def majority_vote(predictions):
    """A dict of counts per column, the smallest of the most frequent labels."""
    B, m = predictions.shape
    out = []
    for j in range(m):
        counts = {}
        for b in range(B):
            label = int(predictions[b, j])
            counts[label] = counts.get(label, 0) + 1
        top = max(counts.values())
        out.append(min(label for label, c in counts.items() if c == top))
    return np.array(out)


@variant("q2")
def majority_vote(predictions):
    """scipy.stats.mode along the models."""
    return scipy.stats.mode(predictions, axis=0, keepdims=False).mode


@variant("q2")
def majority_vote(predictions):
    """np.bincount of each column (the labels are non-negative); argmax is the smallest of
    the most frequent."""
    return np.array([np.argmax(np.bincount(column)) for column in predictions.T])


# ---------------------------------------------------------------------------- q3


@variant("q3", id="oob_error-naive")
def oob_error(predictions, indices, y):
    """Loops over the points and the models, a Counter per point."""
    B, n = predictions.shape
    errors = scored = 0
    for i in range(n):
        votes = Counter()
        for b in range(B):
            if i not in set(indices[b].tolist()):
                votes[int(predictions[b, i])] += 1
        if not votes:
            continue
        top = max(votes.values())
        vote = min(label for label, c in votes.items() if c == top)
        errors += vote != y[i]
        scored += 1
    return errors / scored


@variant("q3")
def oob_error(predictions, indices, y):
    """Counts of each bag with np.bincount, out-of-bag votes as one-hot sums."""
    B, n = predictions.shape
    counts = np.array([np.bincount(bag, minlength=n) for bag in indices])  # (B, n)
    oob = counts == 0
    labels, coded = np.unique(np.concatenate([predictions.ravel(), y]), return_inverse=True)
    P = coded[: B * n].reshape(B, n)
    votes = np.zeros((len(labels), n))
    for b in range(B):
        votes[P[b], np.arange(n)] += oob[b]
    keep = oob.any(axis=0)
    return float(np.mean(labels[votes.argmax(axis=0)][keep] != y[keep]))


# ---------------------------------------------------------------------------- q4


@variant("q4", id="fit_stump-naive")
def fit_stump(X, y, sample_weight):
    """Every candidate tried in the tie order, its error summed point by point."""
    n, d = X.shape
    best = None
    for j in range(d):
        values = sorted(set(X[:, j].tolist()))
        for k in range(len(values) - 1):
            t = (values[k] + values[k + 1]) / 2
            for p in (1, -1):
                err = 0.0
                for i in range(n):
                    h = p if X[i, j] <= t else -p
                    if h != y[i]:
                        err += sample_weight[i]
                if best is None or err < best[0]:
                    best = (err, j, t, p)
    return best[1], best[2], best[3]


@variant("q4")
def fit_stump(X, y, sample_weight):
    """All thresholds of a feature at once: an (n, k) matrix of sides, the errors of polarity
    +1 as a matrix product, -1 as the rest of the weight."""
    best = None
    total = sample_weight.sum()
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        t = v[:-1] + np.diff(v) / 2
        left = X[:, j][:, None] <= t[None, :]  # (n, k)
        h = np.where(left, 1.0, -1.0)
        err_plus = sample_weight @ (h != y[:, None])
        errors = np.column_stack([err_plus, total - err_plus]).ravel()
        k = int(np.argmin(errors))
        if best is None or errors[k] < best[0]:
            best = (errors[k], j, float(t[k // 2]), 1 - 2 * (k % 2))
    return best[1], best[2], best[3]


# ---------------------------------------------------------------------------- q5


@variant("q5", id="adaboost_round-naive")
def adaboost_round(y, h, sample_weight):
    """Plain loops and math."""
    import math

    n = len(y)
    total = sum(sample_weight[i] for i in range(n))
    wrong = sum(sample_weight[i] for i in range(n) if h[i] != y[i])
    err = wrong / total
    alpha = math.log((1 - err) / err)
    new = [sample_weight[i] * (math.exp(alpha) if h[i] != y[i] else 1.0) for i in range(n)]
    z = sum(new)
    return alpha, np.array([v / z for v in new])


@variant("q5")
def adaboost_round(y, h, sample_weight):
    """The ratio (1 - err) / err as the weight of the right over the wrong points, and the
    update with np.where (no exponential)."""
    wrong = h != y
    ratio = sample_weight[~wrong].sum() / sample_weight[wrong].sum()
    new = np.where(wrong, sample_weight * ratio, sample_weight)
    return float(np.log(ratio)), new / new.sum()


# ---------------------------------------------------------------------------- q6


@variant("q6", id="adaboost_fit-naive")
def adaboost_fit(X, y, n_rounds):
    """Predictions by a loop, stumps and alphas in lists."""
    n = len(y)
    w = np.full(n, 1.0 / n)
    stumps, alphas = [], []
    for _ in range(n_rounds):
        feature, threshold, polarity = fit_stump(X, y, w)
        h = np.array([polarity if X[i, feature] <= threshold else -polarity
                      for i in range(n)], dtype=float)
        alpha, w = adaboost_round(y, h, w)
        stumps.append((feature, threshold, polarity))
        alphas.append(alpha)
    return stumps, np.array(alphas)


@variant("q6")
def adaboost_fit(X, y, n_rounds):
    """Weights 1 instead of 1/n (the stump and err do not depend on their scale), the
    predictions as polarity * sign(threshold - x) with the tie at the threshold handled."""
    w = np.ones(len(y))
    stumps, alphas = [], np.zeros(n_rounds)
    for t in range(n_rounds):
        feature, threshold, polarity = fit_stump(X, y, w)
        side = np.sign(threshold - X[:, feature])
        h = polarity * np.where(side >= 0, 1.0, -1.0)
        alphas[t], w = adaboost_round(y, h, w)
        stumps.append((feature, threshold, polarity))
    return stumps, alphas


# ---------------------------------------------------------------------------- q7


@variant("q7", id="adaboost_decision-naive")
def adaboost_decision(stumps, alphas, X):
    """Loops over the points and the stumps."""
    m = X.shape[0]
    F = [0.0] * m
    for i in range(m):
        for t in range(len(stumps)):
            feature, threshold, polarity = stumps[t]
            F[i] += alphas[t] * (polarity if X[i, feature] <= threshold else -polarity)
    return np.array(F, dtype=float)


@variant("q7")
def adaboost_decision(stumps, alphas, X):
    """All stumps at once: an (m, T) matrix of predictions times the alphas."""
    if len(stumps) == 0:
        return np.zeros(X.shape[0])
    features = np.array([s[0] for s in stumps])
    thresholds = np.array([s[1] for s in stumps])
    polarities = np.array([s[2] for s in stumps], dtype=float)
    H = np.where(X[:, features] <= thresholds, polarities, -polarities)
    return H @ np.asarray(alphas, dtype=float)


# ---------------------------------------------------------------------------- q8


@variant("q8", id="fit_regression_stump-naive")
def fit_regression_stump(X, r):
    """Every split tried, its sum of squares computed point by point."""
    n, d = X.shape
    best = None
    for j in range(d):
        values = sorted(set(X[:, j].tolist()))
        for k in range(len(values) - 1):
            t = (values[k] + values[k + 1]) / 2
            left = [r[i] for i in range(n) if X[i, j] <= t]
            right = [r[i] for i in range(n) if X[i, j] > t]
            a, b = sum(left) / len(left), sum(right) / len(right)
            sse = sum((v - a) ** 2 for v in left) + sum((v - b) ** 2 for v in right)
            if best is None or sse < best[0]:
                best = (sse, j, t, a, b)
    return best[1], best[2], best[3], best[4]


@variant("q8")
def fit_regression_stump(X, r):
    """The split maximising the Friedman improvement n_l n_r / n (mean_l - mean_r)^2 (the
    decrease of the sum of squares), by cumulative sums."""
    n = len(r)
    best = None
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs, rs = X[order, j], r[order]
        n_left = np.arange(1, n)
        mean_left = np.cumsum(rs)[:-1] / n_left
        mean_right = (rs.sum() - np.cumsum(rs)[:-1]) / (n - n_left)
        gain = n_left * (n - n_left) / n * (mean_left - mean_right) ** 2
        gain[xs[:-1] == xs[1:]] = -np.inf
        k = int(np.argmax(gain))
        if best is None or gain[k] > best[0]:
            best = (gain[k], j, float((xs[k] + xs[k + 1]) / 2), float(mean_left[k]),
                    float(mean_right[k]))
    return best[1:]


@variant("q8")
def fit_regression_stump(X, r):
    """Each side's variance times its size (np.var), the threshold as the lower value plus
    half the gap."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in v[:-1] + np.diff(v) / 2:
            left = X[:, j] <= t
            sse = np.var(r[left]) * left.sum() + np.var(r[~left]) * (~left).sum()
            if best is None or sse < best[0]:
                best = (sse, j, float(t), float(np.mean(r[left])), float(np.mean(r[~left])))
    return best[1:]


# ---------------------------------------------------------------------------- q9


@variant("q9", id="gradient_boosting-naive")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Predictions on the training and the test points kept as lists, updated point by
    point."""
    n, m = X.shape[0], X_test.shape[0]
    mean = sum(y) / n
    F, G = [mean] * n, [mean] * m
    rows = [list(G)]
    for _ in range(n_rounds):
        r = np.array([y[i] - F[i] for i in range(n)])
        feature, threshold, left, right = fit_regression_stump(X, r)
        for i in range(n):
            F[i] += lr * (left if X[i, feature] <= threshold else right)
        for i in range(m):
            G[i] += lr * (left if X_test[i, feature] <= threshold else right)
        rows.append(list(G))
    return np.array(rows, dtype=float)


@variant("q9")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """The learning rate applied to the residuals instead of the stump: the stump fitted to
    lr (y - F) is lr times the stump fitted to y - F (same split, leaf means scaled), so the
    result is the same."""
    F = np.full(len(y), y.mean())
    G = np.full(len(X_test), y.mean())
    rows = [G.copy()]
    for _ in range(n_rounds):
        feature, threshold, left, right = fit_regression_stump(X, lr * (y - F))
        F = F + np.where(X[:, feature] <= threshold, left, right)
        G = G + np.where(X_test[:, feature] <= threshold, left, right)
        rows.append(G.copy())
    return np.array(rows)


@variant("q9")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Training and test points stacked in one array, F updated on both at once."""
    n = len(y)
    Z = np.vstack([X, X_test])
    F = np.full(len(Z), np.mean(y))
    rows = [F[n:].copy()]
    for _ in range(n_rounds):
        feature, threshold, left, right = fit_regression_stump(X, y - F[:n])
        F += lr * np.where(Z[:, feature] <= threshold, left, right)
        rows.append(F[n:].copy())
    return np.vstack(rows)
