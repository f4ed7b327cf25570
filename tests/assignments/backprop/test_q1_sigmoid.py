"""q1: the sigmoid 1 / (1 + e^-z), finite for |z| up to 1000."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import sigmoid_oracle

# Relative and absolute: a correct sigmoid may underflow to 0 for very negative z.
RTOL, ATOL = 1e-10, 1e-14
EXTREME = np.array([-1000.0, -800.0, -745.5, -100.0, -36.0, 0.0, 36.0, 100.0, 745.5, 800.0,
                    1000.0])


def _diagnose(z):
    z = np.asarray(z, dtype=float)
    return Diagnose(
        wrong_formulas={
            "neg": ("1 / (1 + exp(z)) = sigmoid(-z)", lambda: sigmoid_oracle(-z)),
            "tanh": ("tanh(z)", lambda: np.tanh(z)),
            "exp": ("exp(-z) / (1 + exp(-z)) = 1 - sigmoid(z)", lambda: 1 - sigmoid_oracle(z)),
        },
        hints={
            "neg": "sigmoid(z) = 1 / (1 + exp(-z)): check the sign in the exponent.",
            "exp": "That is 1 - sigmoid(z) = sigmoid(-z): the numerator should be 1.",
        },
    )


@check("q1", points=1)
def test_sigmoid_of_a_few_values(sub):
    """sigmoid on a float, on a vector and on a 2-D array (mixed signs), against tanh."""
    expect_close(sub.sigmoid(0.0), 0.5, name="sigmoid(0.0)", rtol=RTOL, atol=ATOL)
    expect_close(sub.sigmoid(0.75), sigmoid_oracle(0.75), name="sigmoid(0.75)", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(0.75))
    z = np.array([-4.0, -1.5, -0.2, 0.3, 1.0, 2.5])
    expect_close(sub.sigmoid(z), sigmoid_oracle(z), name="sigmoid(z) for z of shape (6,)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(z))
    z2 = z.reshape(2, 3)
    expect_close(sub.sigmoid(z2), sigmoid_oracle(z2), name="sigmoid(z) for z of shape (2, 3)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(z2))


@check("q1", points=1)
def test_sigmoid_is_finite_for_large_inputs(sub):
    """sigmoid stays finite (no NaN) for |z| up to 1000."""
    expect_close(sub.sigmoid(EXTREME), sigmoid_oracle(EXTREME),
                 name="sigmoid(z) for z from -1000 to 1000", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(EXTREME))
    for z in (-1000.0, 1000.0):
        expect_close(sub.sigmoid(z), sigmoid_oracle(z), name=f"sigmoid({z:g})", rtol=RTOL,
                     atol=ATOL)


@check("q1", points=2, hidden=True)
def test_sigmoid_matches_torch(sub, rng):
    """On random floats and arrays of 1 to 3 dimensions, sigmoid matches torch.sigmoid."""
    from ._oracles import torch_sigmoid

    for shape in [(), (7,), (3, 4), (2, 3, 2)]:
        z = 4.0 * rng.standard_normal(shape)
        want = torch_sigmoid(z)
        arg = float(z) if shape == () else z
        expect_close(sub.sigmoid(arg), want, name=f"sigmoid on a random input of shape {shape}",
                     rtol=RTOL, atol=ATOL, diagnose=_diagnose(z))


@check("q1", points=2, hidden=True)
def test_sigmoid_of_extreme_inputs_matches_torch(sub, rng):
    """On random inputs of size up to 1000 (both signs), sigmoid is finite and matches torch."""
    from ._oracles import torch_sigmoid

    z = rng.uniform(30.0, 1000.0, 24) * rng.choice([-1.0, 1.0], 24)
    z[:4] = [-1000.0, 1000.0, -709.0, 709.0]
    want = torch_sigmoid(z)
    expect_close(sub.sigmoid(z), want, name="sigmoid on random inputs with 30 <= |z| <= 1000",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(z))
