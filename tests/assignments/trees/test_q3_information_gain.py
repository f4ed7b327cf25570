"""q3: the information gain I(parent) - (n_left / n) I(left) - (n_right / n) I(right)."""

import numpy as np

from autograder.testing import CheckFailure, Diagnose, check, expect_close

from ._data import (
    IMPURITY_OF_COUNTS,
    bits_of_counts,
    differs,
    fix_earlier_first,
    gain_of_split,
    gini_of_counts,
)

RTOL, ATOL = 1e-10, 1e-12

# The example: 4 labels 5 and 6 labels 8; the left child is (5, 8, 8), the right child
# (5, 5, 8, 8, 5, 8, 8): children of unequal sizes 3 and 7, taken from scattered positions.
Y = np.array([5, 5, 8, 5, 8, 8, 8, 5, 8, 8])
LEFT = np.array([True, False, True, False, False, True, False, False, False, False])


def _diagnose(y, left_mask, criterion):
    other = "gini" if criterion == "entropy" else "entropy"

    def gain(crit, w_left, w_right):
        return gain_of_split(y, left_mask, crit, (w_left, w_right))

    n, n_left = len(y), int(np.sum(left_mask))
    n_right = n - n_left
    return Diagnose(
        wrong_formulas={
            "unweighted": ("the parent's impurity minus the plain mean of the children's (each "
                           "child is weighted by its share of the samples, n_child / n)",
                           lambda: gain(criterion, 0.5, 0.5)),
            "swapped": ("the children weighted by each other's sizes (the left child's "
                        "impurity has weight n_left / n)",
                        lambda: gain(criterion, n_right / n, n_left / n)),
            "counts": ("the children weighted by their sizes n_child, not by n_child / n",
                       lambda: gain(criterion, n_left, n_right)),
            "criterion": (f"the gain with the {other} criterion, not {criterion}",
                          lambda: gain(other, n_left / n, n_right / n)),
        },
        hints={"-1": "The gain is the parent's impurity minus the children's, not the "
                     "reverse."},
    )


def _expect_gain(sub, y, left_mask, want, name, criterion=None):
    """information_gain(y, left_mask, criterion) (the default criterion, entropy, when None)
    is ``want``; if not, and the submission's own impurity of this criterion is wrong on the
    parent or a child, the message says to fix it first."""
    kwargs = {} if criterion is None else {"criterion": criterion}
    criterion = criterion or "entropy"
    try:
        expect_close(sub.information_gain(y, left_mask, **kwargs), want, name=name, rtol=RTOL,
                     atol=ATOL, diagnose=_diagnose(y, left_mask, criterion))
    except CheckFailure as failure:
        question = {"gini": "q1", "entropy": "q2"}[criterion]
        impurity = IMPURITY_OF_COUNTS[criterion]
        parts = (y, y[left_mask], y[~left_mask])
        fix_earlier_first(failure, question, criterion, lambda: any(
            differs(getattr(sub, criterion)(part),
                    impurity(np.unique(part, return_counts=True)[1].tolist()))
            for part in parts))


@check("q3", points=1)
def test_gain_with_the_default_criterion_on_a_small_example(sub):
    """The default criterion is entropy: on 10 labels split 3 / 7 the gain is H(4, 6) - 0.3 H(1, 2)
    - 0.7 H(3, 4) bits.
    """
    want = bits_of_counts([4, 6]) - 0.3 * bits_of_counts([1, 2]) - 0.7 * bits_of_counts([3, 4])
    _expect_gain(sub, Y, LEFT, want, "information_gain(y, left_mask)")
    _expect_gain(sub, Y, LEFT, want, "information_gain(y, left_mask, criterion='entropy')",
                 criterion="entropy")


@check("q3", points=1)
def test_gain_with_gini_on_a_small_example(sub):
    """With criterion='gini' on the same split the gain is G(4, 6) - 0.3 G(1, 2) - 0.7 G(3, 4)."""
    want = gini_of_counts([4, 6]) - 0.3 * gini_of_counts([1, 2]) - 0.7 * gini_of_counts([3, 4])
    _expect_gain(sub, Y, LEFT, want, "information_gain(y, left_mask, criterion='gini')",
                 criterion="gini")


@check("q3", points=3, hidden=True)
def test_gain_matches_the_definition(sub, rng):
    """On random nodes (2 to 4 classes, children of unequal sizes, both criteria, and the default)
    the gain matches SciPy's entropy and exact Gini impurities.
    """
    from ._oracles import gain_oracle

    for n, k, n_left in [(12, 2, 5), (17, 3, 11), (30, 4, 4)]:
        labels = np.sort(rng.choice(np.arange(1, 60), size=k, replace=False))
        y = labels[rng.integers(0, k, size=n)]
        y[:k] = labels
        y = rng.permutation(y)
        mask = np.zeros(n, dtype=bool)
        mask[rng.choice(n, size=n_left, replace=False)] = True
        for criterion in ("entropy", "gini"):
            _expect_gain(sub, y, mask, gain_oracle(y, mask, criterion),
                         f"information_gain on {n} labels split {n_left} / {n - n_left} "
                         f"(criterion='{criterion}')", criterion=criterion)
        _expect_gain(sub, y, mask, gain_oracle(y, mask, "entropy"),
                     f"information_gain on {n} labels (default criterion)")
    # A split into two pure children gains the whole impurity of the parent.
    y = np.array([3, 9, 9, 3, 9, 3, 9])
    mask = y == 3
    for criterion in ("entropy", "gini"):
        _expect_gain(sub, y, mask, gain_oracle(y, mask, criterion),
                     f"information_gain of a split into pure children ('{criterion}')",
                     criterion=criterion)
