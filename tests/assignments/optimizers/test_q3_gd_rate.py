"""q3: gd_rate(A) = 1 - mu / L, mu and L the extreme eigenvalues of the symmetric positive
definite A (not its diagonal entries, not the ends of an unsorted list)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import rotation, spd_matrix

RTOL, ATOL = 1e-10, 1e-12  # eigvalsh, eigh, eigvals, svd and cond all agree to ~1e-14


def _diagnose(A):
    """Wrong rates a mistake gives (NumPy only; evaluated only on failure)."""
    lam = np.linalg.eigvalsh(A)
    mu, L = lam[0], lam[-1]
    diag = np.diag(A)

    def unsorted():
        ev = np.linalg.eigvals(A).real
        if np.all(np.diff(ev) >= 0) or np.all(np.diff(ev) <= 0):
            raise ValueError("sorted: then it is 1 - mu / L or 1 - L / mu")
        return 1 - ev[0] / ev[-1]

    return Diagnose(
        hints={"-1": "The rate is 1 - mu / L, between 0 and 1."},
        wrong_formulas={
            "diag": ("1 - min / max of the diagonal entries of A: A is not diagonal; mu and L "
                     "are its extreme eigenvalues", lambda: 1 - diag.min() / diag.max()),
            "unsorted": ("the first and last entries of np.linalg.eigvals (or eig), which come "
                         "in no particular order: take the min and the max, or use eigvalsh, "
                         "which sorts them", unsorted),
            "ratio": ("mu / L = 1 / kappa: the rate is 1 - mu / L", lambda: mu / L),
            "kappa": ("L / mu, the condition number: the rate is 1 - mu / L", lambda: L / mu),
            "swapped": ("1 - L / mu: mu is the smallest eigenvalue, L the largest (np.linalg.eig "
                        "and eigvals return them in no particular order, here the largest "
                        "first; eigvalsh sorts them in ascending order)", lambda: 1 - L / mu),
            "second": ("1 - lam[0] / lam[1], the second-smallest eigenvalue as L: L is the "
                       "largest, lam[-1]", lambda: 1 - lam[0] / lam[1]),
            "optimal": ("(L - mu) / (L + mu), the rate with lr = 2 / (mu + L): with lr = 1/L it "
                        "is 1 - mu / L", lambda: (L - mu) / (L + mu)),
            "sqrt": ("1 - sqrt(mu / L), the accelerated rate of momentum: gradient descent's is "
                     "1 - mu / L", lambda: 1 - np.sqrt(mu / L)),
            "squared": ("(1 - mu / L)^2, the rate of f(w) - f*: the error w - w* shrinks by "
                        "1 - mu / L", lambda: (1 - mu / L) ** 2),
            "frobenius": ("1 - mu / ||A||_F: L is the largest eigenvalue, not the Frobenius "
                          "norm", lambda: 1 - mu / np.linalg.norm(A)),
        },
    )


def _expect_rate(sub, A, want, name):
    expect_close(sub.gd_rate(A), want, name=name, rtol=RTOL, atol=ATOL, diagnose=_diagnose(A))


@check("q3", points=1)
def test_rates_of_small_matrices_that_are_not_diagonal(sub):
    """[[2, 1], [1, 2]] has eigenvalues 1 and 3 (rate 2/3), [[5, -3], [-3, 5]] has 2 and 8
    (rate 0.75), the tridiagonal [[2, 1, 0], [1, 2, 1], [0, 1, 2]] has 2 - sqrt 2, 2 and
    2 + sqrt 2 (rate 2 sqrt 2 - 2), and 3 I has rate 0 (one step lands on the minimum)."""
    _expect_rate(sub, np.array([[2.0, 1.0], [1.0, 2.0]]), 2 / 3, "gd_rate([[2, 1], [1, 2]])")
    _expect_rate(sub, np.array([[5.0, -3.0], [-3.0, 5.0]]), 0.75, "gd_rate([[5, -3], [-3, 5]])")
    T = np.array([[2.0, 1.0, 0.0], [1.0, 2.0, 1.0], [0.0, 1.0, 2.0]])
    _expect_rate(sub, T, 2 * np.sqrt(2) - 2, "gd_rate of the 3x3 tridiagonal matrix")
    _expect_rate(sub, 3 * np.eye(3), 0.0, "gd_rate(3 I)")


@check("q3", points=2, hidden=True)
def test_gd_rate_matches_scipys_eigenvalues(sub, rng):
    """Random symmetric positive definite matrices of sizes 5 and 3, with eigenvalues in no
    particular order and no particular basis: 1 - mu / L from SciPy's eigvalsh."""
    from ._oracles import extreme_eigenvalues

    for d, kappa in [(5, 40.0), (3, 7.0)]:
        mu = rng.uniform(0.2, 1.0)
        eigenvalues = rng.permutation(np.concatenate(
            [[mu, kappa * mu], rng.uniform(1.2 * mu, 0.9 * kappa * mu, d - 2)]))
        A = spd_matrix(rng, eigenvalues)
        mu_, L = extreme_eigenvalues(A)
        _expect_rate(sub, A, 1 - mu_ / L, f"gd_rate of a random {d}x{d} matrix")


@check("q3", points=1, hidden=True)
def test_gradient_descent_contracts_by_the_rate(sub, rng):
    """Gradient descent with lr = 1/L started at w* plus the eigenvector of mu: the error
    shrinks by exactly gd_rate(A) at each step (measured over three steps)."""
    d = 4
    lam = rng.permutation([0.5, 1.3, 2.2, 6.0])
    Q = rotation(rng, d)
    A = (Q * lam) @ Q.T
    A = (A + A.T) / 2
    b = rng.standard_normal(d)
    w_star = np.linalg.solve(A, b)
    v = Q[:, int(np.argmin(lam))]
    w = w_star + 2.0 * v
    L = float(lam.max())
    errors = [np.linalg.norm(w - w_star)]
    for _ in range(3):
        w = w - (A @ w - b) / L
        errors.append(np.linalg.norm(w - w_star))
    measured = (errors[-1] / errors[0]) ** (1 / 3)
    expect_close(sub.gd_rate(A), measured, name="gd_rate(A) against the measured contraction",
                 rtol=1e-8, atol=1e-10, diagnose=_diagnose(A))
