"""q2: the entropy H(p) = -sum p log p in nats, with 0 log 0 = 0."""

import math

import numpy as np

from autograder.testing import check

from ._data import distribution, expect_value, log_diagnose


def _diagnose(p):
    return log_diagnose("H(p) = -sum p log p is non-negative: keep the minus sign.", {
        "unweighted": ("-sum log p over the outcomes with p > 0: each log p is weighted by p",
                       lambda: float(-np.sum(np.log(p[p > 0])))),
        "no_log": ("1 - sum p^2: the entropy takes the logarithm",
                   lambda: 1.0 - float(np.sum(p**2))),
    }, factors={"1/n": 1 / len(p)}, hints={"1/n": "H is a sum over the outcomes, not a mean."})


@check("q2", points=1)
def test_entropy_by_hand_with_a_zero(sub):
    """H(1/2, 1/4, 1/4, 0) is 1.5 log 2 nats: the outcome of probability 0 adds nothing
    (0 log 0 = 0)."""
    p = np.array([0.5, 0.25, 0.25, 0.0])
    expect_value(sub.entropy(p), 1.5 * math.log(2.0), name="entropy([0.5, 0.25, 0.25, 0])",
                 diagnose=_diagnose(p))


@check("q2", points=1)
def test_uniform_is_log_n_and_a_point_mass_is_zero(sub):
    """The uniform distribution over 5 outcomes has the largest entropy, log 5, and a point
    mass (0, 0, 1, 0) has none: H is 0."""
    p = np.full(5, 0.2)
    expect_value(sub.entropy(p), math.log(5.0), name="entropy of the uniform distribution on 5",
                 diagnose=_diagnose(p))
    p = np.array([0.0, 0.0, 1.0, 0.0])
    expect_value(sub.entropy(p), 0.0, name="entropy([0, 0, 1, 0])", diagnose=_diagnose(p))


@check("q2", points=2, hidden=True)
def test_entropy_matches_scipy_with_zeros(sub, rng):
    """On random distributions with and without zero entries (n = 3 to 9), H matches
    scipy.stats.entropy and PyTorch's Categorical entropy."""
    from ._oracles import scipy_entropy, torch_entropy

    for n, zeros in [(3, ()), (6, (0, 4)), (9, (2, 3, 8))]:
        p = distribution(rng, n, zeros)
        name = f"entropy of a random distribution of {n} outcomes"
        name += f" with {len(zeros)} zeros" if zeros else ""
        got = sub.entropy(p)
        expect_value(got, scipy_entropy(p), name=name, diagnose=_diagnose(p))
        expect_value(got, torch_entropy(p), name=name + " (PyTorch)")


@check("q2", points=1, hidden=True)
def test_binary_entropy_matches_its_closed_form(sub, rng):
    """For a coin with P(heads) = t, H(t, 1 - t) = -t log t - (1 - t) log(1 - t), written with
    math.log, at random t and at t = 0 and 1 (a certain outcome: H is 0)."""
    for t in [*rng.uniform(0.02, 0.98, 3), 0.0, 1.0]:
        p = np.array([t, 1.0 - t])
        want = -sum(x * math.log(x) for x in (t, 1.0 - t) if x > 0)
        expect_value(sub.entropy(p), want, name="entropy([t, 1 - t])" + (
            f" for t = {t:g}" if t in (0.0, 1.0) else " for a random t"), diagnose=_diagnose(p))
