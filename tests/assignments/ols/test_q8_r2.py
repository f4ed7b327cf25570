"""q8: the coefficient of determination R^2."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close


def _diagnose(y, p):
    ss_res = np.sum((y - p) ** 2)
    ss_tot = np.sum((y - y.mean()) ** 2)
    return Diagnose(
        wrong_formulas={
            "ratio": ("SS_res / SS_tot (R^2 is 1 minus that ratio)", lambda: ss_res / ss_tot),
            "predmean": ("SS_tot computed around the mean of the predictions, not of y",
                         lambda: 1 - ss_res / np.sum((y - p.mean()) ** 2)),
            "nocenter": ("SS_tot = sum y^2 (y is not centred)",
                         lambda: 1 - ss_res / np.sum(y**2)),
        },
    )


@check("q8", points=1)
def test_r2_of_perfect_and_mean_predictions(sub):
    """R^2 is 1 for perfect predictions and 0 for predicting the mean."""
    y = np.array([3.0, -1.0, 2.0, 7.0, 0.5])
    expect_close(sub.r2_score(y, y.copy()), 1.0, name="r2_score(y, y)", rtol=0, atol=1e-12)
    expect_close(sub.r2_score(y, np.full(5, y.mean())), 0.0, name="r2_score(y, mean(y))",
                 rtol=0, atol=1e-12)


@check("q8", points=1)
def test_r2_on_a_small_example(sub):
    """R^2 on a hand example: 1 - 1.75 / 10 = 0.825."""
    y = np.array([1.0, 2.0, 4.0, 5.0])
    p = np.array([1.5, 2.5, 3.5, 4.0])  # SS_res = 0.25*3 + 1 = 1.75; SS_tot = 10
    expect_close(sub.r2_score(y, p), 1 - 1.75 / 10, name="r2_score(y, y_pred)", rtol=1e-12,
                 atol=1e-12, diagnose=_diagnose(y, p))


@check("q8", points=3, hidden=True)
def test_r2_matches_scikit_learn(sub, rng):
    """R^2 matches scikit-learn, including a negative R^2 for a bad fit."""
    from sklearn.metrics import r2_score

    for scale in (0.3, 3.0):
        y = rng.standard_normal(13) * 2 + 1
        p = y + scale * rng.standard_normal(13)
        expect_close(sub.r2_score(y, p), r2_score(y, p), name=f"r2_score (noise scale {scale})",
                     rtol=1e-10, atol=1e-12, diagnose=_diagnose(y, p))
