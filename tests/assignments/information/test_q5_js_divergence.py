"""q5: the Jensen-Shannon divergence 1/2 KL(p || m) + 1/2 KL(q || m), m = (p + q) / 2."""

import math

import numpy as np

from autograder.testing import check

from ._data import blame_earlier, expect_results, js_np, kl_np, log_diagnose, pair

HINT_INF = ("JS is always finite: the mixture m = (p + q) / 2 is positive wherever p or q is, "
            "so KL(p || m) and KL(q || m) are finite (KL between p and q themselves may not be).")


def _diagnose(p, q):
    m = (p + q) / 2
    return log_diagnose("JS is a sum of KL divergences, each non-negative: check the signs.", {
        "sqrt": ("the square root of JS (the Jensen-Shannon distance, which SciPy's "
                 "jensenshannon returns): the contract asks for the divergence itself",
                 lambda: math.sqrt(js_np(p, q))),
        "sum_m": ("the KL divergences from m = p + q, not (p + q) / 2: m must be a "
                  "distribution, the average",
                  lambda: 0.5 * kl_np(p, p + q) + 0.5 * kl_np(q, p + q)),
        "sym_kl": ("1/2 KL(p || q) + 1/2 KL(q || p): both are measured from the mixture "
                   "m = (p + q) / 2", lambda: 0.5 * kl_np(p, q) + 0.5 * kl_np(q, p)),
        "from_m": ("1/2 KL(m || p) + 1/2 KL(m || q): KL(p || m) and KL(q || m), from p and "
                   "q to m", lambda: 0.5 * kl_np(m, p) + 0.5 * kl_np(m, q)),
        "one_side": ("KL(p || m) alone: add KL(q || m) and halve", lambda: kl_np(p, m)),
    }, hints={"2": "Each KL term is weighted by 1/2: JS = 1/2 KL(p || m) + 1/2 KL(q || m).",
              "1/ln 2": "That is JS in bits (log2): use the natural logarithm (np.log)."})


def _expect(sub, p, q, want, name, also=()):
    got = sub.js_divergence(p, q)
    m = (p + q) / 2
    blame_earlier(sub, lambda: expect_results(got, [(want, name), *also],
                                              diagnose=_diagnose(p, q), hint_inf=HINT_INF),
                  [("kl_divergence", "q4", (p, m), kl_np(p, m)),
                   ("kl_divergence", "q4", (q, m), kl_np(q, m))])


@check("q5", points=1)
def test_disjoint_supports_reach_log_2_and_js_of_p_with_itself_is_zero(sub):
    """p = (1/2, 1/2, 0, 0) and q = (0, 0, 1/4, 3/4) share no outcome: JS is at its maximum,
    log 2 (finite although each is 0 where the other is not); JS(p, p) is 0."""
    p, q = np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.0, 0.25, 0.75])
    _expect(sub, p, q, math.log(2.0), "js_divergence([0.5, 0.5, 0, 0], [0, 0, 0.25, 0.75])")
    _expect(sub, q, q.copy(), 0.0, "js_divergence(q, q) for q = [0, 0, 0.25, 0.75]")


@check("q5", points=1)
def test_js_by_hand_is_symmetric(sub):
    """p = (1/2, 1/2, 0) and q = (1/4, 1/4, 1/2) have m = (3/8, 3/8, 1/4), KL(p || m) is log(4/3)
    and KL(q || m) is 0.5 log(4/3), so JS is 0.75 log(4/3), in either order."""
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.25, 0.25, 0.5])
    want = 0.75 * math.log(4 / 3)
    _expect(sub, p, q, want, "js_divergence([0.5, 0.5, 0], [0.25, 0.25, 0.5])")
    _expect(sub, q, p, want, "js_divergence([0.25, 0.25, 0.5], [0.5, 0.5, 0])")


@check("q5", points=2, hidden=True)
def test_js_matches_scipy_jensenshannon_squared(sub, rng):
    """On random pairs (n = 3 to 9), with zeros in either distribution where the other is
    positive, JS matches scipy.spatial.distance.jensenshannon squared and the entropy form
    H(m) - (H(p) + H(q)) / 2."""
    from ._oracles import scipy_js

    for n, p_zeros, q_zeros in [(3, (), ()), (6, (0, 3), (5,)), (9, (1, 2, 7), (2, 4))]:
        p, q = pair(rng, n, p_zeros, q_zeros)
        name = f"js_divergence on random p, q of {n} outcomes"
        name += f" with zeros ({len(p_zeros)} in p, {len(q_zeros)} in q)" if p_zeros else ""
        _expect(sub, p, q, scipy_js(p, q), name, [(js_np(p, q), name + " (against the entropy "
                                                                      "form)")])


@check("q5", points=1, hidden=True)
def test_js_is_symmetric_and_at_most_log_2_on_random_pairs(sub, rng):
    """Swapping p and q gives the same value, matching SciPy's jensenshannon squared, on
    nearly disjoint random pairs (JS close to log 2)."""
    from ._oracles import scipy_js

    n = 8
    p = np.zeros(n)
    q = np.zeros(n)
    split = rng.permutation(n)
    p[split[:5]] = rng.uniform(0.5, 1.0, 5)
    q[split[4:]] = rng.uniform(0.5, 1.0, 4)  # one shared outcome
    p, q = p / p.sum(), q / q.sum()
    want = scipy_js(p, q)
    for a, b, order in [(p, q, "(p, q)"), (q, p, "(q, p)")]:
        _expect(sub, a, b, want, f"js_divergence{order} on nearly disjoint random p, q")
