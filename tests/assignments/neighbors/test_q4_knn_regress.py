"""q4: k-NN regression, the mean target of the k neighbours of k_nearest."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import KNN_TEST as TEST
from ._data import KNN_TRAIN as TRAIN
from ._data import TIE_TEST, TIE_TRAIN

RTOL, ATOL = 1e-10, 1e-12

TARGETS = np.array([1.5, -2.0, 4.0, 0.5, 3.0, -1.0, 2.5, 6.0, -3.5])
POWERS = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0])  # every subset has its own mean


def _diagnose(k, values, dists, reversed_means=None):
    """Wrong formulas from the neighbours' targets ``values`` (m, k) and distances (m, k)."""
    values, dists = np.asarray(values, dtype=float), np.asarray(dists, dtype=float)
    formulas = {
        "median": ("the median of the neighbours' targets; k-NN regression takes their mean",
                   lambda: np.median(values, axis=1)),
        "weighted": ("the mean weighted by 1 / distance; the contract's mean gives every "
                     "neighbour the same weight",
                     lambda: np.sum(values / dists, axis=1) / np.sum(1.0 / dists, axis=1)),
        "axis": ("the means over the test points (axis 0); average each test point's k "
                 "neighbours (axis 1)", lambda: np.mean(values, axis=0)),
    }
    if reversed_means is not None:
        formulas["reversed"] = ("the mean over neighbours whose distance ties are broken by the "
                                "higher index (the neighbours are k_nearest's: the lower "
                                "training index first)", reversed_means)
    return Diagnose(factors={"k": float(k)} if k > 2 else {},
                    hints={"k": "Divide the sum of the k targets by k."},
                    wrong_formulas=formulas, transpose=False)


@check("q4", points=1)
def test_mean_of_the_neighbours_targets(sub):
    """Nine training points with targets of both signs: with k = 3 the predictions are 2.5 / 3,
    5 / 3 and 3.5 / 3, with k = 1 the targets of the nearest points, 0.5, 6 and 4."""
    neighbours = np.array([[3, 4, 5], [7, 6, 8], [2, 0, 1]])
    dists = np.sqrt(np.sum((TEST[:, None, :] - TRAIN[neighbours]) ** 2, axis=2))
    for k, want in [(3, np.array([2.5, 5.0, 3.5]) / 3), (1, np.array([0.5, 6.0, 4.0]))]:
        expect_close(sub.knn_regress(TRAIN, TARGETS, TEST, k), want,
                     name=f"knn_regress(X_train, y_train, X_test, {k})", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(k, TARGETS[neighbours[:, :k]], dists[:, :k]))


@check("q4", points=1)
def test_exact_distance_ties_decide_which_targets_count(sub):
    """Targets 1, 2, 4, ..., 64 on the seven integer points of q2 with exact distance ties:
    k = 3 gives 7 / 3 and 27 (neighbours 1, 0, 2 and 0, 4, 6), k = 2 gives 1.5 and 8.5."""
    cases = [(3, [[1, 0, 2], [0, 4, 6]], [7.0 / 3, 27.0], [50.0 / 3, 27.0]),
             (2, [[1, 0], [0, 4]], [1.5, 8.5], [17.0, 8.5])]
    for k, neighbours, want, other in cases:
        neighbours = np.array(neighbours)
        dists = np.sqrt(np.sum((TIE_TEST[:, None, :] - TIE_TRAIN[neighbours]) ** 2, axis=2))
        expect_close(sub.knn_regress(TIE_TRAIN, POWERS, TIE_TEST, k), want,
                     name=f"knn_regress(X_train, y_train, X_test, {k}) with distance ties",
                     rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(k, POWERS[neighbours], dists,
                                        lambda other=other: np.array(other)))


@check("q4", points=2, hidden=True)
def test_regression_matches_scikit_learn(sub, rng):
    """On random points (18 training, 7 test, 2-D, neighbours unique by a margin) with targets
    sin(x_0) + x_1 plus noise, the predictions are scikit-learn's KNeighborsRegressor's for
    k = 1, 3 and 6."""
    from ._oracles import float_neighbour_problem, sklearn_neighbours, sklearn_regress

    X_train, X_test = float_neighbour_problem(rng, n=18, m=7, d=2, k=6)
    y_train = np.sin(X_train[:, 0]) + X_train[:, 1] + 0.3 * rng.standard_normal(18)
    for k in (1, 3, 6):
        idx, dist = sklearn_neighbours(X_train, X_test, k)
        expect_close(sub.knn_regress(X_train, y_train, X_test, k),
                     sklearn_regress(X_train, y_train, X_test, k),
                     name=f"knn_regress on random data (n = 18, m = 7, k = {k})", rtol=RTOL,
                     atol=ATOL, diagnose=_diagnose(k, y_train[idx], dist))


@check("q4", points=1, hidden=True)
def test_regression_ties_on_random_small_integer_points(sub, rng):
    """On random small-integer points (20 training, 6 test, exact ties at the k-th place) with
    random targets and k = 5, the predictions are the means over the neighbours of the
    lower-index tie rule (exact integer distances, math.fsum means)."""
    import math

    from ._oracles import exact_neighbours, integer_neighbour_problem

    X_train, X_test = integer_neighbour_problem(rng, n=20, m=6, k=5)
    y_train = rng.uniform(-5.0, 5.0, 20)
    idx, dist, _ = exact_neighbours(X_train, X_test, 5)
    other = exact_neighbours(X_train, X_test, 5, reverse_ties=True)[0]
    want = np.array([math.fsum(y_train[row]) / 5 for row in idx])
    safe = np.where(dist == 0, 1e-300, dist)  # a test point on a training point
    expect_close(sub.knn_regress(X_train, y_train, X_test, 5), want,
                 name="knn_regress on random small-integer points with ties (k = 5)",
                 rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(5, y_train[idx], safe,
                                    lambda: np.mean(y_train[other], axis=1)))
