"""q7: agglomerative clustering as SciPy's linkage matrix [a, b, distance, size], for single,
complete and average (UPGMA) linkage."""

import numpy as np

from autograder.testing import Diagnose, check

from ._compare import LINKAGE_REGIONS, expect_linkage, smallest_member_ids
from ._data import LINK_X

s = np.sqrt
SINGLE = np.array([[1, 2, s(2), 2], [5, 6, s(10), 3], [0, 7, s(13), 4], [3, 8, s(17), 5],
                   [4, 9, s(29), 6]])
COMPLETE = np.array([[1, 2, s(2), 2], [5, 6, 4, 3], [0, 3, s(17), 2], [4, 7, s(61), 4],
                     [8, 9, s(90), 6]])
AVERAGE = np.array([
    [1, 2, s(2), 2], [5, 6, (s(16) + s(10)) / 2, 3], [0, 3, s(17), 2],
    [7, 8, (s(53) + s(72) + s(13) + s(40) + s(17) + s(34)) / 6, 5],
    [4, 9, (s(29) + s(61) + s(41) + s(90) + s(65)) / 5, 6]])
# WPGMA (SciPy's 'weighted'): the same first three merges, then point 4 joins cluster 7.
WPGMA = np.array([[1, 2, s(2), 2], [5, 6, (s(16) + s(10)) / 2, 3], [0, 3, s(17), 2],
                  [4, 7, 6.245925881902128, 4], [8, 9, 7.60070684740729, 6]])

IDS = ("the right merges with each cluster named by its lowest point index (the slot it is "
       "kept in); the cluster made at row s has the id n + s")
SQUARED = ("the linkage of the squared distances: the contract's distances are plain (not "
           "squared) Euclidean distances")


def _hand_diagnose(want, others):
    formulas = {"ids": (IDS, lambda: smallest_member_ids(want))}
    formulas.update(others)
    return Diagnose(wrong_formulas=formulas, regions=LINKAGE_REGIONS, transpose=False)


def _squared(Z):
    """Z with squared distances (single and complete linkage merge in the same order)."""
    return lambda: np.c_[Z[:, :2], Z[:, 2] ** 2, Z[:, 3]]


@check("q7", points=1)
def test_single_and_complete_linkage_on_six_points(sub):
    """Six integer points: single linkage merges at sqrt(2), sqrt(10), sqrt(13), sqrt(17) and
    sqrt(29); complete linkage at sqrt(2), 4, sqrt(17), sqrt(61) and sqrt(90), with other
    clusters from the third merge on."""
    expect_linkage(sub.linkage_matrix(LINK_X, "single"), SINGLE,
                   name="linkage_matrix(X, 'single')",
                   diagnose=_hand_diagnose(SINGLE, {
                       "squared": (SQUARED, _squared(SINGLE)),
                       "complete": ("complete linkage (the maximum over pairs of points)",
                                    lambda: COMPLETE)}))
    expect_linkage(sub.linkage_matrix(LINK_X, "complete"), COMPLETE,
                   name="linkage_matrix(X, 'complete')",
                   diagnose=_hand_diagnose(COMPLETE, {
                       "squared": (SQUARED, _squared(COMPLETE)),
                       "single": ("single linkage (the minimum over pairs of points); complete "
                                  "linkage uses the maximum", lambda: SINGLE)}))


@check("q7", points=1)
def test_average_linkage_weights_by_cluster_size(sub):
    """Average linkage (UPGMA) on the same points: the 4th merge joins clusters 7 (3 points)
    and 8 (2 points) at the mean of their 6 pairwise distances; WPGMA would join point 4 and
    cluster 7 instead."""
    expect_linkage(sub.linkage_matrix(LINK_X, "average"), AVERAGE,
                   name="linkage_matrix(X, 'average')",
                   diagnose=_hand_diagnose(AVERAGE, {
                       "wpgma": ("WPGMA, the unweighted mean (d(A, C) + d(B, C)) / 2 of the "
                                 "two merged clusters' distances; average linkage (UPGMA) "
                                 "weights them by the cluster sizes", lambda: WPGMA),
                       "single": ("single linkage (the minimum over pairs of points); average "
                                  "linkage uses the mean", lambda: SINGLE)}))


@check("q7", points=2, hidden=True)
def test_single_linkage_matches_scipy(sub, rng):
    """On random points in three groups of unequal sizes (n = 10, d = 3, every merge unique by
    a margin) and on two points, the matrix is SciPy's linkage(X, 'single')."""
    from ._oracles import linkage_diagnose, linkage_problem, scipy_linkage

    X = linkage_problem(rng, n=10, d=3, methods=("single",))
    for label, A in [("random points (n = 10, d = 3)", X), ("two points", X[:2])]:
        want = scipy_linkage(A, "single")
        expect_linkage(sub.linkage_matrix(A, "single"), want,
                       name=f"linkage_matrix on {label}, 'single'",
                       diagnose=linkage_diagnose(A, "single", want))


@check("q7", points=3, hidden=True)
def test_complete_and_average_linkage_match_scipy(sub, rng):
    """On random points in three groups of unequal sizes (n = 10, d = 3, every merge unique by
    a margin), the matrices are SciPy's linkage(X, 'complete') and linkage(X, 'average')."""
    from ._oracles import linkage_diagnose, linkage_problem, scipy_linkage

    X = linkage_problem(rng, n=10, d=3, methods=("complete", "average"))
    for method in ("complete", "average"):
        want = scipy_linkage(X, method)
        expect_linkage(sub.linkage_matrix(X, method), want,
                       name=f"linkage_matrix on random points (n = 10, d = 3), '{method}'",
                       diagnose=linkage_diagnose(X, method, want))
