"""q5: the least-squares polynomial of a given degree, its coefficients in increasing powers
(graded for degree <= 6 and x in [-1, 1], where every least-squares method keeps about 1e-10)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import polynomial_samples, spread_points

# The normal equations, QR, lstsq and polyfit agree to about 1e-11 relative to the largest
# coefficient on these points; 1e-8 leaves room and still catches every wrong fit.
RTOL, ATOL = 1e-8, 1e-8


def _polyfit(x, y, degree):
    """NumPy's polyfit, in increasing powers."""
    return np.polyfit(x, y, degree)[::-1]


def _diagnose(x, y, degree):
    def interpolate():
        Phi = x[: degree + 1, None] ** np.arange(degree + 1)
        return np.linalg.solve(Phi, y[: degree + 1])

    return Diagnose(
        wrong_formulas={
            "decreasing": ("the coefficients in decreasing powers (np.polyfit's order): w[p] "
                           "multiplies x^p, increasing",
                           lambda: np.polyfit(x, y, degree)),
            "swapped": ("a fit of x as a polynomial of y: the inputs are x, the targets y",
                        lambda: _polyfit(y, x, degree)),
            "interpolate": ("the polynomial through the first degree + 1 points only: least "
                            "squares uses all n points", interpolate),
        },
        transpose=False,
    )


def _expect_fit(got, x, y, degree, name, want=None):
    want = _polyfit(x, y, degree) if want is None else want
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL, diagnose=_diagnose(x, y, degree))


@check("q5", points=1)
def test_exact_cubic_through_seven_points(sub):
    """Seven points of y = 1 - 2x + 0.5 x^3 on a grid of [-1, 1]: the cubic fit is exact,
    w = (1, -2, 0, 0.5) in increasing powers."""
    x = np.linspace(-1.0, 1.0, 7)
    y = 1.0 - 2.0 * x + 0.5 * x**3
    _expect_fit(sub.fit_polynomial(x, y, 3), x, y, 3, "fit_polynomial(x, y, 3)",
                want=np.array([1.0, -2.0, 0.0, 0.5]))


@check("q5", points=1)
def test_noisy_quadratic_and_the_constant_fit(sub, rng):
    """On ten noisy points the quadratic fit matches NumPy's polyfit (reversed to increasing
    powers), and the degree-0 fit is the mean of y."""
    x, y = polynomial_samples(rng, 10, [0.5, -1.0, 2.0], noise=0.3)
    _expect_fit(sub.fit_polynomial(x, y, 2), x, y, 2, "fit_polynomial(x, y, 2) on 10 points")
    _expect_fit(sub.fit_polynomial(x, y, 0), x, y, 0, "fit_polynomial(x, y, 0)",
                want=np.array([np.mean(y)]))


@check("q5", points=2, hidden=True)
def test_fits_match_scipy_least_squares(sub, rng):
    """For degrees 1, 4 and 6 on noisy points of [-1, 1], the coefficients match SciPy's
    least-squares solution on scikit-learn's polynomial features (and NumPy's polyfit)."""
    import scipy.linalg
    from sklearn.preprocessing import PolynomialFeatures

    for degree, n in [(1, 9), (4, 15), (6, 12)]:
        x, y = polynomial_samples(rng, n, rng.uniform(-2.0, 2.0, 4), noise=0.4)
        Phi = PolynomialFeatures(degree).fit_transform(x[:, None])
        want = scipy.linalg.lstsq(Phi, y)[0]
        _expect_fit(sub.fit_polynomial(x, y, degree), x, y, degree,
                    f"fit_polynomial of {n} points, degree {degree}", want=want)


@check("q5", points=2, hidden=True)
def test_residual_is_orthogonal_to_the_features(sub, rng):
    """The residual y - Phi w of a degree-5 fit on 20 points is orthogonal to every column of
    Phi (the normal equations), and a degree-6 fit of 8 points matches polyfit."""
    x, y = polynomial_samples(rng, 20, [1.0, 0.5, -3.0, 0.0, 2.0], noise=0.5)
    w = sub.fit_polynomial(x, y, 5)
    _expect_fit(w, x, y, 5, "fit_polynomial of 20 points, degree 5")
    Phi = x[:, None] ** np.arange(6)
    expect_close(Phi.T @ (y - Phi @ w), np.zeros(6), name="Phi^T (y - Phi w) for your w",
                 rtol=0.0, atol=1e-9)
    x = spread_points(rng, 8)
    y = np.cos(2.0 * x) + 0.3 * rng.standard_normal(8)
    _expect_fit(sub.fit_polynomial(x, y, 6), x, y, 6, "fit_polynomial of 8 points, degree 6")
