"""q1: the Gini impurity G = sum_k p_k (1 - p_k) over the classes present in y."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import gini_of_counts

RTOL, ATOL = 1e-12, 1e-14


def _diagnose(y):
    counts = np.unique(y, return_counts=True)[1]
    p = counts / len(y)
    return Diagnose(
        wrong_formulas={
            "sum_p": ("1 - sum_k p_k, which is always 0 (the p_k must be squared)",
                      lambda: 1.0 - float(np.sum(p))),
            "purity": ("sum_k p_k^2, the purity (G is 1 minus it)",
                       lambda: float(np.sum(p**2))),
            "misclassification": ("1 - max_k p_k, the misclassification rate (G sums over "
                                  "every class)", lambda: 1.0 - float(p.max())),
            "counts": ("1 - sum_k n_k^2 / n (the counts squared, divided by n only once)",
                       lambda: 1.0 - float(np.sum(counts**2)) / counts.sum()),
        },
    )


@check("q1", points=1)
def test_gini_on_small_examples(sub):
    """Gini of the labels (4, 9, 4, 7, 4) is 0.56, of four distinct labels 0.75, of a pure node 0.
    """
    for y, want in [
        (np.array([4, 9, 4, 7, 4]), gini_of_counts([3, 1, 1])),  # 1 - (9 + 1 + 1) / 25
        (np.array([8, 1, 5, 3]), 0.75),
        (np.array([7, 7, 7]), 0.0),
    ]:
        expect_close(sub.gini(y), want, name=f"gini({y.tolist()})", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(y))


@check("q1", points=2, hidden=True)
def test_gini_matches_exact_fractions(sub, rng):
    """Gini of random label vectors (2 to 5 classes with gaps between the labels, unequal counts)
    matches an exact rational computation.
    """
    from ._oracles import gini_exact

    cases = [np.array([6])]  # one sample: a pure node
    for n, k in [(7, 2), (12, 3), (30, 5)]:
        labels = np.sort(rng.choice(np.arange(1, 40), size=k, replace=False))
        y = labels[rng.integers(0, k, size=n)]
        y[:k] = labels  # every class present
        cases.append(rng.permutation(y))
    for y in cases:
        expect_close(sub.gini(y), gini_exact(y), name=f"gini of {len(y)} labels",
                     rtol=RTOL, atol=ATOL, diagnose=_diagnose(y))
