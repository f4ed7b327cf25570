"""Comparisons that several questions' checks share (public: NumPy and the check toolkit only).

- :func:`expect_labels`: cluster labels, compared exactly, with the tie rule named when only
  tied points are wrong;
- :func:`row_sign_thunk` and :func:`abs_thunk`: wrong formulas for eigenvectors, whose sign is
  arbitrary until the contract's rule fixes it, so a wrong formula is matched whatever sign a
  solver gave each vector.
"""

import numpy as np

from autograder.testing import Diagnose, expect_array, expect_equal, fail


def label_diagnose(X, centroids):
    """The usual wrong assignment rules, as wrong formulas on labels."""
    diff = X[:, None, :] - centroids[None, :, :]
    d2 = np.sum(diff**2, axis=2)
    return Diagnose(
        wrong_formulas={
            "farthest": ("the farthest centroid (argmax instead of argmin)",
                         lambda: np.argmax(d2, axis=1)),
            "manhattan": ("the nearest centroid in Manhattan distance (sum of |x - c|); "
                          "k-means uses the Euclidean distance",
                          lambda: np.argmin(np.sum(np.abs(diff), axis=2), axis=1)),
            "axis": ("squared differences summed over the centroids instead of the "
                     "coordinates: the distances of point i to centroid j are the sum over "
                     "the last axis of (X[i] - centroids[j])^2",
                     lambda: np.argmin(np.sum(diff**2, axis=1), axis=1)),
            "dot": ("the largest x . c: ||x - c||^2 = ||x||^2 - 2 x . c + ||c||^2, and only "
                    "||x||^2 may be dropped (it is the same for every centroid)",
                    lambda: np.argmax(X @ centroids.T, axis=1)),
        },
        hints={"offset": "Labels are 0-based: the first centroid is 0."},
        transpose=False,
    )


def expect_labels(got, want, *, name, tied=None, diagnose=None):
    """``got`` equals the labels ``want`` exactly (an integer array). ``tied`` marks the points
    that are exactly as far from two or more centroids: if only those are wrong, the message
    names the tie rule."""
    want = np.asarray(want)
    got = expect_array(got, name=name, shape=want.shape, dtype="integer")
    if tied is not None:
        bad = got != want
        if bad.any() and not np.any(bad & ~np.asarray(tied)):
            fail(f"{name} is wrong at {int(bad.sum())} of the {int(np.sum(tied))} points that "
                 "are exactly as far from two or more centroids, and right everywhere else: a "
                 "tie goes to the centroid with the lowest index (np.argmin returns the first "
                 "minimum; a loop must replace its best centroid only on a strictly smaller "
                 "distance).", "tie")
    expect_equal(got, want, name=name, diagnose=diagnose)


def abs_thunk(candidate, got):
    """A wrong-formula thunk: ``candidate()`` with the signs of ``got`` entry by entry, so it
    matches ``got`` whenever |got| = |candidate| (eigenvectors of a wrong matrix, signs left to
    the solver)."""
    return lambda: np.abs(np.asarray(candidate(), dtype=float)) * np.sign(got)


def row_sign_thunk(want, got):
    """A wrong-formula thunk: ``want`` with each row's sign taken from ``got``, so it matches
    ``got`` when only the signs of some rows differ."""
    def flipped():
        s = np.sign(np.sum(np.asarray(got, dtype=float) * want, axis=1))
        s[s == 0] = 1.0
        return want * s[:, None]
    return flipped
