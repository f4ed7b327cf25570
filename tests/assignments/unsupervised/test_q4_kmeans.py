"""q4: Lloyd's algorithm from given initial centroids: at most n_iters updates, each followed by
an assignment, stopping when the labels stop changing."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs, fail

from ._data import blobs, initial_centroids

RTOL, ATOL = 1e-9, 1e-10

# A hand example: eight points, two initial centroids that are not points of X. Lloyd's
# algorithm changes the labels at the first two updates and stops after the third.
HAND_X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [2.0, 3.0], [5.0, 4.0], [6.0, 5.0],
                   [5.0, 6.0], [3.0, 2.0]])
HAND_INIT = np.array([[-0.5, 3.0], [2.5, -0.5]])
# The centroids after 0, 1, 2 and 3 updates, and the labels they give.
HAND_PATH = [
    (HAND_INIT, [1, 1, 0, 0, 1, 1, 0, 1]),
    (np.array([[7 / 3, 10 / 3], [3.0, 2.2]]), [1, 1, 1, 0, 1, 0, 0, 1]),
    (np.array([[13 / 3, 14 / 3], [1.8, 1.4]]), [1, 1, 1, 1, 0, 0, 0, 1]),
    (np.array([[16 / 3, 5.0], [1.2, 1.2]]), [1, 1, 1, 1, 0, 0, 0, 1]),
]
# From X[:2] instead of the given centroids: after one update, and at the end.
HAND_FIRST_ROWS = {1: np.array([[0.0, 0.5], [11 / 3, 10 / 3]]),
                   100: np.array([[1 / 3, 1 / 3], [4.2, 4.0]])}


def _expect_kmeans(got, want_C, want_labels, *, fn, centroids=None, labels=None):
    """(centroids, labels) in the contract's order, centroids close, labels exact."""
    want_labels = np.asarray(want_labels)
    if (isinstance(got, (tuple, list)) and len(got) == 2
            and all(isinstance(g, np.ndarray) for g in got)
            and got[0].shape == want_labels.shape and got[1].shape == want_C.shape):
        fail(f"{fn} returns (labels, centroids); the contract's order is (centroids, labels).",
             "order")
    expect_outputs(got, {"centroids": want_C, "labels": want_labels}, fn=fn, rtol=RTOL,
                   atol=ATOL, exact=("labels",),
                   diagnose={"centroids": centroids or Diagnose(axis=(0, "cluster")),
                             "labels": labels or Diagnose(transpose=False)})


def _formulas(n_iters, path, first_rows):
    """Wrong formulas for (centroids, labels) from ``path(m)`` = (centroids, labels) after m
    updates and ``first_rows()`` = (centroids, labels) of a start from X[:k]."""
    centroids = {
        "first_rows": ("the result of a start from the first k rows of X; start from "
                       "init_centroids", lambda: first_rows()[0]),
        "fewer": (f"{n_iters - 1} updates instead of n_iters = {n_iters}",
                  lambda: path(n_iters - 1)[0]),
        "more": (f"{n_iters + 1} updates instead of n_iters = {n_iters}",
                 lambda: path(n_iters + 1)[0]),
    }
    labels = {
        "stale": ("the labels of the centroids before the last update; return "
                  "assign_clusters(X, centroids) for the centroids you return",
                  lambda: path(n_iters - 1)[1]),
        "first_rows": centroids["first_rows"][:1] + (lambda: first_rows()[1],),
    }
    if n_iters == 0:
        del centroids["fewer"], labels["stale"]
    return (Diagnose(wrong_formulas=centroids, axis=(0, "cluster"), transpose=False),
            Diagnose(wrong_formulas=labels, transpose=False))


def _hand_formulas(n_iters):
    def path(m):
        C, labels = HAND_PATH[min(m, 3)]
        return C, np.array(labels)

    def first_rows():
        C = HAND_FIRST_ROWS[n_iters]
        return C, np.argmin(((HAND_X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)

    return _formulas(n_iters, path, first_rows)


@check("q4", points=1)
def test_kmeans_on_a_small_example(sub):
    """Eight points, two initial centroids: Lloyd's algorithm ends after three updates at the
    centroids (16/3, 5) and (1.2, 1.2)."""
    C, labels = HAND_PATH[3]
    centroids_d, labels_d = _hand_formulas(100)
    _expect_kmeans(sub.kmeans(HAND_X, HAND_INIT), C, labels, fn="kmeans(X, init_centroids)",
                   centroids=centroids_d, labels=labels_d)


@check("q4", points=1)
def test_one_iteration_is_one_update_then_one_assignment(sub):
    """With n_iters = 1: one update, then the labels of the updated centroids."""
    C, labels = HAND_PATH[1]
    centroids_d, labels_d = _hand_formulas(1)
    _expect_kmeans(sub.kmeans(HAND_X, HAND_INIT, 1), C, labels,
                   fn="kmeans(X, init_centroids, n_iters=1)", centroids=centroids_d,
                   labels=labels_d)


def _trusted(X, init, n_iters):
    """path and first_rows for :func:`_formulas`, by Lloyd's algorithm written as loops."""
    from ._oracles import lloyd

    def path(m):
        return lloyd(X, init, m)[:2]

    def first_rows():
        return lloyd(X, X[: len(init)], n_iters)[:2]

    return path, first_rows


@check("q4", points=3, hidden=True)
def test_kmeans_matches_scikit_learn(sub, rng):
    """On random clustered data (n = 40, d = 3, k = 4, initial centroids that are not rows of
    X) the result is scikit-learn's KMeans with the same initial centroids, one
    initialisation, tol = 0 and Lloyd's algorithm: run to convergence, and stopped after two
    updates."""
    from ._oracles import kmeans_problem, sklearn_kmeans

    X, init = kmeans_problem(rng, k=4, d=3, n_per=10, min_updates=4)
    for n_iters in (100, 2):
        C, labels, _ = sklearn_kmeans(X, init, n_iters)
        centroids_d, labels_d = _formulas(n_iters, *_trusted(X, init, n_iters))
        got = sub.kmeans(X, init) if n_iters == 100 else sub.kmeans(X, init, n_iters)
        call = "kmeans(X, init)" if n_iters == 100 else f"kmeans(X, init, n_iters={n_iters})"
        _expect_kmeans(got, C, labels, fn=f"{call} on random data (n = 40, d = 3, k = 4)",
                       centroids=centroids_d, labels=labels_d)


@check("q4", points=2, hidden=True)
def test_an_empty_cluster_keeps_its_centroid(sub, rng):
    """A centroid that starts far from every point gets no point: it stays where it is while
    the others converge (compared with Lloyd's algorithm written as loops)."""
    from ._oracles import lloyd

    while True:
        X = blobs(rng, 3, 2, 8)
        init = initial_centroids(rng, X, 4)
        far = rng.permutation(4)[0]
        init[far] = X.mean(axis=0) + 40.0 * rng.choice([-1.0, 1.0], 2)
        C, labels, info = lloyd(X, init, 100)
        if info["empty"] and info["margin"] > 1e-6 and info["updates"] >= 2:
            break
    centroids_d, labels_d = _formulas(100, *_trusted(X, init, 100))
    _expect_kmeans(sub.kmeans(X, init, 100), C, labels,
                   fn="kmeans(X, init, n_iters=100) with a centroid far from every point",
                   centroids=centroids_d, labels=labels_d)


@check("q4", points=1, hidden=True)
def test_zero_iterations_return_the_initial_centroids(sub, rng):
    """With n_iters = 0 the centroids are the initial ones and the labels their assignment."""
    from ._oracles import assignment_problem, nearest_labels

    X, init = assignment_problem(rng, k=3, d=3, n_per=6)
    centroids_d, labels_d = _formulas(0, *_trusted(X, init, 0))
    _expect_kmeans(sub.kmeans(X, init, 0), init, nearest_labels(X, init),
                   fn="kmeans(X, init, n_iters=0)", centroids=centroids_d, labels=labels_d)
