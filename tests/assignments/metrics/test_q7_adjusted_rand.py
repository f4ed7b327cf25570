"""q7: the adjusted Rand index of two clusterings (Hubert-Arabie, from the contingency table)."""

import numpy as np

from autograder.testing import Diagnose, check

from ._compare import expect_index
from ._data import partitions

RTOL, ATOL = 1e-9, 1e-12  # the pair counts directly, or from the pair confusion matrix


def _hidden_diagnose(a, b):
    from ._oracles import ari_variant, rand_index

    return Diagnose(wrong_formulas={
        "rand": ("the unadjusted Rand index (the share of agreeing pairs); the ARI corrects it "
                 "for chance: (index - expected) / (maximum - expected)",
                 lambda: rand_index(a, b)),
        "squares": ("pair counts n^2 / 2 instead of C(n, 2) = n (n - 1) / 2",
                    lambda: ari_variant(a, b, pairs="square")),
        "expected_n": ("the expected index divided by n; it is divided by the number of pairs "
                       "C(n, 2)", lambda: ari_variant(a, b, expected_over="n")),
        "max": ("the larger of the two marginal sums as the maximum index; it is their mean",
                lambda: ari_variant(a, b, maximum="max")),
    })


def _expect_ari(sub, a, b, want, name, diagnose=None):
    expect_index(lambda p, q: sub.adjusted_rand_index(p, q), [a, b], want, name=name,
                 rtol=RTOL, atol=ATOL, diagnose=diagnose)


@check("q7", points=1)
def test_adjusted_rand_on_a_small_example(sub):
    """Eight points in clusters 1, 4, 9 and 2, 5, 7: index 3, expected index 1.75 and maximum 7,
    so ARI = (3 - 1.75) / (7 - 1.75) = 0.238 (the unadjusted Rand index is 0.714)."""
    a = np.array([1, 1, 1, 4, 4, 4, 9, 9])
    b = np.array([2, 2, 5, 5, 5, 7, 7, 7])
    _expect_ari(sub, a, b, (3 - 1.75) / (7 - 1.75), "adjusted_rand_index(a, b)")


@check("q7", points=1)
def test_adjusted_rand_of_a_renaming_and_of_a_split(sub):
    """The same clusters under other ids give 1, and splitting each of two clusters in two gives
    ARI = (4 - 12/7) / (8 - 12/7) = 0.364."""
    a = np.array([3, 3, 8, 3, 8, 8, 3, 8])
    _expect_ari(sub, a, np.where(a == 3, 11, 0), 1.0, "adjusted_rand_index of a renaming")
    b = np.array([1, 1, 2, 6, 2, 4, 6, 4])
    _expect_ari(sub, a, b, (4 - 12 / 7) / (8 - 12 / 7), "adjusted_rand_index of a split")


@check("q7", points=2, hidden=True)
def test_adjusted_rand_matches_scikit_learn(sub, rng):
    """On random pairs of clusterings (different numbers of clusters, ids not 0..k-1, agreeing
    on more or less of the points) the ARI matches scikit-learn's adjusted_rand_score."""
    from ._oracles import ari_sklearn

    for n, k_a, k_b, agreement in [(30, 3, 4, 0.7), (45, 5, 3, 0.4), (24, 4, 4, 0.1)]:
        a, b = partitions(rng, n, k_a, k_b, agreement)
        _expect_ari(sub, a, b, ari_sklearn(a, b),
                    f"adjusted_rand_index on {n} points ({k_a} and {k_b} clusters)",
                    _hidden_diagnose(a, b))


@check("q7", points=2, hidden=True)
def test_adjusted_rand_of_renamings_refinements_and_chance(sub, rng):
    """A renaming gives 1; a refinement of a clustering, a clustering with an id of -1 and one
    at chance level (a possibly negative ARI) match scikit-learn's adjusted_rand_score."""
    from ._oracles import ari_sklearn

    a, _ = partitions(rng, 28, 4, 3, negative=True)
    renaming = dict(zip(np.unique(a), rng.permutation(np.arange(50, 50 + 4 * 7, 7)),
                        strict=True))
    renamed = np.array([renaming[x] for x in a])
    _expect_ari(sub, a, renamed, 1.0, "adjusted_rand_index of a renaming",
                _hidden_diagnose(a, renamed))
    halves = rng.random(a.size) < 0.5
    refined = np.where(halves, a * 10 + 3, a * 10 + 7)
    chance_a, chance_b = partitions(rng, 36, 3, 5, agreement=0.0, negative=True)
    for label, (p, q) in [("a refinement", (a, refined)), ("chance", (chance_a, chance_b))]:
        _expect_ari(sub, p, q, ari_sklearn(p, q), f"adjusted_rand_index of {label}",
                    _hidden_diagnose(p, q))
