"""q9: gradient boosting for the squared loss: F_0 = mean(y), each round a regression stump
fitted to the residuals y - F_{t-1} and F_t = F_{t-1} + lr h_t; row t is F_t on X_test."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import boosting_regression_problem, float32_exact

RTOL, ATOL = 1e-9, 1e-10


def _path(X, y, n_rounds, lr, X_test, init="mean", residuals="update", shrink_train=True,
          lr_on_residuals=False, sign=1.0):
    """Gradient boosting with splits found by trying every one (the contract's by default),
    and the wrong versions the diagnoses name."""
    F0 = float(np.mean(y)) if init == "mean" else 0.0
    F, F_test = np.full(len(y), F0), np.full(len(X_test), F0)
    rows = [F_test.copy()]
    for _ in range(n_rounds):
        r = {"update": sign * (y - F), "first": y - F0, "targets": y}[residuals]
        if lr_on_residuals:
            r = lr * r
        best = None
        for j in range(X.shape[1]):
            v = np.unique(X[:, j])
            for t in (v[:-1] + v[1:]) / 2:
                left = X[:, j] <= t
                sse = np.sum((r[left] - r[left].mean()) ** 2) + np.sum(
                    (r[~left] - r[~left].mean()) ** 2)
                if best is None or sse < best[0]:
                    best = (sse, j, t, r[left].mean(), r[~left].mean())
        _, j, t, a, b = best
        F = F + (lr if shrink_train else 1.0) * np.where(X[:, j] <= t, a, b)
        F_test = F_test + lr * np.where(X_test[:, j] <= t, a, b)
        rows.append(F_test.copy())
    return np.array(rows)


def _diagnose(X, y, n_rounds, lr, X_test):
    def path(**kw):
        return lambda: _path(X, y, n_rounds, lr, X_test, **kw)

    formulas = {
        "zero_init": ("boosting from F_0 = 0: the first prediction is the mean of y",
                      path(init="zero")),
        "lr_train": ("boosting whose training predictions add the whole stump (lr only on "
                     "X_test): F_t = F_{t-1} + lr h_t on the training points too, so that the "
                     "next residuals are y - F_t", path(shrink_train=False)),
        "lr_squared": ("stumps fitted to lr (y - F) and then shrunk by lr again: the learning "
                       "rate scales the step once", path(lr_on_residuals=True)),
        "lr1": ("boosting with learning rate 1: F_t = F_{t-1} + lr h_t",
                lambda: _path(X, y, n_rounds, 1.0, X_test)),
        "stale": ("every stump fitted to y - F_0: the residuals are y - F_{t-1}, updated each "
                  "round", path(residuals="first")),
        "targets": ("every stump fitted to y itself: each round fits the residuals y - F_{t-1}",
                    path(residuals="targets")),
        "sign_residual": ("stumps fitted to F - y: the negative gradient of 1/2 (y - F)^2 is "
                          "y - F", path(sign=-1.0)),
        "no_initial": ("the rows F_1 .. F_T without row 0: the result starts with F_0 = "
                       "mean(y)", lambda: _path(X, y, n_rounds, lr, X_test)[1:]),
        "final": ("the last row F_T only: return every F_t, t = 0..T, one per row",
                  lambda: _path(X, y, n_rounds, lr, X_test)[-1]),
        "train": ("the predictions on the training points X: row t is F_t on X_test",
                  lambda: _path(X, y, n_rounds, lr, X)),
    }
    if lr == 1.0:
        del formulas["lr1"], formulas["lr_train"], formulas["lr_squared"]
    return Diagnose(wrong_formulas=formulas, axis=(0, "round"), transpose=False)


def expect_boosting(got, X, y, n_rounds, lr, X_test, want, name):
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, n_rounds, lr, X_test))


@check("q9", points=1)
def test_two_rounds_on_a_small_example(sub):
    """On x = 0, 1, 2, 3 with y = 1, 2, 6, 7 and lr = 0.5: F_0 = 4, then both rounds split at
    1.5 and move each side halfway to its mean residual, giving 2.75 and 5.25, then 2.125 and
    5.875 (the test point x = 1.5 lies on the left)."""
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1.0, 2.0, 6.0, 7.0])
    X_test = np.array([[-1.0], [1.5], [2.0], [5.0]])
    want = np.array([[4.0, 4.0, 4.0, 4.0],
                     [2.75, 2.75, 5.25, 5.25],
                     [2.125, 2.125, 5.875, 5.875]])
    expect_boosting(sub.gradient_boosting(X, y, 2, 0.5, X_test), X, y, 2, 0.5, X_test, want,
                    "gradient_boosting(X, y, 2, 0.5, X_test)")


@check("q9", points=1)
def test_zero_rounds_and_one_full_step(sub):
    """With no round every test point gets mean(y) = 4.25; one round with lr = 1 adds the
    stump fitted to the residuals, which here predicts the two side means of y (2 and 6.5)."""
    X = np.array([[3.0, 1.0], [1.0, 4.0], [2.0, 0.0], [0.0, 2.0]])
    y = np.array([6.0, 1.0, 7.0, 3.0])
    X_test = np.array([[0.5, 3.0], [2.5, 0.5], [1.0, 2.0]])
    expect_boosting(sub.gradient_boosting(X, y, 0, 0.3, X_test), X, y, 0, 0.3, X_test,
                    np.full((1, 3), 4.25), "gradient_boosting(X, y, 0, 0.3, X_test)")
    want = np.array([[4.25, 4.25, 4.25], [2.0, 6.5, 2.0]])
    expect_boosting(sub.gradient_boosting(X, y, 1, 1.0, X_test), X, y, 1, 1.0, X_test, want,
                    "gradient_boosting(X, y, 1, 1.0, X_test)")


@check("q9", points=3, hidden=True)
def test_gradient_boosting_matches_scikit_learn(sub, rng):
    """On random data (30 points in 3-D with 6 rounds and lr = 0.5; 24 points in 2-D with 4
    rounds and lr = 1) whose every round has a unique best split, the rows are scikit-learn's
    GradientBoostingRegressor(max_depth=1).staged_predict on 9 test points, after the mean."""
    from ._oracles import sklearn_boosting

    for n, d, T, lr in [(30, 3, 6, 0.5), (24, 2, 4, 1.0)]:
        X, y = boosting_regression_problem(rng, n, d, T, lr)
        X_test = float32_exact(rng.uniform(-3.0, 3.0, (9, d)))
        expect_boosting(sub.gradient_boosting(X, y, T, lr, X_test), X, y, T, lr, X_test,
                        sklearn_boosting(X, y, T, lr, X_test),
                        f"gradient_boosting with {T} rounds and lr = {lr} on {n} points")


@check("q9", points=1, hidden=True)
def test_predictions_on_the_training_points(sub, rng):
    """With X_test = X (20 points in 2-D, 5 rounds, lr = 0.3) the rows are the training
    predictions F_t, as scikit-learn's staged_predict gives them after the mean."""
    from ._oracles import sklearn_boosting

    X, y = boosting_regression_problem(rng, 20, 2, 5, 0.3)
    want = sklearn_boosting(X, y, 5, 0.3, X)
    expect_boosting(sub.gradient_boosting(X, y, 5, 0.3, X), X, y, 5, 0.3, X, want,
                    "gradient_boosting(X, y, 5, 0.3, X_test=X)")
