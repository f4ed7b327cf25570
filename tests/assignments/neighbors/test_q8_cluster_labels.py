"""q8: the flat clustering into k clusters after the first n - k merges, labelled by first
appearance."""

import numpy as np

from autograder.testing import check

from ._compare import expect_partition
from ._data import LINK_X

NUMBERING = ("label the clusters by first appearance: point 0 has label 0, the first point "
             "outside its cluster label 1, and so on (fcluster and AgglomerativeClustering "
             "number them their own way).")
OFFSET = "The labels start at 0 (fcluster's start at 1)."
DEFAULT = ("the partition of single linkage: pass method on to linkage_matrix (its default "
           "is 'single')")

# The partitions of the six points of q7 into 2, 3 and 4 clusters.
PARTITIONS = {
    "single": {2: [0, 0, 0, 0, 1, 0], 3: [0, 0, 0, 1, 2, 0], 4: [0, 1, 1, 2, 3, 1]},
    "complete": {2: [0, 1, 1, 0, 1, 1], 3: [0, 1, 1, 0, 2, 1], 4: [0, 1, 1, 2, 3, 1]},
    "average": {2: [0, 0, 0, 0, 1, 0], 3: [0, 1, 1, 0, 2, 1], 4: [0, 1, 1, 2, 3, 1]},
}


def _counts(k, partition_of):
    """{description: partition} for one merge too many and one too few."""
    out = {}
    for j, what in [(k + 1, "one merge too few"), (k - 1, "one merge too many")]:
        try:
            labels = partition_of(j)
        except (KeyError, ValueError):
            continue
        out[f"the partition into {j} clusters ({what}): stop after the first n - k merges, "
            f"which leave k = {k} clusters"] = labels
    return out


def _expect_hand(sub, method, k):
    table = PARTITIONS[method]
    formulas = {}
    if method != "single":
        formulas["default_method"] = (DEFAULT, lambda: np.array(PARTITIONS["single"][k]))
    _expect(sub.cluster_labels(LINK_X, k, method), np.array(table[k]),
            name=f"cluster_labels(X, {k}, '{method}')", numbering=NUMBERING,
            formulas=formulas, counts=_counts(k, lambda j: np.array(table[j])))


def _expect(got, want, **kwargs):
    """expect_partition with this question's hint for labels off by a constant."""
    expect_partition(got, want, offset_hint=OFFSET, **kwargs)


@check("q8", points=1)
def test_three_clusters_of_six_points(sub):
    """The six points of q7 in three clusters: single linkage gives {0, 1, 2, 5}, {3}, {4}
    (labels 0, 0, 0, 1, 2, 0), complete linkage {0, 3}, {1, 2, 5}, {4} (labels 0, 1, 1, 0, 2,
    1)."""
    _expect_hand(sub, "single", 3)
    _expect_hand(sub, "complete", 3)


@check("q8", points=1)
def test_two_clusters_and_the_extreme_cuts(sub):
    """Average linkage into two clusters puts point 4 alone; with k = 6 every point is its own
    cluster (labels 0 to 5) and with k = 1 every label is 0."""
    _expect_hand(sub, "average", 2)
    _expect(sub.cluster_labels(LINK_X, 6, "average"), np.arange(6),
            name="cluster_labels(X, 6, 'average')", numbering=NUMBERING)
    _expect(sub.cluster_labels(LINK_X, 1, "complete"), np.zeros(6, int),
            name="cluster_labels(X, 1, 'complete')", numbering=NUMBERING)


@check("q8", points=3, hidden=True)
def test_labels_match_scipy_and_scikit_learn(sub, rng):
    """On random points in three groups of unequal sizes (n = 12, d = 2, every merge unique by
    a margin), the labels are SciPy's fcluster(linkage(X, method), k, 'maxclust') relabelled by
    first appearance for single and average linkage, and scikit-learn's
    AgglomerativeClustering(k, linkage='complete') relabelled for complete linkage, with k
    between 2 and 4."""
    from ._oracles import agglomerative_labels, fcluster_labels, flat_problem

    X = flat_problem(rng, n=12, d=2)
    for method in ("single", "complete", "average"):
        # k in 2..4, one where the method's partition differs from single linkage's
        ks = rng.permutation([2, 3, 4]).tolist()
        k = next((j for j in ks if not np.array_equal(fcluster_labels(X, j, method),
                                                      fcluster_labels(X, j, "single"))), ks[0])
        oracle = agglomerative_labels if method == "complete" else fcluster_labels
        formulas = {}
        if method != "single":
            formulas["default_method"] = (DEFAULT, lambda k=k: fcluster_labels(X, k, "single"))
        _expect(sub.cluster_labels(X, k, method), oracle(X, k, method),
                name=f"cluster_labels on random points (n = 12, k = {k}, "
                     f"'{method}')", numbering=NUMBERING, formulas=formulas,
                counts=_counts(k, lambda j, m=method: fcluster_labels(X, j, m)))


@check("q8", points=1, hidden=True)
def test_extreme_cuts_on_random_points(sub, rng):
    """On random points (n = 9, d = 3): k = 9 gives labels 0 to 8, k = 1 gives zeros, and k = 2
    with average linkage is SciPy's fcluster partition, relabelled by first appearance."""
    from ._oracles import fcluster_labels, linkage_problem

    X = linkage_problem(rng, n=9, d=3, methods=("average",))
    _expect(sub.cluster_labels(X, 9, "single"), np.arange(9),
            name="cluster_labels on random points with k = n", numbering=NUMBERING)
    _expect(sub.cluster_labels(X, 1, "average"), np.zeros(9, int),
            name="cluster_labels on random points with k = 1", numbering=NUMBERING)
    _expect(sub.cluster_labels(X, 2, "average"), fcluster_labels(X, 2, "average"),
            name="cluster_labels on random points with k = 2, 'average'",
            numbering=NUMBERING,
            counts=_counts(2, lambda j: fcluster_labels(X, j, "average")))
