"""Inputs for the ensembles checks and the notebook (public: shipped with the students' public
checks, so NumPy only).

Nothing here bags, votes, fits a stump or boosts the way the reference does. The generators
build votes with ties of each kind, bags with points in every bag, stump problems whose best
stump is unique by a margin (verified by evaluating every candidate stump on every point) or
tied exactly (dyadic weights, so every summation order gives the same sums), and data sets
whose values are exact in float32 (scikit-learn's trees compute in float32). The notebook's
data sets and its fully grown decision tree (the base model it bags) are here too.
"""

import numpy as np

# ---------------------------------------------------------------------------- votes and bags


def vote_counts(predictions):
    """(labels, counts): the sorted labels of ``predictions`` (B, m) and how many models give
    each label to each point, (C, m)."""
    labels = np.unique(predictions)
    return labels, np.stack([np.sum(predictions == c, axis=0) for c in labels])


def tie_kinds(predictions):
    """How the columns of ``predictions`` tie: (ties, first_not_smallest), the number of
    columns whose most frequent label is tied, and of those where the tied label that occurs
    first (from row 0 down) is not the smallest."""
    labels, counts = vote_counts(predictions)
    ties = first = 0
    for j in range(predictions.shape[1]):
        top = labels[counts[:, j] == counts[:, j].max()]
        if top.size > 1:
            ties += 1
            seen = [c for c in predictions[:, j] if c in top][0]
            first += int(seen != top.min())
    return ties, first


def votes(rng, B, m, labels, agree=0.4):
    """predictions (B, m): the labels B models give m points, drawn from ``labels`` (non-negative
    integers, not 0..C-1): each column has a favourite label the models give with probability
    about ``agree``, else a random label. Redrawn until at least 3 columns tie, at least 2 of
    them with the first-seen tied label not the smallest, and at least 2 columns do not tie."""
    labels = np.asarray(labels)
    while True:
        favourite = rng.choice(labels, size=m)
        P = np.where(rng.random((B, m)) < agree, favourite, rng.choice(labels, size=(B, m)))
        ties, first = tie_kinds(P)
        if ties >= 3 and first >= 2 and m - ties >= 2:
            return P


def in_every_bag(indices, n):
    """(n,) bool: the points that occur in every bag of ``indices`` (B, n)."""
    return np.all([np.isin(np.arange(n), bag) for bag in indices], axis=0)


def bagged_models(rng, n, B, labels, accuracy=0.6):
    """A bagged ensemble as a fully grown tree makes it: y (n,) labels from ``labels``,
    indices (B, n) bootstrap samples, and predictions (B, n) that are right on each model's
    own bag (zero training error) and right with probability ``accuracy`` elsewhere (else a
    random label). Redrawn until some points are in every bag, some OOB votes tie, and the
    vote of every model differs from the OOB vote at some point."""
    labels = np.asarray(labels)
    while True:
        y = rng.choice(labels, size=n)
        indices = rng.integers(0, n, size=(B, n))
        guess = np.where(rng.random((B, n)) < accuracy, y, rng.choice(labels, size=(B, n)))
        inside = np.zeros((B, n), dtype=bool)
        for b in range(B):
            inside[b, indices[b]] = True
        predictions = np.where(inside, y, guess)
        every = in_every_bag(indices, n)
        oob_ties = 0
        for i in np.flatnonzero(~every):
            _, counts = np.unique(predictions[~inside[:, i], i], return_counts=True)
            oob_ties += int(np.sum(counts == counts.max()) > 1)
        if 1 <= every.sum() <= n // 3 and oob_ties >= 2:
            return predictions, indices, y


# ---------------------------------------------------------------------------- stumps


def stump_candidates(X):
    """Every candidate stump of the contract, in its tie order: (feature, threshold,
    polarity) for each feature, each threshold halfway between consecutive distinct values
    (increasing), polarity +1 then -1."""
    out = []
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            out += [(j, float(t), 1), (j, float(t), -1)]
    return out


def stump_predict(stump, X):
    """h(x) = polarity where x[feature] <= threshold, -polarity elsewhere: (m,) floats."""
    feature, threshold, polarity = stump
    return np.where(X[:, feature] <= threshold, float(polarity), -float(polarity))


def stump_errors(X, y, w):
    """(candidates, errors): every candidate stump and its weighted error sum w [h != y],
    each evaluated on every point (a matrix of every threshold's predictions per feature;
    no sorting, no cumulative sums)."""
    return stump_candidates(X), stump_error_table(X, y, w)[2]


def stump_error_table(X, y, w):
    """(features, thresholds, errors): the candidates of :func:`stump_errors` as arrays, in the
    same order (each threshold twice, polarity +1 then -1), without building the tuples."""
    features, thresholds, errors = [], [], []
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        t = (v[:-1] + v[1:]) / 2
        left = X[:, j][None, :] <= t[:, None]  # (thresholds, n)
        plus = np.where(left, 1.0, -1.0)
        errors.append(np.column_stack([(plus != y) @ w, (-plus != y) @ w]).ravel())
        features.append(np.full(2 * t.size, j))
        thresholds.append(np.repeat(t, 2))
    return np.concatenate(features), np.concatenate(thresholds), np.concatenate(errors)


def stump_margin(X, y, w):
    """The gap between the smallest and the second smallest weighted error of all stumps."""
    errors = np.sort(stump_errors(X, y, w)[1])
    return float(errors[1] - errors[0])


def float32_exact(X):
    """X rounded to the nearest float32 values (scikit-learn's trees compare in float32; on
    such values its midpoints are exactly the float64 ones)."""
    return np.asarray(X, dtype=np.float32).astype(np.float64)


def stump_problem(rng, n, d, margin=1e-6):
    """X (n, d), y (n,) in {-1, +1} from a noisy linear rule, and positive weights w (n,) that
    do not sum to 1, redrawn until the best stump is unique by ``margin`` times sum(w)."""
    while True:
        X = float32_exact(rng.standard_normal((n, d)) * rng.uniform(0.5, 3.0, d)
                          + rng.uniform(-2.0, 2.0, d))
        direction = rng.standard_normal(d)
        y = np.where(X @ direction + 0.8 * rng.standard_normal(n) > np.median(X @ direction),
                     1.0, -1.0)
        w = rng.uniform(0.1, 1.0, n)
        if stump_margin(X, y, w) > margin * w.sum():
            return X, y, w


def paired_stump_problem(rng, k, d):
    """A problem on which no stump beats chance: k distinct integer rows of X (n = 2k), each
    present twice with opposite labels and the same dyadic weight (a multiple of 1/8). Every
    side of every split holds whole pairs, so every stump of either polarity has weighted
    error exactly sum(w) / 2: the tie rule alone decides."""
    while True:
        rows = rng.integers(0, 6, size=(k, d))
        if np.unique(rows, axis=0).shape[0] == k and all(np.unique(rows[:, j]).size >= 3
                                                          for j in range(d)):
            break
    weights = rng.integers(1, 4, size=k) / 8
    order = rng.permutation(2 * k)
    X = np.repeat(rows, 2, axis=0).astype(float)[order]
    y = np.tile([1.0, -1.0], k)[order]
    w = np.repeat(weights, 2)[order]
    return X, y, w


def tied_stump_problem(rng, n, d):
    """Integer features (values 0..5) and dyadic weights (1/8, 2/8 or 3/8, not summing to 1):
    the smallest weighted error is reached by stumps on at least two features, the lowest of
    which reaches it with at least two thresholds, one of them above the lowest threshold
    reaching it on another feature. Every error is a sum of eighths, exact in any summation
    order, so every correct formula ties exactly."""
    while True:
        X = rng.integers(0, 6, size=(n, d)).astype(float)
        if any(np.unique(X[:, j]).size < 3 for j in range(d)):
            continue
        y = np.where(rng.random(n) < 0.5, 1.0, -1.0)
        eighths = rng.integers(1, 4, size=n)
        features, thresholds, errors = stump_error_table(X, y, eighths.astype(float))
        best = errors == errors.min()  # integers: exact
        if np.unique(features[best]).size < 2:
            continue
        lowest = features[best].min()
        first = thresholds[best & (features == lowest)]
        other = thresholds[best & (features != lowest)].min()
        if np.unique(first).size >= 2 and first.max() > other:
            return X, y, eighths / 8


def chance_beats_every_split_problem(rng, n, d):
    """Integer features where predicting one class everywhere (a 'stump' with an empty side,
    which the contract excludes) has a smaller weighted error than every stump: a few light
    negatives among heavier positives, none of them at either end of any feature's order."""
    while True:
        X = rng.integers(0, 8, size=(n, d)).astype(float)
        y = np.ones(n)
        y[rng.choice(n, size=2, replace=False)] = -1.0
        w = np.where(y > 0, rng.integers(2, 5, size=n), 1) / 8
        if any(np.unique(X[:, j]).size < 3 for j in range(d)):
            continue
        constant = w[y < 0].sum()
        if stump_errors(X, y, w)[1].min() > constant:
            return X, y, w


def duplicated_point_problem(rng, n, d):
    """Distinct values (exact in float32) and small positive weights, plus one point present
    twice, with opposite labels and each a weight above all the others together. A real
    stump always errs on one of the two copies; a search that also 'splits' between equal
    values can separate them (whatever their order) and finds a smaller error there.
    Redrawn until the best real stump is unique by a margin."""
    while True:
        X = float32_exact(rng.standard_normal((n - 1, d)) * 2.0)
        y = np.where(rng.random(n - 1) < 0.5, 1.0, -1.0)
        w = rng.uniform(0.1, 0.5, n - 1)
        k = int(rng.integers(n - 1))
        X = np.vstack([X, X[k]])
        y = np.append(y, -y[k])
        w[k] = w.sum() + 1.0
        w = np.append(w, w[k])
        order = rng.permutation(n)
        X, y, w = X[order], y[order], w[order]
        if stump_margin(X, y, w) > 1e-6 * w.sum():
            return X, y, w


# ---------------------------------------------------------------------------- boosting


def boosting_problem(rng, n, d):
    """X (n, d) and labels y (n,) in {-1, +1} that no single stump separates (an XOR of two
    features with label noise); the other features are noise."""
    X = rng.standard_normal((n, d)) * rng.uniform(0.8, 2.0, d) + rng.uniform(-1.0, 1.0, d)
    a, b = rng.choice(d, size=2, replace=False)
    centred = X - np.median(X, axis=0)
    y = np.where(centred[:, a] * centred[:, b] + 0.3 * rng.standard_normal(n) > 0, 1.0, -1.0)
    return X, y


def regression_problem(rng, n, d, noise=0.3):
    """X (n, d) exact in float32 and targets y (n,): a step in one feature plus a smooth
    function of another plus noise, offset from 0."""
    X = float32_exact(rng.uniform(-2.0, 2.0, (n, d)) * rng.uniform(0.5, 2.0, d))
    a, b = rng.choice(d, size=2, replace=False)
    y = 3.0 + 1.5 * (X[:, a] > 0) + np.sin(X[:, b]) + noise * rng.standard_normal(n)
    return X, y


def sse_candidates(X, r):
    """(splits, sse): every (feature, threshold) of the contract in its tie order and the sum
    of squared errors of r around the two leaf means, each computed from the points' sides
    (two passes: the means, then the squares around them; one row of sides per threshold)."""
    splits, sse = [], []
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        thresholds = (v[:-1] + v[1:]) / 2
        splits += [(j, float(t)) for t in thresholds]
        sse.append(_two_sided_sse(X[None, :, j] <= thresholds[:, None], r))
    return splits, np.concatenate(sse)


def _two_sided_sse(left, r):
    """left (k, n) booleans, each row one split of the n points with both sides non-empty:
    (k,) sums of squared errors of r around each side's mean."""
    return side_sse(left, r) + side_sse(~left, r)


def side_sse(side, r):
    """side (k, n) booleans, each row a non-empty set of the n points: (k,) sums of squared
    errors of r around the set's mean (two passes: the means, then the squares around them)."""
    mean = (side @ r) / side.sum(axis=1)
    return np.sum(np.where(side, r[None, :] - mean[:, None], 0.0) ** 2, axis=1)


def tied_regression_problem(rng):
    """Eight points whose best regression splits tie exactly: along feature 0 the targets are
    a, a, b, b, b, b, a, a (integers with b - a a multiple of 3), so the splits after the 2nd
    and after the 6th point have the same sides, with integer means; feature 1 is feature 0
    shifted down (the same splits at lower thresholds); feature 2 is noise whose best split
    is worse by at least 1/2. Every correct formula computes the tied sums of squares
    exactly. The best stump is feature 0's first threshold."""
    while True:
        a, b = (int(v) for v in rng.integers(-6, 7, size=2))
        if a == b or (b - a) % 3:
            continue
        x0 = np.sort(rng.choice(np.arange(20), size=8, replace=False)).astype(float)
        r = np.array([a, a, b, b, b, b, a, a], dtype=float)
        X = np.column_stack([x0, x0 - float(rng.integers(30, 40)),
                             rng.integers(0, 6, size=8).astype(float)])
        if np.unique(X[:, 2]).size < 3:
            continue
        splits, sse = sse_candidates(X, r)
        noise = min(e for (j, _), e in zip(splits, sse, strict=True) if j == 2)
        if noise >= sse.min() + 0.5:
            order = rng.permutation(8)
            return X[order], r[order]


def duplicated_point_regression_problem(rng, n, d):
    """Integer features (values 1..4, many repeats, exact in float32) and targets with a
    trend, plus one point present twice with targets +8 and -8 at the smallest value of
    feature 0. No real split separates the two copies; a search that also 'splits' between
    equal values separates them (whatever their order) and finds a much smaller sum of
    squares there. Redrawn until the best real split is unique by a margin."""
    while True:
        X = rng.integers(1, 5, size=(n - 2, d)).astype(float)
        if any(np.unique(X[:, j]).size < 3 for j in range(d)):
            continue
        r = 0.5 * rng.standard_normal(n - 2) + X[:, 0] - X[:, 0].mean()
        twin = np.concatenate([[0.0], rng.integers(1, 5, size=d - 1).astype(float)])
        X = np.vstack([X, twin, twin])
        r = np.append(r, [8.0, -8.0])
        order = rng.permutation(n)
        X, r = X[order], r[order]
        if sse_margin(X, r) > 1e-6 and \
                between_equal_values_sse(X, r) < sse_candidates(X, r)[1].min() - 1.0:
            return X, r


def between_equal_values_sse(X, r):
    """The smallest sum of squares of the 'splits' after every position of each feature's
    sorted order, equal neighbours included."""
    n = len(r)
    first_k = np.arange(1, n)[:, None] > np.arange(n)[None, :]  # row k-1: the first k points
    return min(float(_two_sided_sse(first_k, r[np.argsort(X[:, j], kind="stable")]).min())
               for j in range(X.shape[1]))


def sse_margin(X, r):
    """The gap between the smallest and second smallest SSE of all splits, relative to the
    largest."""
    return _relative_gap(sse_candidates(X, r)[1])


def _relative_gap(sse):
    sse = np.sort(sse)
    return float((sse[1] - sse[0]) / sse[-1])


def boosting_residual_margin(X, y, n_rounds, lr):
    """The smallest SSE margin (:func:`sse_margin`) over the rounds of gradient boosting for
    the squared loss, run with the best split of every round found by :func:`sse_candidates`."""
    F = np.full(len(y), np.mean(y))
    margins = []
    for _ in range(n_rounds):
        r = y - F
        splits, sse = sse_candidates(X, r)
        margins.append(_relative_gap(sse))
        j, t = splits[int(np.argmin(sse))]
        left = X[:, j] <= t
        F = F + lr * np.where(left, r[left].mean(), r[~left].mean())
    return min(margins, default=np.inf)


def boosting_regression_problem(rng, n, d, n_rounds, lr, margin=1e-7):
    """:func:`regression_problem` redrawn until every round of gradient boosting with
    ``n_rounds`` and ``lr`` has a best split unique by ``margin`` (relative)."""
    while True:
        X, y = regression_problem(rng, n, d)
        if boosting_residual_margin(X, y, n_rounds, lr) > margin:
            return X, y


# ---------------------------------------------------------------------------- the notebook


def two_moons(rng, n, noise=0.25, labels=(0, 1)):
    """The notebook's 2-D classification set: two interleaving half circles of n // 2 points
    each with Gaussian noise, shuffled. Returns X (n, 2) and y (n,) integer labels, the first
    moon ``labels[0]``, the second ``labels[1]``."""
    k = n // 2
    angle = rng.uniform(0.0, np.pi, size=n)
    upper = np.column_stack([np.cos(angle[:k]), np.sin(angle[:k])])
    lower = np.column_stack([1.0 - np.cos(angle[k:]), 0.5 - np.sin(angle[k:])])
    X = np.vstack([upper, lower]) + noise * rng.standard_normal((n, 2))
    y = np.repeat(np.asarray(labels), [k, n - k])
    order = rng.permutation(n)
    return X[order], y[order]


def wave(rng, n, noise=0.3):
    """The notebook's 1-D regression set: x uniform on [0, 6] (X of shape (n, 1)) and
    y = sin(x) + x / 3 + noise."""
    x = rng.uniform(0.0, 6.0, size=n)
    y = np.sin(x) + x / 3 + noise * rng.standard_normal(n)
    return x[:, None], y


def grow_tree(X, y, rng=None, max_features=None):
    """A fully grown classification tree (CART with the Gini impurity), the base model the
    notebook bags: nodes split until each leaf is pure (or its points are equal).

    At each node the split minimises the size-weighted Gini impurity of the two sides over
    the thresholds halfway between consecutive distinct values; with ``max_features`` (and a
    Generator ``rng``) only that many features, drawn at random at each node, are tried (a
    random forest's trees). Returns the tree as a list of nodes, the root first: a leaf is
    (label,), an internal node (feature, threshold, left child, right child)."""
    classes = np.unique(y)
    nodes = []

    def build(idx):
        node = len(nodes)
        nodes.append(None)
        counts = np.array([np.sum(y[idx] == c) for c in classes])
        best = (np.inf, None, None)
        if np.count_nonzero(counts) > 1:
            d = X.shape[1]
            features = range(d) if max_features is None else rng.choice(d, max_features,
                                                                        replace=False)
            for j in features:
                order = idx[np.argsort(X[idx, j], kind="stable")]
                xs = X[order, j]
                left = np.cumsum(y[order][:, None] == classes, axis=0)[:-1]  # (k - 1, C)
                n_left = left.sum(axis=1)
                right = counts - left
                n_right = len(idx) - n_left
                gini = (n_left - (left**2).sum(axis=1) / n_left
                        + n_right - (right**2).sum(axis=1) / n_right)
                gini[xs[:-1] == xs[1:]] = np.inf
                k = int(np.argmin(gini))
                if gini[k] < best[0]:
                    best = (gini[k], j, (xs[k] + xs[k + 1]) / 2)
        if best[1] is None:
            nodes[node] = (classes[np.argmax(counts)],)
            return node
        _, j, t = best
        mask = X[idx, j] <= t
        left_child = build(idx[mask])
        right_child = build(idx[~mask])
        nodes[node] = (j, t, left_child, right_child)
        return node

    build(np.arange(len(y)))
    return nodes


def tree_predict(tree, X):
    """The labels a tree of :func:`grow_tree` gives the rows of X: (m,) integers."""
    out = np.zeros(len(X), dtype=int)
    stack = [(0, np.arange(len(X)))]
    while stack:
        node, idx = stack.pop()
        if len(tree[node]) == 1:
            out[idx] = tree[node][0]
            continue
        j, t, left, right = tree[node]
        mask = X[idx, j] <= t
        stack += [(left, idx[mask]), (right, idx[~mask])]
    return out
