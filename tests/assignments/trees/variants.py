"""Other correct ways to write the trees functions: each must keep every point.

A build_tree variant grows the reference's tree format (nested dicts) so that the reference's
predict_tree reads it, and a predict_tree variant reads that format.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math
from collections import Counter

import numpy as np
import scipy.stats

from autograder.catalogue import variant


@variant("q1", id="gini-naive")
def gini(y):
    """Counts in a dict, then 1 - sum p^2 in a loop."""
    counts = {}
    for label in y:
        counts[label] = counts.get(label, 0) + 1
    total = 0.0
    for c in counts.values():
        total += (c / len(y)) ** 2
    return 1.0 - total


@variant("q1")
def gini(y):
    """np.bincount on the codes of np.unique: labels of any size, no empty classes."""
    _, codes = np.unique(y, return_inverse=True)
    p = np.bincount(codes) / len(y)
    return float(1.0 - p @ p)


@variant("q2")
def entropy(y):
    """scipy.stats.entropy of the counts, in base 2."""
    return float(scipy.stats.entropy(np.unique(y, return_counts=True)[1], base=2))


@variant("q2", id="entropy-naive")
def entropy(y):
    """A Counter and math.log2 in a loop."""
    h = 0.0
    for c in Counter(y.tolist()).values():
        p = c / len(y)
        h -= p * math.log2(p)
    return h


@variant("q2")
def entropy(y):
    """Natural logarithms divided by log 2."""
    p = np.unique(y, return_counts=True)[1] / len(y)
    return float(-np.sum(p * np.log(p)) / np.log(2))


@variant("q3", id="information_gain-naive")
def information_gain(y, left_mask, criterion="entropy"):
    """Splits the labels into two lists in a loop; the impurity from the functions above."""
    impurity = gini if criterion == "gini" else entropy
    left, right = [], []
    for label, goes_left in zip(y, left_mask, strict=True):
        (left if goes_left else right).append(label)
    n = len(y)
    return (impurity(np.array(y)) - len(left) / n * impurity(np.array(left))
            - len(right) / n * impurity(np.array(right)))


@variant("q3")
def information_gain(y, left_mask, criterion="entropy"):
    """np.average of the children's impurities with their sizes as weights."""
    impurity = {"gini": gini, "entropy": entropy}[criterion]
    children = [y[left_mask], y[~left_mask]]
    return impurity(y) - np.average([impurity(c) for c in children],
                                    weights=[len(c) for c in children])


@variant("q4", id="best_split-naive")
def best_split(X, y, criterion="gini"):
    """Every feature, every midpoint of sorted distinct values, information_gain each time."""
    best_feature, best_threshold, best_gain = None, None, 0.0
    n, d = X.shape
    for j in range(d):
        values = sorted(set(X[:, j].tolist()))
        for i in range(len(values) - 1):
            t = (values[i] + values[i + 1]) / 2
            mask = np.array([X[r, j] <= t for r in range(n)])
            g = information_gain(y, mask, criterion)
            if g > best_gain:
                best_feature, best_threshold, best_gain = j, t, g
    return best_feature, best_threshold, best_gain


@variant("q4")
def best_split(X, y, criterion="gini"):
    """One sort per feature and running class counts (the scan scikit-learn does)."""
    def impurity(counts, total):
        if criterion == "gini":
            return 1.0 - sum((c / total) ** 2 for c in counts.values())
        return -sum(c / total * math.log2(c / total) for c in counts.values() if c)

    n = len(y)
    everything = Counter(y.tolist())
    parent = impurity(everything, n)
    best = (None, None, 0.0)
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        left = Counter()
        for i in range(n - 1):
            left[int(y[order[i]])] += 1
            a, b = X[order[i], j], X[order[i + 1], j]
            if a == b:
                continue
            right = everything - left
            n_left = i + 1
            gain = parent - (n_left * impurity(left, n_left)
                             + (n - n_left) * impurity(right, n - n_left)) / n
            if gain > best[2]:
                best = (j, float(a + (b - a) / 2), float(gain))
    return best


@variant("q5")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """An explicit stack instead of recursion, filling the nodes in place."""
    root = {}
    stack = [(root, np.arange(len(y)), 0)]
    while stack:
        node, idx, depth = stack.pop()
        split = (None, None, 0.0)
        if depth < max_depth and len(idx) >= min_samples_split:
            split = best_split(X[idx], y[idx], criterion)
        if split[0] is None:
            labels, counts = np.unique(y[idx], return_counts=True)
            node["label"] = int(labels[counts == counts.max()].min())
            continue
        feature, threshold, _ = split
        goes_left = X[idx, feature] <= threshold
        node.update(feature=feature, threshold=threshold, left={}, right={})
        stack.append((node["left"], idx[goes_left], depth + 1))
        stack.append((node["right"], idx[~goes_left], depth + 1))
    return root


@variant("q5", id="build_tree-naive")
def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Plain recursion on lists of rows; the majority counted in a dict."""
    def grow(rows, depth):
        labels = [int(y[r]) for r in rows]
        if depth < max_depth and len(rows) >= min_samples_split:
            feature, threshold, _ = best_split(X[rows], y[rows], criterion)
            if feature is not None:
                left = [r for r in rows if X[r, feature] <= threshold]
                right = [r for r in rows if X[r, feature] > threshold]
                return {"feature": feature, "threshold": threshold,
                        "left": grow(left, depth + 1), "right": grow(right, depth + 1)}
        counts = {}
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
        top = max(counts.values())
        return {"label": min(k for k, c in counts.items() if c == top)}

    return grow(list(range(len(y))), 0)


@variant("q5")
def predict_tree(tree, X):
    """Vectorised: routes whole index sets down the tree with boolean masks."""
    out = np.zeros(len(X), dtype=int)

    def route(node, idx):
        if "label" in node:
            out[idx] = node["label"]
            return
        goes_left = X[idx, node["feature"]] <= node["threshold"]
        route(node["left"], idx[goes_left])
        route(node["right"], idx[~goes_left])

    route(tree, np.arange(len(X)))
    return out
