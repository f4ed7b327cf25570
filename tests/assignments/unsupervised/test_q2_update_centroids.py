"""q2: the update step, mu_j = the mean of the points labelled j; an empty cluster keeps its
old centroid."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, fail

from ._data import blobs

RTOL, ATOL = 1e-10, 1e-12
NAME = "update_centroids(X, labels, k, old_centroids)"


def _diagnose(X, labels, k, old):
    counts = np.array([np.sum(labels == j) for j in range(k)])
    sums = np.array([X[labels == j].sum(axis=0) for j in range(k)])
    present = counts > 0

    def keep_old_else(values):
        return np.where(present[:, None], values, old)

    means = keep_old_else(sums / np.maximum(counts, 1)[:, None])
    return Diagnose(
        wrong_formulas={
            "zeros": ("the right means, but zeros for the empty cluster(s): an empty cluster "
                      "keeps its old centroid", lambda: np.where(present[:, None], means, 0.0)),
            "sums": ("the sum of each cluster's points (divide by the number of points)",
                     lambda: keep_old_else(sums)),
            "n": ("each cluster's sum divided by the number n of all points, instead of the "
                  "number of points in the cluster", lambda: keep_old_else(sums / len(X))),
            "scalar": ("the mean of all coordinates of each cluster's points (a single number: "
                       "the mean needs axis=0, over the points)",
                       lambda: keep_old_else(np.repeat(sums.sum(axis=1, keepdims=True)
                                                       / np.maximum(counts * X.shape[1], 1)
                                                       [:, None], X.shape[1], axis=1))),
        },
        axis=(0, "cluster"),
        transpose=False,
    )


def _expect_centroids(got, want, X, labels, k, old, name):
    """The centroids, with NaN at an empty cluster named as such."""
    empty = [j for j in range(k) if not np.any(labels == j)]
    if (isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind == "f"
            and empty and np.isnan(got[empty]).any()
            and not np.isnan(np.delete(got, empty, axis=0)).any()):
        fail(f"{name} has NaN at the empty cluster(s) {empty}: the mean of no points is "
             "undefined (0/0). An empty cluster keeps its old centroid.", "not_finite")
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, labels, k, old))


@check("q2", points=1)
def test_update_on_a_small_example_with_an_empty_cluster(sub):
    """Seven points in four clusters, cluster 1 empty: the means (1, 2), (4, 5/3) and (2, 2),
    and cluster 1 keeps its old centroid (-7, 5)."""
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 0.0], [-1.0, 1.0], [2.0, 2.0], [3.0, 3.0],
                  [4.0, 1.0]])
    labels = np.array([0, 2, 2, 0, 3, 0, 2])
    old = np.array([[9.0, 9.0], [-7.0, 5.0], [0.5, 0.5], [2.0, -2.0]])
    want = np.array([[1.0, 2.0], [-7.0, 5.0], [4.0, 5.0 / 3.0], [2.0, 2.0]])
    _expect_centroids(sub.update_centroids(X, labels, 4, old), want, X, labels, 4, old, NAME)


@check("q2", points=1)
def test_each_centroid_is_the_mean_of_its_points(sub, rng):
    """On random 3-D data in three clusters of different sizes, each centroid is the mean of
    its points (sums and counts by np.add.at and np.bincount)."""
    X = blobs(rng, 3, 3, 5)
    labels = np.array([0] * 2 + [1] * 5 + [2] * 8)[rng.permutation(15)]
    old = rng.standard_normal((3, 3))
    sums = np.zeros((3, 3))
    np.add.at(sums, labels, X)
    want = sums / np.bincount(labels, minlength=3)[:, None]
    _expect_centroids(sub.update_centroids(X, labels, 3, old), want, X, labels, 3, old, NAME)


@check("q2", points=3, hidden=True)
def test_update_matches_scikit_learn_class_means(sub, rng):
    """On random data with labels that are not the nearest centroids, clusters of different
    sizes and an empty cluster in the middle and at the end, the centroids are scikit-learn's
    class means (NearestCentroid) and the old centroids of the empty clusters."""
    from ._oracles import cluster_means

    n, d, k = 24, 4, 6
    X = blobs(rng, 3, d, n // 3)
    # clusters 2 and 5 are empty; the others have 3, 5, 7 and 9 points
    labels = np.repeat([0, 1, 3, 4], [3, 5, 7, 9])[rng.permutation(n)]
    old = 3.0 * rng.standard_normal((k, d))
    _expect_centroids(sub.update_centroids(X, labels, k, old),
                      cluster_means(X, labels, k, old), X, labels, k, old,
                      f"update_centroids on random data (n = {n}, d = {d}, k = {k})")


@check("q2", points=1, hidden=True)
def test_update_with_integer_labels_of_another_dtype(sub, rng):
    """Labels given as int32 and a single-point cluster: every centroid is still its cluster's
    mean."""
    from ._oracles import cluster_means

    X = blobs(rng, 2, 2, 5)
    labels = np.array([0, 1, 2, 1, 0, 1, 0, 1, 0, 1], dtype=np.int32)
    old = rng.standard_normal((3, 2))
    _expect_centroids(sub.update_centroids(X, labels, 3, old),
                      cluster_means(X, labels, 3, old), X, labels, 3, old,
                      "update_centroids with int32 labels")
