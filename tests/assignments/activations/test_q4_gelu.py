"""q4: the exact GELU z Phi(z) and its derivative Phi(z) + z phi(z)."""

import math

import numpy as np

from autograder.testing import Diagnose, check

from ._data import (
    expect_value,
    gelu_np,
    gelu_prime_np,
    norm_cdf,
    norm_pdf,
    sigmoid_np,
)

Z = np.array([-1000.0, -3.0, -1.0, 0.0, 0.5, 2.0, 1000.0])
CASES = [((), None), ((9,), None), ((3, 5), None), ((2, 3, 4), None)]
_erf = np.vectorize(math.erf, otypes=[float])
_C = math.sqrt(2.0 / math.pi)


def _tanh_approx(z):
    return 0.5 * z * (1.0 + np.tanh(_C * (z + 0.044715 * z**3)))


def _tanh_approx_prime(z):
    t = np.tanh(_C * (z + 0.044715 * z**3))
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * _C * (1.0 + 3 * 0.044715 * z * z)


def _diagnose(z, _=None):
    z = np.asarray(z, dtype=float)
    return Diagnose(wrong_formulas={
        "tanh_approx": ("the tanh approximation 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))): "
                        "the contract asks for the exact z Phi(z), with erf",
                        lambda: _tanh_approx(z)),
        "sigmoid_approx": ("the approximation z sigmoid(1.702 z): use the exact z Phi(z)",
                           lambda: z * sigmoid_np(1.702 * z)),
        "no_sqrt2": ("z (1 + erf(z)) / 2: Phi(z) is (1 + erf(z / sqrt(2))) / 2",
                     lambda: 0.5 * z * (1.0 + _erf(z))),
        "cdf": ("Phi(z) alone: GELU is z Phi(z)", lambda: norm_cdf(z)),
        "derivative": ("the derivative, not the function", lambda: gelu_prime_np(z)),
    })


def _diagnose_prime(z, _=None):
    z = np.asarray(z, dtype=float)
    return Diagnose(wrong_formulas={
        "cdf_only": ("Phi(z) alone: by the product rule the derivative of z Phi(z) is "
                     "Phi(z) + z phi(z)", lambda: norm_cdf(z)),
        "pdf_unnormalised": ("Phi(z) + z exp(-z^2 / 2): the Gaussian density is "
                             "exp(-z^2 / 2) / sqrt(2 pi)",
                             lambda: norm_cdf(z) + z * np.exp(-0.5 * z * z)),
        "no_sqrt2": ("the derivative of z (1 + erf(z)) / 2: Phi(z) is (1 + erf(z / sqrt(2))) / 2",
                     lambda: 0.5 * (1.0 + _erf(z)) + z * np.exp(-z * z) / math.sqrt(math.pi)),
        "tanh_approx": ("the derivative of the tanh approximation: the contract asks for the "
                        "exact GELU", lambda: _tanh_approx_prime(z)),
        "pdf_only": ("z phi(z) alone: the product rule also gives Phi(z)",
                     lambda: z * norm_pdf(z)),
        "function": ("GELU itself, not its derivative", lambda: gelu_np(z)),
    })


@check("q4", points=1)
def test_gelu_on_a_few_values(sub):
    """gelu on z from -1000 to 1000 (0 included) and on a 2-D array equals z Phi(z), with Phi
    from erfc."""
    expect_value("gelu", sub.gelu(Z), gelu_np(Z), name="gelu(z)", diagnose=_diagnose(Z))
    z2 = np.array([[0.3, -0.7], [1.8, -2.2], [-0.05, 4.0]])
    expect_value("gelu", sub.gelu(z2), gelu_np(z2), name="gelu(z) for z of shape (3, 2)",
                 diagnose=_diagnose(z2))


@check("q4", points=1)
def test_gelu_prime_on_a_few_values(sub):
    """gelu_prime on z from -1000 to 1000 equals Phi(z) + z phi(z) (1/2 at z = 0)."""
    expect_value("gelu_prime", sub.gelu_prime(Z), gelu_prime_np(Z), name="gelu_prime(z)",
                 diagnose=_diagnose_prime(Z))


@check("q4", points=2, hidden=True)
def test_gelu_matches_torch(sub, rng):
    """On random arrays of 0 to 3 dimensions, on -10 < z < -5 and on 800 <= |z| <= 1000, gelu
    matches torch.nn.functional.gelu (exact, not approximate).

    For -10 < z < -5, (1 + erf(z / sqrt(2))) / 2 loses digits that erfc(-z / sqrt(2)) / 2 keeps:
    the absolute floor of the tolerance accepts both.
    """
    from ._oracles import expect_on_random_inputs

    tail = -rng.uniform(5.0, 10.0, 8)
    expect_on_random_inputs(sub, "gelu", rng, _diagnose, CASES, None,
                            extra=[(tail, "random inputs with -10 < z < -5")])


@check("q4", points=2, hidden=True)
def test_gelu_prime_matches_autograd(sub, rng):
    """On the same kinds of input, gelu_prime matches PyTorch autograd of the exact GELU, and
    central differences."""
    from ._oracles import expect_on_random_inputs

    tail = -rng.uniform(5.0, 10.0, 8)
    expect_on_random_inputs(sub, "gelu_prime", rng, _diagnose_prime, CASES, None,
                            extra=[(tail, "random inputs with -10 < z < -5")])
