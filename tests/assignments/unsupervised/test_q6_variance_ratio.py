"""q6: the explained variance ratio, the top-k eigenvalues of the covariance over the sum of all
d of them."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import data_with_covariance

RTOL, ATOL = 1e-9, 1e-12
V4 = np.array([[1.0, 2.0, -4.0, 2.0], [2.0, -1.0, 2.0, 4.0], [4.0, -2.0, -1.0, -2.0],
               [-2.0, -4.0, -2.0, 1.0]]) / 5.0  # orthonormal rows


def _diagnose(X, k, variances):
    """``variances``: every eigenvalue of the covariance, decreasing."""
    n = X.shape[0]
    top, total = variances[:k], np.sum(variances)
    raw = np.linalg.eigvalsh(X.T @ X)[::-1]
    s = np.sqrt(np.maximum(variances, 0.0))
    return Diagnose(
        factors={"total/top-k": total / np.sum(top)},
        hints={"total/top-k": "Divide by the sum of all d eigenvalues (the total variance), "
                              "not by the sum of the top k."},
        wrong_formulas={
            "topk": ("the top-k eigenvalues over their own sum (they add up to 1); divide by "
                     "the sum of all d eigenvalues", lambda: top / np.sum(top)),
            "cumulative": ("the cumulative ratios (np.cumsum); each entry is one component's "
                           "share", lambda: np.cumsum(top) / total),
            "smallest": ("the shares of the k smallest eigenvalues, increasing",
                         lambda: variances[::-1][:k] / total),
            "uncentred": ("the eigenvalues of X^T X for X not centred: subtract the mean of "
                          "each column first", lambda: raw[:k] / np.sum(raw)),
            "singular": ("singular values over their sum; the variances are the squares of "
                         "the singular values (up to the factor 1/(n - 1))",
                         lambda: s[:k] / np.sum(s)),
            "variance": ("the eigenvalues themselves; the ratio divides them by the total "
                         "variance", lambda: top),
            "n": ("the eigenvalues divided by n", lambda: top / n),
        },
        axis=(0, "component"),
    )


@check("q6", points=1)
def test_ratio_on_data_with_known_eigenvalues(sub, rng):
    """Data whose covariance has the eigenvalues 5, 2.5, 1.5 and 1 (total 10): the ratios of
    the top two are 0.5 and 0.25."""
    variances = np.array([5.0, 2.5, 1.5, 1.0])
    X = data_with_covariance(rng, 9, V4, variances, [2.0, -1.0, 0.5, 3.0])
    expect_close(sub.explained_variance_ratio(X, 2), [0.5, 0.25],
                 name="explained_variance_ratio(X, 2)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, 2, variances))


@check("q6", points=2, hidden=True)
def test_ratio_matches_scikit_learn(sub, rng):
    """On random correlated data (n = 20, d = 6, not centred), for k = 3 < d and k = d, the
    ratios are scikit-learn's explained_variance_ratio_."""
    from ._oracles import random_pca_data, sklearn_pca

    X = random_pca_data(rng, n=20, d=6)
    _, variances, ratios, *_ = sklearn_pca(X, 6)
    for k in (3, 6):
        expect_close(sub.explained_variance_ratio(X, k), ratios[:k],
                     name=f"explained_variance_ratio(X, {k}) for X of shape (20, 6)",
                     rtol=RTOL, atol=ATOL, diagnose=_diagnose(X, k, variances))


@check("q6", points=1, hidden=True)
def test_ratio_with_fewer_samples_than_features(sub, rng):
    """With n = 5 samples in d = 7 dimensions (rank 4), the top-2 ratios are the squared
    singular values of the centred data over their sum (NumPy's SVD)."""
    from ._oracles import random_pca_data, svd_ratio

    X = random_pca_data(rng, n=5, d=7)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    variances = np.concatenate([s**2 / 4, np.zeros(7 - len(s))])
    expect_close(sub.explained_variance_ratio(X, 2), svd_ratio(X, 2),
                 name="explained_variance_ratio(X, 2) for X of shape (5, 7)", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(X, 2, variances))
