"""What only the hidden neighbors checks use: independent oracles (SciPy, scikit-learn, exact
integer arithmetic in plain Python), the problem generators that call them, and models of
wrong answers for the diagnoses. Heavy libraries are imported inside the functions.

- distances: SciPy's ``cdist``;
- neighbours: scikit-learn's ``NearestNeighbors``, ``KNeighborsClassifier`` and
  ``KNeighborsRegressor`` on data whose neighbours are unique by a margin; on small-integer
  data (exact ties) plain Python on exact integer squared distances, with the contract's tie
  rules written out (sort by (distance, index); the smallest of the most frequent labels),
  since scikit-learn does not promise an order for tied neighbours;
- DBSCAN: scikit-learn's ``DBSCAN`` (``labels_``, ``core_sample_indices_``);
- agglomerative clustering: SciPy's ``linkage`` and ``fcluster`` and scikit-learn's
  ``AgglomerativeClustering``, on data whose every merge is unique by a margin (checked by
  :func:`linkage_margin`, which recomputes each linkage distance from the point distances).
"""

import math
import warnings
from collections import Counter

import numpy as np

from ._data import first_appearance, grid_points

# ---------------------------------------------------------------------------- distances


def cdist(X, Z, metric="euclidean"):
    from scipy.spatial.distance import cdist as scipy_cdist

    return scipy_cdist(X, Z, metric)


def spread_points(rng, n, d, *, scale=1.5, offset=2.0, min_gap=0.1):
    """n random points in d dimensions around a random offset, no two closer than min_gap."""
    from scipy.spatial.distance import pdist

    while True:
        X = scale * rng.standard_normal((n, d)) + rng.uniform(-offset, offset, d)
        if n < 2 or pdist(X).min() > min_gap:
            return X


def disjoint_sets(rng, n, m, d):
    """X (n, d) and Z (m, d), all n + m points at least 0.1 apart."""
    P = spread_points(rng, n + m, d)
    return P[:n], P[n:]


# ---------------------------------------------------------------------------- neighbours


def sklearn_neighbours(X_train, X_test, k):
    """(idx, dist) of scikit-learn's NearestNeighbors with a k-d tree (data without ties; the
    k-d tree is exact, and much faster than scikit-learn's brute force on tiny data)."""
    from sklearn.neighbors import NearestNeighbors

    model = NearestNeighbors(n_neighbors=k, algorithm="kd_tree").fit(X_train)
    dist, idx = model.kneighbors(X_test)
    return idx, dist


def neighbour_margin(X_train, X_test, k):
    """The smallest gap between consecutive sorted distances, over the first k + 1 of every
    test point (so both the order of the k neighbours and who is k-th are unique)."""
    D = np.sort(cdist(X_test, X_train), axis=1)[:, : k + 1]
    return float(np.min(np.diff(D, axis=1))) if D.shape[1] > 1 else math.inf


def boundary_margin(X_train, X_test, k):
    """The smallest gap between the k-th and the (k+1)-th distance (who votes is unique)."""
    if k >= len(X_train):
        return math.inf
    D = np.sort(cdist(X_test, X_train), axis=1)
    return float(np.min(D[:, k] - D[:, k - 1]))


def float_neighbour_problem(rng, *, n, m, d, k, full_order=True):
    """(X_train, X_test) random, not centred, whose k nearest neighbours are unique by 1e-6
    (their order too if ``full_order``)."""
    margin = neighbour_margin if full_order else boundary_margin
    while True:
        X_train = spread_points(rng, n, d)
        X_test = 1.5 * rng.standard_normal((m, d)) + X_train.mean(axis=0)
        if margin(X_train, X_test, k) > 1e-6:
            return X_train, X_test


def exact_squared(X_train, X_test):
    """Squared distances of integer points, in exact Python integers: (m, n) nested lists."""
    A = X_test.astype(int).tolist()
    B = X_train.astype(int).tolist()
    return [[sum((a - b) ** 2 for a, b in zip(x, z, strict=True)) for z in B] for x in A]


def exact_neighbours(X_train, X_test, k, *, reverse_ties=False):
    """(idx, dist, tied) on small-integer data, by exact integer squared distances: the
    contract's stable order (distance, then index), or the higher index first with
    ``reverse_ties``. tied[i, j] says that another training point is exactly as far from test
    point i as its j-th neighbour."""
    D2 = exact_squared(X_train, X_test)
    idx, dist, tied = [], [], []
    for row in D2:
        order = sorted(range(len(row)), key=lambda j: (row[j], -j if reverse_ties else j))[:k]
        counts = Counter(row)
        idx.append(order)
        dist.append([math.sqrt(row[j]) for j in order])
        tied.append([counts[row[j]] > 1 for j in order])
    return np.array(idx), np.array(dist), np.array(tied)


def integer_neighbour_problem(rng, *, n, m, k, d=2, min_boundary_ties=2):
    """(X_train, X_test) with small-integer coordinates where at least ``min_boundary_ties``
    test points have a tie between their k-th and (k+1)-th neighbour (the tie rule decides who
    is in), and some test point coincides with a training point."""
    while True:
        X_train = grid_points(rng, n, d)
        X_test = grid_points(rng, m, d)
        X_test[0] = X_train[rng.integers(n)]
        D2 = np.sort(np.array(exact_squared(X_train, X_test)), axis=1)
        if np.sum(D2[:, k] == D2[:, k - 1]) >= min_boundary_ties:
            return X_train, X_test


def vote(rows, rule="smallest"):
    """The majority label of each row of neighbour labels (m, k); ties: ``smallest`` (the
    contract), ``largest``, or ``first`` (the tied label met first in the row, as
    Counter.most_common gives). Also returns tied[i]: row i has a vote tie."""
    out, tied = [], []
    for row in np.asarray(rows).tolist():
        counts = Counter(row)
        top = max(counts.values())
        best = [c for c in counts if counts[c] == top]  # in order of first occurrence
        tied.append(len(best) > 1)
        out.append({"smallest": min(best), "largest": max(best), "first": best[0]}[rule])
    return np.array(out), np.array(tied)


def classification_problem(rng, *, n, m, d, ks, labels):
    """(X_train, y_train, X_test): n training points around len(labels) random centres, each
    labelled by its centre's label (a fifth of them by another one), and m test points, with
    the k-th and (k+1)-th neighbours of every test point unique by a margin for every k in
    ``ks``, and for ks[1] neighbours a vote tie that the largest label and the nearest
    neighbour's label would both break wrongly."""
    labels = np.asarray(labels)
    while True:
        X_train = spread_points(rng, n, d, scale=0.5, offset=0.0, min_gap=0.0)
        centres = 2.0 * rng.standard_normal((len(labels), d))
        group = rng.integers(0, len(labels), n)
        X_train = X_train + centres[group]
        flip = rng.random(n) < 0.2
        y_train = labels[np.where(flip, rng.integers(0, len(labels), n), group)]
        X_test = centres[rng.integers(0, len(labels), m)] + 1.2 * rng.standard_normal((m, d))
        if min(boundary_margin(X_train, X_test, k) for k in ks) <= 1e-6:
            continue
        order = np.argsort(cdist(X_test, X_train), axis=1)[:, : ks[1]]
        if tie_rules_differ(y_train[order]):
            return X_train, y_train, X_test


def integer_vote_problem(rng, *, n, m, k, labels):
    """(X_train, y_train, X_test, want, tied): small-integer points with labels drawn from
    ``labels``, on which some test point has a vote tie that the largest label and the nearest
    neighbour's label would both break wrongly, and breaking the distance ties the other way
    changes some prediction; want: the contract's predictions, tied: the rows with a
    vote tie (both in exact integer arithmetic)."""
    while True:
        X_train, X_test = integer_neighbour_problem(rng, n=n, m=m, k=k)
        y_train = rng.choice(np.asarray(labels), n)
        idx, _, _ = exact_neighbours(X_train, X_test, k)
        other, _, _ = exact_neighbours(X_train, X_test, k, reverse_ties=True)
        want, tied = vote(y_train[idx])
        if tie_rules_differ(y_train[idx]) and not np.array_equal(vote(y_train[other])[0], want):
            return X_train, y_train, X_test, want, tied


def tie_rules_differ(rows):
    """Some row of neighbour labels has a vote tie whose first-met label is not the smallest
    (so a tie broken by the largest label or by the nearest neighbour's label shows)."""
    return not np.array_equal(vote(rows, "first")[0], vote(rows)[0])


def sklearn_classify(X_train, y_train, X_test, k):
    from sklearn.neighbors import KNeighborsClassifier

    return KNeighborsClassifier(n_neighbors=k, algorithm="kd_tree").fit(X_train, y_train) \
        .predict(X_test)


def sklearn_regress(X_train, y_train, X_test, k):
    from sklearn.neighbors import KNeighborsRegressor

    return KNeighborsRegressor(n_neighbors=k, algorithm="kd_tree").fit(X_train, y_train) \
        .predict(X_test)


# ---------------------------------------------------------------------------- DBSCAN


def sklearn_dbscan(X, eps, min_samples):
    """(labels, core) of scikit-learn's DBSCAN: labels_ and the core mask."""
    from sklearn.cluster import DBSCAN

    model = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    core = np.zeros(len(X), dtype=bool)
    core[model.core_sample_indices_] = True
    return model.labels_, core


def dbscan_model(X, eps, min_samples, *, strict=False, count_self=True, squared=False,
                 border="lowest", numbering="core", border_expands=False):
    """DBSCAN written out with switches for the usual mistakes (for the diagnoses and for
    choosing data on which each mistake shows): ``strict`` (distance < eps), ``count_self``
    (False: a point does not count in its own neighbourhood), ``squared`` (squared distances
    compared with eps), ``border`` ('lowest', 'highest' or 'noise'), ``numbering`` ('core':
    by lowest core-point index; 'any': by first appearance of any point, border points
    included), ``border_expands`` (border points also spread the cluster). Returns (labels,
    core, reach) where reach[i] is the number of clusters a border point i is within eps of."""
    D = cdist(X, X, "sqeuclidean" if squared else "euclidean")
    near = eps > D if strict else eps >= D
    counts = near.sum(axis=1) - (0 if count_self else 1)
    core = counts >= min_samples
    n = len(X)
    labels = np.full(n, -1)
    c = 0
    for i in range(n):
        if not core[i] or labels[i] != -1:
            continue
        labels[i] = c
        stack = [i]
        while stack:
            p = stack.pop()
            if not core[p] and not border_expands:
                continue
            for q in np.flatnonzero(near[p]):
                if labels[q] == -1 and (core[q] or border_expands):
                    labels[q] = c
                    stack.append(q)
        c += 1
    reach = np.zeros(n, dtype=int)
    for j in np.flatnonzero(~core & (labels == -1)):
        clusters = np.unique(labels[near[j] & core])
        reach[j] = len(clusters)
        if len(clusters) and border != "noise":
            labels[j] = clusters[0] if border == "lowest" else clusters[-1]
    if numbering == "any":
        labels = first_appearance(labels)
    return labels, core, reach


DBSCAN_MISTAKES = (
    {"strict": True}, {"count_self": False}, {"squared": True}, {"border": "highest"},
    {"border": "noise"}, {"numbering": "any"}, {"border_expands": True},
)


def integer_core_problem(rng, *, n=25):
    """(X, eps, min_samples): n random points with integer coordinates in [0, 5]^3 and eps = 2,
    with some but not all points core points, and on which leaving out the distances equal to
    eps, not counting the point itself and comparing squared distances with eps each give
    other core points (and differ from each other)."""
    switches = ({}, {"strict": True}, {"count_self": False}, {"squared": True})
    while True:
        X = grid_points(rng, n, 3, 0, 5)
        min_samples = int(rng.integers(4, 8))
        masks = [dbscan_model(X, 2.0, min_samples, **s)[1] for s in switches]
        if 0 < masks[0].sum() < n and len({m.tobytes() for m in masks}) == len(masks):
            return X, 2.0, min_samples


def integer_dbscan_problem(rng, *, n=24, mistakes=DBSCAN_MISTAKES):
    """(X, eps, min_samples): small-integer points (so distances equal to eps are exact) on
    which DBSCAN finds at least two clusters and some noise, has a border point within reach of
    two clusters, and on which every one of ``mistakes`` (switches of :func:`dbscan_model`)
    changes the labels."""
    for _ in range(20000):
        X = grid_points(rng, n, 2, 0, 9)
        eps = 2.0
        min_samples = int(rng.integers(3, 6))
        labels, _, reach = dbscan_model(X, eps, min_samples)
        if labels.max() < 1 or not np.any(labels == -1) or not np.any(reach >= 2):
            continue
        if all(not np.array_equal(dbscan_model(X, eps, min_samples, **m)[0], labels)
               for m in mistakes):
            return X, eps, min_samples
    raise RuntimeError("no DBSCAN problem with these properties was found")


def moons_dbscan_problem(rng, *, n=40, n_outliers=6, eps=0.3, min_samples=4):
    """(X, eps, min_samples): two noisy moons and outliers on which DBSCAN finds two or more
    clusters and some noise, and no distance is within 1e-6 of eps."""
    from ._data import two_moons

    while True:
        X = two_moons(rng, n, 0.06, n_outliers)
        D = cdist(X, X)
        labels, _, _ = dbscan_model(X, eps, min_samples)
        if np.min(np.abs(D - eps)) > 1e-6 and labels.max() >= 1 and np.any(labels == -1):
            return X, eps, min_samples


# ---------------------------------------------------------------------------- linkage


def scipy_linkage(X, method):
    from scipy.cluster.hierarchy import linkage

    return linkage(X, method)


def linkage_margin(X, method):
    """The smallest relative gap, over the n - 1 merges, between the smallest and the second
    smallest linkage distance, each recomputed from the point distances (min, max or mean over
    the pairs of points), and between successive merge distances. 0 when a merge is ambiguous."""
    D = cdist(X, X)
    agg = {"single": np.min, "complete": np.max, "average": np.mean}[method]
    clusters = [[i] for i in range(len(X))]
    margin, last = math.inf, 0.0
    while len(clusters) > 1:
        cand = sorted((agg(D[np.ix_(a, b)]), i, j) for i, a in enumerate(clusters)
                      for j, b in enumerate(clusters) if i < j)
        if len(cand) > 1:
            margin = min(margin, (cand[1][0] - cand[0][0]) / cand[1][0])
        margin = min(margin, (cand[0][0] - last) / cand[0][0])
        last, i, j = cand[0]
        clusters[i] = clusters[i] + clusters[j]
        del clusters[j]
    return margin


def linkage_problem(rng, *, n, d, methods, spread=1.0):
    """X (n, d): points in three groups of unequal sizes, not centred, on which every merge of
    every method in ``methods`` is unique by a relative margin of 1e-6."""
    while True:
        sizes = np.array([n // 2, n // 3, n - n // 2 - n // 3])
        centres = 3.0 * rng.standard_normal((3, d)) + rng.uniform(-2.0, 2.0, d)
        X = np.repeat(centres, sizes, axis=0) + spread * rng.standard_normal((n, d))
        X = X[rng.permutation(n)]
        if all(linkage_margin(X, m) > 1e-6 for m in methods):
            return X


def linkage_diagnose(X, method, Z):
    """Wrong formulas for linkage_matrix(X, method) whose right answer is Z (SciPy's)."""
    from autograder.testing import Diagnose

    from ._compare import LINKAGE_REGIONS, smallest_member_ids

    def scipy_of(metric, m):
        from scipy.cluster.hierarchy import linkage
        from scipy.spatial.distance import pdist

        return lambda: linkage(pdist(X, metric), m)

    formulas = {
        "squared": ("the linkage of the squared distances: the contract's distances are "
                    "plain (not squared) Euclidean distances", scipy_of("sqeuclidean", method)),
        "ids": ("the right merges with each cluster named by its lowest point index (the slot "
                "it is kept in); the cluster made at row s has the id n + s",
                lambda: smallest_member_ids(Z)),
    }
    if method != "single":
        formulas["single"] = ("single linkage (the minimum over pairs of points); "
                              f"'{method}' linkage uses the "
                              + ("maximum" if method == "complete" else "mean"),
                              scipy_of("euclidean", "single"))
    if method == "average":
        formulas["wpgma"] = ("WPGMA, the unweighted mean (d(A, C) + d(B, C)) / 2 of the two "
                             "merged clusters' distances; average linkage (UPGMA) weights them "
                             "by the cluster sizes, (|A| d(A, C) + |B| d(B, C)) / (|A| + |B|)",
                             scipy_of("euclidean", "weighted"))
    if method != "complete":
        formulas["complete"] = ("complete linkage (the maximum over pairs of points)",
                                scipy_of("euclidean", "complete"))
    return Diagnose(wrong_formulas=formulas, regions=LINKAGE_REGIONS, transpose=False)


# ---------------------------------------------------------------------------- flat clusters


def fcluster_labels(X, k, method):
    """SciPy's fcluster(linkage(X, method), k, 'maxclust'), relabelled by first appearance."""
    from scipy.cluster.hierarchy import fcluster, linkage

    return first_appearance(fcluster(linkage(X, method), k, "maxclust"))


def agglomerative_labels(X, k, method):
    """scikit-learn's AgglomerativeClustering(k, linkage=method), relabelled by first
    appearance."""
    from sklearn.cluster import AgglomerativeClustering

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = AgglomerativeClustering(n_clusters=k, linkage=method).fit(X)
    return first_appearance(model.labels_)


def flat_problem(rng, *, n, d):
    """X (n, d) as linkage_problem's for the three methods, on which complete and average
    linkage each split the points unlike single linkage for some k in 2..4."""
    while True:
        X = linkage_problem(rng, n=n, d=d, methods=("single", "complete", "average"))
        single = [fcluster_labels(X, k, "single") for k in (2, 3, 4)]
        if all(any(not np.array_equal(fcluster_labels(X, k, m), s)
                   for k, s in zip((2, 3, 4), single, strict=True))
               for m in ("complete", "average")):
            return X
