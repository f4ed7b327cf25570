"""q6: the perplexity 2^H(P_i) of each row, H in bits, with 0 log 0 = 0."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, fail

from ._data import distributions
from ._models import perp

RTOL, ATOL = 1e-10, 1e-12


def diagnose(P):
    """Diagnoses of perplexity(P)."""
    def entropy(base):
        return lambda: _entropy(P, base)

    return Diagnose(
        wrong_formulas={
            "nats": ("the entropy in nats, -sum p ln p: the perplexity is its exponential, "
                     "e^H", entropy(np.e)),
            "bits": ("the entropy in bits, -sum p log2 p: the perplexity is 2^H",
                     entropy(2.0)),
            "mixed_e": ("e^H with H in bits: use the same base for the log and the power "
                        "(2^H in bits, or e^H in nats)", lambda: perp(P, exponent_base=np.e)),
            "mixed_2": ("2^H with H in nats: use the same base for the log and the power",
                        lambda: perp(P, base=np.e, exponent_base=2.0)),
            "inverse": ("2^-H: the entropy is minus the sum of p log p",
                        lambda: 1.0 / perp(P)),
            "columns": ("the perplexity of each column: each row is a distribution",
                        lambda: perp(P, axis=0)),
        },
    )


def _entropy(P, base):
    logs = np.log(np.where(P > 0, P, 1.0)) / np.log(base)
    return -np.sum(P * logs, axis=1)


def expect_perplexity(sub, P, want, label):
    name = f"perplexity({label})"
    got = sub.perplexity(P)
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and np.any(np.isnan(got)):
        fail(f"{name} has NaN entries where a row has zeros: 0 log 0 is 0 by convention, but "
             "0 * np.log(0) is 0 * -inf = NaN. Leave the zero entries out of the sum (for "
             "example np.where(P > 0, P * np.log2(P), 0), or a log of np.where(P > 0, P, 1)).",
             "not_finite")
    expect_close(got, want, name=name, rtol=RTOL, atol=ATOL, diagnose=diagnose(P))


@check("q6", points=1)
def test_perplexity_of_hand_rows(sub):
    """A row uniform over 4 entries has perplexity 4, over 2 entries (with zeros) 2, a
    one-hot row 1, and (1/2, 1/4, 1/4, 0), whose entropy is 1.5 bits, 2^1.5."""
    P = np.array([[0.25, 0.25, 0.25, 0.25], [0.0, 0.5, 0.0, 0.5], [1.0, 0.0, 0.0, 0.0],
                  [0.5, 0.25, 0.25, 0.0]])
    expect_perplexity(sub, P, [4.0, 2.0, 1.0, 2.0**1.5], "P (4, 4)")


@check("q6", points=1)
def test_perplexity_of_random_rows_with_zeros(sub, rng):
    """Five random rows of five probabilities, each with one zero: the perplexity is
    exp(-sum p ln p) over the non-zero entries."""
    P = distributions(rng, 5, 5, zeros=1)
    want = [np.exp(-sum(p * np.log(p) for p in row if p > 0)) for row in P]
    expect_perplexity(sub, P, want, "P (5, 5)")


@check("q6", points=2, hidden=True)
def test_perplexity_matches_scipy(sub, rng):
    """On random rows with two zeros each (P of shape (7, 7)) and on peaked rows (6, 6), the
    perplexity is 2 ** SciPy's entropy in base 2."""
    from ._oracles import perplexity_scipy

    P = distributions(rng, 7, 7, zeros=2)
    expect_perplexity(sub, P, perplexity_scipy(P), "P (7, 7) with zeros")
    logits = 4.0 * rng.standard_normal((6, 6))
    P = np.exp(logits - logits.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    expect_perplexity(sub, P, perplexity_scipy(P), "P (6, 6), peaked rows")


@check("q6", points=1, hidden=True)
def test_perplexity_of_uniform_and_one_hot_rows_among_random_ones(sub, rng):
    """Among random rows (8 entries, zero diagonal), a row uniform over the 7 others has
    perplexity 7 and a one-hot row 1; all match SciPy's entropy."""
    from ._oracles import perplexity_scipy

    P = distributions(rng, 8, 8, zeros=1)
    P[np.arange(8), np.arange(8)] = 0.0
    P[2] = 1.0 / 7.0
    P[2, 2] = 0.0
    P[5] = 0.0
    P[5, 1] = 1.0
    P = P / P.sum(axis=1, keepdims=True)
    expect_perplexity(sub, P, perplexity_scipy(P), "P (8, 8)")
