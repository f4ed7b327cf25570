"""Inputs and NumPy models for the trees checks (public: shipped with the public checks, so
NumPy and the standard library only).

The small examples of the public checks are here with the trees a correct implementation
grows on them, written out by hand; ``noisy_disc`` is the notebook's 2-D data set (a
``# @helper`` cell shows it).
"""

import math

import numpy as np

from autograder.testing import CheckFailure

# ---------------------------------------------------------------------------- impurities


def gini_of_counts(counts):
    """sum_k p_k (1 - p_k) for class counts (positive integers)."""
    n = sum(counts)
    return sum(c / n * (1.0 - c / n) for c in counts)


def bits_of_counts(counts):
    """-sum_k p_k log2 p_k for class counts (positive integers)."""
    n = sum(counts)
    return -sum(c / n * math.log2(c / n) for c in counts)


IMPURITY_OF_COUNTS = {"gini": gini_of_counts, "entropy": bits_of_counts}


def gain_of_split(y, left_mask, criterion, weights=None):
    """I(parent) - w_left I(left) - w_right I(right); the weights are the children's shares
    of the samples unless ``weights`` (a pair) says otherwise (a wrong model)."""
    f = IMPURITY_OF_COUNTS[criterion]
    y_left, y_right = y[left_mask], y[~left_mask]
    if weights is None:
        weights = (len(y_left) / len(y), len(y_right) / len(y))
    return (f(np.unique(y, return_counts=True)[1].tolist())
            - weights[0] * f(np.unique(y_left, return_counts=True)[1].tolist())
            - weights[1] * f(np.unique(y_right, return_counts=True)[1].tolist()))


def all_splits(X, y, criterion, weights=None):
    """Every candidate split as (gain, feature, threshold), by brute force: the midpoints
    between consecutive distinct sorted values of each feature, in order."""
    f = IMPURITY_OF_COUNTS[criterion]
    _, codes = np.unique(y, return_inverse=True)
    k, n = int(codes.max()) + 1, len(y)

    def impurity(mask):
        return f([c for c in np.bincount(codes[mask], minlength=k).tolist() if c])

    parent = impurity(np.ones(n, dtype=bool))
    out = []
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            n_left = int(left.sum())
            w = weights or (n_left / n, (n - n_left) / n)
            gain = parent - w[0] * impurity(left) - w[1] * impurity(~left)
            out.append((float(gain), j, float(t)))
    return out


def best_of(splits):
    """The split with the largest gain, ties to the first (lowest feature, then threshold);
    None when no gain is positive."""
    best = None
    for s in splits:
        if s[0] > (best[0] if best else 0.0):
            best = s
    return None if best is None else (best[1], best[2], best[0])


# ---------------------------------------------------------------------------- best_split

# A node of 8 samples with 3 integer features, repeated values in each and 2 classes (3 and
# 8). The best split is on the last feature: x[2] <= 2.5 for Gini (it isolates a pure 3),
# x[2] <= 3.5 for entropy (two pure-ish halves of 4), unique by a margin for both.
SPLIT_X = np.array([[0, 0, 4], [2, 3, 3], [4, 0, 2], [0, 2, 5],
                    [3, 0, 3], [0, 4, 5], [5, 3, 5], [2, 0, 3]], dtype=float)
SPLIT_Y = np.array([8, 3, 3, 8, 8, 8, 8, 8])

# ---------------------------------------------------------------------------- trees

# Ten 2-D points with labels 2, 5 and 9, and the trees a correct build_tree grows on them
# with the Gini criterion. A tree is written here as nested tuples (feature, threshold,
# left, right), a leaf as its label; your own build_tree may store it any way it likes.
TREE_X = np.array([[5, 1], [7, 3], [2, 4], [0, 4], [2, 7],
                   [2, 5], [1, 7], [5, 4], [0, 4], [1, 0]], dtype=float)
TREE_Y = np.array([2, 5, 9, 5, 2, 2, 5, 9, 9, 9])

# The root's split (feature, threshold, Gini gain): 3 labels 2, 3 labels 5 and 4 labels 9
# in the parent, (1, 2, 4) of them on the left, (2, 1, 0) on the right.
TREE_ROOT = (1, 4.5, gini_of_counts([3, 3, 4]) - 0.7 * gini_of_counts([1, 2, 4])
             - 0.3 * gini_of_counts([2, 1]))

# max_depth = 2: the root sends the 7 points with x[1] <= 4.5 left (labels 2, 5, 9, 5, 9, 9,
# 9); that node isolates the point (7, 3) with x[0] <= 6, and the right node (labels 2, 2, 5)
# isolates the 5 with x[0] <= 1.5.
TREE_DEPTH_2 = (1, 4.5, (0, 6.0, 9, 5), (0, 1.5, 5, 2))
# max_depth = 1: the root's split alone; its children predict their majorities 9 and 2.
TREE_DEPTH_1 = (1, 4.5, 9, 2)
# min_samples_split = 7, max_depth = 2: the left child has exactly 7 samples and is split,
# the right child (3 samples) is a leaf.
TREE_MIN_SPLIT_7 = (1, 4.5, (0, 6.0, 9, 5), 2)

# Points exactly on the thresholds of TREE_DEPTH_2 (they go left), then two more.
TREE_QUERIES = np.array([[5.0, 4.5], [6.0, 1.0], [1.5, 7.0], [3.0, 8.0], [6.5, 0.0]])


def predict_by_hand(tree, X, strict=False):
    """The labels a nested-tuple tree predicts for the rows of X (x[feature] <= threshold to
    the left; ``strict`` sends x[feature] < threshold left instead, a common mistake)."""
    out = []
    for x in np.asarray(X, dtype=float):
        node = tree
        while isinstance(node, tuple):
            feature, threshold, left, right = node
            goes_left = x[feature] < threshold if strict else x[feature] <= threshold
            node = left if goes_left else right
        out.append(node)
    return np.array(out, dtype=np.int64)


# ---------------------------------------------------------------------------- earlier questions


def fix_earlier_first(failure, question, fn, earlier_is_wrong):
    """Re-raise ``failure``; when ``earlier_is_wrong()`` finds the submission's own ``fn`` (of
    an earlier ``question``) wrong on the same inputs, say so first, with the tag
    ``depends:<question>``: the function checked here most likely calls it. An earlier
    function that raises or returns no number adds nothing."""
    try:
        wrong = bool(earlier_is_wrong())
    except Exception:  # noqa: BLE001 - only a hint: no value, no hint
        wrong = False
    if not wrong:
        raise failure
    raise CheckFailure(f"Your {fn} ({question}) is wrong on these inputs, and this function "
                       f"most likely uses it: fix {question} first. {failure}",
                       (*failure.tags, f"depends:{question}")) from None


def differs(got, want):
    """A number that is not ``want`` to 1e-9 (relative) or 1e-12 (absolute)."""
    return not math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-12)


# ---------------------------------------------------------------------------- the notebook's data


def noisy_disc(rng, n, flip=0.15):
    """n points uniform in the square [-1, 1]^2, label 1 inside the disc of radius 0.6 and 0
    outside, then a fraction `flip` of the labels flipped (label noise a deep tree memorises).

    Returns X (n, 2) and y (n,) integers.
    """
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = (np.sum(X**2, axis=1) < 0.36).astype(np.int64)
    flipped = rng.random(n) < flip
    y[flipped] = 1 - y[flipped]
    return X, y
