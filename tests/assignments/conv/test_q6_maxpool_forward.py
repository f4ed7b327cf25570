"""q6: max pooling, forward (no padding; windows may overlap and need not be square)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import distinct_values
from ._oracles import maxpool_forward_wrong_formulas, maxpool_reference

RTOL, ATOL = 1e-12, 1e-12  # a maximum is exact


def _pool(sub, x, pool_h, pool_w, stride):
    out, _cache = sub.maxpool_forward(x, pool_h, pool_w, stride)
    return out


def _corner(x, r, s, step_h, step_w, H_out, W_out, *, clip=False):
    """x[..., i * step_h + r, j * step_w + s] for i < H_out, j < W_out.

    ``clip``: an index past the last row (column) is the last row (column) instead.
    """
    H, W = x.shape[-2:]
    rows = np.arange(H_out) * step_h + r
    cols = np.arange(W_out) * step_w + s
    if clip:
        rows, cols = np.minimum(rows, H - 1), np.minimum(cols, W - 1)
    return x[..., rows[:, None], cols[None, :]]


@check("q6", points=1)
def test_maxpool_on_a_small_example(sub):
    """A 4x5 image: overlapping 2x3 windows with stride 1, then 2x2 windows with stride 2."""
    x = np.array([[3.0, 9.0, 1.0, 4.0, 7.0],
                  [8.0, 2.0, 6.0, 0.0, 5.0],
                  [1.5, 7.5, 3.5, 9.5, 2.5],
                  [6.5, 4.5, 0.5, 5.5, 8.5]]).reshape(1, 1, 4, 5)
    # 2 rows by 3 columns, every pixel: out[0, 0] = max(3, 9, 1, 8, 2, 6)
    expect_close(_pool(sub, x, 2, 3, 1),
                 [[[[9.0, 9.0, 7.0], [8.0, 9.5, 9.5], [7.5, 9.5, 9.5]]]],
                 name="maxpool_forward(x, pool_h=2, pool_w=3, stride=1)", rtol=RTOL, atol=ATOL,
                 diagnose=Diagnose(wrong_formulas={
                     "swapped": ("3 rows by 2 columns: pool_h is the window's height",
                                 lambda: [[[[9.0, 9.0, 9.5, 9.5], [8.0, 7.5, 9.5, 9.5]]]]),
                     "mean": ("the mean of each window (average pooling)",
                              lambda: [[[[29 / 6, 22 / 6, 23 / 6], [28.5 / 6, 28.5 / 6, 26.5 / 6],
                                         [24 / 6, 31 / 6, 30 / 6]]]]),
                 }))
    # Four separate 2x2 blocks: out[0, 1] = max(1, 4, 6, 0)
    expect_close(_pool(sub, x, 2, 2, 2), [[[[9.0, 6.0], [7.5, 9.5]]]],
                 name="maxpool_forward(x, pool_h=2, pool_w=2, stride=2)", rtol=RTOL, atol=ATOL,
                 diagnose=Diagnose(wrong_formulas={
                     "stride_positions": ("windows at (i, j) instead of (2 i, 2 j)",
                                          lambda: [[[[9.0, 9.0], [8.0, 7.5]]]]),
                     "mean": ("the mean of each window (average pooling)",
                              lambda: [[[[5.5, 2.75], [5.0, 4.75]]]]),
                 }))


@check("q6", points=1)
def test_maxpool_on_monotone_inputs(sub):
    """On monotone inputs, each window's maximum is its bottom-right (or top-left) pixel.

    x increases along each row and down the rows (then decreases); 3x2 windows with stride 2
    on an 8x7 image: the stride leaves one row and one column unused (a size rounded instead of
    rounded down has an extra row and column).
    """
    N, C, H, W, ph, pw, stride = 2, 3, 8, 7, 3, 2, 2
    H_out, W_out = 3, 3  # 1 + (8 - 3) // 2, 1 + (7 - 2) // 2
    x = np.arange(N * C * H * W, dtype=float).reshape(N, C, H, W)
    corners = [(1.0, (ph - 1, pw - 1), (pw - 1, ph - 1), "bottom-right"),
               (-1.0, (0, 0), (0, 0), "top-left")]
    for sign, (r, s), (r_swapped, s_swapped), where in corners:
        name = (f"maxpool_forward(x, 3, 2, stride=2) on a {N}x{C}x{H}x{W} x whose maximum in "
                f"each window is its {where} pixel")
        diagnose = Diagnose(wrong_formulas={
            "swapped": ("2x3 windows: pool_h (3) is the height, pool_w (2) the width",
                        lambda sign=sign, r=r_swapped, s=s_swapped: sign * _corner(
                            x, r, s, stride, stride, 1 + (H - pw) // stride,
                            1 + (W - ph) // stride)),
            "stride_positions": ("windows at (i, j) instead of (i * stride, j * stride)",
                                 lambda sign=sign, r=r, s=s: sign * _corner(
                                     x, r, s, 1, 1, H_out, W_out)),
            "stride_is_pool": ("non-overlapping windows (stride = window size)",
                               lambda sign=sign, r=r, s=s: sign * _corner(
                                   x, r, s, ph, pw, 1 + (H - ph) // ph, 1 + (W - pw) // pw)),
            "mean": ("the mean of each window (average pooling)",
                     lambda sign=sign: sign * (_corner(x, 0, 0, stride, stride, H_out, W_out)
                                               + ((ph - 1) * W + (pw - 1)) / 2)),
            # round(1 + 5 / 2) = 4: a fourth window that sticks out by one row (column), whose
            # maximum is over the part inside the image
            "size_round": ("an output size rounded to the nearest integer (round) instead of "
                           "rounded down: a window that does not fit entirely is not used",
                           lambda sign=sign, r=r, s=s: sign * _corner(
                               x, r, s, stride, stride, 4, 4, clip=True)),
        })
        expect_close(_pool(sub, sign * x, ph, pw, stride),
                     sign * _corner(x, r, s, stride, stride, H_out, W_out), name=name,
                     rtol=RTOL, atol=ATOL, diagnose=diagnose)


@check("q6", points=3, hidden=True)
def test_maxpool_matches_torch(sub, rng):
    """out matches torch.nn.functional.max_pool2d on random inputs.

    No ties; N >= 2, C >= 2, non-square and overlapping windows, strides that leave a remainder
    (on both axes, in the last four) or skip pixels.
    """
    configs = [
        # N, C, H, W, pool_h, pool_w, stride
        (2, 3, 7, 8, 3, 2, 2),
        (3, 2, 6, 6, 2, 2, 2),
        (2, 2, 9, 7, 3, 3, 1),
        (2, 3, 8, 9, 2, 3, 3),
        (2, 2, 5, 7, 1, 3, 1),
        (2, 3, 8, 7, 3, 2, 2),  # 5 / 2 on both axes: the last row and column are unused
        (2, 2, 8, 8, 3, 3, 2),  # AlexNet's 3x3 windows with stride 2: 3x3 out, not 4x4
        (2, 2, 9, 8, 2, 3, 3),  # 7 / 3 and 5 / 3
        (2, 3, 7, 9, 2, 4, 3),  # 5 / 3 and 5 / 3: the stride skips pixels
    ]
    for N, C, H, W, ph, pw, stride in configs:
        x = distinct_values(rng, (N, C, H, W))
        name = f"maxpool_forward on a random {x.shape} x, {ph}x{pw} windows, stride {stride}"
        expect_close(_pool(sub, x, ph, pw, stride), maxpool_reference(x, ph, pw, stride),
                     name=name, rtol=RTOL, atol=ATOL, diagnose=Diagnose(
                         wrong_formulas=maxpool_forward_wrong_formulas(x, ph, pw, stride)))
