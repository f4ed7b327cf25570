"""What only the hidden trees checks use: scikit-learn's and SciPy's impurities, trees read from
scikit-learn's ``DecisionTreeClassifier``, a brute-force search that proves a data set
tie-free, and the wrong models behind the diagnoses. Heavy libraries are imported inside the
functions.

scikit-learn's CART is the contract's on tie-free data: the same midpoint thresholds, ``x <=
threshold`` to the left, a node split when it is not pure, has at least ``min_samples_split``
samples and lies above ``max_depth``, and a leaf predicting its most frequent class (ties to
the smallest, as ``classes_`` is sorted). Two differences are kept out of the graded data:
scikit-learn breaks ties between features at random (the contract: the lowest feature) and it
splits an impure node even when the best gain is 0 (the contract: a leaf).
:func:`tie_free` proves neither happens on a data set, with a search written apart from both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ._data import all_splits

MARGIN = 1e-9  # the best gain beats every other candidate (and 0) by at least this


# ---------------------------------------------------------------------------- impurities


def gini_exact(y) -> float:
    """sum_k p_k (1 - p_k) in exact rational arithmetic, rounded once."""
    counts = Counter(int(v) for v in np.asarray(y))
    n = sum(counts.values())
    return float(sum(Fraction(c, n) * (1 - Fraction(c, n)) for c in counts.values()))


def entropy_scipy(y) -> float:
    """SciPy's entropy in bits of the label frequencies."""
    import scipy.stats

    _, counts = np.unique(np.asarray(y), return_counts=True)
    return float(scipy.stats.entropy(counts, base=2))


IMPURITY = {"gini": gini_exact, "entropy": entropy_scipy}


def gain_oracle(y, left_mask, criterion) -> float:
    """Impurity of the parent minus the size-weighted impurities of the two children."""
    y = np.asarray(y)
    mask = np.asarray(left_mask, dtype=bool)
    f = IMPURITY[criterion]
    n, n_left = len(y), int(mask.sum())
    return f(y) - (n_left / n) * f(y[mask]) - ((n - n_left) / n) * f(y[~mask])


# ---------------------------------------------------------------------------- trees


@dataclass
class Tree:
    """A tree as flat arrays: node 0 is the root; a leaf has ``left[i] == -1``."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    label: np.ndarray  # the leaf's prediction (the majority of its training labels)
    depth: int

    def leaf_of(self, X, strict: bool = False) -> np.ndarray:
        """The leaf each row of X reaches (``x < threshold`` to the left when ``strict``)."""
        out = np.empty(len(X), dtype=int)
        for i, x in enumerate(X):
            node = 0
            while self.left[node] != -1:
                v, t = x[self.feature[node]], self.threshold[node]
                node = self.left[node] if (v < t if strict else v <= t) else self.right[node]
            out[i] = node
        return out

    def predict(self, X, strict: bool = False, swapped: bool = False) -> np.ndarray:
        if swapped:
            mirror = Tree(self.feature, self.threshold, self.right, self.left, self.label,
                          self.depth)
            return mirror.predict(X, strict)
        return self.label[self.leaf_of(X, strict)]

    def internal(self) -> list[int]:
        return [i for i in range(len(self.left)) if self.left[i] != -1]


def majority(y) -> int:
    """The most frequent label, ties to the smallest."""
    values, counts = np.unique(np.asarray(y), return_counts=True)
    return int(values[np.argmax(counts)])


def sklearn_tree(X, y, max_depth, criterion="gini", min_samples_split=2) -> Tree:
    """scikit-learn's tree as a :class:`Tree` (max_depth = 0: the root alone, a leaf)."""
    if max_depth == 0 or len(y) < min_samples_split:
        lone = np.array([-1])
        return Tree(np.array([0]), np.array([0.0]), lone, lone, np.array([majority(y)]), 0)
    from sklearn.tree import DecisionTreeClassifier

    model = DecisionTreeClassifier(criterion=criterion, max_depth=max_depth,
                                   min_samples_split=min_samples_split, random_state=0)
    model.fit(X, y)
    t = model.tree_
    label = model.classes_[np.argmax(t.value[:, 0, :], axis=1)].astype(int)
    return Tree(t.feature.copy(), t.threshold.copy(), t.children_left.copy(),
                t.children_right.copy(), label, int(model.get_depth()))


def node_samples(tree: Tree, X) -> list[np.ndarray]:
    """For each node, the indices of the rows of X that pass through it."""
    members: list[list[int]] = [[] for _ in tree.left]
    for i, x in enumerate(X):
        node = 0
        members[node].append(i)
        while tree.left[node] != -1:
            node = tree.left[node] if x[tree.feature[node]] <= tree.threshold[node] \
                else tree.right[node]
            members[node].append(i)
    return [np.array(m, dtype=int) for m in members]


def tie_free(tree: Tree, X, y, criterion) -> bool:
    """At every split node of ``tree`` (grown on X, y), the split it made is the unique best
    by MARGIN and its gain is positive by MARGIN: then the contract grows the same tree."""
    members = node_samples(tree, X)
    for node in tree.internal():
        idx = members[node]
        found = sorted(all_splits(X[idx], y[idx], criterion), reverse=True)
        if not found or found[0][0] < MARGIN:
            return False
        if len(found) > 1 and found[0][0] - found[1][0] < MARGIN:
            return False
        gain, j, t = found[0]
        if j != tree.feature[node] or t != tree.threshold[node]:
            return False
    return True


def best_split_oracle(X, y, criterion):
    """scikit-learn's root split (feature, threshold, gain), or None when it does not split."""
    tree = sklearn_tree(X, y, 1, criterion)
    if tree.left[0] == -1:
        return None
    mask = X[:, tree.feature[0]] <= tree.threshold[0]
    return int(tree.feature[0]), float(tree.threshold[0]), gain_oracle(y, mask, criterion)


# ---------------------------------------------------------------------------- data


def integer_data(rng, n, d, labels, high=10):
    """n rows of d small-integer features and labels from ``labels`` that depend on them.

    Each label comes from a random axis-aligned rule on two features, with 15% of them
    redrawn at random, so the trees have several levels and some impure leaves.
    """
    X = rng.integers(0, high, size=(n, d)).astype(float)
    a, b = rng.choice(d, size=2, replace=False)
    ta, tb = rng.integers(2, high - 2, size=2)
    k = len(labels)
    code = (X[:, a] > ta).astype(int) + 2 * (X[:, b] > tb).astype(int)
    code = code % k
    noise = rng.random(n) < 0.15
    code[noise] = rng.integers(0, k, size=int(noise.sum()))
    return X, np.asarray(labels, dtype=np.int64)[code]


def tie_free_tree_data(rng, n, d, labels, max_depth, criterion, min_samples_split,
                       accept=None, tries=500):
    """(X, y, tree): integer data on which scikit-learn's tree is the contract's, at least
    two levels deep (or max_depth), and ``accept(X, y, tree)`` if given."""
    for _ in range(tries):
        X, y = integer_data(rng, n, d, labels)
        tree = sklearn_tree(X, y, max_depth, criterion, min_samples_split)
        if tree.depth >= min(max_depth, 2) and tie_free(tree, X, y, criterion) \
                and (accept is None or accept(X, y, tree)):
            return X, y, tree
    raise RuntimeError("no tie-free data set found")  # pragma: no cover


def queries(rng, X, tree, n_random=15, high=10):
    """The training rows, a point exactly on each threshold of ``tree`` (a training point
    of that node with the node's feature set to the threshold: it reaches the node, since a
    threshold lies inside the node's range), and random integer points."""
    members = node_samples(tree, X)
    on = []
    for node in tree.internal():
        q = X[members[node][0]].copy()
        q[tree.feature[node]] = tree.threshold[node]
        on.append(q)
    random = rng.integers(0, high, size=(n_random, X.shape[1])).astype(float)
    return np.vstack([X, *on, random])


def relabelled(tree: Tree, X, y, rule) -> Tree:
    """``tree`` with each leaf predicting ``rule(labels)`` of its training labels (in order)."""
    members = node_samples(tree, X)
    label = tree.label.copy()
    for node in range(len(tree.left)):
        if tree.left[node] == -1 and len(members[node]):
            label[node] = rule(y[members[node]])
    return Tree(tree.feature, tree.threshold, tree.left, tree.right, label, tree.depth)


def exact_split_size(X, y, tree, max_depth, criterion):
    """The size m >= 3 of a split node of ``tree`` (grown with min_samples_split = 2), not the
    root, such that the trees grown with min_samples_split = m (tie-free) and m + 1 predict
    differently on X; None if there is none."""
    members = node_samples(tree, X)
    for node in tree.internal()[1:]:
        m = len(members[node])
        if m < 3:
            continue
        exact = sklearn_tree(X, y, max_depth, criterion, m)
        fewer = sklearn_tree(X, y, max_depth, criterion, m + 1)
        if not np.array_equal(exact.predict(X), fewer.predict(X)) \
                and tie_free(exact, X, y, criterion):
            return m
    return None


def first_seen_majority(labels) -> int:
    """The most frequent label, ties to the one seen first (Counter.most_common)."""
    return int(Counter(labels.tolist()).most_common(1)[0][0])


def wrong_trees(X, y, Q, max_depth, criterion, min_samples_split, tree):
    """{key: (description, thunk)}: the predictions on Q of common mistakes in growing or
    reading a tree, for a Diagnose."""
    other = "entropy" if criterion == "gini" else "gini"

    def grown(**change):
        args = {"max_depth": max_depth, "criterion": criterion,
                "min_samples_split": min_samples_split, **change}
        return lambda: sklearn_tree(X, y, **args).predict(Q)

    return {
        "strict": ("the tree read with x[feature] < threshold going left (it is <=: a point "
                   "on a threshold goes left)", lambda: tree.predict(Q, strict=True)),
        "swapped": ("the tree read with left and right swapped (x[feature] <= threshold "
                    "goes left)", lambda: tree.predict(Q, swapped=True)),
        "criterion": (f"the tree grown with {other}, not {criterion} (pass the criterion on "
                      "to best_split; the default is 'gini')", grown(criterion=other)),
        "depth": ("a tree one level shallower (the root has depth 0, and a node at depth d "
                  "is split when d < max_depth)", grown(max_depth=max(max_depth - 1, 0))),
        "deeper": ("a tree one level deeper than max_depth (a node at depth d is split only "
                   "when d < max_depth)", grown(max_depth=max_depth + 1)),
        "min_samples": ("a tree that does not split a node of exactly min_samples_split "
                        "samples (a node is split when it has at least that many)",
                        grown(min_samples_split=min_samples_split + 1)),
        "first_label": ("leaves that predict the first label of their samples, not the "
                        "majority", lambda: relabelled(tree, X, y, lambda v: int(v[0]))
                        .predict(Q)),
        "first_seen_tie": ("leaves whose tied majority goes to the label seen first (ties go "
                           "to the smallest label)",
                           lambda: relabelled(tree, X, y, first_seen_majority).predict(Q)),
    }


def tie_free_split_data(rng, n, d, labels, criterion, tries=500):
    """(X, y, (feature, threshold, gain)): integer data whose best root split is unique by
    MARGIN, with scikit-learn's root split and its gain."""
    for _ in range(tries):
        X, y = integer_data(rng, n, d, labels)
        tree = sklearn_tree(X, y, 1, criterion)
        if tree.left[0] != -1 and tie_free(tree, X, y, criterion):
            return X, y, best_split_oracle(X, y, criterion)
    raise RuntimeError("no tie-free data set found")  # pragma: no cover


def tied_leaf_data(rng, labels=(4, 6, 10), tries=500):
    """(X, y, tree) of depth 1 whose left leaf has a tied majority.

    With labels (lo, hi, c): the 6 samples of the right leaf are all c, and its feature 0 is
    larger than the left leaf's; the left leaf holds one c, then 3 hi and 3 lo, the first of
    them a hi. The left leaf predicts lo (ties to the smallest label); a first-seen rule
    picks hi, and the first label is c, so the three rules tell each other apart.
    """
    lo, hi, c = labels
    for _ in range(tries):
        side = rng.permutation(np.repeat([0, 1], [7, 6]))  # 1: the right leaf
        X = np.c_[np.where(side == 1, rng.integers(6, 10, 13), rng.integers(0, 4, 13)),
                  rng.integers(0, 10, 13)].astype(float)
        y = np.full(13, c)
        y[side == 0] = np.r_[c, hi, rng.permutation([hi, hi, lo, lo, lo])]
        tree = sklearn_tree(X, y, 1, "gini")
        if tree.left[0] != -1 and tree.feature[0] == 0 and tie_free(tree, X, y, "gini"):
            return X, y, tree
    raise RuntimeError("no tie-free data set found")  # pragma: no cover
