"""q7: Gram matrices K[i, j] = k(X[i], Z[j]) of the linear, polynomial and RBF kernels, with
the contract's defaults degree = 3, gamma = 1, coef0 = 1."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

RTOL, ATOL = 1e-10, 1e-12


def _diagnose(X, Z, kernel, degree=3, gamma=1.0, coef0=1.0):
    """Wrong formulas for one kernel's Gram matrix."""
    G = X @ Z.T
    sq = np.sum((X[:, None, :] - Z[None, :, :]) ** 2, axis=2)
    d = X.shape[1]
    rbf = {
        "norm": ("exp(-gamma ||x - z||): the RBF kernel uses the SQUARED distance",
                 lambda: np.exp(-gamma * np.sqrt(sq))),
        "gamma_1_over_d": (f"gamma = 1/d = 1/{d} (scikit-learn's default): this "
                           "assignment's default is gamma = 1",
                           lambda: np.exp(-sq / d)),
        "divide": ("exp(-||x - z||^2 / gamma): gamma multiplies the squared distance",
                   lambda: np.exp(-sq / gamma)),
        "sigma": ("exp(-||x - z||^2 / (2 gamma^2)), the sigma form: here k = "
                  "exp(-gamma ||x - z||^2)", lambda: np.exp(-sq / (2 * gamma**2))),
        "no_minus": ("exp(+gamma ||x - z||^2): the exponent is negative",
                     lambda: np.exp(gamma * sq)),
    }
    poly = {
        "no_coef0": ("(gamma x.z)^degree: coef0 is missing, or 0 by default (scikit-learn "
                     "SVC's default; this assignment's is coef0 = 1)",
                     lambda: (gamma * G) ** degree),
        "no_gamma": ("(x.z + coef0)^degree: gamma is missing", lambda: (G + coef0) ** degree),
        "gamma_1_over_d": (f"gamma = 1/d = 1/{d} (scikit-learn's default): this "
                           "assignment's default is gamma = 1",
                           lambda: (G / d + coef0) ** degree),
        "degree3": ("degree 3 whatever the degree argument", lambda: (gamma * G + coef0) ** 3),
        "coef0_times": ("gamma (x.z + coef0): coef0 is added after gamma multiplies x.z",
                        lambda: (gamma * (G + coef0)) ** degree),
    }
    linear = {"gram_x": ("X X^T: K[i, j] pairs X[i] with Z[j]", lambda: X @ X.T)}
    return Diagnose(wrong_formulas={"rbf": rbf, "poly": poly, "linear": linear}[kernel])


def _expect(got, want, name, X, Z, kernel, **params):
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, Z, kernel, **params))


# Two points X and three points Z in R^3; G = X Z^T and the squared distances.
HAND_X = np.array([[1.0, 2.0, 0.0], [0.5, -1.0, 1.0]])
HAND_Z = np.array([[1.0, 0.0, 1.0], [2.0, 1.0, 0.0], [-1.0, 2.0, -1.0]])
HAND_G = np.array([[1.0, 4.0, 3.0], [1.5, 0.0, -3.5]])
HAND_SQ = np.array([[5.0, 2.0, 5.0], [1.25, 7.25, 15.25]])


@check("q7", points=1)
def test_the_three_kernels_with_their_defaults(sub):
    """For two points X and three points Z in R^3: 'linear' gives X Z^T, 'poly' (x.z + 1)^3 and the
    default kernel, 'rbf', exp(-||x - z||^2) (gamma = 1 and coef0 = 1 by default)."""
    X, Z = HAND_X, HAND_Z
    _expect(sub.kernel_matrix(X, Z, "linear"), HAND_G, "kernel_matrix(X, Z, 'linear')", X, Z,
            "linear")
    _expect(sub.kernel_matrix(X, Z, "poly"), (HAND_G + 1) ** 3, "kernel_matrix(X, Z, 'poly')",
            X, Z, "poly")
    _expect(sub.kernel_matrix(X, Z), np.exp(-HAND_SQ), "kernel_matrix(X, Z)", X, Z, "rbf")


@check("q7", points=1)
def test_kernel_parameters(sub):
    """'poly' with degree = 2, gamma = 0.5, coef0 = 2 gives (0.5 x.z + 2)^2, 'rbf' with
    gamma = 0.25 gives exp(-0.25 ||x - z||^2), and 'linear' ignores gamma."""
    X, Z = HAND_X, HAND_Z
    _expect(sub.kernel_matrix(X, Z, "poly", degree=2, gamma=0.5, coef0=2.0),
            (0.5 * HAND_G + 2) ** 2, "kernel_matrix(X, Z, 'poly', degree=2, gamma=0.5, coef0=2)",
            X, Z, "poly", degree=2, gamma=0.5, coef0=2.0)
    _expect(sub.kernel_matrix(X, Z, "rbf", gamma=0.25), np.exp(-0.25 * HAND_SQ),
            "kernel_matrix(X, Z, 'rbf', gamma=0.25)", X, Z, "rbf", gamma=0.25)
    _expect(sub.kernel_matrix(X, Z, "linear", gamma=5.0), HAND_G,
            "kernel_matrix(X, Z, 'linear', gamma=5)", X, Z, "linear")


@check("q7", points=3, hidden=True)
def test_kernels_match_scikit_learn(sub, rng):
    """On random X (7, 3) and Z (5, 3), the linear, polynomial (degree 2, gamma 0.7, coef0 -0.5;
    degree 4, gamma 0.3, coef0 2) and RBF (gamma 0.4 and 2.5) Gram matrices match
    sklearn.metrics.pairwise."""
    from ._oracles import sklearn_kernel

    X = rng.standard_normal((7, 3)) + np.array([0.5, -0.3, 0.2])
    Z = rng.standard_normal((5, 3)) * 1.3
    for kernel, params in [("linear", {}), ("poly", dict(degree=2, gamma=0.7, coef0=-0.5)),
                           ("poly", dict(degree=4, gamma=0.3, coef0=2.0)),
                           ("rbf", dict(gamma=0.4)), ("rbf", dict(gamma=2.5))]:
        text = ", ".join(f"{k}={v}" for k, v in params.items())
        _expect(sub.kernel_matrix(X, Z, kernel, **params), sklearn_kernel(X, Z, kernel, **params),
                f"kernel_matrix(X, Z, {kernel!r}{', ' if text else ''}{text}) on random data",
                X, Z, kernel, **params)


@check("q7", points=2, hidden=True)
def test_the_defaults_are_the_contracts_not_scikit_learns(sub, rng):
    """With the defaults (kernel 'rbf', degree 3, gamma 1, coef0 1, not scikit-learn's
    gamma = 1/d), the Gram matrices of random X (6, 4) and Z (8, 4), and of X with itself
    (symmetric, ones on the diagonal), match sklearn.metrics.pairwise with those values."""
    from ._oracles import sklearn_kernel

    X = 0.6 * rng.standard_normal((6, 4))
    Z = 0.6 * rng.standard_normal((8, 4)) + 0.2
    _expect(sub.kernel_matrix(X, Z), sklearn_kernel(X, Z, "rbf", gamma=1.0),
            "kernel_matrix(X, Z) with the defaults", X, Z, "rbf")
    _expect(sub.kernel_matrix(X, X), sklearn_kernel(X, X, "rbf", gamma=1.0),
            "kernel_matrix(X, X) with the defaults", X, X, "rbf")
    _expect(sub.kernel_matrix(X, Z, "poly"),
            sklearn_kernel(X, Z, "poly", degree=3, gamma=1.0, coef0=1.0),
            "kernel_matrix(X, Z, 'poly') with the defaults", X, Z, "poly")
