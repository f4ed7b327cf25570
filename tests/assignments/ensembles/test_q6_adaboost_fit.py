"""q6: AdaBoost (SAMME) with the contract's stumps: weights from 1/n, each round fit_stump
with the current weights, then adaboost_round with that stump's predictions."""

import math

import numpy as np

from autograder.testing import Diagnose, check, expect_array, expect_close, fail
from autograder.testing.expect import kind_of

from ._stumps import expect_stump, predict, same_stump, stump_parts

RTOL, ATOL = 1e-9, 1e-12


def weights_path(X, y, stumps):
    """The weights each round of AdaBoost is fit with, given its stumps (closed form)."""
    w = np.full(len(y), 1.0 / len(y))
    path = []
    for stump in stumps:
        path.append(w)
        wrong = predict(stump, X) != y
        err = np.sum(w[wrong]) / np.sum(w)
        w = w * np.exp(math.log((1 - err) / err) * wrong)
        w = w / w.sum()
    return path


def expect_adaboost(got, X, y, stumps, alphas, name, weights=None):
    """``got`` = (stumps, alphas) of ``adaboost_fit``, compared round by round: round t's
    stump (diagnosed with the weights round t is fit with), then its alpha."""
    T = len(stumps)
    weights = weights if weights is not None else weights_path(X, y, stumps)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"{name} should return (stumps, alphas); got {kind_of(got)}.", "type")
    got_stumps, got_alphas = got
    if isinstance(got_stumps, np.ndarray) and isinstance(got_alphas, (list, tuple)):
        fail(f"{name} returns (alphas, stumps); the contract's order is (stumps, alphas).",
             "order")
    if not isinstance(got_stumps, (list, tuple)):
        fail(f"the stumps from {name} should be a list of {T} tuples (feature, threshold, "
             f"polarity); got {kind_of(got_stumps)}.", "type")
    if len(got_stumps) != T:
        fail(f"{name} returns {len(got_stumps)} stumps for n_rounds = {T}: one stump per "
             "round.", "count")
    got_alphas = expect_array(got_alphas, name=f"the alphas from {name}", shape=(T,))
    d = X.shape[1]
    for t in range(T):
        label = f"the stump of round {t} from {name}"
        if t > 0:
            now = stump_parts(got_stumps[t], label, d)
            before = stump_parts(got_stumps[t - 1], label, d)
            if same_stump(now, before) and same_stump(before, stumps[t - 1]):
                fail(f"{name}: round {t} fits the same stump as round {t - 1}, which after "
                     "re-weighting errs on exactly half the weight: the weights were not "
                     "updated. Fit each round with the new weights adaboost_round returns.",
                     "formula:stale")
        expect_stump(got_stumps[t], X, y, weights[t], stumps[t],
                     name=label + (" (fit with the weights 1/n)" if t == 0 else ""))
        expect_close(got_alphas[t], alphas[t], name=f"the alpha of round {t} from {name}",
                     rtol=RTOL, atol=ATOL, diagnose=Diagnose(hints={
                         "1/2": "SAMME with two classes uses log((1 - err) / err), not the "
                                "classic 1/2 log((1 - err) / err).",
                         "-1": "alpha > 0 for the best stump: compute its predictions with "
                               "the contract's rule, polarity where x[feature] <= threshold "
                               "and -polarity elsewhere."}))


@check("q6", points=1)
def test_three_rounds_on_a_small_example(sub):
    """Six points in 2-D, three rounds: the stumps (0, 3.0, 1), (1, 1.5, -1) and (1, 0.5, 1),
    with weighted errors 1/6, 1/5 and 3/16, so the alphas log 5, log 4 and log(13/3)."""
    X = np.array([[0.0, 2.0], [1.0, 4.0], [0.0, 1.0], [0.0, 4.0], [5.0, 4.0], [1.0, 0.0]])
    y = np.array([1.0, 1.0, -1.0, 1.0, -1.0, 1.0])
    stumps = [(0, 3.0, 1), (1, 1.5, -1), (1, 0.5, 1)]
    alphas = np.log([5.0, 4.0, 13 / 3])
    expect_adaboost(sub.adaboost_fit(X, y, 3), X, y, stumps, alphas, "adaboost_fit(X, y, 3)")


@check("q6", points=3, hidden=True)
def test_adaboost_fit_matches_scikit_learn(sub, rng):
    """On two random problems that no stump separates (24 points in 3-D with 5 rounds, 30 in
    2-D with 3 and integer labels +-1), whose every round has a unique best stump, the stumps
    and alphas are those of scikit-learn's AdaBoostClassifier (SAMME, learning_rate 1) around
    the contract's stump (found by exhaustive enumeration): its estimators and
    estimator_weights_."""
    from ._oracles import adaboost_problem

    for n, d, T, labels in [(24, 3, 5, float), (30, 2, 3, int)]:
        X, y, (stumps, alphas, weights, _, _) = adaboost_problem(rng, n, d, T)
        y = y.astype(labels)
        expect_adaboost(sub.adaboost_fit(X, y, T), X, y, stumps, alphas,
                        f"adaboost_fit with {T} rounds on {n} points in {d}-D", weights)


@check("q6", points=1, hidden=True)
def test_one_round_is_the_best_stump_with_equal_weights(sub, rng):
    """With n_rounds = 1 the only stump is the best one with equal weights 1/n (exhaustive
    enumeration) and its alpha is log((1 - err) / err) of its error rate."""
    from ._oracles import adaboost_problem, best_stump

    X, y, _ = adaboost_problem(rng, 16, 3, 1)
    w = np.full(16, 1 / 16)
    stump = best_stump(X, y, w)
    err = float(np.mean(predict(stump, X) != y))
    expect_adaboost(sub.adaboost_fit(X, y, 1), X, y, [stump], np.array([math.log((1 - err) / err)]),
                    "adaboost_fit(X, y, 1)", [w])
