"""q5: PCA, the top-k eigenvectors of the covariance of the centred data (ddof = 1), sorted by
decreasing eigenvalue, each with its largest-magnitude entry positive."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs

from ._compare import abs_thunk, row_sign_thunk
from ._data import data_with_covariance

RTOL, ATOL = 1e-8, 1e-10
# Orthonormal rows, sign rule applied; the first two have a negative first entry. Not symmetric,
# and neither is V3[[1, 2, 0]], so a transposed answer cannot pass.
V3 = np.array([[-1.0, 8.0, 4.0], [-4.0, -4.0, 7.0], [8.0, -1.0, 4.0]]) / 9.0


def _eig(M):
    """Eigenvalues (decreasing) and eigenvectors (rows) of a symmetric matrix, by NumPy, for
    wrong formulas only (the covariance of data not centred, the correlation matrix); their
    signs do not matter."""
    w, v = np.linalg.eigh(M)
    return w[::-1], v[:, ::-1].T


def _diagnoses(X, k, got, V, variances):
    """Diagnoses of (components, explained_variance) for pca(X, k), given the right components
    V (all d, sorted) and eigenvalues; ``got`` is what the submission returned (wrong formulas
    are matched up to the signs of its vectors)."""
    n, d = X.shape
    centred = X - X.mean(axis=0)
    got_C = got[0] if isinstance(got, (tuple, list)) and len(got) == 2 else None
    got_C = got_C if isinstance(got_C, np.ndarray) and got_C.shape == (k, d) else np.zeros((k, d))
    want_C, want_var = V[:k], variances[:k]
    w_raw, V_raw = _eig(X.T @ X / (n - 1))
    std = centred.std(axis=0, ddof=1)
    w_std, V_std = _eig(centred.T @ centred / (n - 1) / np.outer(std, std))

    def rows_of_eigh():
        vals, vecs = np.linalg.eigh(centred.T @ centred / (n - 1))
        return vecs[np.argsort(vals)[::-1][:k]]

    components = Diagnose(
        wrong_formulas={
            "first_positive": ("the right components with their first entry made positive; "
                               "the contract makes the largest-magnitude entry positive",
                               lambda: want_C * np.where(want_C[:, :1] < 0, -1.0, 1.0)),
            "signs": ("the right components up to their signs: flip each one so that its "
                      "largest-magnitude entry is positive", row_sign_thunk(want_C, got_C)),
            "uncentred": ("the eigenvectors of X^T X / (n - 1) for X not centred: subtract "
                          "the mean of each column first", abs_thunk(lambda: V_raw[:k], got_C)),
            "standardised": ("the eigenvectors of the correlation matrix (the data divided by "
                             "their standard deviations); PCA here uses the covariance",
                             abs_thunk(lambda: V_std[:k], got_C)),
            "smallest": ("the eigenvectors of the k smallest eigenvalues: sort by decreasing "
                         "eigenvalue (np.linalg.eigh returns them increasing)",
                         abs_thunk(lambda: V[::-1][:k], got_C)),
            "reversed": ("the right components in increasing order of their eigenvalues: "
                         "sort by decreasing eigenvalue", abs_thunk(lambda: want_C[::-1], got_C)),
            "rows": ("rows of the matrix of eigenvectors: np.linalg.eigh returns the "
                     "eigenvectors as its columns", abs_thunk(rows_of_eigh, got_C)),
        },
        regions={f"component {j}": j for j in range(k)} if k > 1 else {},
    )
    variance = Diagnose(
        factors={"(n-1)/n": (n - 1) / n, "n-1": n - 1.0},
        hints={"(n-1)/n": "The covariance divides by n - 1 (ddof = 1), not n.",
               "n-1": "The covariance is Xc^T Xc / (n - 1): divide by n - 1."},
        wrong_formulas={
            "uncentred": ("the eigenvalues of X^T X / (n - 1) for X not centred",
                          lambda: w_raw[:k]),
            "standardised": ("the eigenvalues of the correlation matrix",
                             lambda: w_std[:k]),
            "smallest": ("the k smallest eigenvalues, increasing",
                         lambda: variances[::-1][:k]),
            "reversed": ("the right eigenvalues in increasing order", lambda: want_var[::-1]),
            "singular": ("the singular values of the centred data; the eigenvalues of the "
                         "covariance are their squares divided by n - 1",
                         lambda: np.sqrt(want_var * (n - 1))),
        },
    )
    return {"components": components, "explained_variance": variance}


def _expect_pca(sub, X, k, V, variances, label):
    """pca(X, k) against the top k of the components V (all d, sorted) and their variances."""
    V, variances = np.asarray(V, dtype=float), np.asarray(variances, dtype=float)
    got = sub.pca(X, k)
    expect_outputs(got, {"components": V[:k], "explained_variance": variances[:k]},
                   fn=f"pca({label}, k={k})", rtol=RTOL, atol=ATOL,
                   diagnose=_diagnoses(X, k, got, V, variances))


@check("q5", points=1)
def test_pca_on_data_with_known_components(sub, rng):
    """Ten 3-D samples, not centred, built so that their covariance has the eigenvectors
    (-1, 8, 4)/9, (-4, -4, 7)/9, (8, -1, 4)/9 with the eigenvalues 4, 1 and 0.25: the top two
    for k = 2 (both with a negative first entry)."""
    X = data_with_covariance(rng, 10, V3, [4.0, 1.0, 0.25], [1.0, -2.0, 3.0])
    _expect_pca(sub, X, 2, V3, [4.0, 1.0, 0.25], "X")


@check("q5", points=1)
def test_pca_sorts_the_components_by_decreasing_variance(sub, rng):
    """The same directions with the eigenvalues 0.5, 3 and 1.5: k = 3 returns every component,
    sorted by decreasing eigenvalue."""
    X = data_with_covariance(rng, 12, V3, [0.5, 3.0, 1.5], [-3.0, 0.5, 2.0])
    _expect_pca(sub, X, 3, V3[[1, 2, 0]], [3.0, 1.5, 0.5], "X")


@check("q5", points=2, hidden=True)
def test_pca_on_data_with_known_covariance(sub, rng):
    """On random data (n = 30, d = 5, far from centred) built with known eigenvectors and
    well-separated eigenvalues, the top three, one of them with a negative first entry."""
    from ._oracles import pca_problem

    X, V, variances = pca_problem(rng, n=30, d=5, k=3)
    _expect_pca(sub, X, 3, V, variances, "X of shape (30, 5)")


@check("q5", points=2, hidden=True)
def test_pca_matches_scikit_learn(sub, rng):
    """On random correlated data (n = 25, d = 4, not centred), components and explained
    variances match scikit-learn's PCA (with the contract's sign rule), for k = 2 and k = 1."""
    from ._oracles import random_pca_data, sklearn_pca

    X = random_pca_data(rng, n=25, d=4)
    V, variances, *_ = sklearn_pca(X, 4)
    for k in (2, 1):
        _expect_pca(sub, X, k, V, variances, "X of shape (25, 4)")
