"""Comparing stumps (public: NumPy and autograder.testing only).

A stump (feature, threshold, polarity) is compared exactly in its integers and to rounding in
its threshold (every correct midpoint formula agrees to a few ulps). A wrong stump is
explained by what it does on the data: the same split with a threshold that is not a midpoint,
a side left empty, a 'split' between equal values, another stump with the same smallest error
(the tie rule), the opposite polarity, or a wrong search the check registers.
"""

import math

import numpy as np

from autograder.testing import expect_float, fail
from autograder.testing.expect import kind_of, reveals

THRESHOLD_RTOL, THRESHOLD_ATOL = 1e-12, 1e-12


def predict(stump, X):
    """h(x) = polarity where x[feature] <= threshold, -polarity elsewhere."""
    feature, threshold, polarity = stump
    return np.where(X[:, feature] <= threshold, float(polarity), -float(polarity))


def weighted_error(stump, X, y, w):
    return float(np.sum(w[predict(stump, X) != y]))


def _integer(value, what, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        fail(f"the {what} of {name} should be an int; got {kind_of(value)}.", "type")
    return int(value)


def stump_parts(got, name, d):
    """The contract's structure: a tuple (feature int in 0..d-1, threshold float, polarity
    +1 or -1). Returns them as (int, float, int)."""
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"{name} should be a tuple (feature, threshold, polarity); got {kind_of(got)}.",
             "type")
    feature = _integer(got[0], "feature", name)
    threshold = expect_float(got[1], name=f"the threshold of {name}")
    polarity = _integer(got[2], "polarity", name)
    if not 0 <= feature < d:
        fail(f"the feature of {name} is {feature}: a column index of X is in 0..{d - 1}.",
             "value")
    if polarity not in (1, -1):
        fail(f"the polarity of {name} is {polarity}; it must be +1 or -1.", "value")
    return feature, threshold, polarity


def same_stump(a, b):
    return (a[0] == b[0] and a[2] == b[2]
            and math.isclose(a[1], b[1], rel_tol=THRESHOLD_RTOL, abs_tol=THRESHOLD_ATOL))


def expect_stump(got, X, y, w, want, *, name, wrong_searches=None):
    """``got`` is the stump ``want`` (the best stump of X, y under the weights w).

    ``wrong_searches``: {key: (description, thunk)} where ``thunk()`` is the stump a specific
    wrong search returns (tag ``formula:key``), evaluated only on failure.
    """
    stump = stump_parts(got, name, X.shape[1])
    if same_stump(stump, want):
        return
    feature, threshold, polarity = stump
    column = X[:, feature]
    shown = (f" Got {tuple(stump)}, expected {tuple(want)}." if reveals() else "")
    total = float(np.sum(w))
    err, best = weighted_error(stump, X, y, w), weighted_error(want, X, y, w)
    same_split = np.array_equal(predict(stump, X), predict(want, X))
    if same_split and feature == want[0] and polarity == want[2]:
        if np.any(column == threshold):
            fail(f"{name} splits the points as the right stump does, but its threshold is a "
                 "data value: the contract puts it halfway between the two consecutive "
                 f"distinct values the split falls between.{shown}", "formula:data_value")
        fail(f"{name} splits the points as the right stump does, but its threshold is not "
             "halfway between the two consecutive distinct values the split falls between."
             f"{shown}", "formula:midpoint")
    one_sided = threshold >= column.max() or threshold < column.min()
    if np.sum(column == threshold) >= 2 and (err > best or one_sided):
        fail(f"{name} is wrong: its threshold is a value that several points share, and "
             "x <= threshold sends all of them to the left, so this stump's error is not the "
             "one your search computed for a 'split' between two of them. Consider only "
             f"thresholds between DISTINCT consecutive values.{shown}", "formula:duplicates")
    if one_sided:
        fail(f"{name} is wrong: its threshold leaves one side empty (every point on the same "
             "side), which is not a stump of the contract: thresholds lie halfway between "
             f"consecutive distinct values, so both sides are non-empty.{shown}",
             "formula:one_sided")
    if math.isclose(err, best, rel_tol=1e-9, abs_tol=1e-12 * total):
        fail(f"{name} has the smallest weighted error, but so do other stumps, and the "
             "contract's tie rule picks another: the lowest feature, then the lowest "
             f"threshold, then polarity +1.{shown}", "tie")
    if same_stump((feature, threshold, -polarity), want):
        fail(f"{name} has the right feature and threshold but the opposite polarity: the "
             "contract's stump predicts polarity where x[feature] <= threshold and -polarity "
             f"elsewhere.{shown}", "formula:flipped")
    for key, (description, thunk) in (wrong_searches or {}).items():
        try:
            other = thunk()
        except Exception:  # noqa: BLE001 - a wrong search that does not apply here
            continue
        if not same_stump(other, want) and same_stump(stump, other):
            fail(f"{name} is wrong: it is {description}.{shown}", f"formula:{key}")
    fail(f"{name} is not the stump with the smallest weighted error: another stump has a "
         f"smaller one.{shown}", "value")


def search(X, y, w, polarities=(1, -1)):
    """The first stump of smallest weighted error in the contract's tie order among the
    candidates of the given polarities, each evaluated on every point (for diagnoses)."""
    from ._data import stump_errors

    cands, errors = stump_errors(X, y, w)
    keep = [k for k, c in enumerate(cands) if c[2] in polarities]
    return cands[min(keep, key=lambda k: errors[k])]


def wrong_searches(X, y, w):
    """The usual wrong stump searches, for :func:`expect_stump`."""
    return {
        "unweighted": ("the best stump without the weights (every point counting 1): the "
                       "weighted error adds up the weights of the misclassified points",
                       lambda: search(X, y, np.ones(len(y)))),
        "plus_only": ("the best stump of polarity +1: try polarity -1 as well",
                      lambda: search(X, y, w, polarities=(1,))),
    }
