"""q6: the row-wise softmax, finite for scores up to 1000 and rows on very different scales."""

import numpy as np

from autograder.testing import Diagnose, check

from ._data import (
    SCORE_SHAPES,
    expect_value,
    large_scores,
    log_softmax_np,
    moderate_scores,
    softmax_np,
)

# Rows at +1000 and -1000, a row on the scale 1e-3 and a row that spans 1000 (N != C).
EXTREME = np.array([[1000.0, 999.0, 997.5, 1000.5, 998.0],
                    [-1000.0, -1001.0, -998.0, -1000.0, -999.5],
                    [0.001, -0.002, 0.0005, 0.0, 0.0015],
                    [0.0, -800.0, 5.0, -1000.0, 2.0]])


def _diagnose(S):
    def softmax_columns():
        e = np.exp(S - S.max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)

    def whole_matrix(shift):
        e = np.exp(S - shift)
        return e / e.sum()

    return Diagnose(wrong_formulas={
        "columns": ("the softmax of each column (axis 0): each row of S holds one sample's C "
                    "scores, so normalise along axis 1", softmax_columns),
        "whole_matrix": ("exp(S - max) divided by the sum over the whole array: each row is "
                         "normalised by its own sum (axis=1, keepdims=True)",
                         lambda: whole_matrix(S.max(axis=1, keepdims=True))),
        "flattened": ("the softmax of the whole array as one vector: each row is normalised "
                      "by its own sum (axis=1, keepdims=True)", lambda: whole_matrix(S.max())),
        "exp_only": ("exp(S - max) without the division by the row sums",
                     lambda: np.exp(S - S.max(axis=1, keepdims=True))),
        "log_softmax": ("the log-softmax, not the softmax", lambda: log_softmax_np(S)),
    }, transpose=False)


def _expect(sub, S, name):
    expect_value("softmax", sub.softmax(S), softmax_np(S), name=name, diagnose=_diagnose(S))


@check("q6", points=1)
def test_softmax_of_a_small_batch(sub):
    """softmax of 3 samples and 4 classes: each row is exp(S) divided by the row's sum (the
    first row, [0, 1, 2, 3], gives e^j / (1 + e + e^2 + e^3))."""
    S = np.array([[0.0, 1.0, 2.0, 3.0], [2.0, -1.0, 0.5, 0.5], [-3.0, 1.0, 4.0, 1.0]])
    _expect(sub, S, "softmax(S) for S of shape (3, 4)")


@check("q6", points=1)
def test_softmax_of_rows_at_1000_and_on_very_different_scales(sub):
    """softmax is finite and right for rows at +1000 and -1000, a row on the scale 1e-3 and a
    row that spans 1000 (where some probabilities underflow to 0)."""
    _expect(sub, EXTREME, "softmax(S) for rows at +1000, -1000, 1e-3 and spanning 1000")


@check("q6", points=2, hidden=True)
def test_softmax_matches_torch(sub, rng):
    """On random scores of several shapes (N != C), softmax matches
    torch.nn.functional.softmax(S, dim=1)."""
    from ._oracles import softmax

    for N, C in SCORE_SHAPES:
        S = moderate_scores(rng, N, C)
        expect_value("softmax", sub.softmax(S), softmax(S),
                     name=f"softmax on random scores ({N}, {C})", diagnose=_diagnose(S))


@check("q6", points=2, hidden=True)
def test_softmax_of_large_scores_matches_torch(sub, rng):
    """On random rows at +1000 and -1000 and on scales from 1e-3 to 1000, softmax is finite and
    matches torch.nn.functional.softmax."""
    from ._oracles import softmax

    S = large_scores(rng)
    expect_value("softmax", sub.softmax(S), softmax(S),
                 name="softmax on rows at +-1000 and on scales from 1e-3 to 1000",
                 diagnose=_diagnose(S))
    S = rng.permutation(S.T).T  # the same rows, the classes in another order
    expect_value("softmax", sub.softmax(S), softmax(S),
                 name="softmax of the same rows, columns permuted", diagnose=_diagnose(S))
