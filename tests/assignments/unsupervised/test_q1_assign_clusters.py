"""q1: the assignment step, labels[i] = argmin_j ||x_i - mu_j||^2, ties to the lowest index."""

import numpy as np

from autograder.testing import check

from ._compare import expect_labels, label_diagnose

# Eight small-integer points around three centroids: the first four are exactly as far from
# two or three centroids (squared distances are exact integers whatever the formula).
TIE_X = np.array([[2.0, -1.0], [3.0, 2.0], [2.0, 1.0], [-1.0, 2.0],
                  [5.0, 1.0], [0.0, 2.0], [1.0, 1.0], [4.0, 4.0]])
TIE_C = np.array([[0.0, 0.0], [4.0, 0.0], [1.0, 3.0]])
# squared distances: [2, -1] 5, 5, 17 / [3, 2] 13, 5, 5 / [2, 1] 5, 5, 5 / [-1, 2] 5, 29, 5
TIE_LABELS = np.array([0, 1, 0, 0, 1, 2, 0, 2])
TIED = np.array([True, True, True, True, False, False, False, False])


@check("q1", points=1)
def test_assignment_on_a_small_example(sub):
    """Six points and three centroids in 2-D: each point's nearest centroid."""
    X = np.array([[0.5, 1.0], [3.5, 0.2], [-1.2, 2.5], [2.0, 3.1], [4.2, 4.0], [-0.3, -0.8]])
    C = np.array([[0.0, 0.0], [3.0, 1.0], [1.0, 3.5]])
    expect_labels(sub.assign_clusters(X, C), [0, 1, 2, 2, 1, 0],
                  name="assign_clusters(X, centroids)", diagnose=label_diagnose(X, C))


@check("q1", points=1)
def test_a_tie_goes_to_the_lowest_index(sub):
    """Points exactly as far from two or three centroids go to the one with the lowest index."""
    expect_labels(sub.assign_clusters(TIE_X, TIE_C), TIE_LABELS,
                  name="assign_clusters on small-integer points with ties", tied=TIED,
                  diagnose=label_diagnose(TIE_X, TIE_C))


@check("q1", points=2, hidden=True)
def test_assignment_matches_scipy(sub, rng):
    """On random clustered data (n = 40, d = 3, k = 4; n = 30, d = 2, k = 5; a single point) the
    labels are SciPy's nearest centroids."""
    from ._oracles import assignment_problem, nearest_labels

    X, C = assignment_problem(rng, k=4, d=3, n_per=10)
    expect_labels(sub.assign_clusters(X, C), nearest_labels(X, C),
                  name="assign_clusters on random data (n = 40, d = 3, k = 4)",
                  diagnose=label_diagnose(X, C))
    X2, C5 = assignment_problem(rng, k=5, d=2, n_per=6)  # more centroids than dimensions
    expect_labels(sub.assign_clusters(X2, C5), nearest_labels(X2, C5),
                  name="assign_clusters on random 2-D data with k = 5",
                  diagnose=label_diagnose(X2, C5))
    expect_labels(sub.assign_clusters(X[:1], C), nearest_labels(X[:1], C),
                  name="assign_clusters on a single point", diagnose=label_diagnose(X[:1], C))


@check("q1", points=2, hidden=True)
def test_ties_on_random_small_integer_data(sub, rng):
    """On random small-integer points and centroids, with many exact ties, every label is the
    lowest index among the nearest centroids (checked in exact integer arithmetic)."""
    from ._oracles import integer_labels

    while True:
        X = rng.integers(-3, 4, size=(30, 2)).astype(float)
        C = rng.choice(np.arange(-3, 4), size=(4, 2), replace=True).astype(float)
        if len(np.unique(C, axis=0)) < 4:
            continue
        want, tied = integer_labels(X, C)
        if tied.sum() >= 4 and len(np.unique(want)) >= 3:
            break
    expect_labels(sub.assign_clusters(X, C), want,
                  name="assign_clusters on random small-integer data with ties", tied=tied,
                  diagnose=label_diagnose(X, C))
