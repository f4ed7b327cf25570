"""q2: the forward pass of a convolutional layer (NCHW, cross-correlation, pad, stride)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import conv_problem, tap_response
from ._oracles import conv_forward_wrong_formulas, conv_reference

RTOL, ATOL = 1e-8, 1e-9  # float64; accepts loops, im2col, einsum and FFT-based sums alike


def _forward(sub, x, w, b, stride, pad):
    out, _cache = sub.conv_forward(x, w, b, stride, pad)
    return out


def _taps_output(x, taps, b, F, HH, WW, stride, pad, *, flip=False, step=None, pads=None):
    """The output of filters that each have a few non-zero taps (f, c, r, s, value).

    By linearity the output is b plus, for each tap, value times the padded input sampled on
    the stride grid at the tap's offset. The keyword arguments describe specific mistakes:
    ``flip`` mirrors every tap, ``step`` places windows every ``step`` pixels, ``pads`` pads
    (top, bottom, left, right) differently.
    """
    top, bottom, left, right = pads or (pad,) * 4
    xp = np.pad(x, [(0, 0), (0, 0), (top, bottom), (left, right)])
    H_out = 1 + (xp.shape[2] - HH) // stride
    W_out = 1 + (xp.shape[3] - WW) // stride
    out = np.zeros((x.shape[0], F, H_out, W_out)) + b[None, :, None, None]
    for f, c, r, s, value in taps:
        if flip:
            r, s = HH - 1 - r, WW - 1 - s
        out[:, f] += value * tap_response(xp[:, c], r, s, step or stride, H_out, W_out)
    return out


def _tap_diagnose(x, taps, b, F, HH, WW, stride, pad):
    def out(**kw):
        return lambda: _taps_output(x, taps, b, F, HH, WW, stride, pad, **kw)

    return Diagnose(wrong_formulas={
        "flipped": ("a true convolution: the kernel is flipped. Deep-learning layers compute a "
                    "cross-correlation: w[f, c, r, s] multiplies "
                    "x_pad[n, c, i * stride + r, j * stride + s]", out(flip=True)),
        "stride_positions": ("windows that start at (i, j) instead of (i * stride, j * stride)",
                             out(step=1)),
        "pad_one_side": ("padding on the top and left only: pad zeros go on both sides",
                         out(pads=(pad, 0, pad, 0))),
        "pad_one_side:end": ("padding on the bottom and right only: pad zeros go on both sides",
                             out(pads=(0, pad, 0, pad))),
        "no_pad": ("the output without padding", out(pads=(0, 0, 0, 0))),
        "no_bias": ("the output without the bias", lambda: _taps_output(
            x, taps, np.zeros_like(b), F, HH, WW, stride, pad)),
    })


def _small_example_diagnose(x, k, b):
    """A 2x2 kernel k over one channel, stride 1, no padding, written out tap by tap."""
    def correlate(k):
        return (k[0, 0] * x[:-1, :-1] + k[0, 1] * x[:-1, 1:] + k[1, 0] * x[1:, :-1]
                + k[1, 1] * x[1:, 1:])

    return Diagnose(wrong_formulas={
        "flipped": ("a true convolution: the kernel is flipped (rotated by 180 degrees). Deep "
                    "learning layers compute a cross-correlation, without the flip",
                    lambda: (correlate(k[::-1, ::-1]) + b)[None, None]),
        "no_bias": ("the output without the bias", lambda: correlate(k)[None, None]),
    })


@check("q2", points=1)
def test_forward_on_a_small_example(sub):
    """A 3x4 image and an asymmetric 2x2 kernel, worked out by hand.

    Stride 1 and no padding (the defaults), then stride 2 with one pixel of padding.
    """
    x = np.arange(12.0).reshape(1, 1, 3, 4)  # rows [0 1 2 3], [4 5 6 7], [8 9 10 11]
    k = np.array([[1.0, 2.0], [0.0, -1.0]])
    w, b = k.reshape(1, 1, 2, 2), np.array([0.5])
    # out[i, j] = x[i, j] + 2 x[i, j+1] - x[i+1, j+1] + 0.5, e.g. out[0, 0] = 0 + 2 - 5 + 0.5
    out, _ = sub.conv_forward(x, w, b)
    expect_close(out, [[[[-2.5, -0.5, 1.5], [5.5, 7.5, 9.5]]]], name="conv_forward(x, w, b)",
                 rtol=RTOL, atol=ATOL, diagnose=_small_example_diagnose(x[0, 0], k, b[0]))
    # Padded to 5x6 with zeros, windows every 2 pixels: out[1, 1] = 5 + 2 * 6 - 10 + 0.5
    out, _ = sub.conv_forward(x, w, b, 2, 1)
    expect_close(out, [[[[0.5, -1.5, 0.5], [0.5, 7.5, 7.5]]]],
                 name="conv_forward(x, w, b, stride=2, pad=1)", rtol=RTOL, atol=ATOL,
                 diagnose=Diagnose(wrong_formulas={
                     "flipped": ("a true convolution: the kernel is flipped",
                                 lambda: [[[[0.5, 4.5, 6.5], [8.5, 23.5, 15.5]]]]),
                     "pad_one_side": ("padding on the top and left only",
                                      lambda: [[[[0.5, -1.5], [0.5, 7.5]]]]),
                     "stride_positions": ("windows at (i, j) instead of (2 i, 2 j)",
                                          lambda: [[[[0.5, -0.5, -1.5], [-3.5, -2.5, -0.5]]]]),
                 }))


@check("q2", points=2)
def test_forward_with_single_tap_kernels(sub, rng):
    """Kernels with one non-zero tap shift the padded input: channels, filters, stride, pad."""
    cases = [
        # N, C, H, W, F, HH, WW, stride, pad, taps (f, c, r, s, value)
        (2, 3, 7, 6, 2, 3, 2, 2, 1, [(0, 1, 2, 0, 1.5), (1, 2, 0, 1, -2.0)]),
        (2, 2, 5, 4, 3, 2, 3, 1, 2, [(0, 0, 0, 2, 1.0), (1, 1, 1, 0, 0.5), (2, 0, 1, 1, -1.0),
                                     (2, 1, 0, 0, 3.0)]),
    ]
    for N, C, H, W, F, HH, WW, stride, pad, taps in cases:
        x = rng.standard_normal((N, C, H, W))
        w = np.zeros((F, C, HH, WW))
        for f, c, r, s, value in taps:
            w[f, c, r, s] = value
        b = rng.standard_normal(F)
        want = _taps_output(x, taps, b, F, HH, WW, stride, pad)
        label = (f"conv_forward with x {x.shape}, single-tap w {w.shape}, stride={stride}, "
                 f"pad={pad}")
        expect_close(_forward(sub, x, w, b, stride, pad), want, name=label, rtol=RTOL,
                     atol=ATOL, diagnose=_tap_diagnose(x, taps, b, F, HH, WW, stride, pad))


@check("q2", points=1)
def test_forward_of_a_zero_input_is_the_bias(sub, rng):
    """With x = 0 every output of filter f is b[f]; a one-tap kernel then adds the shifted input.

    The zero input isolates the bias and the output shape (stride 2, pad 1, a size the stride
    does not divide); the same layer on a random input with a single-tap kernel checks the
    values too.
    """
    x = np.zeros((2, 3, 5, 8))
    _, w, b = conv_problem(rng, 2, 3, 5, 8, 4, 2, 3)
    want = np.broadcast_to(b[None, :, None, None], (2, 4, 3, 4))  # (1 + 5 // 2, 1 + 7 // 2)
    expect_close(_forward(sub, x, w, b, 2, 1), want, name="conv_forward(0, w, b, 2, 1)",
                 rtol=RTOL, atol=ATOL, diagnose=Diagnose(wrong_formulas={
                     "no_bias": ("zeros: the bias is missing", lambda: np.zeros((2, 4, 3, 4))),
                     "bias_last_axis": ("b added along the last axis (W_out): b[f] belongs to "
                                        "filter f, axis 1 of out; use b[None, :, None, None]",
                                        lambda: np.broadcast_to(b, (2, 4, 3, 4))),
                 }))
    x = rng.standard_normal((2, 3, 5, 8))
    taps = [(2, 1, 1, 2, 1.5)]
    w = np.zeros((4, 3, 2, 3))
    w[2, 1, 1, 2] = 1.5
    expect_close(_forward(sub, x, w, b, 2, 1), _taps_output(x, taps, b, 4, 2, 3, 2, 1),
                 name="conv_forward(x, w, b, 2, 1) with a single-tap w", rtol=RTOL, atol=ATOL,
                 diagnose=_tap_diagnose(x, taps, b, 4, 2, 3, 2, 1))


@check("q2", points=4, hidden=True)
def test_forward_matches_torch(sub, rng):
    """out matches torch.nn.functional.conv2d on random layers.

    N >= 2, F != C, non-square inputs and kernels, stride 1 to 3, pad 0 to 2, sizes the stride
    does not divide (on both axes, for the last two: an output size that is rounded instead of
    rounded down has an extra row and column); float64.
    """
    configs = [
        # N, C, H, W, F, HH, WW, stride, pad
        (2, 3, 7, 9, 4, 3, 2, 2, 1),
        (3, 2, 6, 5, 3, 2, 3, 1, 0),
        (2, 4, 8, 7, 2, 3, 3, 3, 2),
        (2, 2, 5, 6, 3, 1, 2, 2, 1),
        (2, 3, 9, 8, 4, 3, 2, 3, 1),  # (9 + 2 - 3) / 3 and (8 + 2 - 2) / 3 leave 2
        (2, 2, 7, 8, 3, 2, 3, 2, 0),  # (7 - 2) / 2 and (8 - 3) / 2 leave 1
    ]
    for N, C, H, W, F, HH, WW, stride, pad in configs:
        x, w, b = conv_problem(rng, N, C, H, W, F, HH, WW)
        label = f"conv_forward with x {x.shape}, w {w.shape}, stride={stride}, pad={pad}"
        expect_close(_forward(sub, x, w, b, stride, pad),
                     conv_reference(x, w, b, stride, pad), name=label, rtol=RTOL, atol=ATOL,
                     diagnose=Diagnose(
                         wrong_formulas=conv_forward_wrong_formulas(x, w, b, stride, pad)))


@check("q2", points=1, hidden=True)
def test_forward_isolates_bias_and_weights(sub, rng):
    """x = 0 gives the bias alone; b = 0 gives the correlation alone.

    With pad 2 the bias also fills the outputs whose windows lie in the padding.
    """
    x, w, b = conv_problem(rng, 2, 3, 6, 5, 2, 3, 2)
    zero_x = np.zeros_like(x)
    label = "conv_forward(0, w, b, stride=2, pad=2)"
    expect_close(_forward(sub, zero_x, w, b, 2, 2), conv_reference(zero_x, w, b, 2, 2),
                 name=label, rtol=RTOL, atol=ATOL,
                 diagnose=Diagnose(wrong_formulas=conv_forward_wrong_formulas(zero_x, w, b, 2, 2)))
    zero_b = np.zeros_like(b)
    label = "conv_forward(x, w, 0, stride=1, pad=1)"
    expect_close(_forward(sub, x, w, zero_b, 1, 1), conv_reference(x, w, zero_b, 1, 1),
                 name=label, rtol=RTOL, atol=ATOL,
                 diagnose=Diagnose(wrong_formulas=conv_forward_wrong_formulas(x, w, zero_b, 1, 1)))
