"""q6: the mutual information I(X; Y) = sum P(i, j) log(P(i, j) / (P(i) P(j))) of a joint table
(a, b)."""

import math

import numpy as np

from autograder.testing import check

from ._data import (
    blame_earlier,
    count_table,
    entropy_np,
    expect_results,
    kl_np,
    log_diagnose,
    mutual_information_np,
    xlogy_np,
)

HINT_INF = ("I(X; Y) is finite: P(i) P(j) is 0 only where P(i, j) is 0 too, and those cells "
            "count 0 (compare P with P(i) P(j), not the other way round).")


def _mi_with(joint, rows, cols):
    """sum P log(P / (rows cols^T)) over the cells with P > 0, for wrong marginals."""
    nz = joint > 0
    return float(np.sum(joint[nz] * np.log(joint[nz] / np.outer(rows, cols)[nz])))


def _diagnose(joint):
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    outer = np.outer(px, py)
    return log_diagnose("I(X; Y) = H(X) + H(Y) - H(X, Y) >= 0: check the sign.", {
        "no_product": ("sum P log P = -H(X, Y): divide P(i, j) by the product of the "
                       "marginals P(i) P(j) inside the log",
                       lambda: float(np.sum(xlogy_np(joint, joint)))),
        "swapped": ("KL(P(i) P(j) || P(i, j)): the mutual information is the KL divergence "
                    "of the joint from the product, KL(P || P(i) P(j))",
                    lambda: kl_np(outer.ravel(), joint.ravel())),
        "axes": ("the marginals of the wrong axes (P(i) summed over i): P(i) sums each row "
                 "(axis=1), P(j) each column (axis=0)",
                 lambda: _mi_with(joint, py, px)),
        "mean_marginals": ("marginals taken as means (np.mean) instead of sums",
                           lambda: _mi_with(joint, joint.mean(axis=1), joint.mean(axis=0))),
        "entropy_sum": ("H(X) + H(Y), without - H(X, Y)",
                        lambda: entropy_np(px) + entropy_np(py)),
        "conditional": ("H(X, Y) - H(Y), the conditional entropy H(X | Y): "
                        "I = H(X) - H(X | Y)",
                        lambda: entropy_np(joint.ravel()) - entropy_np(py)),
    })


def _expect(sub, joint, want, name, also=()):
    got = sub.mutual_information(joint)
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    flat, outer = joint.ravel(), np.outer(px, py).ravel()
    blame_earlier(sub, lambda: expect_results(got, [(want, name), *also],
                                              diagnose=_diagnose(joint), hint_inf=HINT_INF),
                  [("entropy", "q2", (px,), entropy_np(px)),
                   ("kl_divergence", "q4", (flat, outer), kl_np(flat, outer))])


@check("q6", points=1)
def test_independent_table_and_a_determined_one(sub):
    """The 2x3 table of independent X and Y (the product of its marginals (0.4, 0.6) and
    (0.5, 0.3, 0.2)) has I = 0; in the 2x3 table [[1/2, 0, 0], [0, 1/4, 1/4]], Y determines X,
    so I = H(X) = log 2."""
    joint = np.outer([0.4, 0.6], [0.5, 0.3, 0.2])
    _expect(sub, joint, 0.0, "mutual_information of an independent (2, 3) table")
    joint = np.array([[0.5, 0.0, 0.0], [0.0, 0.25, 0.25]])
    _expect(sub, joint, math.log(2.0), "mutual_information([[0.5, 0, 0], [0, 0.25, 0.25]])")


@check("q6", points=1)
def test_mutual_information_of_a_3x2_table(sub):
    """For the 3x2 table [[0.3, 0.1], [0.1, 0.2], [0, 0.3]] (one zero cell), I equals
    H(X) + H(Y) - H(X, Y) computed from the entropies of its marginals and of the table."""
    joint = np.array([[0.3, 0.1], [0.1, 0.2], [0.0, 0.3]])
    px, py = np.array([0.4, 0.3, 0.3]), np.array([0.4, 0.6])
    h_joint = -(2 * 0.1 * math.log(0.1) + 0.2 * math.log(0.2) + 2 * 0.3 * math.log(0.3))
    want = (-sum(x * math.log(x) for x in px) - sum(y * math.log(y) for y in py) - h_joint)
    _expect(sub, joint, want, "mutual_information([[0.3, 0.1], [0.1, 0.2], [0, 0.3]])")


@check("q6", points=2, hidden=True)
def test_mutual_information_matches_scikit_learn(sub, rng):
    """On random tables of counts of shapes (3, 5), (4, 2) and (4, 4), with and without zero
    cells, I of the normalised table matches scikit-learn's mutual_info_score on the counts
    and the entropy form H(X) + H(Y) - H(X, Y)."""
    from ._oracles import sklearn_mutual_information

    for a, b, zeros in [(4, 2, 0), (3, 5, 3), (4, 4, 4)]:
        counts = count_table(rng, a, b, zeros)
        joint = counts / counts.sum()
        name = f"mutual_information of a random ({a}, {b}) table with {zeros or 'no'} zero cells"
        _expect(sub, joint, sklearn_mutual_information(counts), name,
                [(mutual_information_np(joint), name + " (against the entropy form)")])


@check("q6", points=2, hidden=True)
def test_mutual_information_with_an_empty_row_and_column(sub, rng):
    """A (4, 3) table with a row and a column of zeros (values X and Y never take): I matches
    the KL divergence of the table from the product of its marginals (scipy.stats.entropy);
    a table of independent X and Y has I = 0 (up to rounding)."""
    from ._oracles import kl_mutual_information

    counts = count_table(rng, 4, 3, zeros=1)
    counts[int(rng.integers(4)), :] = 0.0
    counts[:, int(rng.integers(3))] = 0.0
    joint = counts / counts.sum()
    _expect(sub, joint, kl_mutual_information(joint), "mutual_information of a random (4, 3) "
            "table with an empty row and an empty column")
    px = rng.uniform(0.2, 1.0, 3)
    py = rng.uniform(0.2, 1.0, 5)
    joint = np.outer(px / px.sum(), py / py.sum())
    _expect(sub, joint, kl_mutual_information(joint), "mutual_information of a random (3, 5) "
            "table of independent X and Y")
