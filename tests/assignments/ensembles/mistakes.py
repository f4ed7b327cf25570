"""Common mistakes in the ensembles assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import copy
from collections import Counter

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 bootstrap


@mistake("q1", cause="formula:permutation", sample=True)
def bootstrap_indices(n, rng):
    """Shuffles the points instead of drawing with replacement."""
    return rng.permutation(n)


@mistake("q1", cause="formula:permutation")
def bootstrap_indices(n, rng):
    """Draws n points without replacement (rng.choice's replace=False)."""
    return rng.choice(n, size=n, replace=False)


@mistake("q1", cause="seed")
def bootstrap_indices(n, rng):
    """Uses NumPy's global legacy generator instead of the one passed in."""
    return np.random.randint(0, n, size=n)


@mistake("q1", cause="seed")
def bootstrap_indices(n, rng):
    """Makes a fresh generator each call."""
    return np.random.default_rng().integers(0, n, size=n)


@mistake("q1", cause="formula:copy")
def bootstrap_indices(n, rng):
    """Copies the generator so as not to modify an input: the draws are right but the caller's
    generator never advances (every bag would be the same)."""
    local = copy.deepcopy(rng)
    return local.integers(0, n, size=n)


@mistake("q1", cause="formula:uniform")
def bootstrap_indices(n, rng):
    """Scales uniform draws: floor(n U)."""
    return np.floor(n * rng.random(n)).astype(int)


@mistake("q1", cause="formula:high")
def bootstrap_indices(n, rng):
    """Takes the upper bound of integers as inclusive."""
    return rng.integers(0, n - 1, size=n)


@mistake("q1", cause="offset")
def bootstrap_indices(n, rng):
    """Numbers the points from 1 (rng.integers(1, n + 1))."""
    return rng.integers(1, n + 1, size=n)


@mistake("q1", cause="order")
def bootstrap_indices(n, rng):
    """Sorts the bag to make it easier to read."""
    return np.sort(rng.integers(0, n, size=n))


# ---------------------------------------------------------------------------- q2 majority vote


@mistake("q2", cause="tie", sample=True)
def majority_vote(predictions):
    """Breaks ties towards the largest label (argmax over the labels in decreasing order)."""
    labels = np.unique(predictions)[::-1]
    counts = np.array([(predictions == c).sum(axis=0) for c in labels])
    return labels[np.argmax(counts, axis=0)]


@mistake("q2", cause="tie")
def majority_vote(predictions):
    """Uses Counter.most_common, which breaks ties by first appearance."""
    return np.array([Counter(column.tolist()).most_common(1)[0][0]
                     for column in predictions.T])


@mistake("q2", cause="formula:index")
def majority_vote(predictions):
    """Returns the index of the winning label among np.unique's labels, not the label."""
    labels = np.unique(predictions)
    counts = np.array([(predictions == c).sum(axis=0) for c in labels])
    return np.argmax(counts, axis=0)


@mistake("q2", cause="formula:mean")
def majority_vote(predictions):
    """Averages the labels and rounds."""
    return np.round(predictions.mean(axis=0)).astype(int)


@mistake("q2", cause="shape")
def majority_vote(predictions):
    """Votes along the wrong axis (over the points of each model)."""
    labels = np.unique(predictions)
    counts = np.array([(predictions == c).sum(axis=1) for c in labels])
    return labels[np.argmax(counts, axis=0)]


@mistake("q2", cause="dtype")
def majority_vote(predictions):
    """Counts into a float array and returns the labels as floats."""
    labels = np.unique(predictions).astype(float)
    counts = np.array([(predictions == c).sum(axis=0) for c in labels])
    return labels[np.argmax(counts, axis=0)]


# ---------------------------------------------------------------------------- q3 OOB error


@mistake("q3", cause="formula:all_models", sample=True)
def oob_error(predictions, indices, y):
    """Lets every model vote, in-bag ones included."""
    n = len(y)
    errors, scored = 0, 0
    for i in range(n):
        if all(i in bag for bag in indices):
            continue
        labels, counts = np.unique(predictions[:, i], return_counts=True)
        errors += labels[np.argmax(counts)] != y[i]
        scored += 1
    return errors / scored


@mistake("q3", cause="formula:in_bag")
def oob_error(predictions, indices, y):
    """Builds the mask of the models whose bag contains the point and forgets to negate it."""
    B, n = predictions.shape
    mask = np.zeros((B, n), dtype=bool)
    for b in range(B):
        mask[b, indices[b]] = True
    errors, scored = 0, 0
    for i in range(n):
        if mask[:, i].all():
            continue
        labels, counts = np.unique(predictions[mask[:, i], i], return_counts=True)
        errors += labels[np.argmax(counts)] != y[i]
        scored += 1
    return errors / scored


@mistake("q3", cause="factor:")
def oob_error(predictions, indices, y):
    """Divides by all n points, counting the points in every bag as right."""
    B, n = predictions.shape
    errors = 0
    for i in range(n):
        out = [b for b in range(B) if i not in indices[b]]
        if out:
            labels, counts = np.unique(predictions[out, i], return_counts=True)
            errors += labels[np.argmax(counts)] != y[i]
    return errors / n


@mistake("q3", cause="formula:every_bag_wrong")
def oob_error(predictions, indices, y):
    """Counts a point without an OOB vote as an error."""
    B, n = predictions.shape
    errors = 0
    for i in range(n):
        out = [b for b in range(B) if i not in indices[b]]
        if not out:
            errors += 1
            continue
        labels, counts = np.unique(predictions[out, i], return_counts=True)
        errors += labels[np.argmax(counts)] != y[i]
    return errors / n


@mistake("q3", cause="tie")
def oob_error(predictions, indices, y):
    """Breaks OOB vote ties towards the largest label."""
    B, n = predictions.shape
    errors, scored = 0, 0
    for i in range(n):
        out = [b for b in range(B) if i not in indices[b]]
        if not out:
            continue
        labels, counts = np.unique(predictions[out, i], return_counts=True)
        errors += labels[::-1][np.argmax(counts[::-1])] != y[i]
        scored += 1
    return errors / scored


@mistake("q3", cause="formula:per_model")
def oob_error(predictions, indices, y):
    """Averages each model's error on its own out-of-bag points."""
    n = len(y)
    rates = []
    for b in range(len(predictions)):
        out = ~np.isin(np.arange(n), indices[b])
        rates.append(np.mean(predictions[b, out] != y[out]))
    return float(np.mean(rates))


@mistake("q3", cause="formula:accuracy")
def oob_error(predictions, indices, y):
    """Returns the OOB accuracy."""
    B, n = predictions.shape
    right, scored = 0, 0
    for i in range(n):
        out = [b for b in range(B) if i not in indices[b]]
        if out:
            labels, counts = np.unique(predictions[out, i], return_counts=True)
            right += labels[np.argmax(counts)] == y[i]
            scored += 1
    return right / scored


# ---------------------------------------------------------------------------- q4 fit_stump


@mistake("q4", cause="formula:data_value", sample=True)
def fit_stump(X, y, sample_weight):
    """Uses the data values themselves as thresholds (x <= v), all but the largest."""
    best = None
    for j in range(X.shape[1]):
        for t in np.unique(X[:, j])[:-1]:
            for p in (1, -1):
                h = np.where(X[:, j] <= t, p, -p)
                err = np.sum(sample_weight[h != y])
                if best is None or err < best[0]:
                    best = (err, j, float(t), p)
    return best[1], best[2], best[3]


@mistake("q4", cause="formula:one_sided")
def fit_stump(X, y, sample_weight):
    """Tries the midpoints and also a threshold above the largest value ("predict one class
    everywhere"), which leaves the right side empty."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in np.append((v[:-1] + v[1:]) / 2, v[-1] + 1):
            for p in (1, -1):
                h = np.where(X[:, j] <= t, p, -p)
                err = np.sum(sample_weight[h != y])
                if best is None or err < best[0]:
                    best = (err, j, float(t), p)
    return best[1], best[2], best[3]


@mistake("q4", cause="tie")
def fit_stump(X, y, sample_weight):
    """Tries polarity -1 before +1, so an exact tie goes to -1."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for p in (-1, 1):
                h = np.where(X[:, j] <= t, p, -p)
                err = np.sum(sample_weight[h != y])
                if best is None or err < best[0]:
                    best = (err, j, float(t), p)
    return best[1], best[2], best[3]


@mistake("q4", cause="tie")
def fit_stump(X, y, sample_weight):
    """Keeps the last of equal errors (<= in the comparison)."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for p in (1, -1):
                h = np.where(X[:, j] <= t, p, -p)
                err = np.sum(sample_weight[h != y])
                if best is None or err <= best[0]:
                    best = (err, j, float(t), p)
    return best[1], best[2], best[3]


@mistake("q4", cause="formula:unweighted")
def fit_stump(X, y, sample_weight):
    """Counts the misclassified points instead of adding up their weights."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for p in (1, -1):
                h = np.where(X[:, j] <= t, p, -p)
                err = np.sum(h != y)
                if best is None or err < best[0]:
                    best = (err, j, float(t), p)
    return best[1], best[2], best[3]


@mistake("q4", cause="formula:flipped")
def fit_stump(X, y, sample_weight):
    """Predicts polarity on the right of the threshold (x > threshold) when searching."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for p in (1, -1):
                h = np.where(X[:, j] > t, p, -p)
                err = np.sum(sample_weight[h != y])
                if best is None or err < best[0]:
                    best = (err, j, float(t), p)
    return best[1], best[2], best[3]


@mistake("q4", cause="formula:plus_only")
def fit_stump(X, y, sample_weight):
    """Only tries polarity +1."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            h = np.where(X[:, j] <= t, 1, -1)
            err = np.sum(sample_weight[h != y])
            if best is None or err < best[0]:
                best = (err, j, float(t), 1)
    return best[1], best[2], best[3]


@mistake("q4", cause="formula:duplicates")
def fit_stump(X, y, sample_weight):
    """Cumulative sums over the sorted points that do not skip repeated values, so it can
    'split' between two equal values."""
    best = None
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j])
        xs, ys, ws = X[order, j], y[order], sample_weight[order]
        neg_left = np.cumsum(ws * (ys < 0))[:-1]
        pos_right = np.sum(ws * (ys > 0)) - np.cumsum(ws * (ys > 0))[:-1]
        err_plus = neg_left + pos_right
        for k in range(len(xs) - 1):
            for p, err in ((1, err_plus[k]), (-1, ws.sum() - err_plus[k])):
                if best is None or err < best[0]:
                    best = (err, j, float((xs[k] + xs[k + 1]) / 2), p)
    return best[1], best[2], best[3]


@mistake("q4", cause="type")
def fit_stump(X, y, sample_weight):
    """Returns the polarity as a float (1.0 or -1.0)."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for p in (1.0, -1.0):
                h = np.where(X[:, j] <= t, p, -p)
                err = np.sum(sample_weight[h != y])
                if best is None or err < best[0]:
                    best = (err, j, float(t), p)
    return best[1], best[2], best[3]


# ---------------------------------------------------------------------------- q5 adaboost_round


@mistake("q5", cause="factor:1/2", sample=True)
def adaboost_round(y, h, sample_weight):
    """Uses the classic AdaBoost alpha 1/2 log((1 - err) / err) with its symmetric update
    w exp(-alpha y h) (the same new weights, half the alpha)."""
    err = np.sum(sample_weight[h != y]) / np.sum(sample_weight)
    alpha = 0.5 * np.log((1 - err) / err)
    new = sample_weight * np.exp(-alpha * y * h)
    return float(alpha), new / new.sum()


@mistake("q5", cause="factor:sum")
def adaboost_round(y, h, sample_weight):
    """Forgets to normalise the new weights."""
    wrong = h != y
    err = np.sum(sample_weight[wrong]) / np.sum(sample_weight)
    alpha = np.log((1 - err) / err)
    return float(alpha), sample_weight * np.exp(alpha * wrong)


@mistake("q5", cause="formula:raw_err")
def adaboost_round(y, h, sample_weight):
    """Assumes the weights sum to 1: err is the weight of the misclassified points."""
    wrong = h != y
    err = np.sum(sample_weight[wrong])
    alpha = np.log((1 - err) / err)
    new = sample_weight * np.exp(alpha * wrong)
    return float(alpha), new / new.sum()


@mistake("q5", cause="formula:divided")
def adaboost_round(y, h, sample_weight):
    """Divides the misclassified points' weights by exp(alpha)."""
    wrong = h != y
    err = np.sum(sample_weight[wrong]) / np.sum(sample_weight)
    alpha = np.log((1 - err) / err)
    new = sample_weight * np.exp(-alpha * wrong)
    return float(alpha), new / new.sum()


@mistake("q5", cause="formula:both")
def adaboost_round(y, h, sample_weight):
    """Combines the SAMME alpha with the classic update w exp(-alpha y h)."""
    err = np.sum(sample_weight[h != y]) / np.sum(sample_weight)
    alpha = np.log((1 - err) / err)
    new = sample_weight * np.exp(-alpha * y * h)
    return float(alpha), new / new.sum()


@mistake("q5", cause="formula:unweighted")
def adaboost_round(y, h, sample_weight):
    """Takes err as the fraction of misclassified points."""
    wrong = h != y
    err = np.mean(wrong)
    alpha = np.log((1 - err) / err)
    new = sample_weight * np.exp(alpha * wrong)
    return float(alpha), new / new.sum()


@mistake("q5", cause="mutated")
def adaboost_round(y, h, sample_weight):
    """Updates the weights in place."""
    wrong = h != y
    err = np.sum(sample_weight[wrong]) / np.sum(sample_weight)
    alpha = np.log((1 - err) / err)
    sample_weight[wrong] *= np.exp(alpha)
    sample_weight /= sample_weight.sum()
    return float(alpha), sample_weight


@mistake("q5", cause="factor:1/ln 10")
def adaboost_round(y, h, sample_weight):
    """Uses the base-10 logarithm for alpha (and so for the update)."""
    wrong = h != y
    err = np.sum(sample_weight[wrong]) / np.sum(sample_weight)
    alpha = np.log10((1 - err) / err)
    new = sample_weight * np.exp(alpha * wrong)
    return float(alpha), new / new.sum()


# ---------------------------------------------------------------------------- q6 adaboost_fit


@mistake("q6", cause="formula:stale", sample=True)
def adaboost_fit(X, y, n_rounds):
    """Discards the new weights adaboost_round returns."""
    w = np.full(len(y), 1 / len(y))
    stumps, alphas = [], []
    for _ in range(n_rounds):
        feature, threshold, polarity = fit_stump(X, y, w)
        h = np.where(X[:, feature] <= threshold, polarity, -polarity).astype(float)
        alpha, _ = adaboost_round(y, h, w)
        stumps.append((feature, threshold, polarity))
        alphas.append(alpha)
    return stumps, np.array(alphas)


@mistake("q6", cause="count")
def adaboost_fit(X, y, n_rounds):
    """Runs n_rounds + 1 rounds."""
    w = np.full(len(y), 1 / len(y))
    stumps, alphas = [], []
    for _ in range(n_rounds + 1):
        feature, threshold, polarity = fit_stump(X, y, w)
        h = np.where(X[:, feature] <= threshold, polarity, -polarity).astype(float)
        alpha, w = adaboost_round(y, h, w)
        stumps.append((feature, threshold, polarity))
        alphas.append(alpha)
    return stumps, np.array(alphas)


@mistake("q6", cause="sign")
def adaboost_fit(X, y, n_rounds):
    """Predicts with the stump the other way round (polarity where x > threshold)."""
    w = np.full(len(y), 1 / len(y))
    stumps, alphas = [], []
    for _ in range(n_rounds):
        feature, threshold, polarity = fit_stump(X, y, w)
        h = np.where(X[:, feature] > threshold, polarity, -polarity).astype(float)
        alpha, w = adaboost_round(y, h, w)
        stumps.append((feature, threshold, polarity))
        alphas.append(alpha)
    return stumps, np.array(alphas)


@mistake("q6", cause="type")
def adaboost_fit(X, y, n_rounds):
    """Returns the alphas as a list."""
    w = np.full(len(y), 1 / len(y))
    stumps, alphas = [], []
    for _ in range(n_rounds):
        feature, threshold, polarity = fit_stump(X, y, w)
        h = np.where(X[:, feature] <= threshold, polarity, -polarity).astype(float)
        alpha, w = adaboost_round(y, h, w)
        stumps.append((feature, threshold, polarity))
        alphas.append(alpha)
    return stumps, alphas


@mistake("q6", cause="order")
def adaboost_fit(X, y, n_rounds):
    """Returns (alphas, stumps)."""
    w = np.full(len(y), 1 / len(y))
    stumps, alphas = [], []
    for _ in range(n_rounds):
        feature, threshold, polarity = fit_stump(X, y, w)
        h = np.where(X[:, feature] <= threshold, polarity, -polarity).astype(float)
        alpha, w = adaboost_round(y, h, w)
        stumps.append((feature, threshold, polarity))
        alphas.append(alpha)
    return np.array(alphas), stumps


# ---------------------------------------------------------------------------- q7 decision


@mistake("q7", cause="formula:strict", sample=True)
def adaboost_decision(stumps, alphas, X):
    """Puts a point exactly at the threshold on the right (x < threshold on the left)."""
    F = np.zeros(len(X))
    for (feature, threshold, polarity), alpha in zip(stumps, alphas, strict=True):
        F += alpha * np.where(X[:, feature] < threshold, polarity, -polarity)
    return F


@mistake("q7", cause="sign")
def adaboost_decision(stumps, alphas, X):
    """Predicts polarity on the right of the threshold."""
    F = np.zeros(len(X))
    for (feature, threshold, polarity), alpha in zip(stumps, alphas, strict=True):
        F += alpha * np.where(X[:, feature] > threshold, polarity, -polarity)
    return F


@mistake("q7", cause="formula:sign")
def adaboost_decision(stumps, alphas, X):
    """Returns the predicted class sign(F) instead of F."""
    F = np.zeros(len(X))
    for (feature, threshold, polarity), alpha in zip(stumps, alphas, strict=True):
        F += alpha * np.where(X[:, feature] <= threshold, polarity, -polarity)
    return np.sign(F)


@mistake("q7", cause="factor:1 / sum(alphas)")
def adaboost_decision(stumps, alphas, X):
    """Normalises F by the sum of the alphas."""
    F = np.zeros(len(X))
    for (feature, threshold, polarity), alpha in zip(stumps, alphas, strict=True):
        F += alpha * np.where(X[:, feature] <= threshold, polarity, -polarity)
    return F / np.sum(alphas) if len(stumps) else F


@mistake("q7", cause="formula:unweighted")
def adaboost_decision(stumps, alphas, X):
    """Adds up the stumps' votes without their alphas."""
    F = np.zeros(len(X))
    for feature, threshold, polarity in stumps:
        F += np.where(X[:, feature] <= threshold, polarity, -polarity)
    return F


@mistake("q7", cause="type")
def adaboost_decision(stumps, alphas, X):
    """Sums with Python's sum, which gives the number 0 for an empty ensemble."""
    return sum(alpha * np.where(X[:, f] <= t, p, -p).astype(float)
               for (f, t, p), alpha in zip(stumps, alphas, strict=True))


# ---------------------------------------------------------------------------- q8 regression


@mistake("q8", cause="formula:swapped", sample=True)
def fit_regression_stump(X, r):
    """Returns the right leaf's mean first."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            sse = (np.sum((r[left] - r[left].mean()) ** 2)
                   + np.sum((r[~left] - r[~left].mean()) ** 2))
            if best is None or sse < best[0]:
                best = (sse, j, float(t), float(r[~left].mean()), float(r[left].mean()))
    return best[1:]


@mistake("q8", cause="formula:data_value")
def fit_regression_stump(X, r):
    """Uses the data values as thresholds (x <= v), all but the largest."""
    best = None
    for j in range(X.shape[1]):
        for t in np.unique(X[:, j])[:-1]:
            left = X[:, j] <= t
            sse = (np.sum((r[left] - r[left].mean()) ** 2)
                   + np.sum((r[~left] - r[~left].mean()) ** 2))
            if best is None or sse < best[0]:
                best = (sse, j, float(t), float(r[left].mean()), float(r[~left].mean()))
    return best[1:]


@mistake("q8", cause="formula:variance")
def fit_regression_stump(X, r):
    """Minimises the sum of the two sides' variances instead of their squared errors."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            score = np.var(r[left]) + np.var(r[~left])
            if best is None or score < best[0]:
                best = (score, j, float(t), float(r[left].mean()), float(r[~left].mean()))
    return best[1:]


@mistake("q8", cause="formula:median")
def fit_regression_stump(X, r):
    """Predicts the median of each leaf."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            sse = (np.sum((r[left] - r[left].mean()) ** 2)
                   + np.sum((r[~left] - r[~left].mean()) ** 2))
            if best is None or sse < best[0]:
                best = (sse, j, float(t), float(np.median(r[left])), float(np.median(r[~left])))
    return best[1:]


@mistake("q8", cause="tie")
def fit_regression_stump(X, r):
    """Keeps the last of equal sums of squares (<= in the comparison)."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            sse = (np.sum((r[left] - r[left].mean()) ** 2)
                   + np.sum((r[~left] - r[~left].mean()) ** 2))
            if best is None or sse <= best[0]:
                best = (sse, j, float(t), float(r[left].mean()), float(r[~left].mean()))
    return best[1:]


@mistake("q8", cause="formula:duplicates")
def fit_regression_stump(X, r):
    """Splits after every position of the sorted points, without skipping repeated values."""
    best = None
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j])
        xs, rs = X[order, j], r[order]
        for k in range(1, len(r)):
            sse = np.sum((rs[:k] - rs[:k].mean()) ** 2) + np.sum((rs[k:] - rs[k:].mean()) ** 2)
            if best is None or sse < best[0]:
                best = (sse, j, float((xs[k - 1] + xs[k]) / 2), float(rs[:k].mean()),
                        float(rs[k:].mean()))
    return best[1:]


# ---------------------------------------------------------------------------- q9 boosting


@mistake("q9", cause="formula:zero_init", sample=True)
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Starts from F_0 = 0 instead of the mean of y."""
    F, F_test = np.zeros(len(y)), np.zeros(len(X_test))
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, y - F)
        F = F + lr * np.where(X[:, f] <= t, a, b)
        F_test = F_test + lr * np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


@mistake("q9", cause="formula:lr_train")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Applies the learning rate to the test predictions only."""
    F, F_test = np.full(len(y), y.mean()), np.full(len(X_test), y.mean())
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, y - F)
        F = F + np.where(X[:, f] <= t, a, b)
        F_test = F_test + lr * np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


@mistake("q9", cause="formula:lr_squared")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Shrinks the residuals by lr, and then the stump again."""
    F, F_test = np.full(len(y), y.mean()), np.full(len(X_test), y.mean())
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, lr * (y - F))
        F = F + lr * np.where(X[:, f] <= t, a, b)
        F_test = F_test + lr * np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


@mistake("q9", cause="formula:lr1")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Forgets the learning rate."""
    F, F_test = np.full(len(y), y.mean()), np.full(len(X_test), y.mean())
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, y - F)
        F = F + np.where(X[:, f] <= t, a, b)
        F_test = F_test + np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


@mistake("q9", cause="formula:stale")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Computes the residuals once, before the loop."""
    F_test = np.full(len(X_test), y.mean())
    r = y - y.mean()
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, r)
        F_test = F_test + lr * np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


@mistake("q9", cause="formula:sign_residual")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Fits the stumps to F - y (the gradient, not the negative gradient)."""
    F, F_test = np.full(len(y), y.mean()), np.full(len(X_test), y.mean())
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, F - y)
        F = F + lr * np.where(X[:, f] <= t, a, b)
        F_test = F_test + lr * np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


@mistake("q9", cause="formula:no_initial")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Stores F_t after each round only, without row 0."""
    F, F_test = np.full(len(y), y.mean()), np.full(len(X_test), y.mean())
    rows = []
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, y - F)
        F = F + lr * np.where(X[:, f] <= t, a, b)
        F_test = F_test + lr * np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


@mistake("q9", cause="formula:targets")
def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Fits every stump to y instead of the residuals."""
    F_test = np.full(len(X_test), y.mean())
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        f, t, a, b = fit_regression_stump(X, y)
        F_test = F_test + lr * np.where(X_test[:, f] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)
