"""Comparisons shared by the clustering checks (public: NumPy and autograder.testing only).

The contract's cluster ids are any integers, not necessarily 0..k-1. Code that indexes arrays
by the ids, loops over ``range(k)`` or counts with ``np.bincount`` is right on ids 0..k-1 and
wrong (or crashes) on others; :func:`expect_index` names that cause by calling the function
again with the same clusters renamed 0..k-1.
"""

import math

import numpy as np

from autograder.testing import CheckFailure, Diagnose, StudentCodeError, expect_close, fail


def renamed(labels):
    """The same clustering with its clusters renamed 0..k-1 (in increasing order of id)."""
    return np.unique(labels, return_inverse=True)[1].reshape(np.shape(labels))


def expect_index(compute, labellings, want, *, name, rtol, atol, diagnose=None):
    """``compute(*labellings)`` (a call of the submission) must be close to ``want``.

    When it is wrong or raises, but ``compute`` of the same clusterings renamed 0..k-1 is
    right, the failure says that the code depends on the values of the ids (tag
    ``formula:ids``); otherwise the first failure stands.
    """
    try:
        expect_close(compute(*labellings), want, name=name, rtol=rtol, atol=atol,
                     diagnose=diagnose or Diagnose())
    except (CheckFailure, StudentCodeError) as exc:
        plain = [renamed(labels) for labels in labellings]
        if all(np.array_equal(p, np.asarray(q)) for p, q in zip(plain, labellings, strict=True)):
            raise
        try:
            again = compute(*plain)
        except StudentCodeError:
            raise exc from None
        if _is_close(again, want, rtol, atol):
            fail(f"{name} is wrong with these cluster ids, but right when the same clusters are "
                 "renamed 0..k-1: your code depends on the values of the ids. The ids are any "
                 "integers (here not 0..k-1); find the clusters with np.unique(labels) and "
                 "select a cluster's points with labels == c, rather than indexing arrays by "
                 "the ids or looping over range(k).", "formula:ids")
        raise


def _is_close(value, want, rtol, atol):
    try:
        return math.isclose(float(value), float(want), rel_tol=rtol, abs_tol=atol)
    except (TypeError, ValueError):
        return False
