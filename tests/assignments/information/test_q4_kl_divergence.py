"""q4: the KL divergence KL(p || q) = sum p log(p / q): 0 terms where p = 0, inf where p > 0
and q = 0."""

import math

import numpy as np

from autograder.testing import check

from ._data import (
    blame_earlier,
    cross_entropy_np,
    entropy_np,
    expect_results,
    finite_instead_of_inf,
    kl_np,
    log_diagnose,
    pair,
)

WHY_INF = ("some outcome has p > 0 and q = 0: p log(p / 0) = +inf (q calls impossible "
           "something that happens).")


def _diagnose(p, q):
    nz = (p > 0) & (q > 0)
    return log_diagnose(
        "KL(p || q) = sum p log(p / q) is non-negative: log(p / q), not log(q / p).", {
            "swapped": ("KL(q || p): the divergence is not symmetric; weight by p and take "
                        "log(p / q)", lambda: kl_np(q, p)),
            "cross_entropy": ("the cross-entropy H(p, q): KL(p || q) = H(p, q) - H(p)",
                              lambda: cross_entropy_np(p, q)),
            "plus_entropy": ("H(p, q) + H(p): KL(p || q) = H(p, q) - H(p)",
                             lambda: cross_entropy_np(p, q) + entropy_np(p)),
            "unweighted": ("sum log(p / q) over the outcomes with p > 0: weight each term by p",
                           lambda: float(np.sum(np.log(p[nz] / q[nz])))),
            "q_weights": ("sum q log(p / q): the weights are p",
                          lambda: float(np.sum(q[nz] * np.log(p[nz] / q[nz])))),
        })


def _expect(sub, p, q, want, name, also=()):
    """KL(p || q) from one call compared with ``want``, then with each ``(want, name)`` of
    ``also``."""
    got = sub.kl_divergence(p, q)
    blame_earlier(sub, lambda: expect_results(
        got, [(want, name), *also], diagnose=_diagnose(p, q), why_inf=WHY_INF,
        wrong_finite=finite_instead_of_inf(p, q, lambda a, b: a * np.log(a / b))),
        [("entropy", "q2", (p,), entropy_np(p)),
         ("cross_entropy", "q3", (p, q), cross_entropy_np(p, q))])


@check("q4", points=1)
def test_kl_by_hand_and_its_asymmetry(sub):
    """KL(p || q) for p = (1/2, 1/2) and q = (1/4, 3/4) is 0.5 log 2 + 0.5 log(2/3), KL(q || p)
    is 0.25 log(1/2) + 0.75 log(3/2), a different number, and KL(p || p) is 0."""
    p, q = np.array([0.5, 0.5]), np.array([0.25, 0.75])
    _expect(sub, p, q, 0.5 * math.log(2.0) + 0.5 * math.log(2 / 3), "kl_divergence([0.5, 0.5], "
            "[0.25, 0.75])")
    _expect(sub, q, p, 0.25 * math.log(1 / 2) + 0.75 * math.log(3 / 2),
            "kl_divergence([0.25, 0.75], [0.5, 0.5])")
    _expect(sub, q, q.copy(), 0.0, "kl_divergence(q, q)")


@check("q4", points=1)
def test_kl_with_zeros(sub):
    """q = 0 where p > 0 makes KL(p || q) infinite: p = (1/2, 1/4, 1/4) against
    q = (1/2, 1/2, 0) gives inf; the other way round the zero is in p, which costs nothing:
    0.5 log 1 + 0.5 log 2."""
    p, q = np.array([0.5, 0.25, 0.25]), np.array([0.5, 0.5, 0.0])
    _expect(sub, p, q, math.inf, "kl_divergence([0.5, 0.25, 0.25], [0.5, 0.5, 0])")
    _expect(sub, q, p, 0.5 * math.log(1.0) + 0.5 * math.log(2.0),
            "kl_divergence([0.5, 0.5, 0], [0.5, 0.25, 0.25])")


@check("q4", points=2, hidden=True)
def test_kl_matches_scipy_and_pytorch(sub, rng):
    """On random pairs (n = 3 to 8; zeros in p, some where q is 0 too), KL(p || q) matches
    the sum of scipy.special.rel_entr and scipy.stats.entropy(p, q); where q > 0 everywhere,
    also torch.nn.functional.kl_div; and KL(q || p) differs from it."""
    from ._oracles import rel_entr_kl, scipy_entropy, torch_kl

    for n, p_zeros, q_zeros in [(3, (), ()), (6, (0, 2), ()), (8, (1, 4, 7), (4, 7))]:
        p, q = pair(rng, n, p_zeros, q_zeros)
        name = f"kl_divergence on random p, q of {n} outcomes"
        name += f" with {len(p_zeros)} zeros in p" if p_zeros else ""
        name += f" and {len(q_zeros)} in q (where p is 0 too)" if q_zeros else ""
        also = [(scipy_entropy(p, q), name + " (against scipy.stats.entropy)")]
        if not q_zeros:
            also.append((torch_kl(p, q), name + " (against PyTorch's kl_div)"))
        _expect(sub, p, q, rel_entr_kl(p, q), name, also)


@check("q4", points=2, hidden=True)
def test_kl_is_infinite_where_q_is_zero_and_p_is_not(sub, rng):
    """Random pairs where q is 0 at outcomes with p > 0 give inf (as scipy.special.rel_entr
    does), the same q against a p that is 0 there gives a finite value matching SciPy, and a
    Bernoulli pair matches the closed form a log(a/b) + (1-a) log((1-a)/(1-b))."""
    from ._oracles import rel_entr_kl

    for n, q_zeros in [(5, (3,)), (6, (0, 5))]:
        p, q = pair(rng, n, (), q_zeros)
        _expect(sub, p, q, rel_entr_kl(p, q), f"kl_divergence with q = 0 at {len(q_zeros)} of "
                f"{n} outcomes where p > 0")
        p0 = p.copy()
        p0[list(q_zeros)] = 0.0
        p0 /= p0.sum()
        _expect(sub, p0, q, rel_entr_kl(p0, q), f"kl_divergence with q = 0 at {len(q_zeros)} "
                f"of {n} outcomes where p = 0 too")
    a, b = rng.uniform(0.05, 0.45), rng.uniform(0.55, 0.95)
    _expect(sub, np.array([a, 1 - a]), np.array([b, 1 - b]),
            a * math.log(a / b) + (1 - a) * math.log((1 - a) / (1 - b)),
            "kl_divergence of two Bernoulli distributions")
