"""q5: Swish z sigmoid(beta z) and its derivative s + beta z s (1 - s), s = sigmoid(beta z)."""

import numpy as np

from autograder.testing import Diagnose, check

from ._data import (
    expect_value,
    sigmoid_np,
    swish_np,
    swish_prime_np,
)

Z = np.array([-1000.0, -3.0, -1.0, 0.0, 0.5, 2.0, 1000.0])
CASES = [((), 1.7), ((9,), None), ((3, 5), 0.5), ((2, 3, 4), 2.5), ((4, 3), 1.0)]


def _diagnose(z, beta):
    z = np.asarray(z, dtype=float)
    s = sigmoid_np(beta * z)
    return Diagnose(
        wrong_formulas={
            "beta_ignored": ("z sigmoid(z), Swish with beta = 1: use the beta argument",
                             lambda: swish_np(z, 1.0)),
            "beta_outside": ("beta z sigmoid(beta z): Swish is z sigmoid(beta z), with no "
                             "factor beta in front", lambda: beta * z * s),
            "sigmoid": ("sigmoid(beta z) alone: Swish is z sigmoid(beta z)", lambda: s),
            "derivative": ("the derivative, not the function", lambda: swish_prime_np(z, beta)),
        },
    )


def _diagnose_prime(z, beta):
    z = np.asarray(z, dtype=float)
    s, r = sigmoid_np(beta * z), sigmoid_np(-beta * z)
    return Diagnose(
        wrong_formulas={
            "no_beta": ("s + z s (1 - s): the chain rule through sigmoid(beta z) gives "
                        "s + beta z s (1 - s)", lambda: s + z * s * r),
            "beta_ignored": ("the derivative of Swish with beta = 1: use the beta argument",
                             lambda: swish_prime_np(z, 1.0)),
            "sigmoid_only": ("sigmoid(beta z) alone: by the product rule the derivative of "
                             "z sigmoid(beta z) is s + beta z s (1 - s)", lambda: s),
            "no_product": ("beta z s (1 - s) alone: the product rule also gives s",
                           lambda: beta * z * s * r),
            "function": ("Swish itself, not its derivative", lambda: swish_np(z, beta)),
        },
    )


@check("q5", points=1)
def test_swish_on_a_few_values(sub):
    """swish with beta = 1.5 and with the default beta = 1, on z from -1000 to 1000 (0
    included)."""
    expect_value("swish", sub.swish(Z, 1.5), swish_np(Z, 1.5), name="swish(z, 1.5)",
                 diagnose=_diagnose(Z, 1.5))
    z2 = np.array([[0.3, -0.7], [1.8, -2.2], [-0.05, 4.0]])
    expect_value("swish", sub.swish(z2), swish_np(z2, 1.0),
                 name="swish(z) with the default beta, z of shape (3, 2)",
                 diagnose=_diagnose(z2, 1.0))


@check("q5", points=1)
def test_swish_prime_on_a_few_values(sub):
    """swish_prime with beta = 1.5 and the default beta = 1 equals s + beta z s (1 - s) (1/2 at
    z = 0), on z from -1000 to 1000."""
    expect_value("swish_prime", sub.swish_prime(Z, 1.5), swish_prime_np(Z, 1.5),
                 name="swish_prime(z, 1.5)", diagnose=_diagnose_prime(Z, 1.5))
    expect_value("swish_prime", sub.swish_prime(Z), swish_prime_np(Z, 1.0),
                 name="swish_prime(z) with the default beta", diagnose=_diagnose_prime(Z, 1.0))


@check("q5", points=2, hidden=True)
def test_swish_matches_torch(sub, rng):
    """On random arrays of 0 to 3 dimensions with several betas and on 800 <= |z| <= 1000,
    swish matches torch.nn.functional.silu(beta z) / beta."""
    from ._oracles import expect_on_random_inputs

    expect_on_random_inputs(sub, "swish", rng, _diagnose, CASES, 1.3)


@check("q5", points=2, hidden=True)
def test_swish_prime_matches_autograd(sub, rng):
    """On the same kinds of input, swish_prime matches PyTorch autograd, and central
    differences."""
    from ._oracles import expect_on_random_inputs

    expect_on_random_inputs(sub, "swish_prime", rng, _diagnose_prime, CASES, 0.7)
