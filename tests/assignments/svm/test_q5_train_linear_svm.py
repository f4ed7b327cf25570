"""q5: subgradient descent on J from w = 0, b = 0: n_iters steps w - lr gw, b - lr gb."""

import numpy as np

from autograder.testing import check, expect_outputs, fail, once

from ._data import blame_earlier, overlapping_problem, per_output

RTOL, ATOL = 1e-9, 1e-11


def _diagnose(X, y, lam, lr, n_iters):
    """Wrong paths, from the hidden oracle's NumPy iteration (hidden checks)."""
    from ._oracles import svm_path_np

    def path(steps=n_iters, **kw):
        return once(lambda: svm_path_np(X, y, lam, lr, steps, **kw))

    wrong = {
        "decay": ("steps of lr / sqrt(t + 1): the learning rate is constant", path(decay=True)),
        "no_bias": ("b never updated: b moves by -lr gb at every step", path(update_bias=False)),
        "ascent": ("steps w + lr gw (uphill): subtract the subgradient", path(sign=1.0)),
        "ones": ("a start from w = 1, b = 1: start from zeros", path(start=1.0)),
        "extra": (f"{n_iters + 1} steps instead of n_iters = {n_iters}", path(n_iters + 1)),
        "fewer": (f"{n_iters - 1} steps instead of n_iters = {n_iters}", path(n_iters - 1)),
        "sequential": ("gb taken at the already updated w: compute (gw, gb) at the same point, "
                       "then update both", path(sequential=True)),
    }

    return per_output(wrong, ("w", "b"))


def _expect(sub, X, y, lam, lr, n_iters, want, fn, *, labels=None):
    """(w, b) from the student's training against ``want``, with the usual wrong paths named,
    and q4 named when the student's hinge_subgradient is wrong on the same data."""
    from ._oracles import subgradient_torch

    got = sub.train_linear_svm(X, y if labels is None else labels, lam, lr, n_iters)
    w, b = np.linspace(-0.5, 0.5, X.shape[1]), 0.25
    blame_earlier(sub, lambda: expect_outputs(
        got, {"w": want[0], "b": want[1]}, fn=fn, rtol=RTOL, atol=ATOL,
        diagnose=_diagnose(X, y, lam, lr, n_iters)),
        "hinge_subgradient", "q4", (X, y, w, b, lam), subgradient_torch(X, y, w, b, lam))
    return got


@check("q5", points=1)
def test_no_step_and_one_step_from_zero(sub, rng):
    """With n_iters = 0 the result is w = 0, b = 0; after one step from zeros every margin is
    0 < 1, so w = lr X^T y / n and b = lr mean(y)."""
    X, y = overlapping_problem(rng, n=10, d=3)
    step = (0.5 * X.T @ y / 10, 0.5 * np.mean(y))
    wrong = {"extra": ("one step, taken although n_iters = 0: take exactly n_iters steps "
                       "(range(n_iters))", lambda: step),
             "ones": ("a start from w = 1, b = 1: start from zeros", lambda: (np.ones(3), 1.0))}
    expect_outputs(sub.train_linear_svm(X, y, 0.3, 0.5, 0), {"w": np.zeros(3), "b": 0.0},
                   fn="train_linear_svm(X, y, 0.3, 0.5, 0)", rtol=RTOL, atol=ATOL,
                   diagnose=per_output(wrong, ("w", "b")))
    expect_outputs(sub.train_linear_svm(X, y, 0.3, 0.5, 1), {"w": step[0], "b": step[1]},
                   fn="train_linear_svm(X, y, 0.3, 0.5, 1)", rtol=RTOL, atol=ATOL)


@check("q5", points=1)
def test_two_steps_on_a_small_example(sub):
    """Four points, lam = 0.5, lr = 0.5: one step gives w = [0.5, 0.3125], b = 0, after which
    the first point is beyond the margin; the second step gives w = [0.75, 0.296875] and
    b = -0.125."""
    X = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, 0.5], [0.0, -2.0]])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    for n_iters, want in [(1, (np.array([0.5, 0.3125]), 0.0)),
                          (2, (np.array([0.75, 0.296875]), -0.125))]:
        expect_outputs(sub.train_linear_svm(X, y, 0.5, 0.5, n_iters),
                       {"w": want[0], "b": want[1]},
                       fn=f"train_linear_svm(X, y, 0.5, 0.5, {n_iters})", rtol=RTOL, atol=ATOL)


@check("q5", points=3, hidden=True)
def test_a_few_steps_match_autograd_subgradient_descent(sub, rng):
    """On random overlapping problems, 8 steps (lam = 0.2, lr = 0.3) and 5 steps (lam = 0.05,
    lr = 1.5, integer labels) match subgradient descent with PyTorch autograd's subgradient of
    J at every step."""
    from ._oracles import svm_path_torch

    for n, d, lam, lr, n_iters, integer in [(16, 3, 0.2, 0.3, 8, False),
                                            (12, 2, 0.05, 1.5, 5, True)]:
        X, y = overlapping_problem(rng, n=n, d=d)
        labels = y.astype(np.int64) if integer else None
        _expect(sub, X, y, lam, lr, n_iters, svm_path_torch(X, y, lam, lr, n_iters),
                f"train_linear_svm(X, y, {lam}, {lr}, {n_iters}) on a random ({n}, {d}) problem"
                + (" with integer labels" if integer else ""), labels=labels)


@check("q5", points=2, hidden=True)
def test_a_long_run_approaches_the_svm_optimum(sub, rng):
    """After 500 steps (lam = 0.1, lr = 0.2, n = 30, d = 3) the result matches the iteration
    written with NumPy, and J is within 5% above its minimum, the value at scikit-learn's
    linear SVC with C = 1 / (lam n)."""
    from ._oracles import linear_svc, svm_path_np

    lam, lr, n_iters = 0.1, 0.2, 500
    X, y = overlapping_problem(rng, n=30, d=3)
    w, b = _expect(sub, X, y, lam, lr, n_iters, svm_path_np(X, y, lam, lr, n_iters),
                   f"train_linear_svm(X, y, {lam}, {lr}, {n_iters})")
    optimum = linear_svc(X, y, lam)[2]
    value = 0.5 * lam * w @ w + np.mean(np.maximum(0.0, 1.0 - y * (X @ w + b)))
    if not optimum * (1 - 1e-6) <= value <= optimum * 1.05:
        fail(f"After {n_iters} steps J is {value / optimum - 1:.1%} away from its minimum "
             "(tolerance: 5% above it).", "kkt")
