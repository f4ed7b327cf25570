"""q1: pairwise Euclidean distances D[i, j] = ||X[i] - Z[j]||, by any formula."""

import numpy as np

from autograder.testing import check, expect_close, fail

from ._compare import ATOL, RTOL, distance_diagnose

FLOOR = 1e-7  # times the largest distance: the contract's absolute floor where X and Z share points

# Four points with one decimal, and three points of which the first two are X[2] and X[3]: the
# expansion ||x||^2 + ||z||^2 - 2 x.z gives about -4e-15 instead of 0 for both shared pairs.
SHARED_X = np.array([[1.7, 1.7, -2.7], [-0.8, -2.5, -1.8], [-1.7, 2.2, -2.2], [-1.2, 0.0, 2.1]])
SHARED_Z = np.array([[-1.7, 2.2, -2.2], [-1.2, 0.0, 2.1], [0.5, -1.0, 0.3]])
SHARED_D2 = np.array([[12.06, 34.34, 17.73], [23.06, 21.62, 8.35], [0.0, 23.58, 21.33],
                      [23.58, 0.0, 7.13]])  # the squared distances, exact to 2 decimals


def _expect_shared(got, want, *, name, X, Z):
    """D close to ``want`` within the absolute floor; NaN only where X and Z share a point is
    named as the expansion's round-off."""
    if isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind == "f":
        nan = np.isnan(got)
        if nan.any() and np.all(want[nan] == 0.0):
            fail(f"{name} has {int(nan.sum())} NaN entries, all where X and Z share a point: "
                 "the expansion ||x||^2 + ||z||^2 - 2 x.z leaves a tiny negative number there "
                 "instead of 0, and its square root is NaN. Clip the squared distances at 0 "
                 "(np.maximum(..., 0.0)) before the square root.", "not_finite")
    expect_close(got, want, name=name, rtol=RTOL, atol=FLOOR * float(want.max()),
                 diagnose=distance_diagnose(X, Z, want))


@check("q1", points=1)
def test_distances_on_a_small_example(sub):
    """Three points and four points with integer coordinates: D is the (3, 4) matrix of the
    square roots of [[9, 16, 2, 8], [16, 9, 13, 61], [20, 5, 5, 17]]."""
    X = np.array([[0.0, 0.0], [3.0, 4.0], [-1.0, 2.0]])
    Z = np.array([[3.0, 0.0], [0.0, 4.0], [1.0, 1.0], [-2.0, -2.0]])
    want = np.sqrt([[9.0, 16.0, 2.0, 8.0], [16.0, 9.0, 13.0, 61.0], [20.0, 5.0, 5.0, 17.0]])
    expect_close(sub.pairwise_distances(X, Z), want, name="pairwise_distances(X, Z)",
                 rtol=RTOL, atol=ATOL, diagnose=distance_diagnose(X, Z, want))


@check("q1", points=1)
def test_shared_points_are_at_distance_zero(sub):
    """Where Z shares two points with X the distances are 0, within an absolute floor of 1e-7
    times the largest distance (the expansion ||x||^2 + ||z||^2 - 2 x.z leaves a round-off of
    about -4e-15 there, which must not become a NaN: clip at 0 before the square root)."""
    _expect_shared(sub.pairwise_distances(SHARED_X, SHARED_Z), np.sqrt(SHARED_D2),
                   name="pairwise_distances(X, Z) where Z shares two points with X",
                   X=SHARED_X, Z=SHARED_Z)


@check("q1", points=2, hidden=True)
def test_distances_match_scipy(sub, rng):
    """On random points, not centred, no two closer than 0.1 ((7, 4) against (5, 4), (4, 1)
    against (6, 1), and a single point against (5, 4)), D is SciPy's cdist."""
    from ._oracles import cdist, disjoint_sets

    for n, m, d in [(7, 5, 4), (4, 6, 1), (1, 5, 4)]:
        X, Z = disjoint_sets(rng, n, m, d)
        want = cdist(X, Z)
        expect_close(sub.pairwise_distances(X, Z), want,
                     name=f"pairwise_distances on random ({n}, {d}) and ({m}, {d}) points",
                     rtol=RTOL, atol=ATOL, diagnose=distance_diagnose(X, Z, want))


@check("q1", points=2, hidden=True)
def test_shared_points_match_scipy_within_the_floor(sub, rng):
    """On random points in 8-D where Z holds three of the rows of X among four others, and for
    X against itself, D is SciPy's cdist within an absolute floor of 1e-7 times the largest
    distance."""
    from ._oracles import cdist, spread_points

    P = spread_points(rng, 16, 8)
    X = P[:12]
    Z = np.r_[X[rng.choice(12, 3, replace=False)], P[12:]][rng.permutation(7)]
    for label, A, B in [("(12, 8) and (7, 8) points, three of them shared", X, Z),
                        ("(12, 8) points against themselves", X, X)]:
        _expect_shared(sub.pairwise_distances(A, B), cdist(A, B),
                       name=f"pairwise_distances on {label}", X=A, Z=B)
