"""q5: DBSCAN's core points: at least min_samples points, the point itself included, at distance
<= eps."""

import numpy as np

from autograder.testing import Diagnose, check, expect_equal, fail

from ._data import CORE_X

STRICT = ("the core points for distances < eps: a point at distance exactly eps is in the "
          "neighbourhood (<= eps)")
SELF = ("the core points when a point does not count itself: the neighbourhood of a point "
        "includes the point (at distance 0)")
SQUARED = ("the core points for squared distances compared with eps: compare the distance "
           "itself (or its square with eps^2)")


def _diagnose(strict, self, squared):
    return Diagnose(wrong_formulas={"strict": (STRICT, strict), "self": (SELF, self),
                                    "squared": (SQUARED, squared)}, transpose=False)


def _expect_mask(got, want, *, name, diagnose=None):
    """The boolean mask ``want``; the indices of the core points are named as such."""
    if isinstance(got, np.ndarray) and got.ndim == 1 and got.dtype.kind in "iu" \
            and np.array_equal(got, np.flatnonzero(want)) and got.shape != want.shape:
        fail(f"{name} returns the indices of the core points; return a boolean mask of shape "
             f"{want.shape}, True for a core point.", "shape")
    expect_equal(got, want, name=name, diagnose=diagnose)


def _mask(bits):
    return np.array([b == "1" for b in bits])


@check("q5", points=1)
def test_core_points_on_a_small_example(sub):
    """Eight integer points: with eps = 3 and min_samples = 3 all but points 0 and 6 are core
    points (point 7 has exactly three, one at distance exactly 3); with eps = 5 and
    min_samples = 6, points 0 to 4 (point 4 counts two at distance exactly 5)."""
    cases = [(3.0, 3, "01111101", "01101100", "01111100"),
             (5.0, 6, "11111000", "11110000", "01110000")]
    for eps, min_samples, want, strict, self in cases:
        _expect_mask(sub.core_points(CORE_X, eps, min_samples), _mask(want),
                     name=f"core_points(X, eps={eps:g}, min_samples={min_samples})",
                     diagnose=_diagnose(lambda s=strict: _mask(s), lambda s=self: _mask(s),
                                        lambda: np.zeros(8, bool)))


@check("q5", points=1)
def test_min_samples_of_one_makes_every_point_a_core_point(sub):
    """With min_samples = 1 every point is a core point (it counts itself); with eps = 2 and
    min_samples = 3 only points 1 and 4 are."""
    _expect_mask(sub.core_points(CORE_X, 2.0, 1), np.ones(8, bool),
                 name="core_points(X, eps=2, min_samples=1)")
    _expect_mask(sub.core_points(CORE_X, 2.0, 3), _mask("01001000"),
                 name="core_points(X, eps=2, min_samples=3)")


@check("q5", points=2, hidden=True)
def test_core_points_match_scikit_learn_on_integer_points(sub, rng):
    """On random integer points in 3-D (25 points, eps = 2, distances exactly 2 among them),
    the core points are those of scikit-learn's DBSCAN, for a min_samples that makes some but
    not all of them core points and for min_samples = 1."""
    from ._oracles import dbscan_model, integer_core_problem, sklearn_dbscan

    X, eps, min_samples = integer_core_problem(rng, n=25)
    for ms in (min_samples, 1):
        def model(ms=ms, **switch):
            return lambda: dbscan_model(X, eps, ms, **switch)[1]

        _expect_mask(sub.core_points(X, eps, ms), sklearn_dbscan(X, eps, ms)[1],
                     name=f"core_points on random integer points (eps = {eps:g}, "
                          f"min_samples = {ms})",
                     diagnose=_diagnose(model(strict=True), model(count_self=False),
                                        model(squared=True)))


@check("q5", points=1, hidden=True)
def test_core_points_match_scikit_learn_on_two_moons(sub, rng):
    """On two noisy moons with outliers (46 points, eps = 0.3, min_samples = 4, no distance
    within 1e-6 of eps), the core points are scikit-learn's DBSCAN's."""
    from ._oracles import dbscan_model, moons_dbscan_problem, sklearn_dbscan

    X, eps, min_samples = moons_dbscan_problem(rng)
    _expect_mask(sub.core_points(X, eps, min_samples), sklearn_dbscan(X, eps, min_samples)[1],
                 name="core_points on two moons with outliers (eps = 0.3, min_samples = 4)",
                 diagnose=_diagnose(*(lambda s=switch: dbscan_model(X, eps, min_samples,
                                                                    **s)[1]
                                      for switch in ({"strict": True}, {"count_self": False},
                                                     {"squared": True}))))
