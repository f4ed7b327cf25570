"""q8: learning curves with the test's fit, predict and loss: for each size s, fit on the first
s rows, the training loss on those rows and the validation loss on (X_val, y_val), the calls
exactly as the contract says."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs

from ._calls import (
    Recorder,
    expect_curve_calls,
    mse,
    relative_squared_error,
    ridge_fit,
    ridge_predict,
)
from ._data import regression_rows

OUTPUTS = ("train_loss", "val_loss")
RTOL, ATOL = 1e-10, 1e-12  # the same model on the same rows: only the order of sums may differ


def _diagnose(want):
    train, val = want
    return {
        "train_loss": Diagnose(wrong_formulas={"swapped_outputs": (
            "the validation losses: the tuple is (train_loss, val_loss)", lambda: val)}),
        "val_loss": Diagnose(wrong_formulas={"swapped_outputs": (
            "the training losses: the tuple is (train_loss, val_loss)", lambda: train)}),
    }


def expect_curve(sub, X, y, X_val, y_val, sizes, fit_loss, want, name):
    """Run learning_curve with a recorder of the test's functions; the calls, then the losses
    (``fit_loss``: (fit, predict, loss) of the test's, unrecorded)."""
    rec = Recorder(*fit_loss)
    got = sub.learning_curve(X, y, X_val, y_val, sizes, rec.fit, rec.predict, rec.loss)
    expect_curve_calls(rec, X, y, X_val, y_val, sizes, name)
    expect_outputs(got, dict(zip(OUTPUTS, want, strict=True)), fn=name, rtol=RTOL, atol=ATOL,
                   diagnose=_diagnose(want))


def _by_hand(X, y, X_val, y_val, sizes, loss):
    """The losses of NumPy ridge regression fitted on X[:s]."""
    train, val = [], []
    for s in sizes:
        model = ridge_fit(X[:s], y[:s])
        train.append(loss(y[:s], ridge_predict(model, X[:s])))
        val.append(loss(y_val, ridge_predict(model, X_val)))
    return np.array(train), np.array(val)


@check("q8", points=1)
def test_curve_of_ridge_regression(sub, rng):
    """Nine training rows, five validation rows and sizes [3, 6, 9] with the test's ridge
    regression and MSE: for each s, one fit on X[:s], predictions on X[:s] and on X_val, and
    the two losses."""
    X, y = regression_rows(rng, 14, 2)
    X, y, X_val, y_val = X[:9], y[:9], X[9:], y[9:]
    sizes = [3, 6, 9]
    want = _by_hand(X, y, X_val, y_val, sizes, mse)
    expect_curve(sub, X, y, X_val, y_val, sizes, (ridge_fit, ridge_predict, mse), want,
                 "learning_curve(X, y, X_val, y_val, [3, 6, 9], fit, predict, loss)")


@check("q8", points=1)
def test_curve_with_an_integer_array_of_sizes(sub, rng):
    """Sizes given as the integer array [2, 5] (of 8 training rows) and the loss 1 - R^2,
    which is not symmetric: each loss gets the true values first."""
    X, y = regression_rows(rng, 14, 3)
    X, y, X_val, y_val = X[:8], y[:8], X[8:], y[8:]
    sizes = np.array([2, 5])
    want = _by_hand(X, y, X_val, y_val, sizes, relative_squared_error)
    expect_curve(sub, X, y, X_val, y_val, sizes,
                 (ridge_fit, ridge_predict, relative_squared_error), want,
                 "learning_curve(..., np.array([2, 5]), ...) with the loss 1 - R^2")


@check("q8", points=2, hidden=True)
def test_curve_matches_scikit_learn(sub, rng):
    """With scikit-learn's Ridge and the MSE, 20 training rows, 10 validation rows and sizes
    [1, 4, 9, 20], the losses match scikit-learn's learning_curve with one fixed split and
    shuffle=False, and the test's functions are called as the contract says."""
    from ._oracles import learning_curve_losses, ridge

    X, y = regression_rows(rng, 30, 3)
    X, y, X_val, y_val = X[:20], y[:20], X[20:], y[20:]
    sizes = [1, 4, 9, 20]
    fit, predict, estimator = ridge(alpha=0.8)
    want = learning_curve_losses(estimator, X, y, X_val, y_val, sizes, mse)
    expect_curve(sub, X, y, X_val, y_val, sizes, (fit, predict, mse), want,
                 "learning_curve with 20 training rows and sizes [1, 4, 9, 20]")


@check("q8", points=2, hidden=True)
def test_curve_with_an_asymmetric_loss(sub, rng):
    """With the loss 1 - R^2, 15 training rows, 8 validation rows and the sizes as the integer
    array [3, 7, 11], the losses match scikit-learn's learning_curve, the calls as the
    contract says."""
    from ._oracles import learning_curve_losses, ridge

    X, y = regression_rows(rng, 23, 4)
    X, y, X_val, y_val = X[:15], y[:15], X[15:], y[15:]
    sizes = np.array([3, 7, 11])
    fit, predict, estimator = ridge(alpha=0.4)
    want = learning_curve_losses(estimator, X, y, X_val, y_val, sizes, relative_squared_error)
    expect_curve(sub, X, y, X_val, y_val, sizes, (fit, predict, relative_squared_error), want,
                 "learning_curve with the loss 1 - R^2 and sizes [3, 7, 11]")
