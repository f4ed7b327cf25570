"""q7: the boosted decision function F(x) = sum_t alpha_t h_t(x); no stumps give zeros."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

RTOL, ATOL = 1e-10, 1e-12


def _F(stumps, alphas, X, strict=False):
    """sum_t alpha_t h_t(x) by a loop over the stumps and the points (``strict``: the wrong
    x < threshold for the left side)."""
    F = np.zeros(len(X))
    for (feature, threshold, polarity), alpha in zip(stumps, alphas, strict=True):
        for i in range(len(X)):
            left = X[i, feature] < threshold if strict else X[i, feature] <= threshold
            F[i] += alpha * (polarity if left else -polarity)
    return F


def _diagnose(stumps, alphas, X):
    total = float(np.sum(alphas))
    return Diagnose(
        factors={"2 / sum(alphas)": 2 / total, "1 / sum(alphas)": 1 / total},
        hints={"-1": "A stump predicts polarity where x[feature] <= threshold and -polarity "
                     "elsewhere.",
               "2 / sum(alphas)": "That is scikit-learn's decision_function; the contract's F "
                                  "is the plain sum of alpha_t h_t(x).",
               "1 / sum(alphas)": "F is the plain sum of alpha_t h_t(x), not normalised."},
        wrong_formulas={
            "strict": ("F with x[feature] < threshold as the left side: a point exactly at the "
                       "threshold is on the left (x <= threshold)",
                       lambda: _F(stumps, alphas, X, strict=True)),
            "sign": ("sign(F), the predicted class: return F itself",
                     lambda: np.sign(_F(stumps, alphas, X))),
            "unweighted": ("the plain vote sum_t h_t(x): weight each stump by its alpha",
                           lambda: _F(stumps, np.ones(len(stumps)), X)),
        })


def expect_decision(got, stumps, alphas, X, want, name):
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(stumps, alphas, X))


@check("q7", points=1)
def test_two_stumps_and_none(sub):
    """Two stumps with alphas 1.5 and 0.75 on four points, two of them exactly at a threshold
    (x <= threshold is the left side): F = 2.25, 0.75, -0.75, -2.25; and no stumps give
    zeros."""
    stumps = [(0, 1.0, 1), (1, -0.5, -1)]
    alphas = np.array([1.5, 0.75])
    X = np.array([[0.0, 2.0], [1.0, -1.0], [3.0, 0.0], [2.0, -0.5]])
    expect_decision(sub.adaboost_decision(stumps, alphas, X), stumps, alphas, X,
                    np.array([2.25, 0.75, -0.75, -2.25]),
                    "adaboost_decision(stumps, alphas, X)")
    expect_close(sub.adaboost_decision([], np.zeros(0), X), np.zeros(4),
                 name="adaboost_decision([], alphas, X) with no stumps", rtol=0, atol=0)


@check("q7", points=1)
def test_three_stumps_with_both_polarities(sub):
    """Three stumps (two on feature 1, polarities -1 and +1) with alphas 0.5, 2 and 1.25 on
    five points: F = -1.25, 1.25, 3.75, 2.75, -2.75."""
    stumps = [(1, 0.25, -1), (0, 2.5, 1), (1, 1.75, 1)]
    alphas = np.array([0.5, 2.0, 1.25])
    X = np.array([[3.0, 0.0], [1.0, 2.0], [2.5, 1.75], [0.0, 0.25], [4.0, 3.0]])
    expect_decision(sub.adaboost_decision(stumps, alphas, X), stumps, alphas, X,
                    np.array([-1.25, 1.25, 3.75, 2.75, -2.75]),
                    "adaboost_decision with three stumps")


@check("q7", points=2, hidden=True)
def test_decision_matches_scikit_learn(sub, rng):
    """The stumps and alphas of a fitted AdaBoost (five rounds, 20 points in 3-D) on 12 new
    points and on points exactly at each stump's threshold: F is scikit-learn's
    decision_function times sum(alphas) / 2."""
    from ._oracles import adaboost_problem, sklearn_decision

    X, y, (stumps, alphas, _, _, model) = adaboost_problem(rng, 20, 3, 5)
    X_test = rng.standard_normal((12, 3)) * X.std(axis=0) + X.mean(axis=0)
    at = X[rng.choice(20, size=len(stumps), replace=False)].copy()
    for k, (feature, threshold, _) in enumerate(stumps):
        at[k, feature] = threshold
    X_test = np.vstack([X_test, at])
    expect_decision(sub.adaboost_decision(stumps, alphas, X_test), stumps, alphas, X_test,
                    sklearn_decision(model, X_test, alphas),
                    "adaboost_decision of a fitted AdaBoost on new points")


@check("q7", points=1, hidden=True)
def test_any_stumps_and_no_stumps(sub, rng):
    """Six stumps drawn at random (features repeated, both polarities, thresholds at data
    values) with random positive alphas match a loop over stumps and points; and an empty
    ensemble gives zeros."""
    X = rng.integers(-3, 4, size=(10, 4)).astype(float)
    stumps = [(int(rng.integers(4)), float(rng.integers(-2, 3)), int(rng.choice([-1, 1])))
              for _ in range(6)]
    alphas = rng.uniform(0.2, 2.0, 6)
    expect_decision(sub.adaboost_decision(stumps, alphas, X), stumps, alphas, X,
                    _F(stumps, alphas, X), "adaboost_decision of six random stumps")
    expect_close(sub.adaboost_decision([], np.zeros(0), X), np.zeros(10),
                 name="adaboost_decision with no stumps", rtol=0, atol=0)
