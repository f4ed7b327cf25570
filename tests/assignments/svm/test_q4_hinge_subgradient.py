"""q4: a subgradient of J: gw = lam w - 1/n sum_{y f < 1} y_i x_i, gb = -1/n sum_{y f < 1} y_i;
a point at the kink (y f = 1 exactly) contributes 0."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, check, expect_outputs, numerical_gradient

from ._data import margins_away_from_one, per_output, subgradient_model

RTOL, ATOL = 1e-10, 1e-12

WRONG = {
    "kink": ("the subgradient that counts the points at the kink, y f(x) = 1 exactly, as "
             "violations: they contribute 0 (only y f(x) < 1 counts, as torch.relu's derivative "
             "at 0)", {"kink": True}),
    "bias": ("a gb with a lam b term: the bias is not regularised", {"reg_bias": True}),
    "sum": ("the subgradient of the SUM of the hinge losses: J's data term is a mean, so "
            "divide by n", {"total": True}),
    "sign": ("+1/n sum y_i x_i: the hinge 1 - y f(x) decreases with y f(x), so its "
             "subgradient is -y_i x_i", {"sign": 1.0}),
    "no_reg": ("the data term without lam w (the gradient of lam/2 ||w||^2)", {"reg": 0.0}),
    "two_lam": ("2 lam w: the derivative of lam/2 ||w||^2 is lam w", {"reg": 2.0}),
    "violators": ("the mean over the violating points only: divide by n, the number of all "
                  "points", {"per_violator": True}),
}


def _diagnose(X, y, w, b, lam):
    return per_output({key: (text, lambda kw=kw: subgradient_model(X, y, w, b, lam, **kw))
                       for key, (text, kw) in WRONG.items()}, ("gw", "gb"))


def _expect(sub, X, y, w, b, lam, want, fn, tolerances=None, labels=None):
    got = sub.hinge_subgradient(X, y if labels is None else labels, w, b, lam)
    expect_outputs(got, {"gw": want[0], "gb": want[1]}, fn=fn, rtol=RTOL, atol=ATOL,
                   diagnose=_diagnose(X, y, w, b, lam), tolerances=tolerances)


@check("q4", points=1)
def test_subgradient_at_the_kink_on_a_small_example(sub):
    """Six integer points with margins 1, 4, 0, -2, -4 and 1 at w = [1, -1], b = 1: only the
    three with margin < 1 count (the two at the kink contribute 0), so with lam = 0.5,
    gw = [5/6, -2/3] and gb = 0.5."""
    X = np.array([[2.0, 2.0], [2.0, -1.0], [0.0, 1.0], [-1.0, -2.0], [3.0, 0.0], [1.0, 1.0]])
    y = np.array([1.0, 1.0, -1.0, -1.0, -1.0, 1.0])
    w = np.array([1.0, -1.0])
    _expect(sub, X, y, w, 1.0, 0.5, (np.array([5 / 6, -2 / 3]), 0.5),
            "hinge_subgradient(X, y, w, 1.0, 0.5) with two points at the kink")


@check("q4", points=1)
def test_away_from_the_kink_the_subgradient_is_the_gradient(sub, rng):
    """Where no margin is 1 (all at least 0.05 away), J is differentiable and (gw, gb) match
    central differences of J with respect to w and b (step 1e-6)."""
    X, y, w, b = margins_away_from_one(rng, n=10, d=3)
    lam = 0.3

    def J(v, c):
        return 0.5 * lam * v @ v + np.mean(np.maximum(0.0, 1.0 - y * (X @ v + c)))

    want = (numerical_gradient(lambda v: J(v, b), w),
            float(numerical_gradient(lambda c: J(w, float(c[0])), np.array([b]))[0]))
    _expect(sub, X, y, w, b, lam, want, "hinge_subgradient(X, y, w, b, 0.3) away from the kink",
            tolerances={"gw": (FD_RTOL, FD_ATOL), "gb": (FD_RTOL, FD_ATOL)})


@check("q4", points=2, hidden=True)
def test_subgradient_matches_autograd_and_finite_differences(sub, rng):
    """On random overlapping problems with no margin at 1 (n = 12, d = 3, lam = 0.2; n = 9,
    d = 4, lam = 1.3 with integer labels), (gw, gb) match PyTorch autograd through relu and
    central differences of J."""
    from ._oracles import hinge_loss_torch, subgradient_torch

    for n, d, lam, integer in [(12, 3, 0.2, False), (9, 4, 1.3, True)]:
        X, y, w, b = margins_away_from_one(rng, n=n, d=d)
        labels = y.astype(np.int64) if integer else None
        name = f"hinge_subgradient on a random ({n}, {d}) problem" + (
            " with integer labels" if integer else "")
        _expect(sub, X, y, w, b, lam, subgradient_torch(X, y, w, b, lam), name, labels=labels)
        fd = numerical_gradient(lambda p, X=X, y=y, lam=lam: hinge_loss_torch(
            X, y, p[:-1], p[-1], lam), np.append(w, b))
        _expect(sub, X, y, w, b, lam, (fd[:-1], float(fd[-1])),
                name + " (finite differences)", labels=labels,
                tolerances={"gw": (FD_RTOL, FD_ATOL), "gb": (FD_RTOL, FD_ATOL)})


@check("q4", points=3, hidden=True)
def test_points_at_the_kink_contribute_zero(sub, rng):
    """On random integer data where three margins are exactly 1 (n = 9, d = 3, lam = 0.25,
    b != 0), (gw, gb) match PyTorch autograd through relu(1 - m), whose
    derivative at the kink is 0."""
    from ._data import kink_problem
    from ._oracles import subgradient_torch

    for _ in range(2):
        X, y, w, b, _ = kink_problem(rng, n=9, d=3, n_kink=3)
        _expect(sub, X, y, w, b, 0.25, subgradient_torch(X, y, w, b, 0.25),
                "hinge_subgradient on integer data with three margins exactly 1")
