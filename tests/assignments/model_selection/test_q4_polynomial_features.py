"""q4: polynomial features x^0, x^1, ..., x^degree in increasing powers (0^0 = 1)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import spread_points

RTOL, ATOL = 1e-12, 1e-15  # a power by repeated products or by pow differs in the last bits


def _diagnose(x, degree):
    powers = np.arange(degree + 1)
    return Diagnose(
        wrong_formulas={
            "decreasing": ("the columns in decreasing powers x^degree, ..., x, 1 (np.vander's "
                           "default): column p holds x^p, increasing",
                           lambda: x[:, None] ** powers[::-1]),
            "no_ones": ("the columns x, x^2, ..., x^degree without the constant column x^0 = 1",
                        lambda: x[:, None] ** powers[1:]),
            "one_short": ("the powers 0..degree-1 (range(degree)): there are degree + 1 "
                          "columns, up to x^degree", lambda: x[:, None] ** powers[:-1]),
            "zero_zero": ("0^0 = 0 in the constant column: x^0 = 1 for every x, 0 included",
                          lambda: np.where((x[:, None] == 0) & (powers == 0), 0.0,
                                           x[:, None] ** powers)),
        },
        axis=(1, "power"),
    )


def _expect_features(got, x, degree, want, name):
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL, diagnose=_diagnose(x, degree))


@check("q4", points=1)
def test_features_of_four_points(sub):
    """x = (2, -1, 0, 0.5) with degree 3 gives the rows (1, 2, 4, 8), (1, -1, 1, -1),
    (1, 0, 0, 0) (0^0 = 1) and (1, 0.5, 0.25, 0.125)."""
    x = np.array([2.0, -1.0, 0.0, 0.5])
    want = np.array([[1.0, 2.0, 4.0, 8.0],
                     [1.0, -1.0, 1.0, -1.0],
                     [1.0, 0.0, 0.0, 0.0],
                     [1.0, 0.5, 0.25, 0.125]])
    _expect_features(sub.polynomial_features(x, 3), x, 3, want, "polynomial_features(x, 3)")


@check("q4", points=1)
def test_degree_zero_and_one(sub):
    """Degree 0 gives one column of ones, also at x = 0; degree 1 gives the columns 1 and x."""
    x = np.array([0.0, -1.5, 3.0])
    _expect_features(sub.polynomial_features(x, 0), x, 0, np.ones((3, 1)),
                     "polynomial_features(x, 0)")
    _expect_features(sub.polynomial_features(x, 1), x, 1, np.column_stack([np.ones(3), x]),
                     "polynomial_features(x, 1)")


@check("q4", points=2, hidden=True)
def test_features_match_polynomial_features(sub, rng):
    """On random points of [-1, 1] (one of them exactly 0) and on points up to 3 in magnitude,
    for degrees 2 to 6, the features match scikit-learn's PolynomialFeatures(degree) on
    x[:, None]."""
    from sklearn.preprocessing import PolynomialFeatures

    for degree, x in [(6, spread_points(rng, 9, zero=True)), (4, spread_points(rng, 7)),
                      (2, 3.0 * spread_points(rng, 5, zero=True))]:
        want = PolynomialFeatures(degree).fit_transform(x[:, None])
        _expect_features(sub.polynomial_features(x, degree), x, degree, want,
                         f"polynomial_features of {len(x)} points, degree {degree}")


@check("q4", points=2, hidden=True)
def test_features_of_a_single_point_and_of_zeros(sub, rng):
    """A single point gives a (1, degree + 1) row of its powers; an input of zeros gives a
    first column of ones (0^0 = 1) and zeros elsewhere, beside a random input."""
    from sklearn.preprocessing import PolynomialFeatures

    for x, degree in [(np.array([rng.uniform(-1.0, -0.5)]), 5), (np.zeros(3), 4),
                      (np.concatenate([np.zeros(2), spread_points(rng, 4)]), 3)]:
        want = PolynomialFeatures(degree).fit_transform(x[:, None])
        _expect_features(sub.polynomial_features(x, degree), x, degree, want,
                         f"polynomial_features of {len(x)} points, degree {degree}")
