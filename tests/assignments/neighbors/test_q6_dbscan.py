"""q6: DBSCAN: clusters of core points numbered by their lowest core-point index, border points to
the lowest-numbered cluster in reach, noise -1 (scikit-learn's labels_ exactly)."""

import numpy as np

from autograder.testing import check

from ._compare import expect_partition
from ._data import CHAIN_X, SQUARES_X

OFFSET = "Noise is -1 and the clusters are numbered from 0."
NUMBERING = ("clusters are numbered 0, 1, 2, ... in increasing order of their lowest "
             "core-point index (a border point never starts a cluster, even with a lower "
             "index), and noise is -1.")
TIE_RULE = ("border points within eps of core points of two clusters: such a point joins the "
            "lowest-numbered of them (scikit-learn's scan gives it to the first cluster that "
            "reaches it).")
DESCRIPTIONS = {
    "border_noise": "the labels with every border point marked as noise: a non-core point "
                    "within eps of a core point joins that core point's cluster",
    "border_expands": "clusters grown through border points too: only core points extend a "
                      "cluster (a border point joins it but does not link it to its own "
                      "neighbours)",
    "strict": "the clusters for distances < eps: a distance exactly eps links two points "
              "(<= eps)",
    "self": "the clusters when a point does not count itself among its neighbours",
}


def _formulas(labels):
    """Wrong formulas from {key: thunk}, with the descriptions above."""
    return {key: (DESCRIPTIONS[key], thunk) for key, thunk in labels.items()}


def _fixed(labels):
    return lambda: np.array(labels)


def _expect(got, want, **kwargs):
    """expect_partition with this question's hint for labels off by a constant."""
    expect_partition(got, want, offset_hint=OFFSET, **kwargs)


@check("q6", points=1)
def test_dbscan_on_two_squares_with_border_points_and_noise(sub):
    """Twelve integer points, eps = 2, min_samples = 4: two squares of core points, numbered by
    their lowest core point (points 1 and 2), so border point 0 is in cluster 1; point 3, at
    distance exactly 2 from both squares, joins cluster 0; point 5 is noise."""
    want = np.array([1, 0, 1, 0, 0, -1, 1, 0, 1, 0, 1, 0])
    tied = np.zeros(12, bool)
    tied[3] = True
    formulas = _formulas({
        "border_noise": _fixed([-1, 0, 1, -1, 0, -1, 1, 0, 1, 0, 1, -1]),
        "border_expands": _fixed([0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0]),
        "strict": _fixed([-1, 0, 1, -1, 0, -1, 1, 0, 1, 0, 1, 0]),
    })
    _expect(sub.dbscan(SQUARES_X, 2.0, 4), want,
            name="dbscan(X, eps=2, min_samples=4)", numbering=NUMBERING, tied=tied,
            tie_rule=TIE_RULE, formulas=formulas)


@check("q6", points=1)
def test_a_chain_linked_at_exactly_eps(sub):
    """Ten integer points, eps = 2: a chain of five points 2 apart is one cluster (its core
    points are linked at distance exactly eps, its two ends are border points), a square is
    another (numbered 0: its core point 1 comes before the chain's core point 5) and point 9
    is noise with min_samples = 3; with min_samples = 1 every point is a core point and point
    9 is a cluster of its own."""
    cases = [(3, [1, 0, 0, 0, 0, 1, 1, 1, 1, -1],
              {"border_noise": _fixed([-1, 0, 0, 0, 0, 1, 1, 1, -1, -1]),
               "strict": _fixed([-1, 0, 0, 0, 0, -1, -1, -1, -1, -1])}),
             (1, [0, 1, 1, 1, 1, 0, 0, 0, 0, 2],
              {"strict": _fixed([0, 1, 1, 1, 1, 2, 3, 4, 5, 6]),
               "self": _fixed([0, 1, 1, 1, 1, 0, 0, 0, 0, -1])})]
    for min_samples, want, formulas in cases:
        _expect(sub.dbscan(CHAIN_X, 2.0, min_samples), np.array(want),
                name=f"dbscan(X, eps=2, min_samples={min_samples})",
                numbering=NUMBERING, formulas=_formulas(formulas))


def _expect_sklearn(sub, X, eps, min_samples, label):
    from ._oracles import dbscan_model, sklearn_dbscan

    want, _ = sklearn_dbscan(X, eps, min_samples)
    _, _, reach = dbscan_model(X, eps, min_samples)

    def model(**switch):
        return lambda: dbscan_model(X, eps, min_samples, **switch)[0]

    formulas = _formulas({"border_noise": model(border="noise"),
                          "border_expands": model(border_expands=True),
                          "strict": model(strict=True), "self": model(count_self=False)})
    _expect(sub.dbscan(X, eps, min_samples), want,
            name=f"dbscan on {label} (eps = {eps:g}, min_samples = {min_samples})",
            numbering=NUMBERING, tied=reach >= 2, tie_rule=TIE_RULE,
            formulas=formulas)


@check("q6", points=3, hidden=True)
def test_dbscan_matches_scikit_learn_on_integer_points(sub, rng):
    """On random integer points (24 points, eps = 2, distances exactly eps among them,
    two or more clusters, noise, and a border point within reach of two clusters), the labels
    are scikit-learn's DBSCAN labels_."""
    from ._oracles import integer_dbscan_problem

    X, eps, min_samples = integer_dbscan_problem(rng)
    _expect_sklearn(sub, X, eps, min_samples, "random integer points")


@check("q6", points=2, hidden=True)
def test_dbscan_matches_scikit_learn_on_two_moons(sub, rng):
    """On two noisy moons with outliers (46 points, eps = 0.3, min_samples = 4, no distance
    within 1e-6 of eps), the labels are scikit-learn's DBSCAN labels_."""
    from ._oracles import moons_dbscan_problem

    X, eps, min_samples = moons_dbscan_problem(rng)
    _expect_sklearn(sub, X, eps, min_samples, "two moons with outliers")
