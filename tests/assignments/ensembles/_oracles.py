"""What only the hidden ensembles checks use: independent oracles and the wrong models their
diagnoses compare with (never shipped to students).

- ``scipy.stats.mode`` for the majority vote;
- scikit-learn's ``BaggingClassifier`` (fully grown trees, ``oob_score_``) for the OOB error,
  and a loop over the points with ``collections.Counter`` where points are in every bag
  (scikit-learn scores those too; the contract leaves them out);
- exhaustive enumeration for the stumps: every candidate evaluated on every point, the first
  of the contract's tie order kept;
- scikit-learn's ``AdaBoostClassifier`` (SAMME, the only algorithm it has) around that
  enumerated stump for ``adaboost_fit`` and ``adaboost_decision``, and around scripted weak
  learners (predictions fixed in advance) for ``adaboost_round``;
- scikit-learn's ``DecisionTreeRegressor(max_depth=1)`` and
  ``GradientBoostingRegressor.staged_predict`` for the regression stump and gradient
  boosting, on data exact in float32 (its trees compare in float32).

Heavy libraries are imported inside the functions.
"""

import warnings
from collections import Counter

import numpy as np

from ._data import sse_candidates, stump_errors, stump_predict

# ---------------------------------------------------------------------------- votes and bags


def scipy_mode(predictions):
    """The most frequent label of each column, ties to the smallest (scipy.stats.mode)."""
    from scipy.stats import mode

    return np.asarray(mode(predictions, axis=0, keepdims=False).mode)


def oob_loops(predictions, indices, y):
    """The OOB error by a loop over the points: a Counter of the votes of the models whose bag
    misses the point, ties to the smallest label; points in every bag left out."""
    B, n = predictions.shape
    errors = scored = 0
    for i in range(n):
        votes = Counter(int(predictions[b, i]) for b in range(B)
                        if i not in set(indices[b].tolist()))
        if not votes:
            continue
        top = max(votes.values())
        errors += min(c for c in votes if votes[c] == top) != y[i]
        scored += 1
    return errors / scored


def sklearn_bagging(rng, n, B, labels):
    """A BaggingClassifier of B fully grown trees on n noisy points of three overlapping
    groups labelled ``labels``, refitted with another random_state until no point is in every
    bag. Returns (predictions (B, n) labels, indices (B, n), y, 1 - oob_score_)."""
    from sklearn.ensemble import BaggingClassifier
    from sklearn.tree import DecisionTreeClassifier

    labels = np.asarray(labels)
    y = rng.choice(labels, size=n)
    centres = rng.standard_normal((labels.size, 2)) * 1.2
    X = centres[np.searchsorted(np.sort(labels), y)] + rng.standard_normal((n, 2))
    while True:
        with warnings.catch_warnings():  # a fit with points in every bag warns; refit it
            warnings.simplefilter("ignore")
            bag = BaggingClassifier(DecisionTreeClassifier(), n_estimators=B, oob_score=True,
                                    random_state=int(rng.integers(2**31))).fit(X, y)
        indices = np.array(bag.estimators_samples_)
        if not np.any(np.all([np.isin(np.arange(n), s) for s in indices], axis=0)):
            break
    predictions = np.array([bag.classes_[e.predict(X).astype(int)] for e in bag.estimators_])
    return predictions, indices, y, 1.0 - float(bag.oob_score_)


# ---------------------------------------------------------------------------- stumps


def best_stump(X, y, w, polarities=(1, -1)):
    """The contract's stump by exhaustive enumeration: every candidate's weighted error
    evaluated on every point; the first smallest in the tie order (lowest feature, lowest
    threshold, polarity +1). ``polarities=(1,)`` gives the wrong search that never tries -1.
    (With weights in eighths every error is exact, so exact ties stay ties.)"""
    cands, errors = stump_errors(X, y, np.asarray(w, dtype=float))
    keep = [k for k, c in enumerate(cands) if c[2] in polarities]
    return cands[min(keep, key=lambda k: errors[k])]


def _stump_estimator():
    from sklearn.base import BaseEstimator, ClassifierMixin

    class EnumeratedStump(ClassifierMixin, BaseEstimator):
        """The contract's stump as a scikit-learn classifier (fit with sample_weight)."""

        def fit(self, X, y, sample_weight=None):
            w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight)
            cands, errors = stump_errors(X, y, w)
            self.stump_ = cands[int(np.argmin(errors))]  # the first smallest
            errors = np.sort(errors)
            self.margin_ = float(errors[1] - errors[0]) / float(w.sum())
            self.weights_ = w.copy()
            self.classes_ = np.unique(y)
            return self

        def predict(self, X):
            return stump_predict(self.stump_, X)

    return EnumeratedStump()


def sklearn_adaboost(X, y, n_rounds):
    """AdaBoostClassifier (SAMME, learning_rate 1) around the enumerated stump: (stumps,
    alphas, weights, margin, fitted model), with weights[t] the sample weights round t was fit
    with and margin the smallest relative gap between a round's best and second-best error
    (None when boosting stopped early: a perfect or no better-than-chance stump)."""
    from sklearn.ensemble import AdaBoostClassifier

    ada = AdaBoostClassifier(estimator=_stump_estimator(), n_estimators=n_rounds,
                             learning_rate=1.0).fit(X, y)
    if len(ada.estimators_) != n_rounds or np.any(ada.estimator_errors_ <= 0):
        return None
    stumps = [e.stump_ for e in ada.estimators_]
    weights = [e.weights_ for e in ada.estimators_]
    margin = min(e.margin_ for e in ada.estimators_)
    return stumps, np.array(ada.estimator_weights_), weights, margin, ada


def adaboost_problem(rng, n, d, n_rounds, margin=1e-9):
    """A boosting problem (``_data.boosting_problem``) on which every round of AdaBoost has a
    best stump unique by ``margin`` and an error strictly between 0 and 1/2: X, y and the
    scikit-learn fit (stumps, alphas, weights, margin, model)."""
    from ._data import boosting_problem

    while True:
        X, y = boosting_problem(rng, n, d)
        if not _unique_rounds(X, y, n_rounds, margin):
            continue  # scikit-learn's fit would be rejected: save it
        fit = sklearn_adaboost(X, y, n_rounds)
        if fit is not None and fit[3] > margin and np.all(fit[1] > 1e-3):
            return X, y, fit


def _unique_rounds(X, y, n_rounds, margin):
    """A quick pre-check of :func:`adaboost_problem`'s condition with enumerated stumps and
    the SAMME update written out: every round's best stump unique by ``margin`` and its error
    strictly between 0 and 1/2."""
    w = np.full(len(y), 1.0 / len(y))
    for _ in range(n_rounds):
        cands, errors = stump_errors(X, y, w)
        order = np.argsort(errors, kind="stable")
        err = errors[order[0]] / w.sum()
        if errors[order[1]] - errors[order[0]] <= margin * w.sum() or not 0 < err < 0.5:
            return False
        wrong = stump_predict(cands[order[0]], X) != y
        w = w * np.exp(np.log((1 - err) / err) * wrong)
        w = w / w.sum()
    return True


def sklearn_decision(model, X, alphas):
    """F(x) = sum_t alpha_t h_t(x) from scikit-learn's decision_function, which is
    2 F / sum(alphas) for two classes."""
    return model.decision_function(X) * float(np.sum(alphas)) / 2.0


class _Script:
    """Predictions a scripted weak learner returns, round after round. Copies are the same
    script (scikit-learn deep-copies an estimator's parameters when it clones it)."""

    def __init__(self, predictions):
        self.predictions = [np.asarray(p, dtype=float) for p in predictions]
        self.round = 0

    def __deepcopy__(self, memo):
        return self


def sklearn_rounds(y, hs, sample_weight):
    """scikit-learn's SAMME rounds for weak learners that predict hs[0], hs[1], ... in turn:
    [(alpha_t, the weights round t + 1 is fit with)] for every round but the last (which
    scikit-learn does not re-weight). ``sample_weight`` need not sum to 1."""
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.ensemble import AdaBoostClassifier

    class Scripted(ClassifierMixin, BaseEstimator):
        def __init__(self, script=None):
            self.script = script

        def fit(self, X, y, sample_weight=None):
            self.h_ = self.script.predictions[self.script.round]
            self.script.round += 1
            self.weights_ = np.array(sample_weight, dtype=float)
            self.classes_ = np.unique(y)
            return self

        def predict(self, X):
            return self.h_

    n = len(y)
    ada = AdaBoostClassifier(estimator=Scripted(_Script(hs)), n_estimators=len(hs),
                             learning_rate=1.0)
    ada.fit(np.arange(n, dtype=float)[:, None], y, sample_weight=sample_weight)
    models = ada.estimators_
    return [(float(ada.estimator_weights_[t]), models[t + 1].weights_)
            for t in range(len(hs) - 1)]


# ---------------------------------------------------------------------------- regression


def sklearn_regression_stump(X, r):
    """DecisionTreeRegressor(max_depth=1): (feature, threshold, left value, right value)."""
    from sklearn.tree import DecisionTreeRegressor

    tree = DecisionTreeRegressor(max_depth=1).fit(X, r).tree_
    return (int(tree.feature[0]), float(tree.threshold[0]), float(tree.value[1].item()),
            float(tree.value[2].item()))


def best_split(X, r):
    """The contract's regression stump by enumeration (the first smallest sum of squares in
    the tie order): (feature, threshold, left mean, right mean)."""
    splits, sse = sse_candidates(X, r)
    j, t = splits[int(np.argmin(sse))]
    left = X[:, j] <= t
    return j, t, float(np.mean(r[left])), float(np.mean(r[~left]))


def sklearn_boosting(X, y, n_rounds, lr, X_test):
    """GradientBoostingRegressor(max_depth=1).staged_predict on X_test, preceded by the mean
    of y: (n_rounds + 1, m)."""
    from sklearn.ensemble import GradientBoostingRegressor

    gb = GradientBoostingRegressor(max_depth=1, learning_rate=lr, n_estimators=n_rounds,
                                   random_state=0).fit(X, y)
    return np.vstack([np.full(len(X_test), np.mean(y))] + list(gb.staged_predict(X_test)))
