"""q1: the output size H_out = 1 + (H + 2 pad - HH) // stride (and the same for W)."""

import math

from autograder.testing import Diagnose, check, expect_int, fail


def _size_diagnose(n, k, stride, pad, other):
    """Wrong formulas for one axis (n input, k kernel); ``other`` is the other axis' answer."""
    return Diagnose(
        wrong_formulas={
            "ceil": ("1 + ceil((n + 2 pad - k) / stride): the division must round down, a "
                     "window that does not fit entirely is not used",
                     lambda: 1 + math.ceil((n + 2 * pad - k) / stride)),
            "pad_once": ("1 + (n + pad - k) // stride: there are pad zeros on *each* side",
                         lambda: 1 + (n + pad - k) // stride),
            "no_pad": ("1 + (n - k) // stride (the padding is missing)",
                       lambda: 1 + (n - k) // stride),
            "no_plus_one": ("(n + 2 pad - k) // stride: count the first window too (+ 1)",
                            lambda: (n + 2 * pad - k) // stride),
            "no_stride": ("1 + n + 2 pad - k (the stride is missing)",
                          lambda: 1 + n + 2 * pad - k),
            "swapped": ("the size along the other axis: H goes with HH, W with WW",
                        lambda: other),
        },
    )


def _expect_size(got, want, H, W, HH, WW, stride, pad, label):
    want_h, want_w = want
    for part in got:
        if isinstance(part, float):
            fail(f"{label} should return two integers; got the float {part}. Use integer "
                 "division (//), which also rounds down.", "type")
    expect_int(got[0], want_h, name=f"H_out from {label}",
               diagnose=_size_diagnose(H, HH, stride, pad, want_w))
    expect_int(got[1], want_w, name=f"W_out from {label}",
               diagnose=_size_diagnose(W, WW, stride, pad, want_h))


@check("q1", points=1)
def test_output_size_on_listed_cases(sub):
    """The output size for valid and same padding, and strides that do and do not divide."""
    cases = [
        # H, W, HH, WW, stride, pad, (H_out, W_out)
        (5, 7, 3, 3, 1, 0, (3, 5)),  # valid padding
        (5, 7, 3, 3, 1, 1, (5, 7)),  # same padding for a 3x3 kernel
        (7, 8, 3, 2, 2, 1, (4, 5)),  # (1 + 6 // 2, 1 + 8 // 2)
        (6, 9, 2, 4, 3, 2, (3, 4)),  # 1 + 8 // 3 and 1 + 9 // 3: the last padded row is unused
        (32, 32, 5, 5, 1, 2, (32, 32)),  # same padding for a 5x5 kernel
    ]
    for H, W, HH, WW, stride, pad, want in cases:
        label = f"conv_output_size({H}, {W}, {HH}, {WW}, stride={stride}, pad={pad})"
        _expect_size(sub.conv_output_size(H, W, HH, WW, stride, pad), want, H, W, HH, WW,
                     stride, pad, label)


@check("q1", points=2, hidden=True)
def test_output_size_counts_the_window_positions(sub, rng):
    """The size is the number of window positions that fit, on random sizes.

    Strides that leave a remainder, padding, non-square kernels.
    """
    for t in range(24):
        stride = int(rng.integers(1, 5))
        pad = int(rng.integers(0, 4))
        HH, WW = (int(v) for v in rng.integers(1, 6, 2))
        # Every other case leaves a remainder (when the stride allows it): a partial window.
        rem_h, rem_w = (int(rng.integers(1, stride)) if stride > 1 and t % 2 == 0 else 0
                        for _ in range(2))
        H = max(1, HH - 2 * pad) + stride * int(rng.integers(0, 6)) + rem_h
        W = max(1, WW - 2 * pad) + stride * int(rng.integers(0, 6)) + rem_w
        label = f"conv_output_size on random case {t + 1}"
        # Independent oracle: count the window starts that leave room for the whole kernel.
        want = (len(range(0, H + 2 * pad - HH + 1, stride)),
                len(range(0, W + 2 * pad - WW + 1, stride)))
        _expect_size(sub.conv_output_size(H, W, HH, WW, stride, pad), want, H, W, HH, WW,
                     stride, pad, label)
