"""q5: the backward pass of a convolutional layer: dx, dw and db."""

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_array,
    expect_close,
    expect_outputs,
    finite_differences,
)

from ._data import conv_problem, zero_padded
from ._oracles import (
    blaming_a_wrong_forward,
    conv_backward_diagnoses,
    conv_grads,
    conv_reference,
)

RTOL, ATOL = 1e-8, 1e-9


def _backward(sub, x, w, b, stride, pad, dout):
    _, cache = sub.conv_forward(x, w, b, stride, pad)
    return sub.conv_backward(dout, cache)


def _expect_grads(got, want, label, diagnoses=None, rtol=RTOL, atol=ATOL):
    """(dx, dw, db) against ``want``, each with its own diagnosis."""
    expect_outputs(got, dict(zip(("dx", "dw", "db"), want, strict=True)), fn=label, rtol=rtol,
                   atol=atol, diagnose=diagnoses)


def _expect_grads_of_own_forward(sub, x, w, b, stride, pad, dout, want, label, diagnoses,
                                 rtol=RTOL, atol=ATOL):
    """As :func:`_expect_grads` on the submission's own forward cache; when the gradients are
    wrong and so is the forward pass that made the cache, the message says to fix q2 first."""
    out, cache = sub.conv_forward(x, w, b, stride, pad)
    with blaming_a_wrong_forward(out, conv_reference(x, w, b, stride, pad), question="q2",
                                 name=f"conv_forward (stride={stride}, pad={pad})", rtol=RTOL,
                                 atol=ATOL):
        _expect_grads(sub.conv_backward(dout, cache), want, label, diagnoses, rtol, atol)


def _unit_gradients(x, w, stride, pad, unit, g, *, flip=False, step=None):
    """(dx, dw, db, dx_pad) when dout is zero except dout[unit] = g.

    One output unit saw one window of the padded input through w[f]: its gradient sends g *
    w[f] back over that window (dx) and g * window to w[f] (dw). ``flip`` and ``step``
    describe mistakes (a flipped kernel in dx; windows every ``step`` pixels).
    """
    n, f, i, j = unit
    HH, WW = w.shape[2:]
    step = step or stride
    rows = slice(i * step, i * step + HH)
    cols = slice(j * step, j * step + WW)
    xp = zero_padded(x, pad)
    dx_pad = np.zeros(xp.shape)
    dx_pad[n, :, rows, cols] = g * (w[f, :, ::-1, ::-1] if flip else w[f])
    unit_dw = np.zeros_like(w)
    unit_dw[f] = g * xp[n, :, rows, cols]
    unit_db = np.zeros(w.shape[0])
    unit_db[f] = g
    H, W = x.shape[2:]
    return dx_pad[:, :, pad:pad + H, pad:pad + W], unit_dw, unit_db, dx_pad


@check("q5", points=1)
def test_backward_on_a_small_example(sub):
    """A 3x3 input, a 2x2 kernel, stride 1, no padding: dx, dw and db by hand."""
    x = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0], [2.0, 1.0, 1.0]]).reshape(1, 1, 3, 3)
    w = np.array([[1.0, -1.0], [2.0, 0.5]]).reshape(1, 1, 2, 2)
    b = np.array([0.3])
    dout = np.array([[1.0, 2.0], [-1.0, 0.5]]).reshape(1, 1, 2, 2)
    # dw[r, s] = sum_ij dout[i, j] x[i + r, j + s]:  dw[0, 0] = 1*1 + 2*2 - 1*0 + 0.5*(-1)
    # dx[p, q] = sum_ij dout[i, j] w[p - i, q - j]:  dx[1, 1] = 1*0.5 + 2*2 - 1*(-1) + 0.5*1
    # db = sum_ij dout[i, j]
    want = ([[[[1.0, 1.0, -2.0], [1.0, 6.0, 0.5], [-2.0, 0.5, 0.25]]]],
            [[[[4.5, 4.5], [-3.5, 4.5]]]],
            [2.5])
    diagnoses = {"dx": Diagnose(wrong_formulas={
        "dx_flipped": ("the input gradient computed with the kernel flipped",
                       lambda: [[[[0.5, 3.0, 4.0], [-1.5, -2.75, 3.0], [1.0, -1.5, 0.5]]]]),
        "dx_assigned": ("a dx where each window's gradient *replaces* what is there: a pixel "
                        "in several windows collects all their gradients (use +=)",
                        lambda: [[[[1.0, 2.0, -2.0], [-1.0, 0.5, -0.5], [-2.0, 1.0, 0.25]]]]),
    })}
    _expect_grads(_backward(sub, x, w, b, 1, 0, dout), want, "conv_backward", diagnoses)


@check("q5", points=2)
def test_backward_of_a_single_output_unit(sub, rng):
    """The gradients of a single output unit: its window, through w[f].

    With dout zero but for one unit (n, f, i, j) equal to g: dx is g * w[f] over that unit's
    window, dw[f] is g times the window itself, and db[f] = g. Stride 2, pad 1, windows that
    reach into the padding.
    """
    N, C, H, W, F, HH, WW, stride, pad = 2, 3, 5, 6, 2, 3, 2, 2, 1
    x, w, b = conv_problem(rng, N, C, H, W, F, HH, WW)
    H_out, W_out = 3, 4  # 1 + (5 + 2 - 3) // 2, 1 + (6 + 2 - 2) // 2
    for unit in [(1, 0, 0, 0), (0, 1, H_out - 1, W_out - 1), (1, 1, 1, 2)]:
        g = float(rng.uniform(0.5, 2.0))
        dout = np.zeros((N, F, H_out, W_out))
        dout[unit] = g
        dx, dw, db, _ = _unit_gradients(x, w, stride, pad, unit, g)
        stride_dx, stride_dw, *_ = _unit_gradients(x, w, stride, pad, unit, g, step=1)
        diagnoses = {
            "dx": Diagnose(wrong_formulas={
                "dx_flipped": ("the kernel flipped: unit (n, f, i, j) multiplied the input by "
                               "w[f] as it is, so its gradient goes back through w[f] as it is",
                               lambda unit=unit, g=g: _unit_gradients(
                                   x, w, stride, pad, unit, g, flip=True)[0]),
                "stride_bwd": ("the gradient of the window at (i, j) instead of (i * stride, "
                               "j * stride)", lambda d=stride_dx: d),
                "dx_padded": ("the gradient of the padded input: crop the border of pad pixels",
                              lambda unit=unit, g=g: _unit_gradients(
                                  x, w, stride, pad, unit, g)[3]),
            }),
            "dw": Diagnose(wrong_formulas={
                "stride_bwd": ("the window at (i, j) instead of (i * stride, j * stride)",
                               lambda d=stride_dw: d),
                "dw_last_sample": ("the gradient of the last sample only: dw sums over the "
                                   "whole batch (is dw reset inside the loop over samples?)",
                                   lambda d=dw, n=unit[0]: d if n == N - 1 else 0 * d),
                "dw_flipped": ("the window rotated by 180 degrees", lambda d=dw: d[:, :, ::-1,
                                                                                   ::-1]),
            }),
        }
        label = f"conv_backward with dout zero except dout{unit} (stride 2, pad 1)"
        _expect_grads(_backward(sub, x, w, b, stride, pad, dout), (dx, dw, db), label,
                      diagnoses)


@check("q5", points=1)
def test_backward_bias_gradient_sums_dout(sub, rng):
    """db sums dout over the batch and every position; dx and dw have the shapes of x and w."""
    x, w, b = conv_problem(rng, 3, 2, 6, 5, 4, 2, 3)
    dout = rng.standard_normal((3, 4, 7, 5))  # stride 1, pad 1: (6 + 2 - 2 + 1, 5 + 2 - 3 + 1)
    dx, dw, db = _backward(sub, x, w, b, 1, 1, dout)
    expect_close(db, dout.sum(axis=(0, 2, 3)), name="db from conv_backward", rtol=RTOL,
                 atol=ATOL, diagnose=Diagnose(
                     factors={"1/N": 1 / 3},
                     hints={"1/N": "db sums over the samples; it is not a mean."},
                     wrong_formulas={
                         "db_batch_only": ("dout summed over the batch only",
                                           lambda: dout.sum(axis=0)),
                         "db_positions_only": ("dout summed over the positions only",
                                               lambda: dout.sum(axis=(2, 3))),
                     }))
    expect_array(dx, name="dx from conv_backward", shape=x.shape)
    expect_array(dw, name="dw from conv_backward", shape=w.shape)


@check("q5", points=4, hidden=True)
def test_backward_matches_torch_autograd(sub, rng):
    """dx, dw and db match PyTorch autograd on random layers.

    N >= 2, F != C, non-square, stride 1 to 3, pad 0 to 2, sizes the stride does not divide
    (on both axes, for the last one), random upstream gradients, float64.
    """
    configs = [
        # N, C, H, W, F, HH, WW, stride, pad
        (2, 3, 7, 9, 4, 3, 2, 2, 1),
        (3, 2, 6, 5, 3, 2, 3, 1, 0),
        (2, 4, 8, 7, 2, 3, 3, 3, 2),
        (3, 2, 5, 6, 3, 1, 2, 1, 1),
        (2, 3, 9, 8, 4, 3, 2, 3, 1),  # (9 + 2 - 3) / 3 and (8 + 2 - 2) / 3 leave 2
    ]
    for N, C, H, W, F, HH, WW, stride, pad in configs:
        x, w, b = conv_problem(rng, N, C, H, W, F, HH, WW)
        dout = rng.standard_normal(conv_reference(x, w, b, stride, pad).shape)
        label = f"conv_backward with x {x.shape}, w {w.shape}, stride={stride}, pad={pad}"
        _expect_grads_of_own_forward(sub, x, w, b, stride, pad, dout,
                                     conv_grads(x, w, b, stride, pad, dout), label,
                                     conv_backward_diagnoses(x, w, b, stride, pad, dout))


@check("q5", points=2, hidden=True)
def test_backward_with_stride_two_matches_finite_differences(sub, rng):
    """With stride 2, dx, dw and db match central differences of the forward pass.

    Sizes the stride does not divide on both axes: the last padded row and column are in no
    window. The differences are taken on torch's conv2d in float64.
    """
    N, C, H, W, F, HH, WW, stride, pad = 2, 2, 6, 5, 3, 3, 2, 2, 1
    x, w, b = conv_problem(rng, N, C, H, W, F, HH, WW)
    dout = rng.standard_normal((N, F, 3, 3))  # 1 + (6 + 2 - 3) // 2, 1 + (5 + 2 - 2) // 2
    fd = finite_differences(lambda x, w, b: conv_reference(x, w, b, stride, pad),
                            {"x": x, "w": w, "b": b}, ["x", "w", "b"], dout)
    _expect_grads_of_own_forward(sub, x, w, b, stride, pad, dout,
                                 (fd["x"], fd["w"], fd["b"]),
                                 f"conv_backward (stride 2, pad 1, {H}x{W} input)",
                                 conv_backward_diagnoses(x, w, b, stride, pad, dout), FD_RTOL,
                                 FD_ATOL)
