"""q2: training the perceptron from zeros, epochs in index order, until an epoch without an
update or max_epochs epochs; (w, b, n_updates)."""

import numpy as np

from autograder.testing import check, expect_outputs, fail, once

from ._data import overlapping_problem, per_output, separable_problem

RTOL, ATOL = 1e-10, 1e-10

# Six points of the plane separated by x1 - 2 x2 + 0.5 = 0; from zeros the perceptron makes
# 5 updates in its first two epochs, 1 in the third and none in the fourth.
HAND_X = np.array([[2.0, 1.0], [3.0, -1.0], [-1.0, 2.0], [-3.0, -2.0], [-2.0, -1.0],
                   [-2.0, 2.0]])
HAND_Y = np.array([1.0, 1.0, -1.0, 1.0, 1.0, -1.0])


def _diagnose(X, y, lr, max_epochs):
    """Wrong formulas for (w, b, n_updates), from the hidden oracle's loop (hidden checks)."""
    from ._oracles import perceptron_loop

    def run(**kw):
        return once(lambda: perceptron_loop(X, y, lr, max_epochs, **kw))

    wrong = {
        "strict": ("w = 0 and b = 0, no update at all: from w = 0 every point is on the "
                   "boundary, y (x w + b) = 0, which is a mistake (<= 0, not < 0)",
                   run(strict=True)),
        "order": ("the samples visited in reverse order: an epoch visits i = 0, 1, ..., n - 1",
                  run(order=range(len(y) - 1, -1, -1))),
        "extra_epoch": (f"{max_epochs + 1} epochs instead of max_epochs = {max_epochs}",
                        run(extra_epoch=True)),
        "epochs": ("the number of epochs, not of updates", run(count="epochs")),
        "last": ("the number of updates in the last epoch only: n_updates is the total over "
                 "all epochs", run(count="last")),
    }

    return per_output(wrong, ("w", "b", "n_updates"))


def _stuck_at_zero(d):
    """What a perceptron that never updates returns (public checks' diagnosis)."""
    text = ("w = 0 and b = 0, no update at all: from w = 0 every point is on the boundary, "
            "y (x w + b) = 0, which is a mistake (<= 0, not < 0)")
    return per_output({"strict": (text, lambda: (np.zeros(d), 0.0))}, ("w", "b"))


def _expect(sub, X, y, want, fn, *, lr=None, max_epochs=None, diagnose=None):
    if lr is None and max_epochs is None:
        got = sub.train_perceptron(X, y)
    else:
        got = sub.train_perceptron(X, y, lr, max_epochs)
    expect_outputs(got, {"w": want[0], "b": want[1], "n_updates": want[2]}, fn=fn, rtol=RTOL,
                   atol=ATOL, exact=("n_updates",), diagnose=diagnose)
    return got


@check("q2", points=1)
def test_training_on_a_small_separable_example(sub):
    """On six points of the plane, with the defaults: w = [1, -3], b = 4 after 6 updates, and
    every point strictly on its side; with lr = 0.5 and max_epochs = 2: w = [-0.5, -2],
    b = 1.5 after 5 updates."""
    w, b, _ = _expect(sub, HAND_X, HAND_Y, (np.array([1.0, -3.0]), 4.0, 6),
                      "train_perceptron(X, y) on six points", diagnose=_stuck_at_zero(2))
    if not np.all(HAND_Y * (HAND_X @ w + b) > 0):
        fail("train_perceptron(X, y): some point is not strictly on its side.", "value")
    _expect(sub, HAND_X, HAND_Y, (np.array([-0.5, -2.0]), 1.5, 5),
            "train_perceptron(X, y, lr=0.5, max_epochs=2) on six points", lr=0.5, max_epochs=2)


@check("q2", points=1)
def test_training_stops_after_max_epochs_on_data_no_line_separates(sub):
    """Five points, the first recorded twice with opposite labels: no line separates them, so
    training runs max_epochs epochs (4, 6 and 8 updates after 1, 2 and 3 epochs)."""
    X = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, 1.0], [1.0, 2.0], [0.0, -2.0]])
    y = np.array([1.0, -1.0, 1.0, -1.0, 1.0])
    for epochs, updates in [(1, 4), (2, 6), (3, 8)]:
        _expect(sub, X, y, (np.array([-1.0, -0.5]), 0.0, updates),
                f"train_perceptron(X, y, lr=0.5, max_epochs={epochs})", lr=0.5,
                max_epochs=epochs)


@check("q2", points=3, hidden=True)
def test_training_matches_scikit_learn_on_separable_data(sub, rng):
    """On random separable data (n = 20, d = 3) with the defaults and with lr = 0.3, w and b
    are scikit-learn's Perceptron(shuffle=False, tol=None) and n_updates a loop's count; every
    point ends strictly on its side."""
    from ._oracles import perceptron_loop, sklearn_perceptron

    X, y = separable_problem(rng, n=20, d=3, margin=0.3)
    for lr in (None, 0.3):
        coef, intercept = sklearn_perceptron(X, y, 1.0 if lr is None else lr, 100)
        n_updates = perceptron_loop(X, y, 1.0 if lr is None else lr, 100)[2]
        name = "train_perceptron(X, y" + ("" if lr is None else ", lr=0.3, max_epochs=100") + ")"
        w, b, _ = _expect(sub, X, y, (coef, intercept, n_updates),
                          f"{name} on random separable data", lr=lr,
                          max_epochs=None if lr is None else 100,
                          diagnose=_diagnose(X, y, 1.0 if lr is None else lr, 100))
        if not np.all(y * (X @ w + b) > 0):
            fail(f"{name}: some point is not strictly on its side.", "value")


@check("q2", points=2, hidden=True)
def test_training_with_few_epochs_on_data_no_line_separates(sub, rng):
    """On random overlapping data (n = 15, d = 2) with lr = 0.7 and max_epochs = 3, w and b are
    scikit-learn's Perceptron(shuffle=False, tol=None, max_iter=3) and n_updates a loop's
    count."""
    from ._oracles import perceptron_loop, sklearn_perceptron

    X, y = overlapping_problem(rng, n=15, d=2)
    coef, intercept = sklearn_perceptron(X, y, 0.7, 3)
    _expect(sub, X, y, (coef, intercept, perceptron_loop(X, y, 0.7, 3)[2]),
            "train_perceptron(X, y, lr=0.7, max_epochs=3) on overlapping data", lr=0.7,
            max_epochs=3, diagnose=_diagnose(X, y, 0.7, 3))


@check("q2", points=1, hidden=True)
def test_training_with_integer_labels(sub, rng):
    """With labels given as an integer array, training on random separable data (n = 12,
    d = 2) gives scikit-learn's w and b and the loop's n_updates, as with float labels."""
    from ._oracles import perceptron_loop, sklearn_perceptron

    X, y = separable_problem(rng, n=12, d=2, margin=0.25)
    y_int = y.astype(np.int64)
    coef, intercept = sklearn_perceptron(X, y, 1.0, 100)
    _expect(sub, X, y_int, (coef, intercept, perceptron_loop(X, y, 1.0, 100)[2]),
            "train_perceptron(X, y_int) with integer labels",
            diagnose=_diagnose(X, y, 1.0, 100))
