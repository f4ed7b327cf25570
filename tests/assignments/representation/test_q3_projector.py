"""q3: the orthogonal projector V V^T onto the span of the top-k principal directions (the
eigenvectors of the covariance of the centred data): basis- and sign-free."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import data_with_covariance, random_orthonormal
from ._models import covariance, projector, top_eigenvectors

RTOL, ATOL = 1e-8, 1e-10
# Orthonormal columns, none symmetric to another, so a transposed answer cannot pass.
V3 = np.array([[-1.0, 8.0, 4.0], [-4.0, -4.0, 7.0], [8.0, -1.0, 4.0]]).T / 9.0


def diagnose(X, k):
    """Diagnoses of pca_projector(X, k)."""
    d = X.shape[1]
    C = covariance(X)

    def proj(C, k=k, smallest=False):
        return lambda: projector(top_eigenvectors(C, k, smallest=smallest))

    def weighted():
        w, V = np.linalg.eigh(C)
        top = np.argsort(w)[::-1][:k]
        return (V[:, top] * w[top]) @ V[:, top].T

    def rows_of_eigh():
        w, V = np.linalg.eigh(C)
        rows = V[np.argsort(w)[::-1][:k]]  # (k, d): rows, not eigenvectors
        return rows.T @ rows

    formulas = {
        "uncentred": ("the projector for X^T X / (n - 1) with X not centred: subtract the mean "
                      "of each column first", proj(covariance(X, centre="none"))),
        "row_mean": ("the projector for the data centred by the mean of each row (axis=1); "
                     "centre each column (axis=0)", proj(covariance(X, centre="rows"))),
        "standardised": ("the projector for the correlation matrix (the data divided by their "
                         "standard deviations); PCA here uses the covariance",
                         proj(covariance(X, standardise=True))),
        "smallest": ("the projector onto the eigenvectors of the k smallest eigenvalues: "
                     "np.linalg.eigh returns the eigenvalues in increasing order",
                     proj(C, smallest=True)),
        "complement": ("I - V V^T, the projector onto the discarded directions",
                       lambda: np.eye(d) - projector(top_eigenvectors(C, k))),
        "weighted": ("V diag(lambda) V^T, the rank-k part of the covariance: the projector has "
                     "no eigenvalues in it, P = V V^T", weighted),
        "rows": ("rows of the matrix of eigenvectors: np.linalg.eigh returns the eigenvectors "
                 "as its columns", rows_of_eigh),
        "more": ("the projector onto the top k + 1 directions", proj(C, k + 1)),
    }
    if k > 1:
        formulas["fewer"] = ("the projector onto the top k - 1 directions", proj(C, k - 1))
    return Diagnose(wrong_formulas=formulas)


def expect_projector(sub, X, k, want, label):
    expect_close(sub.pca_projector(X, k), want, name=f"pca_projector({label}, k={k})",
                 rtol=RTOL, atol=ATOL, diagnose=diagnose(X, k))


@check("q3", points=1)
def test_projector_of_data_with_known_principal_directions(sub, rng):
    """Ten 3-D samples, not centred, built so that their covariance has the eigenvectors
    (-1, -4, 8)/9, (8, -4, -1)/9 and (4, 7, 4)/9 with the eigenvalues 4, 1 and 0.25: for k = 1
    the projector is v1 v1^T, for k = 2 it is I - v3 v3^T."""
    X = data_with_covariance(rng, 10, V3, [4.0, 1.0, 0.25], [1.0, -2.0, 3.0])
    v1, v3 = V3[:, 0], V3[:, 2]
    expect_projector(sub, X, 1, np.outer(v1, v1), "X")
    expect_projector(sub, X, 2, np.eye(3) - np.outer(v3, v3), "X")


@check("q3", points=1)
def test_projector_when_the_top_directions_are_not_the_first_columns(sub, rng):
    """Twelve 4-D samples far from centred whose covariance has random orthonormal
    eigenvectors with the eigenvalues 0.5, 6, 0.1 and 2 (in that column order): for k = 2
    the projector is onto the second and fourth."""
    V = random_orthonormal(rng, 4)
    X = data_with_covariance(rng, 12, V, [0.5, 6.0, 0.1, 2.0], [10.0, -5.0, 3.0, 8.0])
    expect_projector(sub, X, 2, projector(V[:, [1, 3]]), "X")


@check("q3", points=2, hidden=True)
def test_projector_matches_scikit_learn(sub, rng):
    """On random correlated data (n = 15, d = 5, k = 2; n = 8, d = 6, k = 3), not centred, the
    projector is C^T C for the components C of scikit-learn's PCA."""
    from ._oracles import projector_sklearn

    for n, d, k in [(15, 5, 2), (8, 6, 3)]:
        X = correlated_data(rng, n, d, k)
        expect_projector(sub, X, k, projector_sklearn(X, k), f"X of shape ({n}, {d})")


@check("q3", points=2, hidden=True)
def test_projector_of_data_with_known_covariance(sub, rng):
    """On data (n = 20, d = 6) with column means far from 0, built with random orthonormal
    eigenvectors and eigenvalues in shuffled order, the projector for k = 3 is onto the three
    directions of largest variance (and for k = 1 onto the top one)."""
    V = random_orthonormal(rng, 6)
    variances = rng.permutation([8.0, 4.5, 2.5, 1.2, 0.6, 0.3])
    X = data_with_covariance(rng, 20, V, variances, rng.uniform(-30.0, 30.0, 6))
    order = np.argsort(variances)[::-1]
    for k in (3, 1):
        expect_projector(sub, X, k, projector(V[:, order[:k]]), "X of shape (20, 6)")


def correlated_data(rng, n, d, k):
    """Random correlated data, not centred, whose covariance has a relative gap of at least
    0.2 between the k-th and (k+1)-th eigenvalues (so the subspace is well defined)."""
    while True:
        A = rng.standard_normal((d, d)) * np.linspace(2.0, 0.5, d)[:, None]
        X = rng.standard_normal((n, d)) @ A + rng.uniform(-4.0, 4.0, d)
        w = np.sort(np.linalg.eigvalsh(covariance(X)))[::-1]
        if (w[k - 1] - w[k]) / w[k - 1] > 0.2:
            return X
