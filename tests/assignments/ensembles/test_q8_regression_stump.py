"""q8: the regression stump of smallest sum of squared errors around the two leaf means, with
the thresholds and tie rule of fit_stump (scikit-learn's DecisionTreeRegressor(max_depth=1))."""

import math

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs, fail, once
from autograder.testing.expect import kind_of, reveals

from ._data import (
    duplicated_point_regression_problem,
    regression_problem,
    side_sse,
    sse_candidates,
    sse_margin,
    tied_regression_problem,
)

RTOL, ATOL = 1e-10, 1e-12
OUTPUTS = ("feature", "threshold", "left_value", "right_value")


def _sse(X, r, feature, threshold):
    left = X[:, feature] <= threshold
    if left.all() or not left.any():
        return math.inf
    return float(np.sum((r[left] - r[left].mean()) ** 2)
                 + np.sum((r[~left] - r[~left].mean()) ** 2))


def _variance_split(X, r):
    """The wrong split that minimises the sum of the two sides' variances (unweighted)."""
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        thresholds = (v[:-1] + v[1:]) / 2
        left = X[None, :, j] <= thresholds[:, None]
        score = side_sse(left, r) / left.sum(axis=1) + side_sse(~left, r) / (~left).sum(axis=1)
        k = int(np.argmin(score))
        if best is None or score[k] < best[0]:
            best = (score[k], j, float(thresholds[k]))
    return best[1], best[2]


def _diagnose(X, r, want):
    feature, threshold, left, right = want
    below = X[:, feature][X[:, feature] < threshold]
    side = X[:, feature] <= threshold
    variance = once(lambda: _variance_split(X, r))
    return {
        "feature": Diagnose(wrong_formulas={
            "variance": ("the feature of the split minimising the sum of the two sides' "
                         "VARIANCES: minimise the sum of squared errors (each side's variance "
                         "times its number of points)", lambda: variance()[0])}),
        "threshold": Diagnose(wrong_formulas={
            "data_value": ("the largest data value on the left of the right split: the "
                           "contract's threshold is halfway between it and the next distinct "
                           "value", lambda: float(below.max())),
            "variance": ("the threshold of the split minimising the sum of the two sides' "
                         "VARIANCES: minimise the sum of squared errors (each side's variance "
                         "times its number of points)", lambda: variance()[1])}),
        "left_value": Diagnose(wrong_formulas={
            "swapped": ("the mean of the RIGHT side: left_value is the mean of r where "
                        "x[feature] <= threshold", lambda: right),
            "median": ("the median of r on the left: a leaf predicts the mean",
                       lambda: float(np.median(r[side])))}),
        "right_value": Diagnose(wrong_formulas={
            "swapped": ("the mean of the LEFT side: right_value is the mean of r where "
                        "x[feature] > threshold", lambda: left),
            "median": ("the median of r on the right: a leaf predicts the mean",
                       lambda: float(np.median(r[~side])))}),
    }


def _real(value):
    return isinstance(value, (float, int, np.floating, np.integer)) and not isinstance(value,
                                                                                     bool)


def expect_regression_stump(got, X, r, want, name):
    """``got`` is the regression stump ``want``; a 'split' between equal values, an empty
    side and another split with the same sum of squares (the tie rule) are named."""
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        fail(f"{name} should return a tuple (feature, threshold, left_value, right_value); got "
             f"{kind_of(got)}.", "type")
    feature, threshold, left, right = got
    if (isinstance(feature, (int, np.integer)) and not isinstance(feature, bool)
            and 0 <= feature < X.shape[1] and all(_real(v) for v in got[1:])):
        column = X[:, int(feature)]
        side = column <= threshold
        shown = f" Got the split ({int(feature)}, {float(threshold)})." if reveals() else ""
        one_sided = side.all() or not side.any()
        honest = one_sided or (math.isclose(left, r[side].mean(), rel_tol=RTOL, abs_tol=ATOL)
                               and math.isclose(right, r[~side].mean(), rel_tol=RTOL,
                                                abs_tol=ATOL))
        if np.sum(column == threshold) >= 2 and (one_sided or not honest):
            fail(f"{name} is wrong: its threshold is a value that several points share, and "
                 "x <= threshold sends all of them to the left, so the leaves are not the ones "
                 "your search computed for a 'split' between two of them. Consider only "
                 f"thresholds between DISTINCT consecutive values.{shown}", "formula:duplicates")
        if one_sided:
            fail(f"{name} is wrong: its threshold leaves one side empty; thresholds lie halfway "
                 f"between consecutive distinct values.{shown}", "formula:one_sided")
        same = np.array_equal(side, X[:, want[0]] <= want[1])
        if (not same or feature != want[0]) and math.isclose(
                _sse(X, r, int(feature), float(threshold)), _sse(X, r, *want[:2]),
                rel_tol=1e-12, abs_tol=1e-12):
            fail(f"{name} has the smallest sum of squared errors, but so do other splits, and "
                 "the contract's tie rule picks another: the lowest feature, then the lowest "
                 f"threshold.{shown}", "tie")
    expect_outputs(got, dict(zip(OUTPUTS, want, strict=True)), fn=name, rtol=RTOL, atol=ATOL,
                   exact=("feature",), diagnose=_diagnose(X, r, want))


@check("q8", points=1)
def test_regression_stump_on_a_small_example(sub):
    """Six points in 2-D: the best split is feature 0 at 2.5, with leaf values 1.5 (the mean
    of 1 and 2) and 6.75 (the mean of 6, 7, 9 and 5)."""
    X = np.array([[1.0, 4.0], [2.0, 0.0], [3.0, 3.0], [4.0, 1.0], [5.0, 2.0], [6.0, 5.0]])
    r = np.array([1.0, 2.0, 6.0, 7.0, 9.0, 5.0])
    expect_regression_stump(sub.fit_regression_stump(X, r), X, r, (0, 2.5, 1.5, 6.75),
                            "fit_regression_stump(X, r)")


@check("q8", points=1)
def test_an_outlier_isolated_by_two_features(sub):
    """Four points whose outlier (r = 8) is isolated equally well by feature 0 (x <= 3.0 on
    the left) and by feature 1 (x <= 0.5 on the left): the lower feature wins, with leaf
    values 0 (the mean of -1, 0 and 1) and 8."""
    X = np.array([[0.5, 3.0], [1.5, 1.0], [2.5, 2.0], [3.5, 0.0]])
    r = np.array([-1.0, 0.0, 1.0, 8.0])
    expect_regression_stump(sub.fit_regression_stump(X, r), X, r, (0, 3.0, 0.0, 8.0),
                            "fit_regression_stump with an outlier")


@check("q8", points=2, hidden=True)
def test_regression_stump_matches_scikit_learn(sub, rng):
    """On random targets (25 points in 3-D, 12 points in 5-D) whose best split is unique, and
    not the one that minimises the sum of the two sides' variances, the stump is
    scikit-learn's DecisionTreeRegressor(max_depth=1): its root's feature and threshold and its
    two leaves' values."""
    from ._oracles import sklearn_regression_stump

    for n, d in [(25, 3), (12, 5)]:
        while True:
            X, r = regression_problem(rng, n, d)
            splits, sse = sse_candidates(X, r)
            if sse_margin(X, r) > 1e-7 and _variance_split(X, r) != splits[int(np.argmin(sse))]:
                break
        expect_regression_stump(sub.fit_regression_stump(X, r), X, r,
                                sklearn_regression_stump(X, r),
                                f"fit_regression_stump on {n} points in {d}-D")


@check("q8", points=2, hidden=True)
def test_ties_and_repeated_values(sub, rng):
    """Splits tied exactly (integer targets and leaf means, the same split on two features
    and at two thresholds) give the lowest feature and threshold, as exhaustive enumeration
    says; and no split separates equal values (a point present twice with targets +8 and -8,
    compared with scikit-learn's DecisionTreeRegressor)."""
    from ._oracles import best_split, sklearn_regression_stump

    X, r = tied_regression_problem(rng)
    expect_regression_stump(sub.fit_regression_stump(X, r), X, r, best_split(X, r),
                            "fit_regression_stump with tied best splits")
    X, r = duplicated_point_regression_problem(rng, 16, 2)
    expect_regression_stump(sub.fit_regression_stump(X, r), X, r,
                            sklearn_regression_stump(X, r),
                            "fit_regression_stump on data with a repeated point")
