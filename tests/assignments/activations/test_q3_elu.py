"""q3: ELU, z for z > 0 and alpha (e^z - 1) otherwise, and its derivative (alpha at z = 0)."""

import numpy as np

from autograder.testing import Diagnose, check

from ._data import (
    away_from_zero,
    elu_np,
    elu_prime_np,
    expect_value,
    regions_of,
)

Z = np.array([-1000.0, -3.0, -1.0, 0.0, 0.5, 2.0, 1000.0])
CASES = [((), 1.7), ((9,), None), ((3, 5), 0.5), ((2, 3, 4), 2.3), ((4, 3), 1.0)]


def _diagnose(z, alpha):
    z = np.asarray(z, dtype=float)
    neg = np.minimum(z, 0.0)
    return Diagnose(
        wrong_formulas={
            "alpha_ignored": ("ELU with alpha = 1: use the alpha argument",
                              lambda: elu_np(z, 1.0)),
            "no_minus_one": ("alpha e^z for z <= 0: ELU is alpha (e^z - 1) there",
                             lambda: np.where(z > 0, z, alpha * np.exp(neg))),
            "relu": ("max(0, z), the plain ReLU", lambda: np.maximum(z, 0.0)),
            "derivative": ("the derivative, not the function", lambda: elu_prime_np(z, alpha)),
        },
        regions=regions_of(z),
    )


def _diagnose_prime(z, alpha):
    z = np.asarray(z, dtype=float)
    neg = np.minimum(z, 0.0)
    return Diagnose(
        wrong_formulas={
            "no_alpha": ("e^z for z <= 0: the derivative of alpha (e^z - 1) is alpha e^z",
                         lambda: np.where(z > 0, 1.0, np.exp(neg))),
            "alpha_ignored": ("the derivative of ELU with alpha = 1",
                              lambda: elu_prime_np(z, 1.0)),
            "function": ("ELU itself, not its derivative", lambda: elu_np(z, alpha)),
            "relu": ("the ReLU's derivative, 0 for z <= 0", lambda: np.where(z > 0, 1.0, 0.0)),
        },
        regions=regions_of(z),
    )


@check("q3", points=1)
def test_elu_on_a_few_values(sub):
    """elu with alpha = 1.5 and with the default alpha = 1, on z from -1000 to 1000 (0
    included)."""
    e = np.exp([-3.0, -1.0])
    want = np.array([-1.5, 1.5 * (e[0] - 1), 1.5 * (e[1] - 1), 0.0, 0.5, 2.0, 1000.0])
    expect_value("elu", sub.elu(Z, 1.5), want, name="elu(z, 1.5)", diagnose=_diagnose(Z, 1.5))
    expect_value("elu", sub.elu(Z), elu_np(Z, 1.0), name="elu(z) with the default alpha",
                 diagnose=_diagnose(Z, 1.0))


@check("q3", points=1)
def test_elu_prime_on_a_few_values(sub):
    """elu_prime with alpha = 1.5 is 1.5 e^z for z <= 0 (1.5 at z = 0) and 1 for z > 0, on z
    from -1000 to 1000."""
    e = np.exp([-3.0, -1.0])
    want = np.array([0.0, 1.5 * e[0], 1.5 * e[1], 1.5, 1.0, 1.0, 1.0])
    expect_value("elu_prime", sub.elu_prime(Z, 1.5), want, name="elu_prime(z, 1.5)",
                 diagnose=_diagnose_prime(Z, 1.5))
    z2 = np.array([[0.7, -0.2, -2.5], [0.0, 1.2, -0.6]])
    expect_value("elu_prime", sub.elu_prime(z2), elu_prime_np(z2, 1.0),
                 name="elu_prime(z) with the default alpha, z of shape (2, 3)",
                 diagnose=_diagnose_prime(z2, 1.0))


@check("q3", points=2, hidden=True)
def test_elu_matches_torch(sub, rng):
    """On random arrays of 0 to 3 dimensions with exact zeros and several alphas, on |z| up to
    1e-9 and on 800 <= |z| <= 1000, elu matches torch.nn.functional.elu.

    Near 0, alpha (e^z - 1) loses digits that alpha expm1(z) keeps: the absolute floor of the
    tolerance accepts both.
    """
    from ._oracles import expect_on_random_inputs

    near_zero = 1e-9 * away_from_zero(rng, 8, 0.01, 1.0)
    expect_on_random_inputs(sub, "elu", rng, _diagnose, CASES, 1.3,
                            extra=[(near_zero, "random inputs near 0")])


@check("q3", points=2, hidden=True)
def test_elu_prime_matches_autograd(sub, rng):
    """On the same kinds of input, elu_prime matches PyTorch autograd (alpha at z = 0), and
    central differences away from 0."""
    from ._oracles import expect_on_random_inputs

    expect_on_random_inputs(sub, "elu_prime", rng, _diagnose_prime, CASES, 1.4)
