"""q3: the regression metrics MSE, RMSE, MAE and R^2 (SS_tot around the mean of y)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs

from ._data import regression_targets

RTOL, ATOL = 1e-10, 1e-12  # sums in any order, 1 - MSE / var(y), sqrt or ** 0.5
KEYS = ("mse", "rmse", "mae", "r2")


def _diagnose(y, y_pred):
    """Wrong formulas for each entry (evaluated only on failure)."""
    n = y.size
    e = y - y_pred
    ss_res = np.sum(e**2)
    ss_tot = np.sum((y - y.mean()) ** 2)
    formulas = {
        "mse": {
            "var": ("the variance of the residuals np.var(y - y_pred), which subtracts their "
                    "mean: MSE is the mean of the squared residuals themselves",
                    lambda: np.var(e)),
        },
        "rmse": {
            "mean_root": ("the mean of the square roots of the absolute errors; RMSE is the "
                          "square root of the MSE", lambda: np.mean(np.sqrt(np.abs(e)))),
            "root_mae": ("the square root of the MAE; RMSE is the square root of the MSE",
                         lambda: np.sqrt(np.mean(np.abs(e)))),
        },
        "mae": {
            "signed": ("the mean of the signed residuals (the absolute value is missing)",
                       lambda: np.mean(e)),
        },
        "r2": {
            "ratio": ("SS_res / SS_tot: R^2 is 1 minus that ratio", lambda: ss_res / ss_tot),
            "uncentred": ("1 - SS_res / sum y^2: SS_tot is the spread of y around its mean, "
                          "not around 0", lambda: 1 - ss_res / np.sum(y**2)),
            "predmean": ("1 - SS_res / sum (y_pred - mean(y_pred))^2, the spread of the "
                         "predictions (are y and y_pred swapped?)",
                         lambda: 1 - ss_res / np.sum((y_pred - y_pred.mean()) ** 2)),
            "around_pred_mean": ("SS_tot around the mean of the predictions; it is around the "
                                 "mean of y",
                                 lambda: 1 - ss_res / np.sum((y - y_pred.mean()) ** 2)),
            "corr": ("the squared correlation of y and y_pred, which equals R^2 only for a least-"
                     "squares fit with an intercept, on its training data",
                     lambda: np.corrcoef(y, y_pred)[0, 1] ** 2),
            "ddof": ("1 - MSE / var(y) with the sample variance (ddof = 1): SS_tot and SS_res "
                     "are both sums (or both means) over the n samples",
                     lambda: 1 - (ss_res / n) / (ss_tot / (n - 1))),
        },
    }
    hints = {"N": "MSE and MAE are means over the samples, not sums."}
    return {key: Diagnose(factors={"N": float(n)}, hints=hints,
                          wrong_formulas={k: (text, _quiet(thunk))
                                          for k, (text, thunk) in formulas[key].items()})
            for key in KEYS}


def _quiet(thunk):
    """A wrong formula evaluated without NumPy's warnings (some divide by zero, or take the
    correlation of a constant, on the checks' constant predictions: they then do not apply)."""
    def run():
        with np.errstate(all="ignore"):
            return thunk()
    return run


def _expect_metrics(got, want, y, y_pred, name):
    expect_outputs(got, dict(zip(KEYS, want, strict=True)), fn=name, rtol=RTOL, atol=ATOL,
                   diagnose=_diagnose(y, y_pred))


@check("q3", points=1)
def test_regression_metrics_on_a_small_example(sub):
    """On y = (3, -0.5, 2, 7) and y_pred = (2.5, 0, 2, 8): MSE 0.375, RMSE sqrt(0.375),
    MAE 0.5 and R^2 = 1 - 1.5 / 29.1875 = 0.9486."""
    y = np.array([3.0, -0.5, 2.0, 7.0])
    y_pred = np.array([2.5, 0.0, 2.0, 8.0])
    # residuals 0.5, -0.5, 0, -1: SS_res = 1.5; mean(y) = 2.875, SS_tot = 29.1875
    want = (0.375, np.sqrt(0.375), 0.5, 1 - 1.5 / 29.1875)
    _expect_metrics(sub.regression_metrics(y, y_pred), want, y, y_pred,
                    "regression_metrics(y, y_pred)")


@check("q3", points=1)
def test_r2_is_one_for_a_perfect_fit_zero_for_the_mean_and_negative_below(sub):
    """A perfect prediction has no error and R^2 = 1, predicting the mean of y gives R^2 = 0,
    and predicting y = (1, 2, 4, 5) in reverse order gives R^2 = 1 - 40 / 10 = -3."""
    y = np.array([1.0, 2.0, 4.0, 5.0])  # mean 3, SS_tot = 10
    _expect_metrics(sub.regression_metrics(y, y.copy()), (0.0, 0.0, 0.0, 1.0), y, y,
                    "regression_metrics(y, y)")
    mean = np.full(4, 3.0)  # residuals -2, -1, 1, 2
    _expect_metrics(sub.regression_metrics(y, mean), (2.5, np.sqrt(2.5), 1.5, 0.0), y, mean,
                    "regression_metrics(y, mean(y))")
    reverse = y[::-1].copy()  # residuals -4, -2, 2, 4: SS_res = 40
    _expect_metrics(sub.regression_metrics(y, reverse), (10.0, np.sqrt(10.0), 3.0, 1 - 40 / 10),
                    y, reverse, "regression_metrics(y, y reversed)")


@check("q3", points=2, hidden=True)
def test_regression_metrics_match_scikit_learn(sub, rng):
    """On random targets far from 0 with biased, noisy predictions, the four metrics match
    scikit-learn's mean_squared_error, its square root, mean_absolute_error and r2_score."""
    from ._oracles import regression_metrics_sklearn

    for n, offset, scale in [(12, 5.0, 2.0), (25, -30.0, 4.0)]:
        y, y_pred = regression_targets(rng, n, offset=offset, scale=scale)
        _expect_metrics(sub.regression_metrics(y, y_pred), regression_metrics_sklearn(y, y_pred),
                        y, y_pred, f"regression_metrics on {n} random targets")


@check("q3", points=2, hidden=True)
def test_r2_of_a_model_worse_than_the_mean(sub, rng):
    """A model worse than predicting the mean (R^2 < 0), and one whose predictions have much
    less spread than y: all four metrics match scikit-learn's."""
    from ._oracles import regression_metrics_sklearn

    y, _ = regression_targets(rng, 15, offset=12.0, scale=1.5)
    bad = y.mean() - 0.9 * (y - y.mean()) + 0.5 * rng.standard_normal(15)
    flat = y.mean() + 0.2 * (y - y.mean()) + 1.0 + 0.1 * rng.standard_normal(15)
    for label, y_pred in [("worse than the mean", bad), ("with little spread", flat)]:
        _expect_metrics(sub.regression_metrics(y, y_pred), regression_metrics_sklearn(y, y_pred),
                        y, y_pred, f"regression_metrics of a model {label}")
