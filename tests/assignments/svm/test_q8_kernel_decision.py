"""q8: the kernel SVM's decision function f(x) = sum_i alpha_i y_i k(x_i, x) + b."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import blame_earlier, overlapping_problem, rings

RTOL, ATOL = 1e-9, 1e-11


def _diagnose(alpha, y_sv, b, K, others=None):
    """Wrong formulas, given the right Gram matrix K (s, m) of the support vectors and the
    points, and ``others``: {key: (description, Gram matrix)} of wrong kernel parameters."""
    f = (alpha * y_sv) @ K + b
    wrong = {
        "no_labels": ("sum alpha_i k(x_i, x) + b without the labels y_i",
                      lambda: alpha @ K + b),
        "minus_b": ("sum alpha_i y_i k(x_i, x) - b: the bias is added", lambda: f - 2 * b),
        "sign_only": ("sign(f(x)), the predicted labels: return the decision values f(x)",
                      lambda: np.sign(f)),
    }
    for key, (text, K_other) in (others or {}).items():
        wrong[key] = (text, lambda K_other=K_other: (alpha * y_sv) @ K_other + b)
    return Diagnose(wrong_formulas=wrong, hints={
        "offset": "Check the bias: f(x) = sum alpha_i y_i k(x_i, x) + b."})


DEFAULTS = ("the kernel with its default parameters: pass degree, gamma and coef0 on to the "
            "kernel")


def _expect(got, want, name, diagnose):
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL, diagnose=diagnose)


@check("q8", points=1)
def test_the_linear_kernel_gives_a_linear_function(sub):
    """With the linear kernel f(x) = x w + b, where w = sum alpha_i y_i x_i = [-1.5, -0.5]
    for these three support vectors."""
    alpha, y_sv = np.array([0.5, 1.0, 1.5]), np.array([1.0, -1.0, 1.0])
    X_sv = np.array([[1.0, 2.0], [2.0, 0.0], [0.0, -1.0]])
    X = np.array([[1.0, 1.0], [2.0, -2.0], [-1.0, 0.0], [0.0, 3.0]])
    _expect(sub.kernel_decision(alpha, y_sv, X_sv, -0.5, X, kernel="linear"),
            X @ np.array([-1.5, -0.5]) - 0.5,
            "kernel_decision(alpha, y_sv, X_sv, -0.5, X, kernel='linear')",
            _diagnose(alpha, y_sv, -0.5, X_sv @ X.T))


@check("q8", points=1)
def test_rbf_by_default_and_a_polynomial_kernel_with_parameters(sub):
    """Two support vectors [0, 0] and [1, 1] with alpha = [2, 1], y = [1, -1] and b = 0.5: by
    default (RBF, gamma = 1) f = 2 exp(-||x||^2) - exp(-||x - [1, 1]||^2) + 0.5; with 'poly',
    degree = 2, gamma = 0.5, coef0 = 1, f is 0.25, -1.5 and -1.5 at the three points."""
    alpha, y_sv = np.array([2.0, 1.0]), np.array([1.0, -1.0])
    X_sv = np.array([[0.0, 0.0], [1.0, 1.0]])
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    sq = np.array([[1.0, 4.0, 2.0], [1.0, 2.0, 0.0]])  # squared distances
    K = np.exp(-sq)
    half = ("the kernel with gamma = 1/d = 1/2 (scikit-learn's default): this assignment's "
            "default is gamma = 1", np.exp(-0.5 * sq))
    _expect(sub.kernel_decision(alpha, y_sv, X_sv, 0.5, X), 2 * K[0] - K[1] + 0.5,
            "kernel_decision(alpha, y_sv, X_sv, 0.5, X)",
            _diagnose(alpha, y_sv, 0.5, K, {"gamma_1_over_d": half}))
    K_poly = np.array([[1.0, 1.0, 1.0], [2.25, 4.0, 4.0]])  # (0.5 x_i.x + 1)^2
    K_poly_defaults = np.array([[1.0, 1.0, 1.0], [8.0, 27.0, 27.0]])  # (x_i.x + 1)^3
    _expect(sub.kernel_decision(alpha, y_sv, X_sv, 0.5, X, kernel="poly", degree=2, gamma=0.5,
                                coef0=1.0), np.array([0.25, -1.5, -1.5]),
            "kernel_decision(..., kernel='poly', degree=2, gamma=0.5, coef0=1)",
            _diagnose(alpha, y_sv, 0.5, K_poly, {"defaults": (DEFAULTS, K_poly_defaults)}))


def _svc_case(sub, rng, X, y, kernel, params, call_params, label):
    """Fit a kernel SVC on (X, y) and compare kernel_decision with its decision_function at
    new points; name q7 when the student's kernel_matrix is wrong on the same points."""
    from ._oracles import kernel_svc, sklearn_kernel

    alpha, y_sv, X_sv, b, decision = kernel_svc(X, y, kernel, **params)
    Xq = 1.2 * rng.standard_normal((9, X.shape[1]))
    got = sub.kernel_decision(alpha, y_sv, X_sv, b, Xq, **call_params)
    kp = {"degree": 3, "gamma": 1.0, "coef0": 1.0,
          **{k: v for k, v in params.items() if k in ("degree", "gamma", "coef0")}}
    K = sklearn_kernel(X_sv, Xq, kernel, **kp)
    others = {"defaults": (DEFAULTS, sklearn_kernel(X_sv, Xq, kernel))}
    if kernel != "linear":
        d = X.shape[1]
        others["gamma_1_over_d"] = (
            f"the kernel with gamma = 1/d = 1/{d} (scikit-learn's default): this assignment's "
            "default is gamma = 1", sklearn_kernel(X_sv, Xq, kernel, **{**kp, "gamma": 1 / d}))
    blame_earlier(sub, lambda: _expect(got, decision(Xq), f"kernel_decision {label}",
                                       _diagnose(alpha, y_sv, b, K, others)),
                  "kernel_matrix", "q7", (X_sv, Xq, kernel, kp["degree"], kp["gamma"],
                                          kp["coef0"]), K)


@check("q8", points=3, hidden=True)
def test_decision_matches_scikit_learn_svc(sub, rng):
    """With the dual coefficients of scikit-learn's SVC fitted on two rings (RBF, gamma = 0.7;
    polynomial, degree 2, gamma = 0.5, coef0 = 1.5) and on overlapping data (linear),
    kernel_decision at new points equals SVC.decision_function."""
    X, y = rings(rng, n=40)
    _svc_case(sub, rng, X, y, "rbf", {"gamma": 0.7}, {"kernel": "rbf", "gamma": 0.7},
              "with the RBF kernel, gamma = 0.7")
    poly = {"degree": 2, "gamma": 0.5, "coef0": 1.5}
    _svc_case(sub, rng, X, y, "poly", poly, {"kernel": "poly", **poly},
              "with a polynomial kernel, degree = 2, gamma = 0.5, coef0 = 1.5")
    X, y = overlapping_problem(rng, n=20, d=3)
    _svc_case(sub, rng, X, y, "linear", {}, {"kernel": "linear"}, "with the linear kernel")


@check("q8", points=2, hidden=True)
def test_decision_with_the_default_kernel_parameters(sub, rng):
    """With the default kernel (RBF, gamma = 1) and with 'poly' and its defaults (degree 3,
    gamma = 1, coef0 = 1), kernel_decision equals the decision_function of SVCs fitted with
    those parameters."""
    X, y = rings(rng, n=30)
    X = 0.6 * X
    _svc_case(sub, rng, X, y, "rbf", {"gamma": 1.0}, {}, "with the default kernel")
    _svc_case(sub, rng, X, y, "poly", {"degree": 3, "gamma": 1.0, "coef0": 1.0},
              {"kernel": "poly"}, "with kernel='poly' and its default parameters")
