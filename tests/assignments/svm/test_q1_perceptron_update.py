"""q1: one perceptron step: on a mistake, y (x w + b) <= 0, w + lr y x and b + lr y."""

import numpy as np

from autograder.testing import check, expect_outputs

from ._data import per_output

RTOL, ATOL = 1e-12, 1e-12


def _diagnose(w, b, x, y, lr):
    """Wrong formulas for (w_new, b_new); the keywords of `_step` name the mistakes."""
    def wrong(**kw):
        return lambda: _step(w, b, x, y, lr, **kw)

    out = {
        "strict": ("no update: a point exactly on the boundary, y (x w + b) = 0, is a mistake "
                   "too (<= 0, not < 0); from w = 0 every point is on it", wrong(strict=True)),
        "no_label": ("w + lr x and b + lr: the update moves towards y x, so multiply by the "
                     "label y", wrong(signless=True)),
        "no_b_in_test": ("the mistake decided on y (x w) without the bias: the decision value "
                         "is x w + b", wrong(bias_in_test=False)),
        "always": ("an update although the point is on its correct side: update only when "
                   "y (x w + b) <= 0", wrong(always=True)),
        "no_lr": ("a step of lr = 1: multiply the update by lr", lambda: _step(w, b, x, y, 1.0)),
        "no_bias": ("b unchanged on a mistake: b moves by lr y too", wrong(update_bias=False)),
    }
    diagnose = per_output(out, ("w", "b"))
    # a b left unchanged while w moved is a missing bias update, not a missing update
    diagnose["b"] = per_output({"no_bias": out.pop("no_bias"), **out}, ("w", "b"))["b"]
    return diagnose


def _step(w, b, x, y, lr, *, strict=False, signless=False, always=False, bias_in_test=True,
          update_bias=True):
    """The rule from its definition (public: what the rule and a few mistakes give)."""
    score = float(np.dot(x, w)) + (b if bias_in_test else 0.0)
    label = 1.0 if signless else y
    mistake = always or (y * score < 0 if strict else y * score <= 0)
    if not mistake:
        return np.array(w, dtype=float), float(b)
    return (np.asarray(w, dtype=float) + lr * label * np.asarray(x, dtype=float),
            float(b + (lr * label if update_bias else 0.0)))


def _expect(sub, w, b, x, y, lr, want, fn, *, pass_lr=True):
    got = sub.perceptron_update(w, b, x, y, lr) if pass_lr else sub.perceptron_update(w, b, x, y)
    expect_outputs(got, {"w": want[0], "b": want[1]}, fn=fn, rtol=RTOL, atol=ATOL,
                   diagnose=_diagnose(w, b, x, y, lr))


@check("q1", points=1)
def test_the_first_update_from_zero_happens(sub):
    """From w = 0, b = 0 every point is on the boundary (y (x w + b) = 0), which is a mistake:
    the update gives w = lr y x and b = lr y."""
    w0, x = np.zeros(3), np.array([2.0, -1.0, 0.5])
    _expect(sub, w0, 0.0, x, -1.0, 1.0, (np.array([-2.0, 1.0, -0.5]), -1.0),
            "perceptron_update(zeros(3), 0.0, x, -1.0)", pass_lr=False)
    _expect(sub, w0, 0.0, x, 1.0, 0.5, (np.array([1.0, -0.5, 0.25]), 0.5),
            "perceptron_update(zeros(3), 0.0, x, 1.0, lr=0.5)")


@check("q1", points=1)
def test_a_correct_point_changes_nothing_and_a_mistake_moves_w_towards_y_x(sub):
    """With w = [1, -2, 0.5] and b = 0.5: x = [2, 0.5, 1] has x w + b = 2, so y = +1 changes
    nothing while y = -1 is a mistake (w - lr x, b - lr); x = [1, 1, 1] lies exactly on the
    boundary, a mistake for either label."""
    w, b = np.array([1.0, -2.0, 0.5]), 0.5
    x = np.array([2.0, 0.5, 1.0])
    _expect(sub, w, b, x, 1.0, 1.0, (w, b), "perceptron_update(w, b, x, +1.0) on a correct point")
    _expect(sub, w, b, x, -1.0, 0.25, (np.array([0.5, -2.125, 0.25]), 0.25),
            "perceptron_update(w, b, x, -1.0, lr=0.25) on a mistake")
    on = np.array([1.0, 1.0, 1.0])
    _expect(sub, w, b, on, 1.0, 1.0, (np.array([2.0, -1.0, 1.5]), 1.5),
            "perceptron_update(w, b, x_on_the_boundary, +1.0)")


@check("q1", points=2, hidden=True)
def test_update_on_random_points_matches_the_rule(sub, rng):
    """At a random w and b (d = 4), random points with both labels, some mistakes and some
    correct, with lr = 0.7 and an integer label: each result is the rule's (and the caller's w
    is left unchanged)."""
    d = 4
    w = rng.uniform(0.4, 1.5, d) * rng.choice([-1.0, 1.0], d)
    b = float(rng.uniform(0.5, 1.0))
    for _ in range(2):
        x = rng.standard_normal(d) * 1.5
        while abs(float(x @ w + b)) < 0.2:
            x = rng.standard_normal(d) * 1.5
        for y in (1.0, -1.0):  # one is a mistake, the other a correct point
            what = "mistake" if y * float(x @ w + b) <= 0 else "correct point"
            _expect(sub, w, b, x, y, 0.7, _step(w, b, x, y, 0.7),
                    f"perceptron_update(w, b, x, y, lr=0.7) on a random {what}")
    # an integer label, on a mistake
    x = -np.sign(w) * rng.uniform(0.5, 1.5, d)
    y_int = 1 if x @ w + b <= 0 else -1  # a Python int
    _expect(sub, w, b, x, y_int, 0.7, _step(w, b, x, float(y_int), 0.7),
            "perceptron_update with an integer label")


@check("q1", points=2, hidden=True)
def test_update_on_points_exactly_on_the_boundary(sub, rng):
    """With small-integer w != 0 and b != 0, a point whose side the bias decides (x w = -b / 2)
    follows the rule with lr = 1.5, and points exactly on the boundary x w + b = 0 are mistakes
    for both labels (with the default lr)."""
    d = 3
    w = rng.integers(1, 4, d) * rng.choice([-1.0, 1.0], d)
    w[-1] = rng.choice([-1.0, 1.0])
    b = float(rng.choice([-2.0, 2.0]))
    # x w = -b / 2: the bias puts the point on the side of sign(b)
    x = rng.integers(-3, 4, d).astype(float)
    x[-1] = 0.0
    x[-1] = (-b / 2 - x @ w) / w[-1]
    for y in (1.0, -1.0):
        _expect(sub, w, b, x, y, 1.5, _step(w, b, x, y, 1.5),
                "perceptron_update(w, b, x, y, lr=1.5) on a point whose side the bias decides")
    for _ in range(2):
        x = rng.integers(-3, 4, d).astype(float)
        x[-1] = 0.0
        x[-1] = -(x @ w + b) / w[-1]  # exact: w[-1] = +-1
        for y in (1.0, -1.0):
            _expect(sub, w, b, x, y, 1.0, _step(w, b, x, y, 1.0),
                    "perceptron_update(w, b, x, y) on a point exactly on the boundary",
                    pass_lr=False)
