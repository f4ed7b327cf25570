"""q3: k-NN classification, the majority label of the k neighbours, vote ties to the smallest
label; labels are non-negative integers, not necessarily 0..C-1."""

import numpy as np

from autograder.testing import check

from ._compare import expect_votes
from ._data import KNN_LABELS as LABELS
from ._data import KNN_TEST as TEST
from ._data import KNN_TRAIN as TRAIN


def _index(labels):
    """What returning positions in the sorted list of classes [2, 5, 9] gives."""
    return lambda: np.searchsorted([2, 5, 9], labels)


INDEX = ("the positions of the labels in the sorted list of classes (0..C-1); return the "
         "labels themselves, which need not be 0..C-1")


@check("q3", points=1)
def test_majority_vote_with_labels_that_are_not_0_to_c(sub):
    """Labels 2, 5 and 9: with k = 3 the three test points get 9, 2 and 5 (majorities of two
    votes), with k = 1 the labels of their nearest points, 9, 2 and 2."""
    for k, want in [(3, [9, 2, 5]), (1, [9, 2, 2])]:
        expect_votes(sub.knn_predict(TRAIN, LABELS, TEST, k), np.array(want),
                     name=f"knn_predict(X_train, y_train, X_test, {k})",
                     tied_rows=np.zeros(3, bool), formulas={"index": (INDEX, _index(want))})


@check("q3", points=1)
def test_a_vote_tie_goes_to_the_smallest_label(sub):
    """Vote ties go to the smallest label: votes (5, 2) give 2 with k = 2, votes (9, 2, 2, 9)
    give 2 with k = 4, votes (9, 2, 5) give 2 with k = 3; rows without a tie keep their
    majority."""
    cases = [
        (2, np.array([[0.2, 0.6], [8.3, 0.8], [5.4, 5.3]]), [2, 2, 9], [True, False, False]),
        (4, np.array([[1.6, 5.2], [5.4, 5.3], [0.6, 1.1]]), [2, 9, 5], [True, False, False]),
        (3, np.array([[2.6, 3.4], [8.3, 0.8]]), [2, 2], [True, False]),
    ]
    for k, T, want, tied in cases:
        expect_votes(sub.knn_predict(TRAIN, LABELS, T, k), np.array(want),
                     name=f"knn_predict(X_train, y_train, X_test, {k}) with a vote tie",
                     tied_rows=np.array(tied), formulas={"index": (INDEX, _index(want))})


def _formulas(y_train, want):
    classes = np.unique(y_train)
    return {"index": (INDEX, lambda: np.searchsorted(classes, want))}


@check("q3", points=2, hidden=True)
def test_predictions_match_scikit_learn(sub, rng):
    """On random clustered points with labels 1, 4, 6 and 11 (24 training and 10 test points
    in 3-D, neighbours unique by a margin), the predictions are scikit-learn's
    KNeighborsClassifier's for k = 1, 4 (with vote ties) and 7."""
    from ._oracles import classification_problem, sklearn_classify, sklearn_neighbours, vote

    X_train, y_train, X_test = classification_problem(rng, n=24, m=10, d=3, ks=(1, 4, 7),
                                                      labels=(1, 4, 6, 11))
    for k in (1, 4, 7):
        want = sklearn_classify(X_train, y_train, X_test, k)
        _, tied = vote(y_train[sklearn_neighbours(X_train, X_test, k)[0]])
        expect_votes(sub.knn_predict(X_train, y_train, X_test, k), want,
                     name=f"knn_predict on random data (labels 1, 4, 6, 11; k = {k})",
                     tied_rows=tied, formulas=_formulas(y_train, want))


@check("q3", points=2, hidden=True)
def test_distance_and_vote_ties_on_small_integer_points(sub, rng):
    """On random small-integer points (20 training, 8 test) with labels 0, 3 and 7 and k = 4,
    the k voters are those of the lower-index tie rule (which changes some predictions) and
    vote ties go to the smallest label (checked in exact integer arithmetic)."""
    from ._oracles import exact_neighbours, integer_vote_problem, vote

    X_train, y_train, X_test, want, tied = integer_vote_problem(rng, n=20, m=8, k=4,
                                                                labels=(0, 3, 7))
    formulas = _formulas(y_train, want)
    formulas["reversed"] = (
        "the votes of neighbours whose distance ties are broken by the higher index (the "
        "voters are k_nearest's: the lower training index first)",
        lambda: vote(y_train[exact_neighbours(X_train, X_test, 4, reverse_ties=True)[0]])[0])
    expect_votes(sub.knn_predict(X_train, y_train, X_test, 4), want,
                 name="knn_predict on random small-integer points (labels 0, 3, 7; k = 4)",
                 tied_rows=tied, formulas=formulas)
