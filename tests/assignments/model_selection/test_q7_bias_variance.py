"""q7: the bias-variance decomposition estimated from R resampled fits (variance with
ddof = 0, so that bias2 + variance = the mean of (preds - f_true)^2 exactly)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, expect_outputs

from ._data import prediction_ensemble

OUTPUTS = ("bias2", "variance", "noise", "error")
RTOL, ATOL = 1e-12, 1e-14  # means of squares, summed in any order

# Dyadic data (multiples of 1/4, R = m = 4): every mean, square and sum below is exact in
# floating point, whatever the formula or the order of the sums.
F_TRUE = np.array([0.0, 1.0, -1.0, 0.5])
PREDS = np.array([[0.5, 1.5, -1.0, 0.0],
                  [0.0, 1.0, -0.5, 0.75],
                  [0.25, 2.0, -1.5, 0.25],
                  [0.75, 1.5, -1.0, 1.0]])
Y_TEST = np.array([[0.25, 1.0, -1.25, 0.5],
                   [-0.5, 1.5, -1.0, 0.0],
                   [0.0, 0.5, -0.75, 1.0],
                   [0.5, 1.25, -1.0, 0.75]])


def _diagnose(preds, f_true, y_test):
    """Wrong formulas for each output (evaluated only on failure)."""
    R = preds.shape[0]
    f_bar = np.mean(preds, axis=0)
    to_truth = np.mean((preds - f_true) ** 2)
    formulas = {
        "bias2": {
            "per_model": ("the mean of (preds - f_true)^2, the bias of each model: the bias is "
                          "that of the MEAN prediction f_bar = preds.mean(axis=0), "
                          "mean((f_bar - f_true)^2)", lambda: to_truth),
            "square_of_mean": ("the square of the mean of f_bar - f_true: square each point's "
                               "bias, then average", lambda: np.mean(f_bar - f_true) ** 2),
            "unsquared": ("the mean of f_bar - f_true, not squared",
                          lambda: np.mean(f_bar - f_true)),
            "root": ("the root of bias2 (the bias, not its square)",
                     lambda: np.sqrt(np.mean((f_bar - f_true) ** 2))),
        },
        "variance": {
            "axis": ("the variance across the test points (axis=1): the variance is across the "
                     "R models at each point (axis=0), then averaged over the points",
                     lambda: np.mean(np.var(preds, axis=1))),
            "std": ("the mean standard deviation: the variance is the mean of squares",
                    lambda: np.mean(np.std(preds, axis=0))),
            "to_truth": ("the mean of (preds - f_true)^2: the variance is the spread around the "
                         "mean prediction f_bar", lambda: to_truth),
        },
        "noise": {
            "f_bar": ("the mean of (y_test - f_bar)^2: the noise is measured from the noiseless "
                      "target f_true", lambda: np.mean((y_test - f_bar) ** 2)),
            "square_of_mean": ("the square of the mean of y_test - f_true",
                               lambda: np.mean(y_test - f_true) ** 2),
        },
        "error": {
            "f_bar": ("the mean of (y_test - f_bar)^2: the error of each model r is its own, "
                      "y_test[r] - preds[r]", lambda: np.mean((y_test - f_bar) ** 2)),
            "no_noise": ("the mean of (preds - f_true)^2: the error is measured against the "
                         "noisy targets y_test", lambda: to_truth),
            "sum": ("bias2 + variance + noise: the error is measured directly, the mean of "
                    "(y_test - preds)^2 (the decomposition holds only up to sampling terms)",
                    lambda: to_truth + np.mean((y_test - f_true) ** 2)),
        },
    }
    return {key: Diagnose(
        factors={"R/(R-1)": R / (R - 1)},
        hints={"R/(R-1)": "The variance here has ddof = 0 (divide by R, as np.var's default), "
                          "not ddof = 1."},
        wrong_formulas=formulas[key]) for key in OUTPUTS}


def expect_decomposition(got, want, preds, f_true, y_test, name, rtol=RTOL, atol=ATOL):
    expect_outputs(got, dict(zip(OUTPUTS, want, strict=True)), fn=name, rtol=rtol, atol=atol,
                   diagnose=_diagnose(preds, f_true, y_test))


@check("q7", points=1)
def test_exact_decomposition_on_dyadic_data(sub):
    """Four models at four points, every value a multiple of 1/4: f_bar = (3/8, 3/2, -1, 1/2),
    bias2 = 25/256, variance = 31/256, noise = 29/256 and error = 89/256, exactly, and
    bias2 + variance = 56/256, the mean of (preds - f_true)^2, exactly."""
    got = sub.bias_variance(PREDS, F_TRUE, Y_TEST)
    expect_decomposition(got, (25 / 256, 31 / 256, 29 / 256, 89 / 256), PREDS, F_TRUE, Y_TEST,
                         "bias_variance(preds, f_true, y_test)", rtol=0.0, atol=0.0)
    expect_close(got[0] + got[1], np.mean((PREDS - F_TRUE) ** 2), name="bias2 + variance",
                 rtol=0.0, atol=0.0)


@check("q7", points=1)
def test_unbiased_models_on_noiseless_targets(sub):
    """Models that are right on average (each point's predictions f_true + 1/2, f_true - 1/2,
    f_true + 1/4, f_true - 1/4) with noiseless test targets: bias2 = 0, variance = 5/32,
    noise = 0 and error = 5/32."""
    f_true = np.array([1.0, -0.5, 2.0, 0.25, -1.0])
    offsets = np.array([0.5, -0.5, 0.25, -0.25])[:, None] * np.array([1, -1, 1, 1, -1])
    preds = f_true + offsets
    y_test = np.tile(f_true, (4, 1))
    expect_decomposition(sub.bias_variance(preds, f_true, y_test),
                         (0.0, 5 / 32, 0.0, 5 / 32), preds, f_true, y_test,
                         "bias_variance of four unbiased models")


@check("q7", points=2, hidden=True)
def test_decomposition_matches_independent_estimates(sub, rng):
    """On random ensembles (R = 7 models at m = 9 points, and R = 12 at m = 5) the four
    estimates match scikit-learn's mean_squared_error and NumPy's var with ddof = 0."""
    from ._oracles import bias_variance_terms

    for R, m in [(7, 9), (12, 5)]:
        preds, f_true, y_test = prediction_ensemble(rng, R, m)
        expect_decomposition(sub.bias_variance(preds, f_true, y_test),
                             bias_variance_terms(preds, f_true, y_test), preds, f_true, y_test,
                             f"bias_variance of {R} models at {m} points")


@check("q7", points=2, hidden=True)
def test_bias_plus_variance_is_the_mean_squared_deviation(sub, rng):
    """With R = 5 models (where ddof = 1 would be off by 5/4), the estimates match the
    independent ones and bias2 + variance equals the mean of (preds - f_true)^2 to 1e-12."""
    from ._oracles import bias_variance_terms

    preds, f_true, y_test = prediction_ensemble(rng, 5, 11)
    got = sub.bias_variance(preds, f_true, y_test)
    expect_decomposition(got, bias_variance_terms(preds, f_true, y_test), preds, f_true, y_test,
                         "bias_variance of 5 models at 11 points")
    expect_close(got[0] + got[1], np.mean((preds - f_true) ** 2), name="bias2 + variance",
                 rtol=RTOL, atol=ATOL)
