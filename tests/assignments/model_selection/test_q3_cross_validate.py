"""q3: k-fold cross-validation scores with the test's fit, predict and loss, called exactly as
the contract says (once per fold each, the fold's rows in increasing order, the true values
first in the loss)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._calls import (
    Recorder,
    contract_folds,
    depends_on,
    expect_cv_calls,
    folds_are_wrong,
    mse,
    relative_squared_error,
    ridge_fit,
    ridge_predict,
)
from ._data import regression_rows

RTOL, ATOL = 1e-10, 1e-12  # the same model on the same rows: only the order of sums may differ


def _diagnose(k):
    return Diagnose(factors={"1/k": 1.0 / k, "k": float(k)},
                    hints={"1/k": "Return each fold's own loss, not its share of the mean.",
                           "k": "Return each fold's own loss."})


def expect_scores(sub, X, y, k, fit_loss, want, name):
    """Run cross_validate with a recorder of the test's functions; the calls, then the scores
    (``fit_loss``: (fit, predict, loss) of the test's, unrecorded)."""
    rec = Recorder(*fit_loss)
    n = len(X)
    with depends_on("cross_validate", [("q2", "kfold_indices",
                                        lambda: folds_are_wrong(sub, n, k))]):
        scores = sub.cross_validate(X, y, k, rec.fit, rec.predict, rec.loss)
        expect_cv_calls(rec, X, y, contract_folds(n, k), name)
        expect_close(scores, want, name=name, rtol=RTOL, atol=ATOL, diagnose=_diagnose(k))


def _by_hand(X, y, blocks, loss):
    """The scores of NumPy ridge regression on hand-written validation blocks (slices)."""
    scores = []
    for block in blocks:
        val = np.arange(len(X))[block]
        train = np.setdiff1d(np.arange(len(X)), val)
        model = ridge_fit(X[train], y[train])
        scores.append(loss(y[val], ridge_predict(model, X[val])))
    return np.array(scores)


@check("q3", points=1)
def test_three_fold_scores_of_ridge_regression(sub, rng):
    """Ten rows in k = 3 folds (validation rows 0-3, 4-6, 7-9) with the test's ridge
    regression and MSE: each score is the MSE on the fold's validation rows of the model
    fitted on its other rows, and fit, predict and loss are called once per fold with those
    rows."""
    X, y = regression_rows(rng, 10, 2)
    want = _by_hand(X, y, [slice(0, 4), slice(4, 7), slice(7, 10)], mse)
    expect_scores(sub, X, y, 3, (ridge_fit, ridge_predict, mse), want,
                  "cross_validate(X, y, 3, fit, predict, loss) on 10 rows")


@check("q3", points=1)
def test_the_loss_gets_the_true_values_first(sub, rng):
    """Seven rows in k = 2 folds (validation rows 0-3 and 4-6) with the loss 1 - R^2, which is
    not symmetric: each score is loss(y[val_idx], predictions), the true values first."""
    X, y = regression_rows(rng, 7, 3)
    want = _by_hand(X, y, [slice(0, 4), slice(4, 7)], relative_squared_error)
    expect_scores(sub, X, y, 2, (ridge_fit, ridge_predict, relative_squared_error), want,
                  "cross_validate(X, y, 2, fit, predict, loss) with the loss 1 - R^2")


@check("q3", points=2, hidden=True)
def test_scores_match_cross_val_score(sub, rng):
    """With scikit-learn's Ridge as the test's model and the MSE, on 13 rows in 4 folds and 17
    rows in 5 (k does not divide n), the scores match cross_val_score with KFold(k), and the
    test's functions are called once per fold on the fold's rows."""
    from ._oracles import cross_val_losses, ridge

    for n, k, d in [(13, 4, 3), (17, 5, 2)]:
        X, y = regression_rows(rng, n, d)
        fit, predict, estimator = ridge(alpha=0.7)
        want = cross_val_losses(estimator, X, y, k, mse)
        expect_scores(sub, X, y, k, (fit, predict, mse), want,
                      f"cross_validate on {n} rows with k = {k}")


@check("q3", points=2, hidden=True)
def test_scores_with_an_asymmetric_loss_and_leave_one_out(sub, rng):
    """With the loss 1 - R^2 (not symmetric) on 14 rows in 3 folds, and the MSE in
    leave-one-out cross-validation (k = n = 6), the scores match cross_val_score with
    KFold(k), the calls as the contract says."""
    from ._oracles import cross_val_losses, ridge

    X, y = regression_rows(rng, 14, 4)
    fit, predict, estimator = ridge(alpha=0.3)
    want = cross_val_losses(estimator, X, y, 3, relative_squared_error)
    expect_scores(sub, X, y, 3, (fit, predict, relative_squared_error), want,
                  "cross_validate on 14 rows with k = 3 and the loss 1 - R^2")
    X, y = regression_rows(rng, 6, 2)
    fit, predict, estimator = ridge(alpha=1.5)
    want = cross_val_losses(estimator, X, y, 6, mse)
    expect_scores(sub, X, y, 6, (fit, predict, mse), want,
                  "cross_validate on 6 rows with k = 6 (leave-one-out)")
