"""q7: the conditional of a Gaussian given x[idx_given] = z: mean mu_a + S_ab S_bb^-1 (z - mu_b)
and the Schur complement S_aa - S_ab S_bb^-1 S_ba, over the remaining indices in increasing
order."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs

from ._data import ATOL, RTOL, conditional_by_precision, gaussian, remaining

SIGMA4 = np.array([[4.0, 1.0, -1.0, 0.5], [1.0, 3.0, 0.5, -1.0], [-1.0, 0.5, 2.0, 0.3],
                   [0.5, -1.0, 0.3, 2.5]])  # diagonally dominant: positive definite


def _schur(mu, Sigma, rest, given, z):
    """mean and cov by the block formulas for the index arrays ``rest`` (remaining) and
    ``given``."""
    cross = Sigma[np.ix_(rest, given)]
    inner = Sigma[np.ix_(given, given)]
    return (mu[rest] + cross @ np.linalg.solve(inner, z - mu[given]),
            Sigma[np.ix_(rest, rest)] - cross @ np.linalg.solve(inner, cross.T))


def _diagnose(mu, Sigma, idx_given, z):
    b = np.array(idx_given, dtype=int)
    a = remaining(len(mu), b)
    d, k = len(mu), len(b)
    S_ab, S_aa = Sigma[np.ix_(a, b)], Sigma[np.ix_(a, a)]
    S_bb = Sigma[b][:, b]
    gain = S_ab @ np.linalg.solve(S_bb, np.eye(k))  # S_ab S_bb^-1
    last = np.arange(d - k, d), np.arange(d - k)  # (b, a) if the given were the last k
    first = np.arange(k), np.arange(k, d)
    return {
        "mean": Diagnose(
            wrong_formulas={
                "no_shift": ("mu_a, the marginal mean: add S_ab S_bb^-1 (z - mu_b), the shift "
                             "the observation brings", lambda: mu[a]),
                "sorted": ("the mean for idx_given sorted while z keeps its order: z[j] is the "
                           "value of x[idx_given[j]], so sort both together or neither",
                           lambda: _schur(mu, Sigma, a, np.sort(b), z)[0]),
                "uncentred": ("mu_a + S_ab S_bb^-1 z: the shift uses z - mu_b",
                              lambda: mu[a] + gain @ z),
                "minus": ("mu_a - S_ab S_bb^-1 (z - mu_b): the shift is added",
                          lambda: mu[a] - gain @ (z - mu[b])),
                "no_mu_a": ("S_ab S_bb^-1 (z - mu_b) without mu_a", lambda: gain @ (z - mu[b])),
                "last_block": ("the formula with the given coordinates taken as the last k: "
                               "use the indices in idx_given",
                               lambda: _schur(mu, Sigma, last[1], last[0], z)[0]),
                "first_block": ("the formula with the given coordinates taken as the first k: "
                                "use the indices in idx_given",
                                lambda: _schur(mu, Sigma, first[1], first[0], z)[0]),
            }),
        "cov": Diagnose(
            wrong_formulas={
                "marginal": ("S_aa, the marginal covariance: subtract the Schur term "
                             "S_ab S_bb^-1 S_ba (observing x_b reduces the uncertainty)",
                             lambda: S_aa),
                "plus": ("S_aa + S_ab S_bb^-1 S_ba: the Schur term is subtracted",
                         lambda: S_aa + gain @ S_ab.T),
                "no_inverse": ("S_aa - S_ab S_ba: the Schur term has S_bb^-1 in the middle",
                               lambda: S_aa - S_ab @ S_ab.T),
                "precision": ("the block (Sigma^-1)_aa of the precision matrix: the "
                              "conditional covariance is its inverse",
                              lambda: np.linalg.inv(Sigma)[np.ix_(a, a)]),
                "last_block": ("the formula with the given coordinates taken as the last k",
                               lambda: _schur(mu, Sigma, last[1], last[0], z)[1]),
                "first_block": ("the formula with the given coordinates taken as the first k",
                                lambda: _schur(mu, Sigma, first[1], first[0], z)[1]),
            }),
    }


def _expect(sub, mu, Sigma, idx_given, z, want, name):
    expect_outputs(sub.gaussian_conditional(mu, Sigma, idx_given, z),
                   {"mean": want[0], "cov": want[1]}, fn=name, rtol=RTOL, atol=ATOL,
                   diagnose=_diagnose(mu, Sigma, idx_given, z))


@check("q7", points=1)
def test_conditional_of_a_2d_gaussian_by_hand(sub):
    """For mu = (1, 2) and Sigma = [[2, 0.8], [0.8, 1]]: given x_1 = 3, x_0 has mean
    1 + 0.8 (3 - 2) / 1, which is 1.8, and variance 2 - 0.8^2 / 1, which is 1.36 (cov of shape
    (1, 1)); given x_0 = 0, x_1 has mean 2 + 0.4 (0 - 1), which is 1.6, and variance 0.68."""
    mu, Sigma = np.array([1.0, 2.0]), np.array([[2.0, 0.8], [0.8, 1.0]])
    _expect(sub, mu, Sigma, [1], np.array([3.0]), (np.array([1.8]), np.array([[1.36]])),
            "gaussian_conditional(mu, Sigma, [1], [3])")
    _expect(sub, mu, Sigma, [0], np.array([0.0]), (np.array([1.6]), np.array([[0.68]])),
            "gaussian_conditional(mu, Sigma, [0], [0])")


@check("q7", points=1)
def test_conditional_given_two_unsorted_indices(sub):
    """A 4-D Gaussian given x_3 = 4 and x_1 = -1, with idx_given = [3, 1] (not sorted): the
    mean and covariance of (x_0, x_2) match the precision-matrix form, (Lambda_aa)^-1 and
    mu_a - (Lambda_aa)^-1 Lambda_ab (z - mu_b) with Lambda = Sigma^-1."""
    mu = np.array([1.0, -2.0, 0.5, 3.0])
    idx, z = [3, 1], np.array([4.0, -1.0])
    _expect(sub, mu, SIGMA4, idx, z, conditional_by_precision(mu, SIGMA4, idx, z),
            "gaussian_conditional(mu, Sigma, [3, 1], [4, -1]) for a 4-D Gaussian")


@check("q7", points=3, hidden=True)
def test_conditional_matches_the_precision_form(sub, rng):
    """On random Gaussians (d = 4 to 6) given 1 to 3 coordinates in random order (as a list or
    an integer array; one coordinate left, cov of shape (1, 1)), the conditional matches the
    precision-matrix form."""
    for d, k, as_list in [(5, 2, False), (6, 3, True), (4, 3, False), (5, 1, True)]:
        mu, Sigma = gaussian(rng, d)
        idx = rng.permutation(d)[:k]
        while k > 1 and np.all(np.diff(idx) > 0):
            idx = rng.permutation(d)[:k]
        z = mu[idx] + rng.uniform(1.0, 3.0, k) * rng.choice([-1.0, 1.0], k)
        idx_given = [int(i) for i in idx] if as_list else idx
        _expect(sub, mu, Sigma, idx_given, z, conditional_by_precision(mu, Sigma, idx, z),
                f"gaussian_conditional for d = {d} given {k} coordinates (idx_given "
                f"{'a list' if as_list else 'an array'})")


@check("q7", points=2, hidden=True)
def test_conditional_matches_a_cholesky_factorisation(sub, rng):
    """A random 7-D Gaussian given 4 coordinates in decreasing index order: the conditional
    matches the one read off a Cholesky factor with the given coordinates first (SciPy)."""
    from ._oracles import conditional_by_cholesky

    mu, Sigma = gaussian(rng, 7)
    idx = np.sort(rng.permutation(7)[:4])[::-1].copy()
    z = mu[idx] + rng.uniform(1.0, 3.0, 4) * rng.choice([-1.0, 1.0], 4)
    _expect(sub, mu, Sigma, idx, z, conditional_by_cholesky(mu, Sigma, idx, z),
            "gaussian_conditional for d = 7 given 4 coordinates in decreasing order")
