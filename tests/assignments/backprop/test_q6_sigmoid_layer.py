"""q6: the sigmoid layer, forward and backward, for arrays of any shape."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, Diagnose, check, expect_close, numerical_vjp

from ._data import sigmoid_oracle

RTOL, ATOL = 1e-10, 1e-12
EXTREME = np.array([[-1000.0, -800.0, -50.0, -1.0], [1000.0, 800.0, 50.0, 0.5]])


def _diagnose_backward(x, dout):
    s = sigmoid_oracle(x)
    return Diagnose(
        wrong_formulas={
            "no_one_minus": ("dout * out: the factor (1 - out) of sigmoid' = out (1 - out) is "
                             "missing", lambda: dout * s),
            "at_x": ("dout * x * (1 - x): the derivative formula out (1 - out) evaluated at the "
                     "input x instead of the output out = sigmoid(x)", lambda: dout * x * (1 - x)),
            "twice": ("dout * sigmoid(out) (1 - sigmoid(out)): the sigmoid applied again to "
                      "the cached output; the derivative is out (1 - out)",
                      lambda: dout * sigmoid_oracle(s) * (1 - sigmoid_oracle(s))),
            "no_dout": ("out * (1 - out): the upstream gradient dout is not multiplied in",
                        lambda: s * (1 - s)),
            "squared": ("dout * out^2 (1 - out)^2", lambda: dout * (s * (1 - s)) ** 2),
        },
    )


def _layer(sub, x, dout):
    out, cache = sub.sigmoid_forward(x)
    return out, sub.sigmoid_backward(dout, cache)


@check("q6", points=1)
def test_sigmoid_layer_forward(sub, rng):
    """out = sigmoid(x) for x of shape (3, 4) with both signs."""
    x = 2.0 * rng.standard_normal((3, 4))
    out, _ = sub.sigmoid_forward(x)
    expect_close(out, sigmoid_oracle(x), name="out from sigmoid_forward(x)", rtol=RTOL,
                 atol=ATOL)


@check("q6", points=1)
def test_sigmoid_layer_backward_matches_finite_differences(sub, rng):
    """dx matches central differences for a random dout, and is finite for |x| up to 1000.

    The central differences are those of sum(sigmoid(x) * dout)."""
    for x, what in [(2.0 * rng.standard_normal((3, 4)), "x of shape (3, 4)"),
                    (EXTREME, "x with entries up to 1000 in magnitude")]:
        dout = rng.standard_normal(x.shape)
        _, dx = _layer(sub, x, dout)
        expect_close(dx, numerical_vjp(sigmoid_oracle, x, dout),
                     name=f"dx from sigmoid_backward for {what}", rtol=FD_RTOL, atol=FD_ATOL,
                     diagnose=_diagnose_backward(x, dout))


@check("q6", points=2, hidden=True)
def test_sigmoid_layer_matches_torch(sub, rng):
    """Forward and backward match PyTorch autograd on arrays of 1, 2 and 3 dimensions."""
    from autograder.testing.autograd import vjp

    from ._oracles import activation

    for shape in [(6,), (4, 3), (2, 3, 4)]:
        x = 3.0 * rng.standard_normal(shape)
        dout = rng.standard_normal(shape)
        want_out, (want_dx,) = vjp(activation("sigmoid"), x, dout=dout)
        out, dx = _layer(sub, x, dout)
        expect_close(out, want_out, name=f"sigmoid_forward on shape {shape}", rtol=RTOL,
                     atol=ATOL)
        expect_close(dx, want_dx, name=f"sigmoid_backward on shape {shape}", rtol=RTOL,
                     atol=ATOL, diagnose=_diagnose_backward(x, dout))


@check("q6", points=2, hidden=True)
def test_sigmoid_layer_is_finite_for_large_inputs(sub, rng):
    """For |x| up to 1000 both passes are finite (no NaN) and match PyTorch."""
    from autograder.testing.autograd import vjp

    from ._oracles import activation

    x = EXTREME.copy()
    x[:, 3] = rng.uniform(-3.0, 3.0, 2)
    dout = rng.standard_normal(x.shape)
    want_out, (want_dx,) = vjp(activation("sigmoid"), x, dout=dout)
    out, dx = _layer(sub, x, dout)
    name = "for inputs with |x| up to 1000"
    expect_close(out, want_out, name=f"sigmoid_forward {name}", rtol=RTOL, atol=ATOL)
    expect_close(dx, want_dx, name=f"sigmoid_backward {name}", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose_backward(x, dout))
