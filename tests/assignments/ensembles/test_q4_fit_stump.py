"""q4: the decision stump of smallest weighted error; thresholds halfway between consecutive
distinct values; ties to the lowest feature, the lowest threshold, then polarity +1."""

import numpy as np

from autograder.testing import check

from ._data import (
    chance_beats_every_split_problem,
    duplicated_point_problem,
    paired_stump_problem,
    stump_problem,
    tied_stump_problem,
)
from ._stumps import expect_stump, wrong_searches


def _expect(sub, X, y, w, want, name):
    expect_stump(sub.fit_stump(X, y, w), X, y, w, want, name=name,
                 wrong_searches=wrong_searches(X, y, w))


@check("q4", points=1)
def test_fit_stump_on_a_small_weighted_example(sub):
    """Six points in 2-D with weights in eighths summing to 2: the best stump is
    (1, 3.5, -1), whose weighted error is 3/8 (without the weights another stump would win)."""
    X = np.array([[5.0, 5.0], [2.0, 4.0], [5.0, 0.0], [1.0, 2.0], [0.0, 3.0], [5.0, 1.0]])
    y = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0])
    w = np.array([1, 3, 2, 1, 4, 5]) / 8
    _expect(sub, X, y, w, (1, 3.5, -1), "fit_stump(X, y, sample_weight)")


@check("q4", points=1)
def test_exact_ties_follow_the_tie_rule(sub):
    """Six points in pairs (the same x, opposite labels, the same weight in eighths): every
    stump errs on exactly half the total weight, so the tie rule decides: feature 0, its lowest
    threshold 1.5, polarity +1."""
    rows = np.array([[1.0, 4.0], [3.0, 0.0], [2.0, 2.0]])
    X = np.repeat(rows, 2, axis=0)
    y = np.array([1.0, -1.0, -1.0, 1.0, 1.0, -1.0])
    w = np.array([1, 1, 3, 3, 2, 2]) / 8
    _expect(sub, X, y, w, (0, 1.5, 1), "fit_stump on six points in tied pairs")


@check("q4", points=2, hidden=True)
def test_fit_stump_matches_exhaustive_enumeration(sub, rng):
    """On random problems (20 points in 3-D and 15 in 4-D with integer labels +-1, positive
    weights that do not sum to 1) whose best stump is unique, the stump is the one exhaustive
    enumeration of every feature, threshold and polarity finds."""
    from ._oracles import best_stump

    for n, d, labels in [(20, 3, float), (15, 4, int)]:
        X, y, w = stump_problem(rng, n, d)
        y = y.astype(labels)
        _expect(sub, X, y, w, best_stump(X, y, w), f"fit_stump on {n} points in {d}-D")


@check("q4", points=2, hidden=True)
def test_fit_stump_breaks_exact_ties_by_the_contract(sub, rng):
    """Integer features and weights in eighths: a smallest error reached on several features
    and thresholds gives the lowest feature, then its lowest threshold; and when no stump beats
    chance, polarity +1 (compared with exhaustive enumeration)."""
    from ._oracles import best_stump

    X, y, w = tied_stump_problem(rng, 12, 3)
    _expect(sub, X, y, w, best_stump(X, y, w), "fit_stump with tied best stumps")
    X, y, w = paired_stump_problem(rng, 6, 3)
    _expect(sub, X, y, w, best_stump(X, y, w), "fit_stump where every stump ties")


@check("q4", points=2, hidden=True)
def test_thresholds_lie_between_distinct_values(sub, rng):
    """Both sides of the split are non-empty even where predicting one class everywhere would
    err less, and equal values are never split apart (a point present twice with opposite
    labels and a large weight), as exhaustive enumeration of the contract's stumps says."""
    from ._oracles import best_stump

    X, y, w = chance_beats_every_split_problem(rng, 10, 2)
    _expect(sub, X, y, w, best_stump(X, y, w), "fit_stump where one class everywhere errs less")
    X, y, w = duplicated_point_problem(rng, 14, 2)
    _expect(sub, X, y, w, best_stump(X, y, w), "fit_stump on data with a repeated point")
