"""q6: the Calinski-Harabasz index [SS_B / (k - 1)] / [SS_W / (n - k)]."""

import numpy as np

from autograder.testing import Diagnose, check

from ._compare import expect_index
from ._data import awkward_clusterings, random_clusterings

RTOL, ATOL = 1e-9, 1e-9  # SS_B directly or as SS_total - SS_W, sums in any order


def _diagnose(n, k):
    return dict(
        factors={"(k-1)/k": (k - 1) / k, "n/(n-k)": n / (n - k),
                 "(k-1)/(n-k)": (k - 1) / (n - k), "(n-1)/(n-k)": (n - 1) / (n - k)},
        hints={"(k-1)/k": "Divide SS_B by k - 1, not by k.",
               "n/(n-k)": "Divide SS_W by n - k, not by n.",
               "(n-1)/(n-k)": "Divide SS_W by n - k, not by n - 1.",
               "(k-1)/(n-k)": "SS_B / SS_W is missing the degrees of freedom: divide SS_B by "
                              "k - 1 and SS_W by n - k."},
    )


def _hidden_diagnose(X, labels):
    from ._oracles import calinski_harabasz_variant

    def v(**change):
        return lambda: calinski_harabasz_variant(X, labels, **change)

    k = np.unique(labels).size
    return Diagnose(**_diagnose(X.shape[0], k), wrong_formulas={
        "inverted": ("[SS_W / (n - k)] / [SS_B / (k - 1)], the ratio upside down",
                     v(inverted=True)),
        "unweighted": ("SS_B without the cluster sizes n_j: each centroid's squared distance to "
                       "the mean of X counts n_j times", v(unweighted=True)),
        "centre": ("SS_B around the plain mean of the centroids; c is the mean of all of X (the "
                   "centroids weighted by their sizes)", v(centre_of_centroids=True)),
        "unsquared": ("distances instead of squared distances in SS_B and SS_W",
                      v(unsquared=True)),
    })


def _expect_ch(sub, X, labels, want, name, diagnose=None):
    expect_index(lambda lab: sub.calinski_harabasz(X, lab), [labels], want, name=name,
                 rtol=RTOL, atol=ATOL, diagnose=diagnose)


@check("q6", points=1)
def test_calinski_harabasz_on_a_small_example(sub):
    """Nine points in 3 clusters (ids 5, 9 and 2) with SS_B = 124 and SS_W = 20:
    CH = (124 / 2) / (20 / 6) = 18.6."""
    X = np.array([[0.0, 0.0], [3.0, 7.0], [6.0, 1.0], [2.0, 0.0], [5.0, 9.0], [1.0, 3.0],
                  [8.0, 1.0], [4.0, 5.0], [4.0, 7.0]])
    labels = np.array([5, 2, 9, 5, 2, 5, 9, 2, 2])
    # centroids (1, 1), (7, 1), (4, 7) of sizes 3, 2, 4; the mean of X is (11/3, 11/3)
    _expect_ch(sub, X, labels, (124 / 2) / (20 / 6), "calinski_harabasz on 9 points",
               Diagnose(**_diagnose(9, 3)))


@check("q6", points=1)
def test_calinski_harabasz_of_two_clusters_on_a_line(sub):
    """Five points of a line in 2 clusters (ids 3 and 8) with SS_B = 58.8 and SS_W = 10:
    CH = (58.8 / 1) / (10 / 3) = 17.64."""
    t = np.array([8.0, 0.0, 10.0, 2.0, 6.0])
    labels = np.array([8, 3, 8, 3, 8])
    X = np.column_stack([2.0 + 0.6 * t, -1.0 + 0.8 * t])  # distances are |t_i - t_j|
    _expect_ch(sub, X, labels, (58.8 / 1) / (10 / 3), "calinski_harabasz of two clusters",
               Diagnose(**_diagnose(5, 2)))


@check("q6", points=2, hidden=True)
def test_calinski_harabasz_matches_scikit_learn(sub, rng):
    """On random Gaussian blobs (3 and 4 clusters of different sizes, ids not 0..k-1, in 2
    and 3 dimensions) CH matches scikit-learn's calinski_harabasz_score."""
    from ._oracles import calinski_harabasz_sklearn

    for label, X, labels in random_clusterings(rng):
        _expect_ch(sub, X, labels, calinski_harabasz_sklearn(X, labels),
                   f"calinski_harabasz on {label}", _hidden_diagnose(X, labels))


@check("q6", points=2, hidden=True)
def test_calinski_harabasz_with_singletons_and_misplaced_points(sub, rng):
    """With singleton clusters, misplaced points and an id of -1, CH matches scikit-learn's
    calinski_harabasz_score."""
    from ._oracles import calinski_harabasz_sklearn

    for label, X, labels in awkward_clusterings(rng):
        _expect_ch(sub, X, labels, calinski_harabasz_sklearn(X, labels),
                   f"calinski_harabasz with {label}", _hidden_diagnose(X, labels))
