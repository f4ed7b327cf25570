"""Comparisons that several questions' checks share (public: NumPy and the check toolkit only).

- :func:`distance_diagnose`: the usual wrong distance formulas;
- :func:`expect_neighbours`: (idx, dist) of k_nearest, with ties, a wrong order and swapped
  outputs named as such;
- :func:`expect_votes`: labels whose only errors are on vote ties are named as such;
- :func:`expect_partition`: cluster labels compared exactly, where the right clusters under
  other names, a tie rule broken the other way or another number of clusters are named;
- :data:`LINKAGE_REGIONS` and :func:`expect_linkage`: a linkage matrix, with its columns named.
"""

import numpy as np

from autograder.testing import (
    Diagnose,
    expect_array,
    expect_close,
    expect_equal,
    expect_outputs,
    fail,
)

RTOL, ATOL = 1e-9, 1e-12  # distances on data whose points are at least 0.1 apart


def distance_diagnose(X, Z, want):
    """Wrong formulas for the (n, m) distances between the rows of X and Z."""
    sx, sz = np.sum(X**2, axis=1)[:, None], np.sum(Z**2, axis=1)[None, :]
    return Diagnose(
        wrong_formulas={
            "squared": ("the squared distances: take the square root", lambda: want**2),
            "manhattan": ("the Manhattan distances (sum of |x - z|); the contract's distance "
                          "is Euclidean",
                          lambda: np.sum(np.abs(X[:, None, :] - Z[None, :, :]), axis=2)),
            "plus": ("sqrt(||x||^2 + ||z||^2 + 2 x.z): the expansion of ||x - z||^2 has "
                     "- 2 x.z", lambda: np.sqrt(np.maximum(sx + sz + 2 * X @ Z.T, 0.0))),
        },
        transpose=False,
    )


# ---------------------------------------------------------------------------- neighbours


def expect_neighbours(got, want_idx, want_dist, *, fn, tied=None, idx_formulas=None,
                      rtol=RTOL, atol=ATOL):
    """(idx, dist) from k_nearest: idx exactly ``want_idx``, dist close to ``want_dist``.

    ``tied`` (m, k) marks the neighbours that another training point is exactly as far from
    the test point as: if idx is wrong only there, with the right distances, the message names
    the tie rule. Neighbours that are right but out of order, and (dist, idx) in the wrong
    order, are named too. ``idx_formulas`` are wrong formulas for idx (Diagnose's format).
    """
    want_idx, want_dist = np.asarray(want_idx), np.asarray(want_dist, dtype=float)
    if isinstance(got, (tuple, list)) and len(got) == 2 \
            and all(isinstance(g, np.ndarray) and g.shape == want_idx.shape for g in got):
        idx, dist = got
        if idx.dtype.kind == "f" and dist.dtype.kind in "iu":
            fail(f"{fn} returns (dist, idx); the contract's order is (idx, dist).", "order")
        if idx.dtype.kind in "iu" and dist.dtype.kind == "f" and np.isfinite(dist).all():
            bad = idx != want_idx
            right_dist = np.allclose(dist, want_dist, rtol=rtol, atol=atol)
            if bad.any() and right_dist and tied is not None \
                    and not np.any(bad & ~np.asarray(tied)):
                fail(f"idx from {fn} is wrong at {int(bad.sum())} of {bad.size} entries, "
                     "all where several training points are exactly as far from the test "
                     "point, and the distances are right: ties go to the lower training "
                     "index first (a stable sort by distance, np.argsort(..., "
                     "kind='stable'); a loop must keep the earlier point on equal "
                     "distances).", "tie")
            if bad.any() and np.array_equal(np.sort(idx, axis=1), np.sort(want_idx, axis=1)):
                fail(f"idx from {fn} holds the right k neighbours of every test point, but not "
                     f"in order of increasing distance at {int(np.any(bad, axis=1).sum())} of "
                     f"{len(bad)} test points: sort them, nearest first (np.argpartition "
                     "and a threshold on the k-th distance leave them unsorted).", "order")
    expect_outputs(got, {"idx": want_idx, "dist": want_dist}, fn=fn, rtol=rtol, atol=atol,
                   exact=("idx",), diagnose={
                       "idx": Diagnose(wrong_formulas=idx_formulas or {}, transpose=False),
                       "dist": Diagnose(wrong_formulas={"squared": (
                           "the squared distances: dist holds the distances themselves",
                           lambda: want_dist**2)}, transpose=False),
                   })


def expect_votes(got, want, *, name, tied_rows, formulas=None):
    """Integer labels equal to ``want``; errors only on rows with a vote tie are named as
    such. ``formulas``: wrong formulas for the labels (Diagnose's format)."""
    want = np.asarray(want)
    got = expect_array(got, name=name, shape=want.shape, dtype="integer")
    bad = got != want
    if bad.any() and not np.any(bad & ~np.asarray(tied_rows)):
        fail(f"{name} is wrong at {int(bad.sum())} of {bad.size} test points, all with a "
             "vote tie (two or more labels equally frequent among the k neighbours), and right "
             "everywhere else: a vote tie goes to the smallest of the tied labels (not the "
             "largest, not the label of the nearest neighbour, not the first one counted).",
             "tie")
    expect_equal(got, want, name=name, diagnose=Diagnose(wrong_formulas=formulas or {},
                                                         transpose=False))


# ---------------------------------------------------------------------------- partitions


def same_partition(a, b):
    """a and b group the points the same way (noise, -1, in the same places), whatever the
    cluster names."""
    a, b = np.asarray(a).ravel(), np.asarray(b).ravel()
    if a.shape != b.shape or not np.array_equal(a == -1, b == -1):
        return False
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == len({p[0] for p in pairs}) == len({p[1] for p in pairs})


def expect_partition(got, want, *, name, numbering, tied=None, tie_rule="", formulas=None,
                     counts=None, offset_hint=""):
    """Cluster labels equal to ``want`` exactly.

    - the right clusters under other names (not by a constant offset): the message gives
      ``numbering``, the contract's rule (tag ``order``);
    - wrong only at the points ``tied`` marks: ``tie_rule`` (tag ``tie``);
    - ``counts``: {description: labels} of partitions into another number of clusters (tag
      ``count``);
    - ``formulas``: other wrong formulas (Diagnose's format); ``offset_hint`` is added to the
      message when every label is off by the same constant.
    """
    want = np.asarray(want)
    got = expect_array(got, name=name, shape=want.shape, dtype="integer")
    bad = got != want
    if not bad.any():
        return
    offset = np.all(got - want == (got - want).flat[0])
    if not offset and same_partition(got, want):
        fail(f"{name} groups the points right but names the clusters differently: {numbering}",
             "order")
    if tied is not None and not np.any(bad & ~np.asarray(tied)):
        fail(f"{name} is wrong at {int(bad.sum())} of {bad.size} points, all {tie_rule}",
             "tie")
    for description, labels in (counts or {}).items():
        if same_partition(got, labels):
            fail(f"{name} is wrong: it is {description}.", "count")
    expect_equal(got, want, name=name, diagnose=Diagnose(
        wrong_formulas=formulas or {}, hints={"offset": offset_hint}, transpose=False))


# ---------------------------------------------------------------------------- linkage

# The columns of a linkage matrix, named in the feedback ("Wrong: sizes. Right: ids, distances.").
LINKAGE_REGIONS = {"ids": (slice(None), slice(0, 2)), "distances": (slice(None), 2),
                   "sizes": (slice(None), 3)}
LINKAGE_RTOL, LINKAGE_ATOL = 1e-9, 1e-12


def expect_linkage(got, want, *, name, diagnose=None):
    """A linkage matrix equal to ``want``: ids and sizes exactly (they are integers, so the
    tolerance of the distances cannot hide a wrong one), distances within LINKAGE_RTOL."""
    want = np.asarray(want, dtype=float)
    if isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind == "f" \
            and np.isfinite(got).all():
        pairs_ok = np.array_equal(np.sort(got[:, :2], axis=1), want[:, :2])
        rest_ok = np.allclose(got[:, 2:], want[:, 2:], rtol=LINKAGE_RTOL, atol=LINKAGE_ATOL)
        if pairs_ok and rest_ok and not np.array_equal(got[:, :2], want[:, :2]):
            rows = np.flatnonzero(got[:, 0] > got[:, 1])
            fail(f"{name} merges the right clusters at the right distances, but rows "
                 f"{rows.tolist()} give the two ids as [b, a] with b > a: write the smaller id "
                 "first (SciPy's format).", "order")
    expect_close(got, want, name=name, rtol=LINKAGE_RTOL, atol=LINKAGE_ATOL,
                 diagnose=diagnose or Diagnose(regions=LINKAGE_REGIONS, transpose=False))


def smallest_member_ids(Z):
    """The linkage matrix Z with each cluster id replaced by the lowest point index in the
    cluster, each row's pair sorted (what keeping a merged cluster in the slot of its first
    point and writing slot numbers gives)."""
    n = len(Z) + 1
    low = list(range(n))
    out = np.array(Z, dtype=float)
    for s, (a, b) in enumerate(Z[:, :2].astype(int).tolist()):
        out[s, :2] = sorted((low[a], low[b]))
        low.append(min(low[a], low[b]))
    return out
