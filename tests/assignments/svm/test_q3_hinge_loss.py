"""q3: the soft-margin objective J(w, b) = lam/2 ||w||^2 + mean of max(0, 1 - y (x w + b))."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

RTOL, ATOL = 1e-10, 1e-12


def _hinge(X, y, w, b, lam, *, total=False, reg_bias=False, half=True, hinge="max",
           label=True, norm_squared=True):
    """J, and what a mistake computes instead (a sum, a penalised bias, ...)."""
    f = X @ w + b
    m = y * f if label else f
    losses = {"max": np.maximum(0.0, 1.0 - m), "none": 1.0 - m,
              "squared": np.maximum(0.0, 1.0 - m) ** 2}[hinge]
    data = losses.sum() if total else losses.mean()
    penalty = w @ w if norm_squared else np.linalg.norm(w)
    if reg_bias:
        penalty = penalty + b * b
    return float((0.5 if half else 1.0) * lam * penalty + data)


def _diagnose(X, y, w, b, lam):
    def wrong(**kw):
        return lambda: _hinge(X, y, w, b, lam, **kw)

    return Diagnose(
        wrong_formulas={
            "sum": ("lam/2 ||w||^2 plus the SUM of the hinge losses: the data term is their "
                    "mean (so that C = 1 / (lam n))", wrong(total=True)),
            "bias": ("lam/2 (||w||^2 + b^2): the bias is not regularised",
                     wrong(reg_bias=True)),
            "half": ("lam ||w||^2 without the 1/2", wrong(half=False)),
            "no_max": ("the mean of 1 - y (x w + b) without max(0, .): a point beyond the "
                       "margin costs 0, not a negative amount", wrong(hinge="none")),
            "no_label": ("max(0, 1 - (x w + b)) without the label y: the margin is y (x w + b)",
                         wrong(label=False)),
            "squared": ("the squared hinge max(0, 1 - y f)^2: the hinge is not squared",
                        wrong(hinge="squared")),
            "norm": ("lam/2 ||w|| (the norm, not its square)", wrong(norm_squared=False)),
        },
    )


# Five points of the plane; at w = [0.5, -1], b = 0.5 their margins y (x w + b) are
# 1, 2.5, 0.5, -2.5 and 1: hinge losses 0, 0, 0.5, 3.5, 0.
HAND_X = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, 0.5], [0.0, -2.0], [3.0, 1.0]])
HAND_Y = np.array([-1.0, 1.0, -1.0, -1.0, 1.0])


@check("q3", points=1)
def test_hinge_loss_on_a_small_example(sub):
    """J(0, 0) = 1 (every margin is 0, every hinge loss 1); at w = [0.5, -1], b = 0.5 with
    lam = 0.2 the margins are 1, 2.5, 0.5, -2.5 and 1, so J = 0.125 + 0.8 = 0.925."""
    X, y = HAND_X, HAND_Y
    expect_close(sub.hinge_loss(X, y, np.zeros(2), 0.0, 0.2), 1.0,
                 name="hinge_loss(X, y, zeros(2), 0.0, 0.2)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, np.zeros(2), 0.0, 0.2))
    w = np.array([0.5, -1.0])
    expect_close(sub.hinge_loss(X, y, w, 0.5, 0.2), 0.125 + 0.8,
                 name="hinge_loss(X, y, w, 0.5, 0.2)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w, 0.5, 0.2))


@check("q3", points=1)
def test_the_bias_is_not_penalised(sub):
    """With every point beyond the margin at b = -3, J = lam/2 ||w||^2 = 0.5 (no b^2 term);
    at b = 0 the last point's margin is 0.5 and J = 0.5 + 0.125 = 0.625."""
    X = np.array([[3.0, 1.0], [3.0, 0.0], [-1.0, 1.0], [0.0, -1.0]])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    w = np.array([1.5, 0.5])  # lam/2 ||w||^2 = 0.2 * 2.5
    expect_close(sub.hinge_loss(X, y, w, -3.0, 0.4), 0.5, name="hinge_loss(X, y, w, -3.0, 0.4)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(X, y, w, -3.0, 0.4))
    expect_close(sub.hinge_loss(X, y, w, 0.0, 0.4), 0.5 + 0.125,
                 name="hinge_loss(X, y, w, 0.0, 0.4)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w, 0.0, 0.4))


@check("q3", points=2, hidden=True)
def test_hinge_loss_matches_pytorch(sub, rng):
    """On random overlapping problems (n = 14, d = 3 with lam = 0.3; n = 9, d = 5 with
    lam = 0; integer labels with lam = 1.5), J matches lam/2 w.w + torch.relu(1 - m).mean() in
    float64."""
    from ._data import overlapping_problem, parameters
    from ._oracles import hinge_loss_torch

    for n, d, lam, integer in [(14, 3, 0.3, False), (9, 5, 0.0, False), (12, 2, 1.5, True)]:
        X, y = overlapping_problem(rng, n, d)
        w, b = parameters(rng, d)
        labels = y.astype(np.int64) if integer else y
        kind = "integer labels" if integer else f"lam = {lam}"
        expect_close(sub.hinge_loss(X, labels, w, b, lam), hinge_loss_torch(X, y, w, b, lam),
                     name=f"hinge_loss on a random ({n}, {d}) problem with {kind}", rtol=RTOL,
                     atol=ATOL, diagnose=_diagnose(X, y, w, b, lam))


@check("q3", points=2, hidden=True)
def test_hinge_loss_at_the_svm_solution_is_the_dual_optimum(sub, rng):
    """At the solution of scikit-learn's linear SVC with C = 1 / (lam n) (n = 30, d = 3,
    lam = 0.1), J equals lam times SVC's dual objective (strong duality), to 1e-6."""
    from ._data import overlapping_problem
    from ._oracles import hinge_loss_torch, linear_svc

    lam = 0.1
    X, y = overlapping_problem(rng, 30, 3)
    w, b, optimum = linear_svc(X, y, lam)
    name = "hinge_loss at the SVM solution"
    got = sub.hinge_loss(X, y, w, b, lam)
    expect_close(got, hinge_loss_torch(X, y, w, b, lam), name=name, rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w, b, lam))
    expect_close(got, optimum, name=name + " against lam times SVC's dual objective",
                 rtol=1e-6, atol=1e-9)
