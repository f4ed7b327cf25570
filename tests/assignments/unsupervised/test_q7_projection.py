"""q7: projection Z = (X - mean) W^T on the components, and reconstruction X_hat = Z W + mean."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import data_with_covariance

RTOL, ATOL = 1e-9, 1e-10
V4 = np.array([[1.0, 2.0, -4.0, 2.0], [2.0, -1.0, 2.0, 4.0], [4.0, -2.0, -1.0, -2.0],
               [-2.0, -4.0, -2.0, 1.0]]) / 5.0  # orthonormal rows


def _diagnose_transform(X, W):
    mean = X.mean(axis=0)
    return Diagnose(
        wrong_formulas={
            "uncentred": ("X W^T for X not centred: subtract the mean of each column first",
                          lambda: X @ W.T),
            "rowmean": ("the data centred with the mean of each row (axis=1); centre each "
                        "column (axis=0)", lambda: (X - X.mean(axis=1, keepdims=True)) @ W.T),
            "standardised": ("the data divided by their standard deviations before the "
                             "projection; only centre them",
                             lambda: ((X - mean) / X.std(axis=0, ddof=1)) @ W.T),
            "minus": ("(mean - X) W^T: the sign of the centring is reversed",
                      lambda: (mean - X) @ W.T),
        },
        axis=(1, "component"),
        transpose=False,
    )


def _diagnose_reconstruct(Z, W, mean):
    return Diagnose(
        wrong_formulas={
            "nomean": ("Z W without the mean: add the mean back", lambda: Z @ W),
            "minus": ("Z W - mean: the mean is added back, not subtracted",
                      lambda: Z @ W - mean),
        },
        axis=(1, "feature"),
        transpose=False,
    )


@check("q7", points=1)
def test_projection_on_data_with_known_components(sub, rng):
    """Eight 4-D samples with column means (2, -1, 0.5, 3), projected on two orthonormal
    directions: Z = (X - mean) W^T."""
    mean = np.array([2.0, -1.0, 0.5, 3.0])
    X = data_with_covariance(rng, 8, V4, [5.0, 2.5, 1.5, 1.0], mean)
    W = V4[:2]
    expect_close(sub.pca_transform(X, W), (X - mean) @ W.T, name="pca_transform(X, components)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose_transform(X, W))


@check("q7", points=1)
def test_reconstruction_on_a_small_example(sub):
    """Three coordinates along (0.6, 0.8), mean (1, -1): X_hat = Z W + mean, row by row
    (2.2, 0.6), (0.4, -1.8) and (1.3, -0.6)."""
    Z = np.array([[2.0], [-1.0], [0.5]])
    W = np.array([[0.6, 0.8]])
    mean = np.array([1.0, -1.0])
    expect_close(sub.pca_reconstruct(Z, W, mean), [[2.2, 0.6], [0.4, -1.8], [1.3, -0.6]],
                 name="pca_reconstruct(Z, components, mean)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose_reconstruct(Z, W, mean))


@check("q7", points=2, hidden=True)
def test_projection_matches_scikit_learn(sub, rng):
    """On random data (n = 20, d = 5, not centred) the projection on the top three components
    is scikit-learn's PCA.transform (with the contract's signs), and on random orthonormal
    directions it is the centred data times their transpose."""
    from ._oracles import random_pca_data, sklearn_pca

    X = random_pca_data(rng, n=20, d=5)
    W, _, _, model, signs = sklearn_pca(X, 3)
    expect_close(sub.pca_transform(X, W), model.transform(X) * signs,
                 name="pca_transform(X, components) for the top 3 components of X (20, 5)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose_transform(X, W))
    Q, _ = np.linalg.qr(rng.standard_normal((5, 2)))
    W2 = Q.T
    want = np.array([[sum((X[i, c] - X[:, c].mean()) * W2[j, c] for c in range(5))
                      for j in range(2)] for i in range(20)])
    expect_close(sub.pca_transform(X, W2), want,
                 name="pca_transform(X, W) for two random orthonormal directions",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose_transform(X, W2))


@check("q7", points=1, hidden=True)
def test_reconstruction_matches_scikit_learn(sub, rng):
    """From scikit-learn's projection on the top two components of random data (n = 15,
    d = 4), the reconstruction is its inverse_transform."""
    from ._oracles import random_pca_data, sklearn_pca

    X = random_pca_data(rng, n=15, d=4)
    W, _, _, model, signs = sklearn_pca(X, 2)
    Z = model.transform(X) * signs
    expect_close(sub.pca_reconstruct(Z, W, model.mean_), model.inverse_transform(Z * signs),
                 name="pca_reconstruct(Z, components, mean) for 2 components of X (15, 4)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose_reconstruct(Z, W, model.mean_))


@check("q7", points=1, hidden=True)
def test_reconstruction_error_is_the_discarded_variance(sub, rng):
    """On data with known eigenvalues (n = 12, d = 5), the squared reconstruction error from
    the top k components is (n - 1) times the sum of the other eigenvalues, for k = 2 and 4;
    with k = d the data come back exactly."""
    from ._oracles import pca_problem

    X, V, variances = pca_problem(rng, n=12, d=5, k=2)
    mean = X.mean(axis=0)
    for k in (2, 4, 5):
        W = V[:k]
        Z = (X - mean) @ W.T
        X_hat = sub.pca_reconstruct(Z, W, mean)
        name = f"pca_reconstruct from the top {k} components of X (12, 5)"
        if k == 5:
            expect_close(X_hat, X, name=name, rtol=RTOL, atol=ATOL,
                         diagnose=_diagnose_reconstruct(Z, W, mean))
            continue
        expect_close(X_hat, Z @ W + mean, name=name, rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose_reconstruct(Z, W, mean))
        expect_close(np.sum((X - X_hat) ** 2), 11 * np.sum(variances[k:]),
                     name=f"the squared reconstruction error with k = {k}", rtol=1e-8,
                     atol=1e-10)
