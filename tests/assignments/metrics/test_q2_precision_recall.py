"""q2: precision, recall and F1 of a binary classifier (positive class 1; a zero denominator
gives 0.0)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs

from ._data import binary_labels

RTOL, ATOL = 1e-12, 1e-12  # the ratios of small integers, however they are formed
OUTPUTS = ("precision", "recall", "f1")


def _counts(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    return float(tp), float(fp), float(fn), float(tn)


def _ratio(num, den):
    return num / den if den else float("nan")  # NaN: the formula does not apply here


def _diagnose(y_true, y_pred):
    """Wrong formulas for each output (evaluated only on failure)."""
    tp, fp, fn, tn = _counts(y_true, y_pred)
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    zero = {"zero_division": ("1.0 for a ratio whose denominator is 0 (the contract says 0.0)",
                              lambda: 1.0)}
    formulas = {
        "precision": {
            "swapped": ("the recall TP / (TP + FN): precision and recall are swapped "
                        "(precision divides by the predicted positives, TP + FP)", lambda: r),
            "negative": ("the precision of class 0, TN / (TN + FN): the positive class is 1",
                         lambda: _ratio(tn, tn + fn)),
            "accuracy": ("the accuracy (TP + TN) / n, not the precision",
                         lambda: (tp + tn) / y_true.size),
            **zero,
        },
        "recall": {
            "swapped": ("the precision TP / (TP + FP): precision and recall are swapped "
                        "(recall divides by the actual positives, TP + FN)", lambda: p),
            "negative": ("the recall of class 0, TN / (TN + FP): the positive class is 1",
                         lambda: _ratio(tn, tn + fp)),
            **zero,
        },
        "f1": {
            "mean": ("the arithmetic mean (P + R) / 2; F1 is the harmonic mean "
                     "2 P R / (P + R)", lambda: (p + r) / 2),
            "product": ("the product P R", lambda: p * r),
            **zero,
        },
    }
    return {key: Diagnose(wrong_formulas=formulas[key],
                          hints={"1/2": "F1 = 2 P R / (P + R): the factor 2 is missing."})
            for key in OUTPUTS}


def _expect_scores(got, want, y_true, y_pred, name):
    expect_outputs(got, dict(zip(OUTPUTS, want, strict=True)), fn=name, rtol=RTOL, atol=ATOL,
                   diagnose=_diagnose(y_true, y_pred))


@check("q2", points=1)
def test_precision_recall_f1_on_a_small_example(sub):
    """Ten samples with TP = 3, FP = 1 and FN = 2: precision 3/4, recall 3/5 and F1 2/3 (the
    harmonic mean of the two)."""
    y_true = np.array([1, 0, 1, 1, 0, 0, 1, 0, 1, 0])
    y_pred = np.array([1, 0, 1, 0, 1, 0, 1, 0, 0, 0])
    _expect_scores(sub.precision_recall_f1(y_true, y_pred), (3 / 4, 3 / 5, 2 / 3), y_true,
                   y_pred, "precision_recall_f1(y_true, y_pred)")


@check("q2", points=1)
def test_no_predicted_positives_give_zero_and_all_positives_full_recall(sub):
    """Predicting no positive gives (0.0, 0.0, 0.0), not NaN; predicting every sample positive
    (4 positives of 10) gives precision 0.4, recall 1 and F1 = 0.8 / 1.4 = 0.571."""
    y_true = np.array([0, 1, 0, 0, 1, 1, 0, 0, 1, 0])
    none = np.zeros(10, dtype=int)
    _expect_scores(sub.precision_recall_f1(y_true, none), (0.0, 0.0, 0.0), y_true, none,
                   "precision_recall_f1 with no predicted positive")
    every = np.ones(10, dtype=int)
    _expect_scores(sub.precision_recall_f1(y_true, every), (0.4, 1.0, 0.8 / 1.4), y_true, every,
                   "precision_recall_f1 with every sample predicted positive")


@check("q2", points=2, hidden=True)
def test_precision_recall_f1_match_scikit_learn(sub, rng):
    """On random imbalanced problems (false positives != false negatives) the three scores
    match scikit-learn's precision_recall_fscore_support for the positive class 1."""
    from ._oracles import precision_recall_f1_sklearn

    for n, rate, recall, false_alarm in [(40, 0.3, 0.7, 0.15), (60, 0.15, 0.5, 0.05)]:
        y_true, y_pred = binary_labels(rng, n, rate, recall, false_alarm)
        _expect_scores(sub.precision_recall_f1(y_true, y_pred),
                       precision_recall_f1_sklearn(y_true, y_pred), y_true, y_pred,
                       f"precision_recall_f1 on {n} samples")


@check("q2", points=2, hidden=True)
def test_zero_denominators_give_zero(sub, rng):
    """With no predicted positive, with no actual positive, and with no true positive every
    ratio whose denominator is 0 is 0.0 (as scikit-learn's zero_division=0), beside a random
    problem where none is."""
    from ._oracles import precision_recall_f1_sklearn

    y_true, y_pred = binary_labels(rng, 30)
    false_alarms = np.zeros_like(y_pred)  # every other negative flagged, no positive found
    false_alarms[np.flatnonzero(y_true == 0)[::2]] = 1
    cases = {
        "a random problem": (y_true, y_pred),
        "no predicted positive": (y_true, np.zeros_like(y_pred)),
        "no actual positive": (np.zeros_like(y_true), y_pred),
        "no true positive": (y_true, false_alarms),
    }
    for label, (t, p) in cases.items():
        _expect_scores(sub.precision_recall_f1(t, p), precision_recall_f1_sklearn(t, p), t, p,
                       f"precision_recall_f1 with {label}")
