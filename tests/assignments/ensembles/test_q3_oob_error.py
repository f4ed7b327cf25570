"""q3: the out-of-bag error: each point voted on only by the models whose bag misses it
(ties to the smallest label), points in every bag left out."""

import math

import numpy as np

from autograder.testing import Diagnose, check, expect_close, expect_float, fail

from ._data import bagged_models, in_every_bag

RTOL, ATOL = 1e-12, 1e-12  # a ratio of small integers


def _vote_error(predictions, indices, y, voters="oob", rule="smallest", every="out"):
    """The OOB error by a loop over the points (the contract's by default) and the wrong
    versions the diagnoses name: ``voters`` "oob", "all" or "in_bag" models; ties to the
    ``rule`` ("smallest" or "largest") label; points in every bag left "out" or counted as
    "wrong"."""
    B, n = predictions.shape
    errors = scored = 0
    for i in range(n):
        inside = [i in indices[b] for b in range(B)]
        if all(inside) and every == "wrong":
            errors, scored = errors + 1, scored + 1
            continue
        if all(inside):
            continue
        chosen = {"oob": [not x for x in inside], "all": [True] * B, "in_bag": inside}[voters]
        column = [predictions[b, i] for b in range(B) if chosen[b]]
        labels, counts = np.unique(column, return_counts=True)
        top = labels[counts == counts.max()]
        errors += (top.min() if rule == "smallest" else top.max()) != y[i]
        scored += 1
    return errors / scored


def _per_model(predictions, indices, y):
    """The mean over the models of each model's error rate on its own OOB points."""
    rates = []
    for b in range(predictions.shape[0]):
        out = ~np.isin(np.arange(len(y)), indices[b])
        if out.any():
            rates.append(np.mean(predictions[b, out] != y[out]))
    return float(np.mean(rates))


def _wrong_formulas(predictions, indices, y):
    """The usual wrong OOB errors, each evaluated only on failure."""
    def error(**kw):
        return lambda: _vote_error(predictions, indices, y, **kw)

    return {
        "all_models": ("the error of the vote of ALL the models, in-bag ones included: only "
                       "the models whose bag misses point i may vote on it",
                       error(voters="all")),
        "in_bag": ("the error of the vote of the models whose bag CONTAINS the point: point i "
                   "is out of bag for model b when i does not occur in indices[b]",
                   error(voters="in_bag")),
        "per_model": ("the mean over the models of each model's error on its own OOB points: "
                      "the OOB prediction of a point is the vote of its OOB models",
                      lambda: _per_model(predictions, indices, y)),
        "every_bag_wrong": ("an error that counts the points in every bag as mistakes: they "
                            "have no OOB prediction and are left out", error(every="wrong")),
        "accuracy": ("the OOB accuracy, 1 minus the error",
                     lambda: 1.0 - _vote_error(predictions, indices, y)),
    }


def expect_oob(got, predictions, indices, y, want, name):
    """``got`` is the OOB error ``want``; the tie rule, the points in every bag and the usual
    wrong votes are named."""
    value = expect_float(got, name=name)
    if math.isclose(value, want, rel_tol=RTOL, abs_tol=ATOL):
        return
    largest = _vote_error(predictions, indices, y, rule="largest")
    if math.isclose(value, largest, rel_tol=RTOL, abs_tol=ATOL):
        fail(f"{name} is wrong: it is the error with OOB vote ties going to the largest label. "
             "A tie goes to the smallest label.", "tie")
    n, n_scored = len(y), int(np.sum(~in_every_bag(indices, len(y))))
    factors = {"N (a count of errors, not a fraction)": n_scored}
    hints = {}
    if n_scored < n:
        factors["(n - points in every bag) / n"] = n_scored / n
        hints["(n - points in every bag) / n"] = (
            "You divide by all n points: the points in every bag are left out of the "
            "fraction, numerator and denominator.")
    expect_close(value, want, name=name, rtol=RTOL, atol=ATOL, diagnose=Diagnose(
        factors=factors, hints=hints, wrong_formulas=_wrong_formulas(predictions, indices, y)))


@check("q3", points=1)
def test_oob_error_on_a_small_example(sub):
    """Three models on six points: point 0 is in every bag and left out, point 2's two OOB
    votes tie (labels 1 and 4, so 1), and 3 of the 5 remaining OOB predictions are wrong:
    3 / 5 = 0.6."""
    y = np.array([4, 1, 1, 1, 4, 4])
    indices = np.array([[0, 0, 1, 4, 0, 4],
                        [5, 0, 2, 5, 3, 1],
                        [3, 0, 0, 5, 0, 5]])
    predictions = np.array([[4, 1, 1, 1, 4, 1],
                            [4, 1, 1, 1, 1, 4],
                            [4, 4, 4, 1, 1, 4]])
    expect_oob(sub.oob_error(predictions, indices, y), predictions, indices, y, 3 / 5,
               "oob_error(predictions, indices, y)")


@check("q3", points=1)
def test_only_out_of_bag_models_vote(sub):
    """Three models on five points with labels 10, 20 and 30, each right on its own bag: only
    the models that did not see a point vote on it (two-way ties go to the smaller label),
    and 4 of the 5 OOB predictions are wrong: 4 / 5 = 0.8."""
    y = np.array([10, 20, 30, 20, 10])
    indices = np.array([[0, 0, 0, 1, 1],
                        [2, 2, 3, 3, 3],
                        [4, 4, 4, 4, 0]])
    predictions = np.array([[10, 20, 10, 10, 10],
                            [30, 20, 30, 20, 10],
                            [10, 10, 10, 30, 10]])
    expect_oob(sub.oob_error(predictions, indices, y), predictions, indices, y, 4 / 5,
               "oob_error on five points")


@check("q3", points=2, hidden=True)
def test_oob_error_matches_scikit_learn_bagging(sub, rng):
    """Fifteen fully grown trees bagged by scikit-learn's BaggingClassifier on 40 points with
    labels 1, 4 and 6 (no point in every bag): the OOB error is 1 - oob_score_."""
    from ._oracles import sklearn_bagging

    predictions, indices, y, want = sklearn_bagging(rng, 40, 15, [1, 4, 6])
    expect_oob(sub.oob_error(predictions, indices, y), predictions, indices, y, want,
               "oob_error of 15 bagged trees on 40 points")


@check("q3", points=2, hidden=True)
def test_points_in_every_bag_are_left_out_and_ties_go_low(sub, rng):
    """Four models on 20 points (labels 3, 7 and 8), each right on its own bag: points in every
    bag are left out and OOB vote ties go to the smallest label (compared with a loop over the
    points and collections.Counter), on two such ensembles."""
    from ._oracles import oob_loops

    for n, B in [(20, 4), (14, 3)]:
        predictions, indices, y = bagged_models(rng, n, B, [3, 7, 8])
        expect_oob(sub.oob_error(predictions, indices, y), predictions, indices, y,
                   oob_loops(predictions, indices, y),
                   f"oob_error of {B} models on {n} points, some in every bag")
