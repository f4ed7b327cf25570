"""q2: the folds of k-fold cross-validation without shuffling (scikit-learn's KFold): contiguous
validation blocks in order, the first n % k of them one point longer, training indices in
increasing order."""

import numpy as np

from autograder.testing import Diagnose, check, expect_equal, fail

from ._calls import contract_folds, fold_blocks

# Other ways to cut n points into k blocks, each a mistake (key: (description, sizes(n, k))).
SCHEMES = {
    "last": ("the extra points in the LAST n % k folds; the contract (and KFold) gives them to "
             "the FIRST n % k folds",
             lambda n, k: [n // k + (j >= k - n % k) for j in range(k)]),
    "remainder_last": ("blocks of n // k points with the whole remainder in the last fold; "
                       "the first n % k folds get one extra point each",
                       lambda n, k: [n // k] * (k - 1) + [n - (k - 1) * (n // k)]),
    "ceil": ("blocks of ceil(n / k) points, which leave the last fold(s) short; the first "
             "n % k folds have n // k + 1 points and the others n // k",
             lambda n, k: [max(0, min(-(-n // k), n - j * -(-n // k))) for j in range(k)]),
    "floor": ("blocks of n // k points, which leave the last n % k points in no validation "
              "block; the first n % k folds have one extra point each",
              lambda n, k: [n // k] * k),
}


def _is_pair(p):
    return isinstance(p, (tuple, list)) and len(p) == 2


def _matches(got, folds):
    return all(isinstance(a, np.ndarray) and a.dtype.kind in "iu" and a.shape == b.shape
               and np.array_equal(a, b)
               for pair, want in zip(got, folds, strict=True) for a, b in zip(pair, want,
                                                                              strict=True))


def expect_folds(got, want, n, k, name):
    """``got`` must be ``want``, the k pairs (train_idx, val_idx) of KFold(k) on n points."""
    if not isinstance(got, (list, tuple)):
        fail(f"{name} should return a list of {k} pairs (train_idx, val_idx); got "
             f"{type(got).__name__}.", "type")
    if len(got) != k:
        fail(f"{name} should return {k} folds (one per fold, k = {k}); got {len(got)}.", "count")
    if not all(_is_pair(p) for p in got):
        fail(f"Each fold of {name} should be a pair (train_idx, val_idx) of integer arrays.",
             "type")
    if _matches(got, want):
        return
    arrays = all(isinstance(a, np.ndarray) and a.dtype.kind in "iu" for p in got for a in p)
    if arrays:
        if _matches([(v, t) for t, v in got], want):
            fail(f"Each pair from {name} is (val_idx, train_idx): the contract's pairs are "
                 "(train_idx, val_idx), training indices first.", "formula:swapped")
        for key, (text, sizes) in SCHEMES.items():
            alt = fold_blocks(n, sizes(n, k))
            if sum(sizes(n, k)) <= n and not _matches(alt, want) and _matches(got, alt):
                fail(f"{name} has the wrong folds: your folds use {text}.", f"formula:{key}")
        vals = [np.asarray(p[1]) for p in got]
        if any(v.size and not np.array_equal(v, np.arange(v[0], v[0] + v.size)) for v in vals):
            fail(f"A validation block of {name} is not a run of consecutive indices: without "
                 "shuffling, fold j validates on one contiguous block of 0..n-1, the blocks in "
                 "order.", "formula:shuffled")
        for j, ((train, val), (want_train, want_val)) in enumerate(zip(got, want, strict=True)):
            if (np.array_equal(val, want_val) and train.shape == want_train.shape
                    and np.array_equal(np.sort(train), want_train)
                    and not np.array_equal(train, want_train)):
                fail(f"train_idx of fold {j} from {name} holds the right indices, but not in "
                     "increasing order.", "order")
    for j, ((train, val), (want_train, want_val)) in enumerate(zip(got, want, strict=True)):
        expect_equal(val, want_val, name=f"val_idx of fold {j} from {name}",
                     diagnose=Diagnose(transpose=False))
        expect_equal(train, want_train, name=f"train_idx of fold {j} from {name}",
                     diagnose=Diagnose(transpose=False))


@check("q2", points=1)
def test_ten_points_in_three_folds(sub):
    """n = 10, k = 3: the validation blocks are 0-3, 4-6 and 7-9 (the first 10 % 3 = 1 fold
    has 4 points), and fold 1 trains on 0-3 and 7-9."""
    expect_folds(sub.kfold_indices(10, 3), contract_folds(10, 3), 10, 3, "kfold_indices(10, 3)")


@check("q2", points=1)
def test_eleven_points_in_four_folds_and_leave_one_out(sub):
    """n = 11, k = 4: blocks of 3, 3, 3 and 2 points; n = 5, k = 5: leave-one-out, each fold
    validates on one point."""
    expect_folds(sub.kfold_indices(11, 4), contract_folds(11, 4), 11, 4, "kfold_indices(11, 4)")
    expect_folds(sub.kfold_indices(5, 5), contract_folds(5, 5), 5, 5, "kfold_indices(5, 5)")


@check("q2", points=2, hidden=True)
def test_folds_match_kfold_when_k_does_not_divide_n(sub):
    """For several n and k with n % k between 1 and k - 1 (and one k that divides n), the
    folds match scikit-learn's KFold(k).split, in order."""
    from ._oracles import kfold

    for n, k in [(23, 5), (17, 6), (34, 7), (12, 4)]:
        want = kfold(n, k)
        expect_folds(sub.kfold_indices(n, k), want, n, k, f"kfold_indices({n}, {k})")


@check("q2", points=2, hidden=True)
def test_two_folds_and_nearly_leave_one_out(sub):
    """With k = 2 on an odd n and with k = n - 1 (blocks of one point but the first, of two),
    the folds match scikit-learn's KFold(k).split."""
    from ._oracles import kfold

    for n, k in [(13, 2), (8, 7)]:
        want = kfold(n, k)
        expect_folds(sub.kfold_indices(n, k), want, n, k, f"kfold_indices({n}, {k})")
