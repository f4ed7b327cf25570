"""q3: the cross-entropy H(p, q) = -sum p log q: 0 terms where p = 0, inf where p > 0 and
q = 0."""

import math

import numpy as np

from autograder.testing import check

from ._data import (
    blame_earlier,
    cross_entropy_np,
    entropy_np,
    expect_results,
    finite_instead_of_inf,
    log_diagnose,
    pair,
)

WHY_INF = ("some outcome has p > 0 and q = 0, and -p log 0 = +inf (q calls impossible "
           "something that happens).")


def _diagnose(p, q):
    nz = (p > 0) & (q > 0)
    return log_diagnose("H(p, q) = -sum p log q is non-negative: keep the minus sign.", {
        "swapped": ("H(q, p) = -sum q log p: the weights are p, the logarithm is of q",
                    lambda: cross_entropy_np(q, p)),
        "entropy": ("the entropy of p: the logarithm is of q", lambda: entropy_np(p)),
        "kl": ("KL(p || q): the cross-entropy is H(p) + KL(p || q)",
               lambda: cross_entropy_np(p, q) - entropy_np(p)),
        "unweighted": ("-sum log q over the outcomes with p > 0: weight each log q by p",
                       lambda: float(-np.sum(np.log(q[nz])))),
    })


def _expect(sub, p, q, want, name, also=()):
    """H(p, q) from one call compared with ``want``, then with each ``(want, name)`` of
    ``also`` (other oracles)."""
    got = sub.cross_entropy(p, q)
    blame_earlier(sub, lambda: expect_results(
        got, [(want, name), *also], diagnose=_diagnose(p, q), why_inf=WHY_INF,
        wrong_finite=finite_instead_of_inf(p, q, lambda a, b: -a * np.log(b))),
        [("entropy", "q2", (p,), entropy_np(p))])


@check("q3", points=1)
def test_cross_entropy_by_hand(sub):
    """H(p, q) for p = (1/2, 1/2, 0) and q = (1/4, 1/4, 1/2) is log 4; against q = p it is the
    entropy, log 2, although q is 0 at the third outcome (p is 0 there too)."""
    p = np.array([0.5, 0.5, 0.0])
    _expect(sub, p, np.array([0.25, 0.25, 0.5]), math.log(4.0),
            "cross_entropy([0.5, 0.5, 0], [0.25, 0.25, 0.5])")
    _expect(sub, p, p.copy(), math.log(2.0), "cross_entropy([0.5, 0.5, 0], [0.5, 0.5, 0])")


@check("q3", points=1)
def test_an_impossible_event_under_q_costs_infinity(sub):
    """q = 0 where p > 0 makes H(p, q) infinite: p = (1/2, 1/4, 1/4) against q = (1/2, 1/2, 0)
    gives inf, while the other way round it is finite, 0.5 log 2 + 0.5 log 4."""
    p, q = np.array([0.5, 0.25, 0.25]), np.array([0.5, 0.5, 0.0])
    _expect(sub, p, q, math.inf, "cross_entropy([0.5, 0.25, 0.25], [0.5, 0.5, 0])")
    _expect(sub, q, p, 0.5 * math.log(2.0) + 0.5 * math.log(4.0),
            "cross_entropy([0.5, 0.5, 0], [0.5, 0.25, 0.25])")


@check("q3", points=2, hidden=True)
def test_cross_entropy_matches_scipy_and_pytorch(sub, rng):
    """On random pairs (n = 4 to 8; zeros in p, some where q is 0 too), H(p, q) matches
    -sum xlogy(p, q) (SciPy) and H(p) + KL(p || q) by scipy.stats.entropy; where q > 0
    everywhere, also PyTorch's cross_entropy with probability targets."""
    from ._oracles import scipy_entropy, torch_cross_entropy, xlogy_cross_entropy

    for n, p_zeros, q_zeros in [(4, (), ()), (6, (1, 4), ()), (8, (0, 3, 5), (3, 5))]:
        p, q = pair(rng, n, p_zeros, q_zeros)
        name = f"cross_entropy on random p, q of {n} outcomes"
        name += f" with {len(p_zeros)} zeros in p" if p_zeros else ""
        name += f" and {len(q_zeros)} in q (where p is 0 too)" if q_zeros else ""
        also = [(scipy_entropy(p) + scipy_entropy(p, q), name + " (against H + KL)")]
        if not q_zeros:
            also.append((torch_cross_entropy(p, q), name + " (against PyTorch)"))
        _expect(sub, p, q, xlogy_cross_entropy(p, q), name, also)


@check("q3", points=2, hidden=True)
def test_cross_entropy_is_infinite_where_q_is_zero_and_p_is_not(sub, rng):
    """Random pairs where q is 0 at outcomes with p > 0 give inf (as SciPy's xlogy does), and
    the same q against a p that is 0 there gives a finite value matching SciPy."""
    from ._oracles import xlogy_cross_entropy

    for n, q_zeros in [(5, (2,)), (7, (0, 6))]:
        p, q = pair(rng, n, (), q_zeros)
        _expect(sub, p, q, xlogy_cross_entropy(p, q), f"cross_entropy with q = 0 at "
                f"{len(q_zeros)} of {n} outcomes where p > 0")
        p0 = p.copy()
        p0[list(q_zeros)] = 0.0
        p0 /= p0.sum()
        _expect(sub, p0, q, xlogy_cross_entropy(p0, q), f"cross_entropy with q = 0 at "
                f"{len(q_zeros)} of {n} outcomes where p = 0 too")
