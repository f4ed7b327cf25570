"""q4: the best split of a node, thresholds at midpoints, ties to the lowest feature, and
(None, None, 0.0) when no split has a positive gain."""

import numpy as np

from autograder.testing import (
    CheckFailure,
    Diagnose,
    check,
    expect_close,
    expect_outputs,
    fail,
    once,
)

from ._data import (
    SPLIT_X,
    SPLIT_Y,
    all_splits,
    best_of,
    bits_of_counts,
    differs,
    fix_earlier_first,
    gini_of_counts,
)

RTOL, ATOL = 1e-10, 1e-12  # the gain
T_RTOL, T_ATOL = 1e-12, 1e-12  # the threshold: a midpoint, (a + b) / 2 or a + (b - a) / 2


def _wrong_models(X, y, criterion):
    """What common mistakes return on this node: whole splits (feature, threshold, gain)."""
    other = "gini" if criterion == "entropy" else "entropy"
    right = once(lambda: best_of(all_splits(X, y, criterion)))

    def data_value():
        feature, threshold, gain = right()
        column = X[:, feature]
        return feature, float(column[column <= threshold].max()), gain

    def children():
        feature, threshold, gain = right()
        parent = all_splits(X, y, criterion, weights=(0.0, 0.0))[0][0]  # children weighted 0
        return feature, threshold, parent - gain

    return {
        "data_value": ("a threshold at a data value (the largest value that goes left); "
                       "thresholds are the midpoints between consecutive distinct values",
                       once(data_value)),
        "criterion": (f"the best split by {other}, not by {criterion} (best_split's default "
                      "criterion is 'gini')",
                      once(lambda: best_of(all_splits(X, y, other)))),
        "skip_last": ("the best split over every feature but the last (loop over all d "
                      "features)",
                      once(lambda: best_of(all_splits(X[:, :-1], y, criterion)))),
        "unweighted": ("the best split by an unweighted gain (each child must be weighted by "
                       "its share of the samples)",
                       once(lambda: best_of(all_splits(X, y, criterion, weights=(0.5, 0.5))))),
        "children": ("the weighted impurity of the children, not the gain (the parent's "
                     "impurity minus it)", once(children)),
    }


def _diagnose(models):
    def of(position):
        def thunk(model):
            return lambda: model()[position]
        return Diagnose(wrong_formulas={key: (text, thunk(model))
                                        for key, (text, model) in models.items()})
    return {"feature": of(0), "threshold": of(1), "gain": of(2)}


def expect_split(sub, got, want, *, name, X, y, criterion, why_none=""):
    """``got`` from best_split is ``want``: (feature, threshold, gain), or None for no split.
    When it is not, and the submission's information_gain is wrong on the right split, the
    message says to fix q3 first."""
    try:
        _expect_split(got, want, name=name, X=X, y=y, criterion=criterion, why_none=why_none)
    except CheckFailure as failure:
        if want is None:
            raise
        mask = X[:, want[0]] <= want[1]
        fix_earlier_first(failure, "q3", "information_gain", lambda: differs(
            sub.information_gain(y, mask, criterion=criterion), want[2]))


def _expect_split(got, want, *, name, X, y, criterion, why_none):
    feature, threshold, gain = got
    if want is None:
        if feature is None and threshold is None:
            expect_close(gain, 0.0, name=f"the gain from {name} (no split)", rtol=0, atol=0)
            return
        if isinstance(gain, (int, float)) and gain == 0:
            fail(f"{name} returned a split whose gain is 0: {why_none}, so no split has a "
                 "positive gain and the result should be (None, None, 0.0).",
                 "formula:zero_gain")
        fail(f"{name} should be (None, None, 0.0): {why_none}, so no split has a positive "
             "gain.", "value")
    if feature is None:
        fail(f"{name} returned no split (None), but this node has a split with a positive "
             "gain.", "value")
    d = X.shape[1]
    if (isinstance(feature, (int, np.integer)) and 0 <= feature < d and feature != want[0]
            and np.array_equal(X[:, feature], X[:, want[0]])):
        fail(f"{name}: your feature {int(feature)} is an exact copy of another column, so their "
             "splits tie exactly; ties go to the lowest feature (then the lowest threshold).",
             "tie")
    expect_outputs(tuple(got), {"feature": want[0], "threshold": want[1], "gain": want[2]},
                   fn=name, rtol=RTOL, atol=ATOL, exact=("feature",),
                   tolerances={"threshold": (T_RTOL, T_ATOL)},
                   diagnose=_diagnose(_wrong_models(X, y, criterion)))


@check("q4", points=2)
def test_best_split_of_a_small_node(sub):
    """On 8 samples with 3 features the best split is on the last feature: x[2] <= 2.5 for Gini (the
    default), x[2] <= 3.5 for entropy.
    """
    # Gini: the left child is one sample of class 3, the right child 1 of class 3 and 6 of 8.
    gini_gain = gini_of_counts([2, 6]) - 7 / 8 * gini_of_counts([1, 6])
    expect_split(sub, sub.best_split(SPLIT_X, SPLIT_Y), (2, 2.5, gini_gain),
                 name="best_split(X, y)", X=SPLIT_X, y=SPLIT_Y, criterion="gini")
    # Entropy: the left child holds two of each class, the right child four 8s.
    entropy_gain = bits_of_counts([2, 6]) - 4 / 8 * bits_of_counts([2, 2])
    expect_split(sub, sub.best_split(SPLIT_X, SPLIT_Y, criterion="entropy"),
                 (2, 3.5, entropy_gain), name="best_split(X, y, criterion='entropy')",
                 X=SPLIT_X, y=SPLIT_Y, criterion="entropy")


@check("q4", points=1)
def test_no_split_for_a_pure_node_or_constant_features(sub):
    """(None, None, 0.0) for a pure node and for constant features; with one feature left varying,
    its best split.
    """
    pure = np.full(8, 8)
    expect_split(sub, sub.best_split(SPLIT_X, pure), None, name="best_split(X, y) on a pure node",
                 X=SPLIT_X, y=pure, criterion="gini", why_none="every label is the same")
    constant = np.tile([3.0, 1.0, 4.0], (8, 1))
    expect_split(sub, sub.best_split(constant, SPLIT_Y), None,
                 name="best_split(X, y) with constant features", X=constant, y=SPLIT_Y,
                 criterion="gini", why_none="every feature is constant")
    constant[:, 1] = SPLIT_X[:, 2]
    gain = gini_of_counts([2, 6]) - 7 / 8 * gini_of_counts([1, 6])
    expect_split(sub, sub.best_split(constant, SPLIT_Y), (1, 2.5, gain),
                 name="best_split(X, y) with one varying feature", X=constant, y=SPLIT_Y,
                 criterion="gini")


@check("q4", points=1)
def test_a_tie_goes_to_the_lowest_feature(sub):
    """With the best feature duplicated (columns 1 and 3 identical) the split is on feature 1."""
    X = SPLIT_X[:, [0, 2, 1, 2]]
    gain = gini_of_counts([2, 6]) - 7 / 8 * gini_of_counts([1, 6])
    expect_split(sub, sub.best_split(X, SPLIT_Y), (1, 2.5, gain), name="best_split(X, y)", X=X,
                 y=SPLIT_Y, criterion="gini")


@check("q4", points=3, hidden=True)
def test_best_split_matches_scikit_learn(sub, rng):
    """On random nodes of integer features (best split unique by a margin, once on the last feature)
    the split and its gain match scikit-learn's DecisionTreeClassifier, for both criteria and the
    default.
    """
    from ._oracles import tie_free_split_data

    for n, d, labels, criterion in [(24, 3, [2, 6], "gini"), (30, 4, [1, 4, 9], "entropy"),
                                    (26, 3, [5, 7, 11], "gini")]:
        X, y, want = tie_free_split_data(rng, n, d, labels, criterion)
        if criterion == "entropy":  # move the best feature last
            order = [j for j in range(d) if j != want[0]] + [want[0]]
            X, want = X[:, order], (d - 1, want[1], want[2])
            got = sub.best_split(X, y, criterion="entropy")
        else:
            got = sub.best_split(X, y) if len(labels) == 2 else \
                sub.best_split(X, y, criterion="gini")
        expect_split(sub, got, want, name=f"best_split on a random ({n}, {d}) node "
                                     f"(criterion '{criterion}')",
                     X=X, y=y, criterion=criterion)


@check("q4", points=2, hidden=True)
def test_ties_and_nodes_without_a_split(sub, rng):
    """On random nodes: a duplicated best column gives the lower one; a pure node and constant
    features give (None, None, 0.0).
    """
    from ._oracles import tie_free_split_data

    X, y, (f, t, gain) = tie_free_split_data(rng, 20, 3, [3, 8], "gini")
    for j in (0, 3):  # a copy before every column, then after every column
        Xd = np.insert(X, j, X[:, f], axis=1)
        want = (0 if j == 0 else f, t, gain)
        expect_split(sub, sub.best_split(Xd, y), want,
                     name="best_split on a random node with a duplicated column", X=Xd, y=y,
                     criterion="gini")
    expect_split(sub, sub.best_split(X, np.full(len(y), 4), criterion="entropy"), None,
                 name="best_split on a random pure node", X=X, y=np.full(len(y), 4),
                 criterion="entropy", why_none="every label is the same")
    Xc = np.tile(X[0], (len(y), 1))
    expect_split(sub, sub.best_split(Xc, y), None, name="best_split with constant features", X=Xc,
                 y=y, criterion="gini", why_none="every feature is constant")
