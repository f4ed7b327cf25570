"""q2: the entropy in bits H = -sum_k p_k log2 p_k over the classes present in y."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import bits_of_counts

RTOL, ATOL = 1e-12, 1e-14


def _diagnose(y):
    counts = np.unique(y, return_counts=True)[1]
    p = counts / len(y)
    return Diagnose(
        factors={"ln 2": np.log(2.0), "1/ln 2": 1 / np.log(2.0)},
        hints={"ln 2": "That is the entropy in nats: use log2, not the natural log.",
               "-1": "H = -sum_k p_k log2 p_k: log2 p_k is negative, so the sum needs a minus."},
        wrong_formulas={
            "nats": ("the entropy in nats (natural log); H is in bits (log2)",
                     lambda: float(-np.sum(p * np.log(p)))),
            "log10": ("the entropy with log10; H is in bits (log2)",
                      lambda: float(-np.sum(p * np.log10(p)))),
            "unweighted": ("-sum_k log2 p_k (each log2 p_k must be weighted by p_k)",
                           lambda: float(-np.sum(np.log2(p)))),
        },
    )


@check("q2", points=1)
def test_entropy_on_small_examples(sub):
    """Entropy of the labels (1, 6, 6, 9, 6, 1, 9, 6) is 1.5 bits, of (3, 3, 3, 8) about 0.811 bits,
    of a pure node 0.
    """
    for y, want in [
        (np.array([1, 6, 6, 9, 6, 1, 9, 6]), 1.5),  # p = 1/4, 1/2, 1/4
        (np.array([3, 3, 3, 8]), bits_of_counts([3, 1])),
        (np.array([5, 5]), 0.0),
    ]:
        expect_close(sub.entropy(y), want, name=f"entropy({y.tolist()})", rtol=RTOL,
                     atol=ATOL, diagnose=_diagnose(y))


@check("q2", points=2, hidden=True)
def test_entropy_matches_scipy(sub, rng):
    """Entropy of random label vectors (2 to 5 classes, labels up to 200 with gaps) matches
    scipy.stats.entropy with base 2.
    """
    from ._oracles import entropy_scipy

    cases = [np.array([11, 11, 11])]  # a pure node
    for n, k in [(9, 2), (16, 3), (40, 5)]:
        labels = np.sort(rng.choice(np.arange(2, 200), size=k, replace=False))
        y = labels[rng.integers(0, k, size=n)]
        y[:k] = labels
        cases.append(rng.permutation(y))
    for y in cases:
        expect_close(sub.entropy(y), entropy_scipy(y), name=f"entropy of {len(y)} labels",
                     rtol=RTOL, atol=ATOL, diagnose=_diagnose(y))
