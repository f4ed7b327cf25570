"""Reference solutions for the `trees` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def gini(y):
    """The Gini impurity of a node: G = sum_k p_k (1 - p_k) = 1 - sum_k p_k^2.

    p_k is the fraction of the node's samples with label k, over the classes present in y.

    Input:
    - y: integer array of shape (n,), n >= 1, the labels of the node's samples
      (non-negative integers, not necessarily 0..K-1)

    Returns a float: 0 for a pure node, 1 - 1/K for K equally frequent classes.
    """
    ### BEGIN SOLUTION
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return float(np.sum(p * (1.0 - p)))
    ### END SOLUTION


def entropy(y):
    """The entropy of a node in bits: H = -sum_k p_k log2 p_k.

    The sum runs over the classes present in y (a class that does not occur contributes
    0 log 0 = 0).

    Input:
    - y: integer array of shape (n,), n >= 1, the labels of the node's samples

    Returns a float: 0 for a pure node, 1 for two equally frequent classes.
    """
    ### BEGIN SOLUTION
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return float(np.sum(p * np.log2(1.0 / p)))
    ### END SOLUTION


def information_gain(y, left_mask, criterion="entropy"):
    """The decrease in impurity when a node is split into two children.

    IG = I(parent) - (n_left / n) I(left) - (n_right / n) I(right), where I is the entropy
    (criterion='entropy', the default) or the Gini impurity (criterion='gini').

    Inputs:
    - y: integer array of shape (n,), the labels of the parent node
    - left_mask: boolean array of shape (n,); the left child is y[left_mask], the right
      child the rest (both non-empty)
    - criterion: 'entropy' or 'gini'

    Returns a float.
    """
    ### BEGIN SOLUTION
    impurity = {"entropy": entropy, "gini": gini}[criterion]
    y = np.asarray(y)
    left_mask = np.asarray(left_mask, dtype=bool)
    left, right = y[left_mask], y[~left_mask]
    n = len(y)
    children = len(left) / n * impurity(left) + len(right) / n * impurity(right)
    return float(impurity(y) - children)
    ### END SOLUTION


def best_split(X, y, criterion="gini"):
    """The best single split x[:, feature] <= threshold of a node, by information gain.

    Candidate thresholds are the midpoints between consecutive distinct sorted values of
    each feature. The gain of a split is `information_gain` with this criterion (note the
    default here is 'gini'). Ties go to the lowest feature, then the lowest threshold.

    Inputs:
    - X: array of shape (n, d), the node's samples
    - y: integer array of shape (n,), their labels
    - criterion: 'gini' or 'entropy'

    Returns a tuple (feature, threshold, gain): an int, a float and a float, the split with
    the largest gain; (None, None, 0.0) when no split has a positive gain (a pure node, or
    every feature constant).
    """
    ### BEGIN SOLUTION
    def impurity(counts):  # rows of class counts (m, K) -> (m,)
        p = counts / counts.sum(axis=1, keepdims=True)
        if criterion == "gini":
            return np.sum(p * (1.0 - p), axis=1)
        safe = np.where(p > 0, p, 1.0)  # 0 log 0 = 0
        return np.sum(p * np.log2(1.0 / safe), axis=1)

    X = np.asarray(X, dtype=float)
    classes, codes = np.unique(y, return_inverse=True)
    n, d = X.shape
    onehot = np.eye(len(classes))[codes]
    parent = impurity(onehot.sum(axis=0, keepdims=True))[0]
    best = (None, None, 0.0)
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        xs = X[order, j]
        valid = xs[:-1] < xs[1:]  # a threshold between two distinct values
        if not valid.any():
            continue
        left = np.cumsum(onehot[order], axis=0)[:-1]  # row i: counts of the first i + 1
        right = left[-1] + onehot[order[-1]] - left
        n_left = np.arange(1, n)
        children = (n_left * impurity(left) + (n - n_left) * impurity(right)) / n
        gains = np.where(valid, parent - children, -np.inf)
        i = int(np.argmax(gains))  # the first maximum: the lowest threshold
        if gains[i] > best[2]:  # strictly better: ties keep the lower feature
            best = (j, float((xs[i] + xs[i + 1]) / 2), float(gains[i]))
    return best
    ### END SOLUTION


def build_tree(X, y, max_depth, criterion="gini", min_samples_split=2):
    """Grow a classification tree by recursive CART.

    A node at depth d (the root has depth 0) is split with `best_split` when d < max_depth,
    it holds at least min_samples_split samples and `best_split` finds a split (a positive
    gain); its samples with x[feature] <= threshold go to the left child, the others to the
    right. Otherwise the node is a leaf that predicts its majority class (ties to the
    smallest label). max_depth = 0 gives a single leaf.

    Inputs:
    - X: array of shape (n, d), the training samples
    - y: integer array of shape (n,), their labels
    - max_depth: int >= 0
    - criterion: 'gini' or 'entropy', passed to best_split
    - min_samples_split: int, the smallest node that may be split

    Returns the tree, in any form you like (nested dicts, tuples, a class of your own): only
    your `predict_tree` reads it.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)

    def grow(idx, depth):
        labels = y[idx]
        if depth < max_depth and len(idx) >= min_samples_split:
            feature, threshold, _ = best_split(X[idx], labels, criterion)
            if feature is not None:
                go_left = X[idx, feature] <= threshold
                return {"feature": feature, "threshold": threshold,
                        "left": grow(idx[go_left], depth + 1),
                        "right": grow(idx[~go_left], depth + 1)}
        values, counts = np.unique(labels, return_counts=True)
        return {"label": int(values[np.argmax(counts)])}  # argmax: the first, smallest label

    return grow(np.arange(len(y)), 0)
    ### END SOLUTION


def predict_tree(tree, X):
    """The labels a tree from `build_tree` predicts for the rows of X.

    A sample goes to the left child where x[feature] <= threshold, to the right otherwise,
    until it reaches a leaf.

    Inputs:
    - tree: what your build_tree returned
    - X: array of shape (m, d)

    Returns an integer array of shape (m,).
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    out = np.empty(len(X), dtype=np.int64)
    for i, x in enumerate(X):
        node = tree
        while "label" not in node:
            node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
        out[i] = node["label"]
    return out
    ### END SOLUTION


WRITTEN_ANSWERS = {
    "w1": r"""
Finding the tree that minimises the training error (or any impurity) for a given size is
NP-hard: the number of trees grows combinatorially with the depth, the number of features and
the thresholds, since every choice at a node changes which samples every node below it sees.
CART instead takes, at each node, the split with the largest immediate gain and recurses on
the two children. Each step costs about O(d n log n), so the whole tree is cheap, and it works
well in practice. The price is myopia: a split that looks useless on its own (the first
coordinate of an XOR) is never chosen even if it would enable perfect splits below it, so the
greedy tree need not be optimal.
""",
    "w2": r"""
A shallow tree has few leaves, so each leaf averages many training samples: its predictions
are stable from one training set to another (low variance) but the piecewise-constant regions
are too coarse to follow the true boundary (high bias). Each extra level doubles the possible
number of leaves; a fully grown tree isolates single points, fits the training set perfectly,
including its noise, and changes a lot when the data change (low bias, high variance). The
training accuracy increases with the depth; the test accuracy first increases, then falls
once the tree starts fitting noise: the depth (or min_samples_split) is chosen on held-out
data, or the variance is averaged away in a random forest.
""",
    "w3": r"""
Both are 0 for a pure node, maximal for uniform classes and concave, so both reward children
purer than the parent. Gini, $\sum_k p_k(1 - p_k)$, is the probability of misclassifying a
sample labelled at random with the node's frequencies; entropy, $-\sum_k p_k \log_2 p_k$, is the
expected number of bits to encode the label, and its gain is the mutual information between the
split and the label. Entropy penalises nearly pure nodes with a few minority samples more
(its slope at p = 0 is infinite), so it leans slightly towards balanced splits; Gini needs no
logarithm and is a little cheaper. They choose the same split most of the time and give trees
of similar accuracy; they can differ on close calls, as the data set of the last check shows.
""",
}
