"""Common mistakes in the trees assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). A build_tree entry grows the
reference's tree format (nested dicts) so the reference's predict_tree reads it, and the
reverse for predict_tree.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

from collections import Counter

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1: gini


@mistake("q1", cause="formula:sum_p", sample=True)
def gini(y):
    """Forgets to square the frequencies: 1 - sum p_k, which is always 0."""
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(1 - np.sum(p))


@mistake("q1", cause="formula:purity")
def gini(y):
    """Returns sum p_k^2, the purity, instead of 1 minus it."""
    _, counts = np.unique(y, return_counts=True)
    return float(np.sum((counts / len(y)) ** 2))


@mistake("q1", cause="formula:misclassification")
def gini(y):
    """Returns the misclassification rate 1 - max p_k."""
    _, counts = np.unique(y, return_counts=True)
    return float(1 - counts.max() / len(y))


@mistake("q1", cause="formula:counts")
def gini(y):
    """Divides the sum of squared counts by n once instead of n^2."""
    _, counts = np.unique(y, return_counts=True)
    return float(1 - np.sum(counts**2) / len(y))


# ---------------------------------------------------------------------------- q2: entropy


@mistake("q2", cause="formula:nats", sample=True)
def entropy(y):
    """Uses the natural log: the entropy in nats, not bits."""
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(-np.sum(p * np.log(p)))


@mistake("q2", cause="not_finite")
def entropy(y):
    """Counts with np.bincount, whose zero counts for absent labels give 0 * log2(0) = nan."""
    p = np.bincount(y) / len(y)
    return float(-np.sum(p * np.log2(p)))


@mistake("q2", cause="sign")
def entropy(y):
    """Forgets the minus sign."""
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(np.sum(p * np.log2(p)))


@mistake("q2", cause="formula:unweighted")
def entropy(y):
    """Sums -log2 p_k without weighting each term by p_k."""
    _, counts = np.unique(y, return_counts=True)
    return float(-np.sum(np.log2(counts / len(y))))


@mistake("q2", cause="formula:log10")
def entropy(y):
    """Uses log10 instead of log2."""
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(-np.sum(p * np.log10(p)))


# ---------------------------------------------------------------------------- q3: information gain


@mistake("q3", cause="formula:unweighted", sample=True)
def information_gain(y, left_mask, criterion="entropy"):
    """Subtracts the plain mean of the children's impurities (unweighted)."""
    impurity = entropy if criterion == "entropy" else gini
    return impurity(y) - (impurity(y[left_mask]) + impurity(y[~left_mask])) / 2


@mistake("q3", cause="formula:swapped")
def information_gain(y, left_mask, criterion="entropy"):
    """Weights each child's impurity by the other child's size."""
    impurity = entropy if criterion == "entropy" else gini
    n, n_left = len(y), int(np.sum(left_mask))
    return (impurity(y) - (n - n_left) / n * impurity(y[left_mask])
            - n_left / n * impurity(y[~left_mask]))


@mistake("q3", cause="formula:counts")
def information_gain(y, left_mask, criterion="entropy"):
    """Weights the children by their sizes without dividing by n."""
    impurity = entropy if criterion == "entropy" else gini
    left, right = y[left_mask], y[~left_mask]
    return impurity(y) - len(left) * impurity(left) - len(right) * impurity(right)


@mistake("q3", cause="formula:criterion")
def information_gain(y, left_mask, criterion="gini"):
    """Makes 'gini' the default criterion (the contract's default is 'entropy')."""
    impurity = entropy if criterion == "entropy" else gini
    left, right = y[left_mask], y[~left_mask]
    n = len(y)
    return impurity(y) - len(left) / n * impurity(left) - len(right) / n * impurity(right)


@mistake("q3", cause="formula:criterion")
def information_gain(y, left_mask, criterion="entropy"):
    """Ignores the criterion and always uses the entropy."""
    left, right = y[left_mask], y[~left_mask]
    n = len(y)
    return entropy(y) - len(left) / n * entropy(left) - len(right) / n * entropy(right)


@mistake("q3", cause="sign")
def information_gain(y, left_mask, criterion="entropy"):
    """Subtracts the parent from the children: the gain with the wrong sign."""
    impurity = entropy if criterion == "entropy" else gini
    left, right = y[left_mask], y[~left_mask]
    n = len(y)
    return len(left) / n * impurity(left) + len(right) / n * impurity(right) - impurity(y)


# ---------------------------------------------------------------------------- q4: best split


@mistake("q4", cause="formula:data_value", sample=True)
def best_split(X, y, criterion="gini"):
    """Tries the data values themselves as thresholds instead of the midpoints."""
    best = (None, None, 0.0)
    for j in range(X.shape[1]):
        for t in np.unique(X[:, j])[:-1]:
            g = information_gain(y, X[:, j] <= t, criterion)
            if g > best[2]:
                best = (j, float(t), float(g))
    return best


@mistake("q4", cause="tie")
def best_split(X, y, criterion="gini"):
    """Keeps a later split of equal gain (>= instead of >): ties go to the last feature."""
    best = (None, None, 0.0)
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            g = information_gain(y, X[:, j] <= t, criterion)
            if g > 0 and g >= best[2]:
                best = (j, float(t), float(g))
    return best


@mistake("q4", cause="formula:skip_last")
def best_split(X, y, criterion="gini"):
    """Loops over range(d - 1) and never tries the last feature."""
    best = (None, None, 0.0)
    for j in range(X.shape[1] - 1):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            g = information_gain(y, X[:, j] <= t, criterion)
            if g > best[2]:
                best = (j, float(t), float(g))
    return best


@mistake("q4", cause="formula:criterion")
def best_split(X, y, criterion="entropy"):
    """Makes 'entropy' the default criterion (the contract's default here is 'gini')."""
    best = (None, None, 0.0)
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            g = information_gain(y, X[:, j] <= t, criterion)
            if g > best[2]:
                best = (j, float(t), float(g))
    return best


@mistake("q4", cause="formula:zero_gain")
def best_split(X, y, criterion="gini"):
    """Starts from the first candidate instead of 'no split', so a zero gain is a split."""
    best = None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            g = information_gain(y, X[:, j] <= t, criterion)
            if best is None or g > best[2]:
                best = (j, float(t), float(g))
    return best if best is not None else (None, None, 0.0)


@mistake("q4", cause="formula:children")
def best_split(X, y, criterion="gini"):
    """Minimises the children's weighted impurity (right) but returns it as the gain."""
    impurity = entropy if criterion == "entropy" else gini
    best, lowest = (None, None, 0.0), impurity(y)
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            mask = X[:, j] <= t
            children = (mask.sum() * impurity(y[mask])
                        + (~mask).sum() * impurity(y[~mask])) / len(y)
            if children < lowest:
                best, lowest = (j, float(t), float(children)), children
    return best


@mistake("q4", cause="formula:unweighted")
def best_split(X, y, criterion="gini"):
    """Computes its own gain inline, with the children unweighted."""
    impurity = entropy if criterion == "entropy" else gini
    best = (None, None, 0.0)
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            mask = X[:, j] <= t
            g = impurity(y) - (impurity(y[mask]) + impurity(y[~mask])) / 2
            if g > best[2]:
                best = (j, float(t), float(g))
    return best


# ---------------------------------------------------------------------------- q5: build and predict


@mistake("q5", cause="formula:strict", sample=True)
def predict_tree(tree, X):
    """Sends x[feature] < threshold to the left, so a point on a threshold goes right."""
    out = []
    for x in X:
        node = tree
        while "label" not in node:
            node = node["left"] if x[node["feature"]] < node["threshold"] else node["right"]
        out.append(node["label"])
    return np.array(out)


@mistake("q5", cause="formula:swapped")
def predict_tree(tree, X):
    """Sends x[feature] <= threshold to the right child."""
    out = []
    for x in X:
        node = tree
        while "label" not in node:
            node = node["right"] if x[node["feature"]] <= node["threshold"] else node["left"]
        out.append(node["label"])
    return np.array(out)


@mistake("q5", cause="dtype")
def predict_tree(tree, X):
    """Fills a float array (np.zeros(m)) with the labels."""
    out = np.zeros(len(X))
    for i, x in enumerate(X):
        node = tree
        while "label" not in node:
            node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
        out[i] = node["label"]
    return out


@mistake("q5", cause="formula:depth")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Counts depth from 1 at the root, so the tree is one level too shallow."""
    def grow(X, y, depth):
        if depth < max_depth and len(y) >= min_samples_split:
            feature, threshold, _ = best_split(X, y, criterion)
            if feature is not None:
                m = X[:, feature] <= threshold
                return {"feature": feature, "threshold": threshold,
                        "left": grow(X[m], y[m], depth + 1),
                        "right": grow(X[~m], y[~m], depth + 1)}
        values, counts = np.unique(y, return_counts=True)
        return {"label": int(values[np.argmax(counts)])}
    return grow(X, y, 1)


@mistake("q5", cause="formula:deeper")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Splits while depth <= max_depth: one level too deep."""
    def grow(X, y, depth):
        if depth <= max_depth and len(y) >= min_samples_split:
            feature, threshold, _ = best_split(X, y, criterion)
            if feature is not None:
                m = X[:, feature] <= threshold
                return {"feature": feature, "threshold": threshold,
                        "left": grow(X[m], y[m], depth + 1),
                        "right": grow(X[~m], y[~m], depth + 1)}
        values, counts = np.unique(y, return_counts=True)
        return {"label": int(values[np.argmax(counts)])}
    return grow(X, y, 0)


@mistake("q5", cause="formula:min_samples")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Splits a node only when it has more than min_samples_split samples (> for >=)."""
    def grow(X, y, depth):
        if depth < max_depth and len(y) > min_samples_split:
            feature, threshold, _ = best_split(X, y, criterion)
            if feature is not None:
                m = X[:, feature] <= threshold
                return {"feature": feature, "threshold": threshold,
                        "left": grow(X[m], y[m], depth + 1),
                        "right": grow(X[~m], y[~m], depth + 1)}
        values, counts = np.unique(y, return_counts=True)
        return {"label": int(values[np.argmax(counts)])}
    return grow(X, y, 0)


@mistake("q5", cause="formula:first_label")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """A leaf predicts the first label of its samples instead of the majority."""
    def grow(X, y, depth):
        if depth < max_depth and len(y) >= min_samples_split:
            feature, threshold, _ = best_split(X, y, criterion)
            if feature is not None:
                m = X[:, feature] <= threshold
                return {"feature": feature, "threshold": threshold,
                        "left": grow(X[m], y[m], depth + 1),
                        "right": grow(X[~m], y[~m], depth + 1)}
        return {"label": int(y[0])}
    return grow(X, y, 0)


@mistake("q5", cause="formula:first_seen_tie")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Takes the majority with Counter.most_common, which breaks ties by first appearance."""
    def grow(X, y, depth):
        if depth < max_depth and len(y) >= min_samples_split:
            feature, threshold, _ = best_split(X, y, criterion)
            if feature is not None:
                m = X[:, feature] <= threshold
                return {"feature": feature, "threshold": threshold,
                        "left": grow(X[m], y[m], depth + 1),
                        "right": grow(X[~m], y[~m], depth + 1)}
        return {"label": int(Counter(y.tolist()).most_common(1)[0][0])}
    return grow(X, y, 0)


@mistake("q5", cause="formula:criterion")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Calls best_split(X, y) without passing the criterion on."""
    def grow(X, y, depth):
        if depth < max_depth and len(y) >= min_samples_split:
            feature, threshold, _ = best_split(X, y)
            if feature is not None:
                m = X[:, feature] <= threshold
                return {"feature": feature, "threshold": threshold,
                        "left": grow(X[m], y[m], depth + 1),
                        "right": grow(X[~m], y[~m], depth + 1)}
        values, counts = np.unique(y, return_counts=True)
        return {"label": int(values[np.argmax(counts)])}
    return grow(X, y, 0)


@mistake("q5", cause="code:exception")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Does not handle best_split's (None, None, 0.0): a pure node raises an error."""
    def grow(X, y, depth):
        if depth < max_depth and len(y) >= min_samples_split:
            feature, threshold, _ = best_split(X, y, criterion)
            m = X[:, feature] <= threshold
            return {"feature": feature, "threshold": threshold,
                    "left": grow(X[m], y[m], depth + 1),
                    "right": grow(X[~m], y[~m], depth + 1)}
        values, counts = np.unique(y, return_counts=True)
        return {"label": int(values[np.argmax(counts)])}
    return grow(X, y, 0)
