"""q2: the majority vote of B models on m points, ties to the smallest label."""

import numpy as np

from autograder.testing import Diagnose, check, expect_equal, fail

from ._data import vote_counts, votes


def _column_votes(predictions, rule):
    """The vote of each column with ties to the ``rule`` ("largest" or "first" seen) label."""
    labels, counts = vote_counts(predictions)
    out = []
    for j in range(predictions.shape[1]):
        top = labels[counts[:, j] == counts[:, j].max()]
        out.append(top.max() if rule == "largest" else
                   [c for c in predictions[:, j] if c in top][0])
    return np.array(out)


def _diagnose(predictions):
    labels, counts = vote_counts(predictions)
    return Diagnose(transpose=False, wrong_formulas={
        "index": ("the position of the winning label among the sorted labels (what argmax "
                  "over np.unique's counts gives), not the label itself: map it back with "
                  "labels[...]", lambda: np.argmax(counts, axis=0)),
        "mean": ("the rounded mean of the labels, not the most frequent one",
                 lambda: np.rint(predictions.mean(axis=0)).astype(int)),
        "median": ("the median of the labels, not the most frequent one",
                   lambda: np.median(predictions, axis=0).astype(int)),
        "rows": ("the vote of each model across the points (along axis 1): the B models' "
                 "votes on point j are the column predictions[:, j]",
                 lambda: _column_votes(predictions.T, "first")),
    })


def expect_vote(got, predictions, want, name):
    """``got`` is the vote ``want``; a failure only at tied columns is named as the tie rule."""
    labels, counts = vote_counts(predictions)
    if (isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind in "iu"):
        wrong = np.flatnonzero(got != want)
        tied = [j for j in wrong if got[j] in labels
                and counts[:, j].max() == counts[np.searchsorted(labels, got[j]), j]]
        if wrong.size and len(tied) == wrong.size:
            fail(f"{name} is wrong at {wrong.size} of {want.size} points, all of them ties (two "
                 "or more labels with the most votes) where you chose another of the tied "
                 "labels: a tie goes to the smallest label (as scipy.stats.mode).", "tie")
    expect_equal(got, want, name=name, diagnose=_diagnose(predictions))


@check("q2", points=1)
def test_majority_vote_on_a_small_example(sub):
    """Five models vote on six points with labels 2, 5 and 9: columns with a clear majority
    give it, and the columns where two labels have two votes each give the smaller one."""
    P = np.array([[5, 9, 2, 9, 9, 5],
                  [5, 2, 2, 9, 9, 9],
                  [2, 9, 2, 5, 9, 2],
                  [9, 2, 9, 5, 9, 2],
                  [5, 5, 9, 2, 5, 9]])
    expect_vote(sub.majority_vote(P), P, np.array([5, 2, 2, 5, 9, 2]),
                "majority_vote(predictions)")


@check("q2", points=1)
def test_one_model_and_two_two_splits(sub):
    """A single model's predictions are their own vote, and four models that split 2-2 on every
    point give the smaller label of each pair."""
    one = np.array([[7, 3, 12, 3]])
    expect_vote(sub.majority_vote(one), one, np.array([7, 3, 12, 3]),
                "majority_vote of a single model")
    four = np.array([[4, 8, 0, 6],
                     [8, 4, 6, 0],
                     [4, 8, 0, 6],
                     [8, 4, 6, 0]])
    expect_vote(sub.majority_vote(four), four, np.array([4, 4, 0, 0]),
                "majority_vote of four models that split 2-2")


@check("q2", points=2, hidden=True)
def test_majority_vote_matches_scipy_mode(sub, rng):
    """On random votes of six models on 15 points (labels 3, 4, 10 and 12, several tied
    columns) the vote is scipy.stats.mode's."""
    from ._oracles import scipy_mode

    P = votes(rng, 6, 15, [3, 4, 10, 12])
    expect_vote(sub.majority_vote(P), P, scipy_mode(P), "majority_vote of 6 models on 15 points")


@check("q2", points=2, hidden=True)
def test_majority_vote_with_odd_and_even_ensembles(sub, rng):
    """Seven models on 20 points with labels 0, 17 and 1000, and two models on 12 points (any
    disagreement is a tie), match scipy.stats.mode."""
    from ._oracles import scipy_mode

    for B, m, labels in [(7, 20, [0, 17, 1000]), (2, 12, [1, 6, 30])]:
        P = votes(rng, B, m, labels)
        expect_vote(sub.majority_vote(P), P, scipy_mode(P),
                    f"majority_vote of {B} models on {m} points")
