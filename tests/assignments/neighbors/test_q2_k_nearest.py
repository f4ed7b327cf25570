"""q2: the k nearest training points of every test point, nearest first, exact distance ties to
the lower training index."""

import numpy as np

from autograder.testing import check

from ._compare import expect_neighbours
from ._data import TIE_TEST, TIE_TRAIN

TIE_IDX = np.array([[1, 0, 2], [0, 4, 6]])
TIE_DIST = np.sqrt([[1.0, 5.0, 5.0], [1.0, 1.0, 2.0]])
TIED = np.array([[False, True, True], [True, True, False]])
TIE_FORMULAS = {
    "reversed": ("the neighbours with exact ties taken by the higher index first; the lower "
                 "training index comes first", lambda: np.array([[1, 5, 4], [4, 0, 6]])),
    "skip_self": ("the 2nd to (k+1)-th nearest: the first neighbour is left out, but a test "
                  "point is not one of the training points", lambda: np.array([[0, 2, 4],
                                                                               [4, 6, 1]])),
    "farthest": ("the last k of the sorted order (the k farthest points); take the first k",
                 lambda: np.array([[5, 3, 6], [2, 5, 3]])),
}

# Six training points and three test points with all distances distinct (squared distances
# from (0, 0): 9, 1, 8, 5, 16, 2; from (3, 1): 1, 9, 2, 25, 34, 4; from (-1, 2): 20, 2, 9, 16,
# 37, 5), k = 4.
TRAIN = np.array([[3.0, 0.0], [0.0, 1.0], [2.0, 2.0], [-1.0, -2.0], [0.0, -4.0], [1.0, 1.0]])
TEST = np.array([[0.0, 0.0], [3.0, 1.0], [-1.0, 2.0]])
IDX = np.array([[1, 5, 3, 2], [0, 2, 5, 1], [1, 5, 2, 3]])
DIST = np.sqrt([[1.0, 2.0, 5.0, 8.0], [1.0, 2.0, 4.0, 9.0], [2.0, 5.0, 9.0, 16.0]])
FORMULAS = {
    "skip_self": (TIE_FORMULAS["skip_self"][0],
                  lambda: np.array([[5, 3, 2, 0], [2, 5, 1, 3], [5, 2, 3, 0]])),
    "farthest": (TIE_FORMULAS["farthest"][0],
                 lambda: np.array([[3, 2, 0, 4], [5, 1, 3, 4], [2, 3, 0, 4]])),
}


@check("q2", points=1)
def test_exact_ties_go_to_the_lower_index(sub):
    """k = 3 on integer points with exact distance ties: from (0, 0) the nearest is point 1 and
    points 0, 2, 4 and 5 tie at sqrt(5), so 0 and 2 come next; from (2, 2) points 0 and 4 tie
    for the first place, in that order, then point 6."""
    expect_neighbours(sub.k_nearest(TIE_TRAIN, TIE_TEST, 3), TIE_IDX, TIE_DIST,
                      fn="k_nearest(X_train, X_test, 3)", tied=TIED, idx_formulas=TIE_FORMULAS)


@check("q2", points=1)
def test_neighbours_are_sorted_by_increasing_distance(sub):
    """k = 4 on six training points with distinct distances: the neighbours of (0, 0) are
    points 1, 5, 3, 2 at distances 1, sqrt(2), sqrt(5), sqrt(8), nearest first."""
    expect_neighbours(sub.k_nearest(TRAIN, TEST, 4), IDX, DIST,
                      fn="k_nearest(X_train, X_test, 4)", idx_formulas=FORMULAS)


def _float_formulas(X_train, X_test, k):
    from ._oracles import cdist

    def order():
        return np.argsort(cdist(X_test, X_train), axis=1, kind="stable")

    return {"skip_self": (TIE_FORMULAS["skip_self"][0], lambda: order()[:, 1:k + 1]),
            "farthest": (TIE_FORMULAS["farthest"][0], lambda: order()[:, -k:])}


@check("q2", points=2, hidden=True)
def test_neighbours_match_scikit_learn(sub, rng):
    """On random points, not centred, with distinct distances ((15, 3) training points, 6 test
    points), the neighbours and distances are scikit-learn's NearestNeighbors' for k = 4, 1
    and 15 (every training point)."""
    from ._oracles import float_neighbour_problem, sklearn_neighbours

    X_train, X_test = float_neighbour_problem(rng, n=15, m=6, d=3, k=15)
    for k in (4, 1, 15):
        idx, dist = sklearn_neighbours(X_train, X_test, k)
        expect_neighbours(sub.k_nearest(X_train, X_test, k), idx, dist,
                          fn=f"k_nearest on random data (n = 15, m = 6, d = 3, k = {k})",
                          idx_formulas=_float_formulas(X_train, X_test, k))


@check("q2", points=2, hidden=True)
def test_ties_on_random_small_integer_points(sub, rng):
    """On random small-integer points (20 training and 6 test points, one of them equal to a
    training point, with exact ties at the k-th place) and k = 5, the neighbours are those of
    a stable sort by exact integer squared distance: the lower index first."""
    from ._oracles import exact_neighbours, integer_neighbour_problem

    X_train, X_test = integer_neighbour_problem(rng, n=20, m=6, k=5)
    idx, dist, tied = exact_neighbours(X_train, X_test, 5)
    formulas = {"reversed": (TIE_FORMULAS["reversed"][0],
                             lambda: exact_neighbours(X_train, X_test, 5, reverse_ties=True)[0]),
                **_float_formulas(X_train, X_test, 5)}
    expect_neighbours(sub.k_nearest(X_train, X_test, 5), idx, dist,
                      fn="k_nearest on random small-integer points with ties (k = 5)",
                      tied=tied, idx_formulas=formulas)
