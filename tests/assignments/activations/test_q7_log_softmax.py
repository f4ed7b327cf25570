"""q7: the row-wise log-softmax, finite even where the softmax underflows to 0."""

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


def _diagnose(S):
    m = S.max(axis=1, keepdims=True)

    def columns():
        m0 = S.max(axis=0, keepdims=True)
        return S - m0 - np.log(np.exp(S - m0).sum(axis=0, keepdims=True))

    return Diagnose(wrong_formulas={
        "missing_max": ("S - log(sum_k exp(S_k - m)) with m the row maximum: subtract m as "
                        "well, log_softmax = S - m - log(sum_k exp(S_k - m))",
                        lambda: S - np.log(np.exp(S - m).sum(axis=1, keepdims=True))),
        "columns": ("the log-softmax of each column (axis 0): normalise along axis 1",
                    columns),
        "softmax": ("the softmax, not its logarithm", lambda: softmax_np(S)),
        "no_log": ("S - m - sum_k exp(S_k - m): the logarithm of the sum is missing",
                   lambda: S - m - np.exp(S - m).sum(axis=1, keepdims=True)),
    }, transpose=False)


def _expect(sub, S, name):
    expect_value("log_softmax", sub.log_softmax(S), log_softmax_np(S), name=name,
                 diagnose=_diagnose(S))


@check("q7", points=1)
def test_log_softmax_of_a_small_batch(sub):
    """log_softmax of 3 samples and 4 classes: S minus each row's log-sum-exp (the first row,
    [0, 1, 2, 3], gives j - log(1 + e + e^2 + e^3))."""
    S = np.array([[0.0, 1.0, 2.0, 3.0], [2.0, -1.0, 0.5, 0.5], [-3.0, 1.0, 4.0, 1.0]])
    _expect(sub, S, "log_softmax(S) for S of shape (3, 4)")


@check("q7", points=1)
def test_log_softmax_is_finite_where_the_softmax_underflows(sub):
    """log_softmax is finite for rows at +1000 and -1000 and for scores 800 to 1000 below their
    row's maximum (where softmax(S) is exactly 0)."""
    S = np.array([[0.0, -800.0, 5.0, -1000.0, 2.0],
                  [1000.0, 999.0, 0.0, 998.0, -1000.0],
                  [-1000.0, -1001.0, -998.0, -1000.0, -999.5]])
    _expect(sub, S, "log_softmax(S) for rows spanning 1000 and at -1000")


@check("q7", points=2, hidden=True)
def test_log_softmax_matches_torch(sub, rng):
    """On random scores of several shapes (N != C), log_softmax matches
    torch.nn.functional.log_softmax(S, dim=1)."""
    from ._oracles import log_softmax

    for N, C in SCORE_SHAPES:
        S = moderate_scores(rng, N, C)
        expect_value("log_softmax", sub.log_softmax(S), log_softmax(S),
                     name=f"log_softmax on random scores ({N}, {C})", diagnose=_diagnose(S))


@check("q7", points=2, hidden=True)
def test_log_softmax_of_large_scores_matches_torch(sub, rng):
    """On random rows at +1000 and -1000, on scales from 1e-3 to 1000 and with scores 800 below
    their row's maximum, log_softmax is finite and matches torch.nn.functional.log_softmax."""
    from ._oracles import log_softmax

    S = large_scores(rng)
    S[0, rng.integers(5)] -= 800.0
    S[5, rng.integers(5)] -= 900.0
    expect_value("log_softmax", sub.log_softmax(S), log_softmax(S),
                 name="log_softmax on rows at +-1000, on scales from 1e-3 to 1000 and 800 below "
                 "the maximum", diagnose=_diagnose(S))
