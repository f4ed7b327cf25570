"""q1: the confusion matrix, rows true classes and columns predicted classes."""

import numpy as np

from autograder.testing import Diagnose, check, expect_equal

from ._data import class_labels


def _diagnose(y_true, y_pred, n_classes, hidden=False):
    def once():
        C = np.zeros((n_classes, n_classes), dtype=int)
        C[y_true, y_pred] = 1
        return C

    formulas = {
        "once": ("a matrix that counts each (true, predicted) pair once, however often it "
                 "occurs: C[y_true, y_pred] += 1 adds 1 once per distinct index pair (NumPy's "
                 "fancy indexing does not accumulate); use np.add.at or a loop", once),
    }
    if hidden:
        from ._oracles import confusion_compact

        formulas["compact"] = (
            "the counts with the classes renumbered among those present (a class that never "
            "occurs still has its own row and column: class i is row i)",
            lambda: confusion_compact(y_true, y_pred, n_classes))
    return Diagnose(
        hints={"transpose": "Rows are the true classes and columns the predicted ones: "
                            "C[i, j] counts true class i predicted as j."},
        wrong_formulas=formulas,
    )


def _expect_matrix(got, want, y_true, y_pred, n_classes, name, hidden=False):
    expect_equal(got, want, name=name, diagnose=_diagnose(y_true, y_pred, n_classes, hidden))


@check("q1", points=1)
def test_confusion_matrix_on_a_small_example(sub):
    """Ten samples of classes 0, 1 and 2 with n_classes = 4 (class 3 never occurs): the pair
    (true 2, predicted 1) occurs three times, and C is not symmetric."""
    y_true = np.array([0, 2, 1, 1, 0, 2, 2, 1, 0, 2])
    y_pred = np.array([0, 1, 1, 1, 2, 2, 1, 0, 0, 1])
    want = np.array([[2, 0, 1, 0],
                     [1, 2, 0, 0],
                     [0, 3, 1, 0],
                     [0, 0, 0, 0]])
    _expect_matrix(sub.confusion_matrix(y_true, y_pred, 4), want, y_true, y_pred, 4,
                   "confusion_matrix(y_true, y_pred, 4)")


@check("q1", points=1)
def test_confusion_matrix_of_a_binary_classifier(sub):
    """A binary classifier with TN = 4, FP = 1, FN = 3 and TP = 2 gives C = [[TN, FP], [FN, TP]]."""
    y_true = np.array([1, 0, 0, 1, 1, 0, 0, 1, 0, 1])
    y_pred = np.array([0, 0, 1, 1, 0, 0, 0, 1, 0, 0])
    want = np.array([[4, 1],
                     [3, 2]])
    _expect_matrix(sub.confusion_matrix(y_true, y_pred, 2), want, y_true, y_pred, 2,
                   "confusion_matrix(y_true, y_pred, 2)")


@check("q1", points=2, hidden=True)
def test_confusion_matrix_matches_scikit_learn(sub, rng):
    """On random labels (repeated pairs, unequal class frequencies, n_classes above the largest
    label, classes that never occur) C matches scikit-learn's confusion_matrix."""
    from sklearn.metrics import confusion_matrix

    for n, n_classes, used in [(40, 5, [0, 1, 2, 3]), (27, 7, [1, 2, 4])]:
        y_true, y_pred = class_labels(rng, n, n_classes, used)
        want = confusion_matrix(y_true, y_pred, labels=np.arange(n_classes))
        _expect_matrix(sub.confusion_matrix(y_true, y_pred, n_classes), want, y_true, y_pred,
                       n_classes, f"confusion_matrix on {n} samples with n_classes = {n_classes}",
                       hidden=True)


@check("q1", points=2, hidden=True)
def test_confusion_matrix_counts_every_repeat(sub, rng):
    """A perfect classifier gives the class counts on the diagonal, and a classifier that
    predicts a few pairs over and over counts each repeat (n_classes above every label)."""
    from ._oracles import confusion_counts

    y = rng.permutation(np.repeat([0, 3, 1, 4], [5, 2, 7, 3]))
    _expect_matrix(sub.confusion_matrix(y, y.copy(), 6), confusion_counts(y, y, 6), y, y, 6,
                   "confusion_matrix of a perfect classifier", hidden=True)
    y_true = rng.permutation(np.repeat([2, 0, 2, 1, 0], [6, 4, 3, 5, 2]))
    y_pred = np.where(y_true == 2, 0, np.where(y_true == 0, 1, 2))
    y_pred[np.flatnonzero(y_true == 1)[:2]] = 1
    _expect_matrix(sub.confusion_matrix(y_true, y_pred, 4), confusion_counts(y_true, y_pred, 4),
                   y_true, y_pred, 4, "confusion_matrix of a classifier that repeats its errors",
                   hidden=True)
