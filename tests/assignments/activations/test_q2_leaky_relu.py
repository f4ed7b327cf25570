"""q2: the leaky ReLU max(alpha z, z) and its derivative (alpha at z = 0, as in PyTorch)."""

import numpy as np

from autograder.testing import Diagnose, check

from ._data import (
    expect_value,
    leaky_relu_np,
    leaky_relu_prime_np,
    regions_of,
)

Z = np.array([-3.0, -0.5, 0.0, 0.25, 2.0])
CASES = [((), 0.2), ((9,), None), ((3, 5), 0.0), ((2, 3, 4), 0.35), ((4, 3), 1.0)]


def _diagnose(z, alpha):
    z = np.asarray(z, dtype=float)
    return Diagnose(
        wrong_formulas={
            "alpha_ignored": ("the leaky ReLU with the default slope 0.01: use the alpha "
                              "argument", lambda: leaky_relu_np(z, 0.01)),
            "relu": ("max(0, z), the plain ReLU: for z <= 0 the leaky ReLU is alpha z",
                     lambda: np.maximum(z, 0.0)),
            "alpha_not_times_z": ("alpha where z <= 0, instead of alpha z",
                                  lambda: np.where(z > 0, z, alpha)),
            "derivative": ("the derivative, not the function",
                           lambda: leaky_relu_prime_np(z, alpha)),
        },
        regions=regions_of(z),
    )


def _diagnose_prime(z, alpha):
    z = np.asarray(z, dtype=float)
    return Diagnose(
        wrong_formulas={
            "relu": ("the plain ReLU's derivative, 0 for z <= 0: the leaky ReLU's slope there "
                     "is alpha", lambda: np.where(z > 0, 1.0, 0.0)),
            "alpha_ignored": ("the derivative with the default slope 0.01: use the alpha "
                              "argument", lambda: leaky_relu_prime_np(z, 0.01)),
            "alpha_times_z": ("alpha z where z <= 0: the derivative of alpha z is alpha",
                              lambda: np.where(z > 0, 1.0, alpha * z)),
            "function": ("the leaky ReLU itself, not its derivative",
                         lambda: leaky_relu_np(z, alpha)),
        },
        regions=regions_of(z),
    )


@check("q2", points=1)
def test_leaky_relu_on_a_few_values(sub):
    """leaky_relu with alpha = 0.2 and with the default 0.01, on a vector and a 2-D array."""
    expect_value("leaky_relu", sub.leaky_relu(Z, 0.2), np.array([-0.6, -0.1, 0.0, 0.25, 2.0]),
                 name="leaky_relu(z, 0.2)", diagnose=_diagnose(Z, 0.2))
    expect_value("leaky_relu", sub.leaky_relu(Z), np.array([-0.03, -0.005, 0.0, 0.25, 2.0]),
                 name="leaky_relu(z) with the default alpha", diagnose=_diagnose(Z, 0.01))
    z2 = np.array([[1.5, -4.0], [0.0, -0.1], [3.0, 0.5]])
    expect_value("leaky_relu", sub.leaky_relu(z2, 0.2), leaky_relu_np(z2, 0.2),
                 name="leaky_relu(z, 0.2) for z of shape (3, 2)", diagnose=_diagnose(z2, 0.2))


@check("q2", points=1)
def test_leaky_relu_prime_on_a_few_values(sub):
    """leaky_relu_prime is alpha for z <= 0 (z = 0 included) and 1 for z > 0, with alpha = 0.2
    and the default 0.01."""
    expect_value("leaky_relu_prime", sub.leaky_relu_prime(Z, 0.2),
                 np.array([0.2, 0.2, 0.2, 1.0, 1.0]), name="leaky_relu_prime(z, 0.2)",
                 diagnose=_diagnose_prime(Z, 0.2))
    expect_value("leaky_relu_prime", sub.leaky_relu_prime(Z),
                 np.array([0.01, 0.01, 0.01, 1.0, 1.0]),
                 name="leaky_relu_prime(z) with the default alpha",
                 diagnose=_diagnose_prime(Z, 0.01))


@check("q2", points=2, hidden=True)
def test_leaky_relu_matches_torch(sub, rng):
    """On random arrays of 0 to 3 dimensions with exact zeros, the default alpha, alpha = 0,
    alpha = 1 and others, and on |z| up to 1000, leaky_relu matches
    torch.nn.functional.leaky_relu."""
    from ._oracles import expect_on_random_inputs

    expect_on_random_inputs(sub, "leaky_relu", rng, _diagnose, CASES, 0.3)


@check("q2", points=2, hidden=True)
def test_leaky_relu_prime_matches_autograd(sub, rng):
    """On the same kinds of input, leaky_relu_prime matches PyTorch autograd (alpha at z = 0),
    and central differences away from 0."""
    from ._oracles import expect_on_random_inputs

    expect_on_random_inputs(sub, "leaky_relu_prime", rng, _diagnose_prime, CASES, 0.15)
