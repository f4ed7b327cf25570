"""q1: tanh'(z) = 1 - tanh(z)^2 at the pre-activation z, finite for |z| up to 1000."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, Diagnose, check

from ._data import activation_inputs, away_from_zero, expect_value, extreme_inputs, sech2


def _diagnose(z):
    z = np.asarray(z, dtype=float)
    t = np.tanh(z)
    return Diagnose(
        wrong_formulas={
            "one_minus_tanh": ("1 - tanh(z): the square is missing", lambda: 1.0 - t),
            "of_output": ("1 - z^2: the formula 1 - a^2 takes the activation a = tanh(z), but "
                          "tanh_prime receives the pre-activation z", lambda: 1.0 - z * z),
            "sech": ("sech(z) = 1 / cosh(z): the square is missing",
                     lambda: np.sqrt(sech2(z))),
            "square_of_difference": ("(1 - tanh(z))^2", lambda: (1.0 - t) ** 2),
            "tanh": ("tanh(z) itself, not its derivative", lambda: t),
        },
        hints={"of_output": "Compute a = np.tanh(z) first."},
    )


def _expect(got, z, name):
    expect_value("tanh_prime", got, sech2(z), name=name, diagnose=_diagnose(z))


@check("q1", points=1)
def test_tanh_prime_on_a_few_values(sub):
    """tanh_prime on a vector and a 2-D array with mixed signs, 0 included (tanh'(0) = 1)."""
    z = np.array([-2.0, -0.5, 0.0, 0.3, 1.0, 2.5])
    _expect(sub.tanh_prime(z), z, "tanh_prime(z) for z of shape (6,)")
    z2 = z.reshape(2, 3)[:, ::-1]
    _expect(sub.tanh_prime(z2), z2, "tanh_prime(z) for z of shape (2, 3)")


@check("q1", points=1)
def test_tanh_prime_in_saturation_and_at_1000(sub):
    """tanh_prime is finite at |z| = 800 to 1000 and tiny but right for 8 <= |z| <= 12."""
    z = np.array([-1000.0, -850.0, -12.0, -9.5, -1.5, 8.0, 10.0, 900.0, 1000.0])
    _expect(sub.tanh_prime(z), z, "tanh_prime(z) for z from -1000 to 1000")


@check("q1", points=2, hidden=True)
def test_tanh_prime_matches_autograd(sub, rng):
    """On random arrays of 0 to 3 dimensions, tanh_prime matches PyTorch autograd of tanh
    (and central differences of tanh)."""
    from ._oracles import central_difference, derivative

    for shape in [(), (7,), (3, 4), (2, 3, 2)]:
        z = activation_inputs(rng, shape, scale=2.0)
        expect_value("tanh_prime", sub.tanh_prime(z), derivative("tanh", z),
                     name=f"tanh_prime on a random input of shape {shape}",
                     diagnose=_diagnose(z))
    z = away_from_zero(rng, 9)
    expect_value("tanh_prime", sub.tanh_prime(z), central_difference("tanh", z),
                 name="tanh_prime against central differences of tanh", rtol=FD_RTOL,
                 atol=FD_ATOL, diagnose=_diagnose(z))


@check("q1", points=1, hidden=True)
def test_tanh_prime_in_saturation_matches_sech_squared(sub, rng):
    """For random z with 8 < |z| < 25 or 800 <= |z| <= 1000, beside moderate ones, tanh_prime
    matches sech(z)^2.

    1 - tanh(z)^2 loses its digits to cancellation there and sech(z)^2 does not: the absolute
    floor of the tolerance accepts both.
    """
    z = np.concatenate([rng.uniform(8.0, 25.0, 10) * rng.choice([-1.0, 1.0], 10),
                        extreme_inputs(rng, 6), away_from_zero(rng, 6)])
    z = rng.permutation(z).reshape(2, 11)
    _expect(sub.tanh_prime(z), z, "tanh_prime on random saturated inputs")
