"""q2: the scalar network's forward pass and its binary cross-entropy loss."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import scalar_problem, scalar_values, sigmoid_oracle

RTOL, ATOL = 1e-10, 1e-12
SIGNS = [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)]  # of z1 and z2


def _diagnose_forward(x, params):
    w1, b1, w2, b2 = (params[k] for k in ("w1", "b1", "w2", "b2"))
    s = sigmoid_oracle
    return Diagnose(
        wrong_formulas={
            "z2": ("z2 = w2 a1 + b2: the output sigmoid is missing",
                   lambda: w2 * s(w1 * x + b1) + b2),
            "a1": ("a1 = sigmoid(w1 x + b1): the output layer is missing",
                   lambda: s(w1 * x + b1)),
            "no_hidden": ("sigmoid(w2 z1 + b2): the hidden sigmoid is missing (z1 instead of a1)",
                          lambda: s(w2 * (w1 * x + b1) + b2)),
            "swapped": ("the network with w1 and w2 swapped", lambda: s(w1 * s(w2 * x + b1) + b2)),
        },
    )


def _diagnose_loss(a2, y):
    return Diagnose(
        wrong_formulas={
            "swapped": ("-(y log(1 - a2) + (1 - y) log a2): the two log terms are swapped",
                        lambda: -(y * np.log(1 - a2) + (1 - y) * np.log(a2))),
            "one_term": ("-y log a2 alone: the (1 - y) log(1 - a2) term is missing",
                         lambda: -y * np.log(a2)),
            "log10": ("the loss with base-10 logarithms; use the natural log np.log",
                      lambda: -(y * np.log10(a2) + (1 - y) * np.log10(1 - a2))),
        },
        hints={"-1": "L = -(y log a2 + (1 - y) log(1 - a2)) has a minus sign in front, so L > 0."},
    )


@check("q2", points=1)
def test_forward_pass_on_an_example(sub):
    """a2 for x = 0.5, w1 = 1.5, b1 = -0.25, w2 = -2, b2 = 0.5 (z1 > 0, z2 < 0)."""
    x, params = 0.5, {"w1": 1.5, "b1": -0.25, "w2": -2.0, "b2": 0.5}
    # z1 = 0.5, a1 = sigmoid(0.5) = 0.6225; z2 = -2 a1 + 0.5 = -0.745; a2 = sigmoid(z2) = 0.3219
    a2, _ = sub.scalar_forward(x, params)
    expect_close(a2, scalar_values(x, params, 1.0)["a2"], name="a2 from scalar_forward(0.5, ...)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose_forward(x, params))


@check("q2", points=1)
def test_bce_loss_on_examples(sub):
    """L(0.2, y=1) = -log 0.2 and L(0.7, y=0) = -log 0.3."""
    for a2, y, want in [(0.2, 1.0, -np.log(0.2)), (0.7, 0.0, -np.log(0.3))]:
        expect_close(sub.bce_loss(a2, y), want, name=f"bce_loss({a2}, {y})", rtol=RTOL,
                     atol=ATOL, diagnose=_diagnose_loss(a2, y))


@check("q2", points=2, hidden=True)
def test_forward_pass_matches_torch(sub, rng):
    """a2 matches PyTorch for random x and parameters, with z1 and z2 of every sign pattern."""
    from ._oracles import scalar_network

    for signs in SIGNS:
        x, params, y = scalar_problem(rng, signs)
        want, _, _ = scalar_network(x, params, y)
        a2, _ = sub.scalar_forward(x, params)
        expect_close(a2, want, name=f"a2 from scalar_forward (signs of z1, z2: {signs})",
                     rtol=RTOL, atol=ATOL, diagnose=_diagnose_forward(x, params))


@check("q2", points=2, hidden=True)
def test_bce_loss_matches_torch(sub, rng):
    """bce_loss matches torch's binary_cross_entropy, for y = 0 and y = 1, near 0 and 1 too."""
    from ._oracles import bce_loss

    cases = [(float(rng.uniform(0.05, 0.45)), 1.0), (float(rng.uniform(0.55, 0.95)), 0.0),
             (float(rng.uniform(0.6, 0.9)), 1.0), (1e-6, 1.0), (1.0 - 1e-6, 0.0)]
    for a2, y in cases:
        want = bce_loss(a2, y)
        expect_close(sub.bce_loss(a2, y), want, name=f"bce_loss(a2, y) with y = {y:g}",
                     rtol=RTOL, atol=ATOL, diagnose=_diagnose_loss(a2, y))
