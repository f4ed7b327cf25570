"""q5: one SAMME round for two classes: err over the total weight, alpha = log((1 - err) /
err), the misclassified points' weights times exp(alpha), normalised to sum 1."""

import math

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs

RTOL, ATOL = 1e-10, 1e-13


def _update(y, h, w, alpha, sign=1.0, on="wrong"):
    """w exp(sign alpha [mask]) normalised, with mask the wrong (or the right) points."""
    mask = (h != y) if on == "wrong" else (h == y)
    new = w * np.exp(sign * alpha * mask)
    return new / new.sum()


def _diagnose(y, h, w):
    """Diagnoses for (alpha, new_weight) from the usual wrong rounds (evaluated on failure)."""
    wrong = h != y
    err = float(np.sum(w[wrong]) / np.sum(w))
    alpha = math.log((1 - err) / err)
    new = w * np.exp(alpha * wrong)
    raw = float(np.sum(w[wrong]))
    alpha_formulas = {
        "unweighted": ("log((1 - err) / err) with err the fraction of misclassified points: "
                       "err is the weight of the misclassified points over the total weight",
                       lambda: math.log((1 - wrong.mean()) / wrong.mean())),
        "raw_err": ("log((1 - err) / err) with err the weight of the misclassified points not "
                    "divided by the total weight (the weights need not sum to 1)",
                    lambda: math.log((1 - raw) / raw)),
    }
    weight_formulas = {
        "divided": ("the weights of the misclassified points DIVIDED by (1 - err) / err: "
                    "AdaBoost raises them, w exp(alpha) for h != y",
                    lambda: _update(y, h, w, alpha, sign=-1.0)),
        "right_up": ("the weights of the correctly classified points raised: it is the "
                     "misclassified ones that gain weight", lambda: _update(y, h, w, alpha,
                                                                            on="right")),
        "both": ("w exp(-alpha y h), the classic AdaBoost update, with the SAMME alpha: that "
                 "update goes with alpha / 2; here only the misclassified points change, "
                 "w exp(alpha [h != y])",
                 lambda: (w * np.exp(-alpha * y * h)) / np.sum(w * np.exp(-alpha * y * h))),
        "old": ("the old weights normalised: the misclassified points must gain weight",
                lambda: w / w.sum()),
    }
    return {
        "alpha": Diagnose(
            factors={"1/ln 10": 1 / math.log(10)},
            hints={"1/2": "SAMME with two classes uses alpha = log((1 - err) / err), twice the "
                          "classic AdaBoost's 1/2 log((1 - err) / err).",
                   "-1": "alpha = log((1 - err) / err), positive when err < 1/2.",
                   "1/ln 10": "log is the natural logarithm (np.log)."},
            wrong_formulas=alpha_formulas),
        "new_weight": Diagnose(
            factors={"sum": float(new.sum())},
            hints={"sum": "Normalise the new weights so that they sum to 1."},
            wrong_formulas=weight_formulas, transpose=False),
    }


def _scripted_rounds(rng, n, rounds):
    """Labels y (n,), the predictions hs of ``rounds`` weak learners (each wrong on 2 to 4
    points) and positive starting weights, redrawn until every round's err (with the weights
    the previous rounds give) lies between 0.05 and 0.45."""
    while True:
        y = np.where(rng.random(n) < 0.5, 1.0, -1.0)
        hs = []
        for _ in range(rounds):
            h = y.copy()
            h[rng.choice(n, size=int(rng.integers(2, 5)), replace=False)] *= -1
            hs.append(h)
        w0 = w = rng.uniform(0.1, 0.8, n)
        errs = []
        for h in hs:
            err = np.sum(w[h != y]) / np.sum(w)
            errs.append(err)
            w = _update(y, h, w, math.log((1 - err) / err))
        if min(errs) > 0.05 and max(errs) < 0.45:
            return y, hs, w0


def expect_round(got, y, h, w, alpha, new_weight, name):
    expect_outputs(got, {"alpha": alpha, "new_weight": new_weight}, fn=name, rtol=RTOL,
                   atol=ATOL, diagnose=_diagnose(y, h, w))


@check("q5", points=1)
def test_one_round_with_equal_weights(sub):
    """Eight points of weight 1/4 (summing to 2), two of them misclassified: err = 1/4,
    alpha = log 3, and the new weights 1/12 (right) and 1/4 (wrong) sum to 1."""
    y = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 1.0, -1.0])
    h = y.copy()
    h[[2, 5]] *= -1
    w = np.full(8, 1 / 4)
    want = np.where(h != y, 1 / 4, 1 / 12)
    expect_round(sub.adaboost_round(y, h, w), y, h, w, math.log(3), want,
                 "adaboost_round(y, h, sample_weight)")


@check("q5", points=1)
def test_one_round_with_unequal_weights(sub):
    """Five points with weights 1/2, 1/4, 1/8, 1/8 and 1 (summing to 2) and the two of weight
    1/4 and 1/8 misclassified: err = 3/16, alpha = log(13/3), and the new weights are 2/13,
    1/3, 1/6, 1/26 and 4/13."""
    y = np.array([1.0, -1.0, -1.0, 1.0, 1.0])
    h = np.ones(5)
    w = np.array([1 / 2, 1 / 4, 1 / 8, 1 / 8, 1.0])
    want = np.array([2 / 13, 1 / 3, 1 / 6, 1 / 26, 4 / 13])
    expect_round(sub.adaboost_round(y, h, w), y, h, w, math.log(13 / 3), want,
                 "adaboost_round with unequal weights")


@check("q5", points=2, hidden=True)
def test_rounds_match_scikit_learn_samme(sub, rng):
    """Three rounds in a row on 14 points, each fed the weights the previous one returned
    (the first weights positive and summing to about 6): alpha and the new weights after each
    round match scikit-learn's AdaBoostClassifier (SAMME) with weak learners scripted to make
    the same predictions."""
    from ._oracles import sklearn_rounds

    y, hs, w = _scripted_rounds(rng, 14, 4)
    for t, (alpha, new_weight) in enumerate(sklearn_rounds(y, hs, w)):
        got = sub.adaboost_round(y, hs[t], w)
        expect_round(got, y, hs[t], w, alpha, new_weight, f"adaboost_round, round {t} of 3")
        w = np.asarray(got[1])


@check("q5", points=1, hidden=True)
def test_integer_labels_and_a_small_error(sub, rng):
    """Integer labels +-1 and a weak learner wrong on one light point (err below 0.05): alpha
    and the new weights match the closed form computed with math.fsum."""
    n = 20
    y = np.where(rng.random(n) < 0.5, 1, -1)
    h = y.copy()
    k = int(rng.integers(n))
    h[k] *= -1
    w = rng.uniform(0.5, 1.5, n)
    w[k] = 0.2
    err = w[k] / math.fsum(w)
    alpha = math.log((1 - err) / err)
    new = np.where(h != y, w * math.exp(alpha), w)
    expect_round(sub.adaboost_round(y, h, w), y, h, w, alpha, new / math.fsum(new),
                 "adaboost_round with integer labels")
