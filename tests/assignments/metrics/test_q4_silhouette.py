"""q4: the mean silhouette s(i) = (b - a) / max(a, b), 0 for a point alone in its cluster."""

import numpy as np

from autograder.testing import Diagnose, check

from ._compare import expect_index
from ._data import awkward_clusterings, random_clusterings

# Distances by differences, SciPy's cdist or the expansion |x|^2 - 2 x.y + |y|^2 (whose
# rounding leaves about 1e-7 where a distance is 0) all pass.
RTOL, ATOL = 1e-6, 1e-6


def _hidden_diagnose(X, labels):
    from ._oracles import silhouette_variant

    def v(**change):
        return lambda: silhouette_variant(X, labels, **change)

    return Diagnose(wrong_formulas={
        "self": ("a(i) averaged over the whole cluster, the point itself included (its distance "
                 "0 counts): a(i) is the mean over the OTHER points, a sum over n_C - 1",
                 v(a_self=True)),
        "all_others": ("b(i) as the mean distance to every point outside i's cluster; b(i) is "
                       "the smallest of the mean distances to each other cluster",
                       v(b_all=True)),
        "squared": ("the silhouette with squared distances; it uses Euclidean distances",
                    v(squared=True)),
        "singleton": ("s(i) = 1 for a point alone in its cluster (a = 0); the contract gives "
                      "it s(i) = 0", v(singleton=1.0)),
        "centroid": ("the simplified silhouette, with distances to the centroids; a(i) and b(i)"
                     " are mean distances to the points", v(centroid=True)),
        "over_b": ("(b - a) / b: divide by max(a, b), which is a where a > b",
                   v(over_b=True)),
    })


def _expect_silhouette(sub, X, labels, want, name, diagnose=None):
    expect_index(lambda lab: sub.silhouette_score(X, lab), [labels], want, name=name,
                 rtol=RTOL, atol=ATOL, diagnose=diagnose)


@check("q4", points=1)
def test_silhouette_on_points_of_a_line(sub):
    """Seven points of a line in clusters with ids 7, 3 and 12: a singleton (s = 0) and a point
    nearer cluster 3 than its own (s = -5/7); the score is the mean of the seven s(i)."""
    t = np.array([2.0, 0.0, 10.0, 4.5, 6.0, 1.0, 5.0])  # positions along the line
    labels = np.array([7, 7, 12, 7, 3, 7, 3])
    X = np.column_stack([1.0 + 0.6 * t, -2.0 + 0.8 * t])  # distances are |t_i - t_j|
    # s(i), point by point: 10/21, 6/11, 0 (alone), -5/7 (a = 3.5, b = 1), 3/4, 16/27, 17/25
    s = np.array([10 / 21, 6 / 11, 0.0, -5 / 7, 3 / 4, 16 / 27, 17 / 25])
    alone = np.where(t == 10.0, 1.0, s)
    _expect_silhouette(sub, X, labels, np.mean(s), "silhouette_score on points of a line",
                       Diagnose(wrong_formulas={"singleton": (
                           "s = 1 for the point alone in its cluster (as if a = 0); the "
                           "contract gives a point alone s(i) = 0", lambda: np.mean(alone))}))


@check("q4", points=1)
def test_silhouette_of_two_distant_pairs(sub):
    """Two pairs of points 1 apart, the pairs 10 apart (ids 5 and 2): every point has a = 1 and
    b = (10 + sqrt(101)) / 2, so the score is 1 - 1 / b."""
    X = np.array([[0.0, 0.0], [10.0, 1.0], [0.0, 1.0], [10.0, 0.0]])
    labels = np.array([5, 2, 5, 2])
    b = (10.0 + np.sqrt(101.0)) / 2
    _expect_silhouette(sub, X, labels, 1.0 - 1.0 / b, "silhouette_score of two distant pairs")


@check("q4", points=2, hidden=True)
def test_silhouette_matches_scikit_learn(sub, rng):
    """On random Gaussian blobs (3 and 4 clusters of different sizes, ids not 0..k-1, in 2
    and 3 dimensions) the score matches scikit-learn's silhouette_score."""
    from ._oracles import silhouette_sklearn

    for label, X, labels in random_clusterings(rng):
        _expect_silhouette(sub, X, labels, silhouette_sklearn(X, labels),
                           f"silhouette_score on {label}", _hidden_diagnose(X, labels))


@check("q4", points=2, hidden=True)
def test_silhouette_with_singletons_and_misplaced_points(sub, rng):
    """With singleton clusters, points whose own-cluster distance a(i) exceeds the nearest other
    cluster's b(i), and an id of -1, the score matches scikit-learn's silhouette_score."""
    from ._oracles import silhouette_sklearn

    for label, X, labels in awkward_clusterings(rng):
        _expect_silhouette(sub, X, labels, silhouette_sklearn(X, labels),
                           f"silhouette_score with {label}", _hidden_diagnose(X, labels))
