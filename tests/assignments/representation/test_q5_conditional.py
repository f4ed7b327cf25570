"""q5: the conditional probabilities p_{j|i} = exp(-||x_i - x_j||^2 / (2 sigma_i^2)) / sum_{l != i}
exp(-||x_i - x_l||^2 / (2 sigma_i^2)), zero diagonal, finite even for tiny sigma_i."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, fail

from ._data import general_points, near_simplex, squared_distances, tiny_sigmas
from ._models import cond_p

RTOL, ATOL = 1e-9, 1e-12


def diagnose(X, sigma):
    """Diagnoses of conditional_p(X, sigma)."""
    def model(**switches):
        return lambda: cond_p(X, sigma, **switches)

    def unnormalised():
        E = np.exp(-squared_distances(X) / (2.0 * np.asarray(sigma)[:, None] ** 2))
        E[np.arange(len(X)), np.arange(len(X))] = 0.0
        return E

    return Diagnose(
        hints={"transpose": "Row i holds p_{j|i}: the distribution of point i's neighbours, "
                            "with point i's own sigma_i."},
        wrong_formulas={
            "variance": ("exp(-||x_i - x_j||^2 / (2 sigma_i)): sigma is a standard deviation, "
                         "so divide by 2 sigma_i^2", model(kernel="variance")),
            "no_half": ("exp(-||x_i - x_j||^2 / sigma_i^2): the denominator is 2 sigma_i^2",
                        model(kernel="no_half")),
            "distances": ("exp(-||x_i - x_j|| / (2 sigma_i^2)) with the distances, not their "
                          "squares", model(kernel="distances")),
            "column_sigma": ("the bandwidth sigma_j of the column in every row: row i uses "
                             "sigma_i (sigma[:, None], not sigma[None, :])",
                             model(by_column=True)),
            "self": ("probabilities that include j = i (exp(0) on the diagonal): P[i, i] = 0, "
                     "and the sum runs over l != i", model(self_term=True)),
            "columns": ("probabilities normalised over each column: each row i sums to 1",
                        model(axis=0)),
            "unnormalised": ("the exponentials without the division by their row sums",
                             unnormalised),
        },
    )


def expect_conditional(sub, X, sigma, want, label):
    name = f"conditional_p({label})"
    got = sub.conditional_p(X, sigma)
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and np.any(np.isnan(got)):
        fail(f"{name} has {int(np.isnan(got).sum())} NaN entries: with a small sigma_i every "
             "exp(-||x_i - x_l||^2 / (2 sigma_i^2)) of a row underflows to 0 and the row is "
             "0/0. Subtract from row i's squared distances their smallest value over l != i "
             "(not the 0 on the diagonal) before exponentiating: the shift cancels in the "
             "ratio.", "not_finite", "stability")
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL, diagnose=diagnose(X, sigma))


@check("q5", points=1)
def test_conditional_p_on_three_points(sub):
    """For the points (0, 0), (1, 0), (0, 2) (squared distances 1, 4 and 5) and 2 sigma^2 =
    1, 2 and 0.5: row 0 is (0, e^-1, e^-4) / (e^-1 + e^-4), row 1 (e^-0.5, 0, e^-2.5) /
    (e^-0.5 + e^-2.5), row 2 (e^-8, e^-10, 0) / (e^-8 + e^-10)."""
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]])
    sigma = np.sqrt(np.array([1.0, 2.0, 0.5]) / 2.0)
    rows = np.array([[0.0, np.exp(-1.0), np.exp(-4.0)], [np.exp(-0.5), 0.0, np.exp(-2.5)],
                     [np.exp(-8.0), np.exp(-10.0), 0.0]])
    expect_conditional(sub, X, sigma, rows / rows.sum(axis=1, keepdims=True),
                       "X (3, 2), sigma")


@check("q5", points=1)
def test_conditional_p_is_finite_when_every_exponential_underflows(sub):
    """For (0, 0), (600, 800), (600.3, 800.4) and 2 sigma^2 = 1000.25, 0.0002, 0.0002 every
    exponential underflows (exp(-999.75) and below) unless each row is shifted by its smallest
    distance: row 0 is (0, 1, e^-1) / (1 + e^-1), rows 1 and 2 put all their mass on each
    other."""
    X = np.array([[0.0, 0.0], [600.0, 800.0], [600.3, 800.4]])
    sigma = np.sqrt(np.array([1000.25, 0.0002, 0.0002]) / 2.0)
    e = np.exp(-1.0)
    want = np.array([[0.0, 1.0 / (1.0 + e), e / (1.0 + e)], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    expect_conditional(sub, X, sigma, want, "X (3, 2), tiny sigma")


@check("q5", points=2, hidden=True)
def test_conditional_p_matches_a_softmax(sub, rng):
    """On random points (n = 9, d = 4; n = 6, d = 7) with a different sigma for every row
    (0.3 to 3 times a typical distance), P matches SciPy's softmax of -||x_i - x_j||^2 /
    (2 sigma_i^2) with -inf on the diagonal."""
    from ._oracles import conditional_p_softmax

    for n, d in [(9, 4), (6, 7)]:
        X = general_points(rng, n, d)
        typical = np.sqrt(np.median(squared_distances(X)))
        sigma = typical * np.exp(rng.uniform(np.log(0.3), np.log(3.0), n))
        expect_conditional(sub, X, sigma, conditional_p_softmax(X, sigma),
                           f"X ({n}, {d}), sigma ({n},)")


@check("q5", points=2, hidden=True)
def test_conditional_p_with_tiny_sigmas_matches_a_softmax(sub, rng):
    """Seven points at nearly equal squared distances (about 18, within 0.1%) in R^9, with
    sigma_i so small that exp(-||x_i - x_j||^2 / (2 sigma_i^2)) is below e^-2000 for every j:
    P is finite and matches SciPy's (max-shifted) softmax, several neighbours per row."""
    from ._oracles import conditional_p_softmax

    X = near_simplex(rng, 7, 9)
    sigma = tiny_sigmas(X, 2000.0)
    expect_conditional(sub, X, sigma, conditional_p_softmax(X, sigma),
                       "X (7, 9), tiny sigma (7,)")
