"""q7: the ReLU layer, forward and backward (derivative 0 at exactly 0)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

RTOL, ATOL = 1e-12, 1e-14


def _inputs(rng, shape):
    """x with both signs and some exact zeros; dout with both signs, never 0."""
    x = rng.standard_normal(shape)
    x.flat[rng.choice(x.size, max(2, x.size // 5), replace=False)] = 0.0
    dout = rng.uniform(0.5, 2.0, shape) * rng.choice([-1.0, 1.0], shape)
    return x, dout


def _diagnose_forward(x):
    return Diagnose(wrong_formulas={
        "abs": ("|x|: negative entries must become 0, not positive", lambda: np.abs(x)),
        "min": ("min(0, x)", lambda: np.minimum(x, 0.0)),
    })


def _diagnose_backward(x, dout):
    return Diagnose(
        wrong_formulas={
            "mask_dout": ("dout where dout > 0: the mask must come from the layer's input x "
                          "(kept in the cache), not from the upstream gradient",
                          lambda: dout * (dout > 0)),
            "no_dout": ("the mask (x > 0) alone: multiply it by dout", lambda: 1.0 * (x > 0)),
            "times_x": ("dout * x: the derivative of max(0, x) is 1 or 0, not x",
                        lambda: dout * x),
            "out": ("dout * max(0, x)", lambda: dout * np.maximum(x, 0.0)),
        },
        regions={"where x > 0": x > 0, "where x < 0": x < 0, "where x = 0": x == 0},
    )


@check("q7", points=1)
def test_relu_layer_forward(sub, rng):
    """out = max(0, x) for x of shape (3, 5) with both signs and exact zeros."""
    x, _ = _inputs(rng, (3, 5))
    out, _ = sub.relu_forward(x)
    expect_close(out, np.where(x > 0, x, 0.0), name="out from relu_forward(x)", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose_forward(x))


@check("q7", points=1)
def test_relu_layer_backward(sub, rng):
    """dx = dout where x > 0 and 0 elsewhere (also at x = 0), for a random dout."""
    x, dout = _inputs(rng, (3, 5))
    _, cache = sub.relu_forward(x)
    dx = sub.relu_backward(dout, cache)
    expect_close(dx, np.where(x > 0, dout, 0.0), name="dx from relu_backward", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose_backward(x, dout))


@check("q7", points=3, hidden=True)
def test_relu_layer_matches_torch(sub, rng):
    """Forward and backward match PyTorch autograd on arrays of 1, 2 and 3 dimensions."""
    from autograder.testing.autograd import vjp

    from ._oracles import activation

    for shape in [(7,), (4, 6), (2, 3, 4)]:
        x, dout = _inputs(rng, shape)
        want_out, (want_dx,) = vjp(activation("relu"), x, dout=dout)
        out, cache = sub.relu_forward(x)
        expect_close(out, want_out, name=f"relu_forward on shape {shape}", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose_forward(x))
        expect_close(sub.relu_backward(dout, cache), want_dx,
                     name=f"relu_backward on shape {shape}", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose_backward(x, dout))
