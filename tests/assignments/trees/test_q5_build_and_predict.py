"""q5: recursive CART (build_tree) and prediction (predict_tree), read together: the tree is
opaque, so a check grows one with your build_tree and reads it with your predict_tree."""

import numpy as np

from autograder.testing import CheckFailure, Diagnose, check, expect_equal

from ._data import (
    TREE_DEPTH_1,
    TREE_DEPTH_2,
    TREE_MIN_SPLIT_7,
    TREE_QUERIES,
    TREE_ROOT,
    TREE_X,
    TREE_Y,
    differs,
    fix_earlier_first,
    predict_by_hand,
)

QUERIES = np.vstack([TREE_X, TREE_QUERIES])


def _mirror(tree):
    if not isinstance(tree, tuple):
        return tree
    feature, threshold, left, right = tree
    return feature, threshold, _mirror(right), _mirror(left)


def _hand_diagnose(tree, shallower):
    """Wrong readings of a hand-written tree, and the tree one level shallower."""
    return Diagnose(wrong_formulas={
        "strict": ("the tree read with x[feature] < threshold going left (it is <=: a point "
                   "on a threshold goes left)", lambda: predict_by_hand(tree, QUERIES, True)),
        "swapped": ("the tree read with left and right swapped",
                    lambda: predict_by_hand(_mirror(tree), QUERIES)),
        "depth": ("a tree one level shallower (the root has depth 0, and a node at depth d is "
                  "split when d < max_depth)", lambda: predict_by_hand(shallower, QUERIES)),
    })


def _predictions(sub, X, y, Q, **kwargs):
    tree = sub.build_tree(X, y, **kwargs)
    return sub.predict_tree(tree, Q)


def _expect_predictions(sub, X, y, Q, want, *, name, root, diagnose=None, **kwargs):
    """The tree from build_tree(X, y, **kwargs) predicts ``want`` on Q. When it does not, and
    the submission's best_split misses the ``root`` split (feature, threshold, gain) of X, y
    (None: the root is a leaf), the message says to fix q4 first."""
    try:
        expect_equal(_predictions(sub, X, y, Q, **kwargs), want, name=name, diagnose=diagnose)
    except CheckFailure as failure:
        if root is None:
            raise
        criterion = kwargs.get("criterion", "gini")

        def wrong():
            feature, threshold, gain = sub.best_split(X, y, criterion=criterion)
            return feature != root[0] or differs(threshold, root[1]) or differs(gain, root[2])

        fix_earlier_first(failure, "q4", "best_split", wrong)


def _call(kwargs):
    return "build_tree(X, y, " + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"


@check("q5", points=2)
def test_trees_of_depth_one_and_two_on_a_small_example(sub):
    """On ten 2-D points (labels 2, 5, 9) the Gini trees of depth 1 and 2 predict the training
    points and points exactly on their thresholds (which go left) as expected.
    """
    majority = 9  # of TREE_Y: four 9s
    for kwargs, tree, shallower in [({"max_depth": 1}, TREE_DEPTH_1, majority),
                                    ({"max_depth": 2}, TREE_DEPTH_2, TREE_DEPTH_1)]:
        _expect_predictions(sub, TREE_X, TREE_Y, QUERIES, predict_by_hand(tree, QUERIES),
                            name=f"predict_tree(tree, X) of the tree from {_call(kwargs)}",
                            root=TREE_ROOT, diagnose=_hand_diagnose(tree, shallower), **kwargs)


@check("q5", points=1)
def test_max_depth_zero_is_one_leaf_with_ties_to_the_smallest_label(sub):
    """max_depth=0 gives one leaf: it predicts 2 for the labels (9, 6, 2, 6, 2), where 2 and 6
    tie, and 9 on the ten-point example, whose depth-1 tree splits.
    """
    X = np.array([[0.0, 3.0], [1.0, 1.0], [2.0, 4.0], [3.0, 1.0], [4.0, 5.0]])
    y = np.array([9, 6, 2, 6, 2])
    expect_equal(_predictions(sub, X, y, X, max_depth=0), np.full(5, 2),
                 name="predict_tree(tree, X) of build_tree(X, y, max_depth=0), labels "
                      "(9, 6, 2, 6, 2)",
                 diagnose=Diagnose(wrong_formulas={
                     "first_seen_tie": ("the label seen first among the tied ones (6): ties "
                                        "go to the smallest label", lambda: np.full(5, 6)),
                     "first_label": ("the first label of the leaf's samples (9), not the "
                                     "majority", lambda: np.full(5, 9)),
                 }))
    expect_equal(_predictions(sub, TREE_X, TREE_Y, QUERIES, max_depth=0),
                 np.full(len(QUERIES), 9),
                 name="predict_tree(tree, X) of build_tree(X, y, max_depth=0) on the "
                      "ten-point example")
    _expect_predictions(sub, TREE_X, TREE_Y, QUERIES, predict_by_hand(TREE_DEPTH_1, QUERIES),
                        name="predict_tree(tree, X) of build_tree(X, y, max_depth=1)",
                        root=TREE_ROOT, diagnose=_hand_diagnose(TREE_DEPTH_1, 9), max_depth=1)


@check("q5", points=1)
def test_a_node_of_exactly_min_samples_split_samples_is_split(sub):
    """With min_samples_split=7 the root's left child (exactly 7 samples) is split and its right
    child (3) is not; with 8 neither is.
    """
    for mss, tree in [(7, TREE_MIN_SPLIT_7), (8, TREE_DEPTH_1)]:
        kwargs = {"max_depth": 2, "min_samples_split": mss}
        _expect_predictions(
            sub, TREE_X, TREE_Y, QUERIES, predict_by_hand(tree, QUERIES),
            name=f"predict_tree(tree, X) of the tree from {_call(kwargs)}", root=TREE_ROOT,
            diagnose=Diagnose(wrong_formulas={
                         "min_samples": ("a tree that does not split a node of exactly "
                                         "min_samples_split samples (a node is split when it "
                                         "has at least that many)",
                                         lambda: predict_by_hand(TREE_DEPTH_1, QUERIES)),
                         "strict": ("the tree read with x[feature] < threshold going left",
                                    lambda tree=tree: predict_by_hand(tree, QUERIES, True))}),
            **kwargs)


def _expect_tree(sub, X, y, Q, tree, name, **kwargs):
    from ._oracles import gain_oracle, wrong_trees

    full = {"max_depth": kwargs["max_depth"], "criterion": kwargs.get("criterion", "gini"),
            "min_samples_split": kwargs.get("min_samples_split", 2)}
    root = None
    if tree.left[0] != -1:
        f, t = int(tree.feature[0]), float(tree.threshold[0])
        root = (f, t, gain_oracle(y, X[:, f] <= t, full["criterion"]))
    _expect_predictions(sub, X, y, Q, tree.predict(Q), name=name, root=root,
                        diagnose=Diagnose(wrong_formulas=wrong_trees(X, y, Q, tree=tree,
                                                                     **full)),
                        **kwargs)


@check("q5", points=4, hidden=True)
def test_trees_match_scikit_learn(sub, rng):
    """On random integer data (labels not 0..k-1, every split unique by a margin) your trees predict
    what scikit-learn's DecisionTreeClassifier predicts, on the training points, on points exactly
    on its thresholds and on new points: both criteria, the defaults, several depths and
    min_samples_split.
    """
    from ._oracles import queries, tie_free_tree_data

    for n, d, labels, kwargs in [
        (40, 3, [3, 7, 12], {"max_depth": 3}),
        (36, 4, [2, 5], {"max_depth": 4, "criterion": "entropy", "min_samples_split": 5}),
        (40, 3, [1, 4, 6, 9], {"max_depth": 2, "criterion": "gini", "min_samples_split": 3}),
    ]:
        full = {"criterion": "gini", "min_samples_split": 2, **kwargs}
        X, y, tree = tie_free_tree_data(rng, n, d, labels, **full)
        Q = queries(rng, X, tree)
        _expect_tree(sub, X, y, Q, tree, f"predict_tree on the tree from {_call(kwargs)} "
                                         f"on random ({n}, {d}) data", **kwargs)


@check("q5", points=2, hidden=True)
def test_entropy_and_gini_trees_that_differ(sub, rng):
    """On random data where the entropy tree and the Gini tree predict differently, each of your
    trees predicts what scikit-learn's predicts.
    """
    from ._oracles import queries, sklearn_tree, tie_free, tie_free_tree_data

    def differ(X, y, gini_tree):
        entropy_tree = sklearn_tree(X, y, 3, "entropy", 4)
        return tie_free(entropy_tree, X, y, "entropy") and not np.array_equal(
            entropy_tree.predict(X), gini_tree.predict(X))

    X, y, gini_tree = tie_free_tree_data(rng, 40, 3, [2, 8, 13], 3, "gini", 4, accept=differ)
    entropy_tree = sklearn_tree(X, y, 3, "entropy", 4)
    for criterion, tree in [("gini", gini_tree), ("entropy", entropy_tree)]:
        kwargs = {"max_depth": 3, "criterion": criterion, "min_samples_split": 4}
        Q = queries(rng, X, tree)
        _expect_tree(sub, X, y, Q, tree, f"predict_tree on the tree from {_call(kwargs)}",
                     **kwargs)


@check("q5", points=2, hidden=True)
def test_tied_leaves_and_min_samples_split_on_random_data(sub, rng):
    """On random data: a leaf whose majority is tied predicts the smallest label; a node of exactly
    min_samples_split samples is split and one sample fewer is not.
    """
    from ._oracles import (
        exact_split_size,
        queries,
        sklearn_tree,
        tie_free_tree_data,
        tied_leaf_data,
    )

    X, y, tree = tied_leaf_data(rng)
    _expect_tree(sub, X, y, queries(rng, X, tree), tree,
                 "predict_tree on a tree with a tied leaf", max_depth=1)

    def exact(X, y, tree):
        return exact_split_size(X, y, tree, 3, "entropy") is not None

    X, y, tree = tie_free_tree_data(rng, 30, 3, [1, 5], 3, "entropy", 2, accept=exact)
    m = exact_split_size(X, y, tree, 3, "entropy")
    kwargs = {"max_depth": 3, "criterion": "entropy", "min_samples_split": m}
    tree = sklearn_tree(X, y, **kwargs)
    _expect_tree(sub, X, y, queries(rng, X, tree), tree,
                 "predict_tree on a tree with a node of exactly min_samples_split samples",
                 **kwargs)
