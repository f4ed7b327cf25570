"""q1: the training, validation and test sets along a permutation (rows in the order of perm,
X and y split alike)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs

from ._data import labelled_rows, regression_rows

OUTPUTS = ("X_train", "y_train", "X_val", "y_val", "X_test", "y_test")


def _parts(X, y, idx):
    """The six outputs from three index arrays (train, val, test)."""
    out = []
    for i in idx:
        out += [X[i], y[i]]
    return out


def _diagnose(X, y, perm, n_train, n_val):
    """Wrong formulas for each output (evaluated only on failure)."""
    n = len(perm)
    cut = n_train + n_val
    alternatives = {
        "no_perm": ("the rows in their original order: the sets are perm[:n_train], then the "
                    "next n_val entries of perm, then the rest (index X with them)",
                    [np.arange(n_train), np.arange(n_train, cut), np.arange(cut, n)]),
        "sorted": ("the right rows, sorted by index: each set keeps the order of perm (do not "
                   "sort the indices)",
                   [np.sort(perm[:n_train]), np.sort(perm[n_train:cut]), np.sort(perm[cut:])]),
        "val_slice": ("perm[n_train:n_val] as the validation set: the validation set is the "
                      "n_val entries after the first n_train, perm[n_train:n_train + n_val]",
                      [perm[:n_train], perm[n_train:n_val], perm[cut:]]),
        "test_overlap": ("a test set that starts right after the training set and so contains "
                         "the validation rows: the test set is perm[n_train + n_val:]",
                         [perm[:n_train], perm[n_train:cut], perm[n_train:]]),
    }
    y_alt = {"y_unpermuted": ("y split by position (y[:n_train], ...) while X follows perm: "
                              "X and y must be split with the same indices",
                              [np.arange(n_train), np.arange(n_train, cut), np.arange(cut, n)])}

    def formulas(position, on_y):
        # On y, the original order is the mistake of slicing y alone by position (when X is
        # also in its original order, X's own message comes first).
        chosen = {**y_alt, **{k: v for k, v in alternatives.items() if k != "no_perm"}} \
            if on_y else alternatives
        return {key: (text, lambda idx=idx: _parts(X, y, idx)[position])
                for key, (text, idx) in chosen.items()}

    return {name: Diagnose(wrong_formulas=formulas(p, name.startswith("y")), transpose=False)
            for p, name in enumerate(OUTPUTS)}


def _expect_split(got, want, X, y, perm, n_train, n_val, name):
    exact = tuple(k for k in OUTPUTS if k.startswith("y") and np.asarray(y).dtype.kind in "iu")
    expect_outputs(got, dict(zip(OUTPUTS, want, strict=True)), fn=name, rtol=0.0, atol=0.0,
                   exact=exact, diagnose=_diagnose(X, y, perm, n_train, n_val))


@check("q1", points=1)
def test_split_of_ten_rows(sub):
    """Ten rows X[i] = (i, -i) with y[i] = 10 i, perm = [3, 7, 0, 9, 4, 1, 8, 2, 6, 5], 4
    training and 3 validation rows: train = rows 3, 7, 0, 9, validation = 4, 1, 8 and test =
    2, 6, 5, in the order of perm."""
    X = np.column_stack([np.arange(10.0), -np.arange(10.0)])
    y = 10.0 * np.arange(10)
    perm = np.array([3, 7, 0, 9, 4, 1, 8, 2, 6, 5])
    want = _parts(X, y, [np.array([3, 7, 0, 9]), np.array([4, 1, 8]), np.array([2, 6, 5])])
    _expect_split(sub.train_val_test_split(X, y, perm, 4, 3), want, X, y, perm, 4, 3,
                  "train_val_test_split(X, y, perm, 4, 3)")


@check("q1", points=1)
def test_split_keeps_integer_labels_with_their_rows(sub, rng):
    """Twelve random rows with integer labels 3, 5 and 8, a random permutation, 6 training and
    2 validation rows: each set is X[idx], y[idx] with the indices of perm, labels kept as
    integers."""
    X, y = labelled_rows(rng, 12, 3)
    perm = rng.permutation(12)
    want = _parts(X, y, [perm[:6], perm[6:8], perm[8:]])
    _expect_split(sub.train_val_test_split(X, y, perm, 6, 2), want, X, y, perm, 6, 2,
                  "train_val_test_split(X, y, perm, 6, 2) on 12 rows")


@check("q1", points=2, hidden=True)
def test_split_matches_scikit_learn(sub, rng):
    """On random data with random permutations (a 60/20/20 split of 15 rows and a 50/25/25
    split of 16), the six sets match scikit-learn's train_test_split, without shuffling, of
    the permuted rows."""
    from sklearn.model_selection import train_test_split

    for n, n_train, n_val in [(15, 9, 3), (16, 8, 4)]:
        X, y = regression_rows(rng, n, 4)
        perm = rng.permutation(n)
        X_train, X_rest, y_train, y_rest = train_test_split(X[perm], y[perm], train_size=n_train,
                                                            shuffle=False)
        X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, train_size=n_val,
                                                        shuffle=False)
        _expect_split(sub.train_val_test_split(X, y, perm, n_train, n_val),
                      [X_train, y_train, X_val, y_val, X_test, y_test], X, y, perm, n_train,
                      n_val, f"train_val_test_split of {n} rows, n_train = {n_train}, "
                             f"n_val = {n_val}")


@check("q1", points=2, hidden=True)
def test_split_with_uneven_parts_and_labels(sub, rng):
    """With integer labels, a large validation set (n_val > n_train) and a test set of one row,
    the sets follow perm exactly, and a permutation that is nearly the identity still gives
    the rows in its own order."""
    X, y = labelled_rows(rng, 11, 2, classes=(2, 7, 4))
    perm = rng.permutation(11)
    want = _parts(X, y, [perm[:4], perm[4:10], perm[10:]])
    _expect_split(sub.train_val_test_split(X, y, perm, 4, 6), want, X, y, perm, 4, 6,
                  "train_val_test_split of 11 labelled rows, n_train = 4, n_val = 6")
    near = np.arange(9)
    near[[1, 6]] = near[[6, 1]]
    near[[3, 4]] = near[[4, 3]]
    X, y = regression_rows(rng, 9, 3)
    want = _parts(X, y, [near[:5], near[5:7], near[7:]])
    _expect_split(sub.train_val_test_split(X, y, near, 5, 2), want, X, y, near, 5, 2,
                  "train_val_test_split of 9 rows along a permutation with two swaps")
