"""q5: the Davies-Bouldin index, the mean over clusters of the worst (s_i + s_j) / d(c_i, c_j)."""

import numpy as np

from autograder.testing import Diagnose, check

from ._compare import expect_index
from ._data import awkward_clusterings, random_clusterings

RTOL, ATOL = 1e-6, 1e-6  # scikit-learn's distances to a centroid are accurate to about 1e-8


def _hidden_diagnose(X, labels):
    from ._oracles import davies_bouldin_variant

    def v(**change):
        return lambda: davies_bouldin_variant(X, labels, **change)

    return Diagnose(wrong_formulas={
        "min": ("the mean of the SMALLEST ratio (s_i + s_j) / d(c_i, c_j) of each cluster; DB "
                "takes each cluster's largest (its most similar neighbour)", v(reduce="min")),
        "mean_pairs": ("the mean over j != i of the ratios; DB takes their maximum",
                       v(reduce="mean")),
        "worst": ("the largest ratio over all pairs; DB averages each cluster's largest ratio "
                  "over the k clusters", v(reduce="worst")),
        "rms": ("s_i as the root mean square distance to the centroid; s_i is the mean distance",
                v(spread="rms")),
        "squared_spread": ("s_i as the mean squared distance to the centroid; s_i is the mean "
                           "(Euclidean) distance", v(spread="squared")),
        "squared_gap": ("squared distances between the centroids; d(c_i, c_j) is the Euclidean "
                        "distance", v(gap="squared")),
    })


def _expect_db(sub, X, labels, want, name, diagnose=None):
    expect_index(lambda lab: sub.davies_bouldin(X, lab), [labels], want, name=name,
                 rtol=RTOL, atol=ATOL, diagnose=diagnose)


@check("q5", points=1)
def test_davies_bouldin_on_points_of_a_line(sub):
    """Six points of a line in clusters with ids 4, 8 and 1 (the last a singleton, s = 0):
    spreads 1, 2 and 0 and centroid gaps 6, 13 and 7 give DB = 3/7."""
    t = np.array([5.0, 14.0, 0.0, 10.0, 2.0, 6.0])  # positions along the line
    labels = np.array([8, 1, 4, 8, 4, 8])
    X = np.column_stack([-1.0 + 0.6 * t, 3.0 + 0.8 * t])  # distances are |t_i - t_j|
    # clusters 4: {0, 2}, centroid 1, s = 1; 8: {5, 6, 10}, centroid 7, s = 2; 1: {14}, s = 0
    # ratios (s_i + s_j) / d: (4, 8) 3/6, (4, 1) 1/13, (8, 1) 2/7; each cluster's largest:
    # 1/2, 1/2 and 2/7
    _expect_db(sub, X, labels, (0.5 + 0.5 + 2 / 7) / 3, "davies_bouldin on points of a line")


@check("q5", points=1)
def test_davies_bouldin_of_two_clusters(sub):
    """Two clusters (ids 6 and 9) with spreads 2 and 2.5 and centroids 7 apart: with k = 2,
    DB = (2 + 2.5) / 7 = 0.643."""
    X = np.array([[0.0, 0.0], [7.0, 0.0], [0.0, 4.0], [7.0, 4.0], [10.0, 2.0], [4.0, 2.0]])
    labels = np.array([6, 9, 6, 9, 9, 9])
    _expect_db(sub, X, labels, (2 + 2.5) / 7, "davies_bouldin of two clusters")


@check("q5", points=2, hidden=True)
def test_davies_bouldin_matches_scikit_learn(sub, rng):
    """On random Gaussian blobs (3 and 4 clusters of different sizes, ids not 0..k-1, in 2
    and 3 dimensions) DB matches scikit-learn's davies_bouldin_score."""
    from ._oracles import davies_bouldin_sklearn

    for label, X, labels in random_clusterings(rng):
        _expect_db(sub, X, labels, davies_bouldin_sklearn(X, labels),
                   f"davies_bouldin on {label}", _hidden_diagnose(X, labels))


@check("q5", points=2, hidden=True)
def test_davies_bouldin_with_singletons_and_misplaced_points(sub, rng):
    """With singleton clusters (s_i = 0), misplaced points and an id of -1, DB matches
    scikit-learn's davies_bouldin_score."""
    from ._oracles import davies_bouldin_sklearn

    for label, X, labels in awkward_clusterings(rng):
        _expect_db(sub, X, labels, davies_bouldin_sklearn(X, labels),
                   f"davies_bouldin with {label}", _hidden_diagnose(X, labels))
