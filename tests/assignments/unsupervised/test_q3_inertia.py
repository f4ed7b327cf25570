"""q3: the k-means objective J = sum_i ||x_i - mu_{c_i}||^2 at given labels."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import blobs, initial_centroids, squared_distances

RTOL, ATOL = 1e-10, 1e-12


def _diagnose(X, labels, centroids):
    n = X.shape[0]
    d2 = squared_distances(X, centroids)
    own = d2[np.arange(n), labels]
    return Diagnose(
        factors={"1/n": 1.0 / n},
        hints={"1/n": "The inertia is a sum over the points, not a mean."},
        wrong_formulas={
            "norms": ("the sum of the distances, not of the squared distances",
                      lambda: np.sum(np.sqrt(own))),
            "sqrt": ("the square root of the sum of squared distances",
                     lambda: np.sqrt(np.sum(own))),
            "nearest": ("the squared distances to each point's nearest centroid; the inertia "
                        "uses the centroid the labels give, nearest or not",
                        lambda: np.sum(np.min(d2, axis=1))),
            "all": ("the squared distances to every centroid, summed",
                    lambda: np.sum(d2)),
        },
    )


@check("q3", points=1)
def test_inertia_on_a_small_example(sub):
    """Five points and two centroids, the last point labelled with a centroid that is not its
    nearest: its squared distance counts all the same."""
    X = np.array([[0.0, 0.0], [1.0, 2.0], [4.0, 4.0], [5.0, 3.0], [2.0, -1.0]])
    C = np.array([[1.0, 1.0], [4.0, 3.0]])
    labels = np.array([0, 0, 1, 1, 1])
    # squared distances 2, 1, 1, 1 and 4 + 16
    expect_close(sub.inertia(X, labels, C), 25.0, name="inertia(X, labels, centroids)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(X, labels, C))


@check("q3", points=2, hidden=True)
def test_inertia_at_labels_that_are_not_the_nearest(sub, rng):
    """On random data (n = 30, d = 3, k = 4) with random labels, J matches a sum over every
    point and coordinate."""
    from ._oracles import inertia_loop

    X = blobs(rng, 3, 3, 10)
    C = initial_centroids(rng, X, 4)
    labels = rng.integers(0, 4, size=30)
    expect_close(sub.inertia(X, labels, C), inertia_loop(X, labels, C),
                 name="inertia at random labels (n = 30, d = 3, k = 4)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, labels, C))


@check("q3", points=1, hidden=True)
def test_inertia_of_a_kmeans_fit_matches_scikit_learn(sub, rng):
    """At the centroids and labels of scikit-learn's KMeans, J is its inertia_."""
    from ._oracles import kmeans_problem, sklearn_kmeans

    X, init = kmeans_problem(rng, k=3, d=2, n_per=8, min_updates=1)
    C, labels, want = sklearn_kmeans(X, init, 100)
    expect_close(sub.inertia(X, labels, C), want,
                 name="inertia at a k-means fit (n = 24, d = 2, k = 3)", rtol=1e-9, atol=1e-12,
                 diagnose=_diagnose(X, labels, C))
