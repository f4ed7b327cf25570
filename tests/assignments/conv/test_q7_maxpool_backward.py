"""q7: max pooling, backward: each window's gradient goes to its (first) maximum, and
gradients add up where windows overlap."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import distinct_values
from ._oracles import (
    blaming_a_wrong_forward,
    maxpool_backward_rule,
    maxpool_backward_wrong_formulas,
    maxpool_grad,
    maxpool_reference,
)

RTOL, ATOL = 1e-10, 1e-12


def _pool_backward(sub, x, pool_h, pool_w, stride, dout):
    _, cache = sub.maxpool_forward(x, pool_h, pool_w, stride)
    return sub.maxpool_backward(dout, cache)


def _expect_dx_of_own_forward(sub, x, pool_h, pool_w, stride, dout, want, name):
    """dx from the submission's own forward cache against ``want``; when dx is wrong and so is
    the forward pass that made the cache, the message says to fix q6 first."""
    out, cache = sub.maxpool_forward(x, pool_h, pool_w, stride)
    with blaming_a_wrong_forward(out, maxpool_reference(x, pool_h, pool_w, stride),
                                 name=f"maxpool_forward with {pool_h}x{pool_w} windows, stride "
                                 f"{stride}", question="q6", rtol=RTOL, atol=ATOL):
        expect_close(sub.maxpool_backward(dout, cache), want, name=name, rtol=RTOL, atol=ATOL,
                     diagnose=Diagnose(wrong_formulas=maxpool_backward_wrong_formulas(
                         x, pool_h, pool_w, stride, dout)))


@check("q7", points=1)
def test_maxpool_backward_sends_a_tie_to_the_first_maximum(sub):
    """A tie sends the gradient to the first maximum in row-major order.

    2x2 windows, stride 1: scan the window's first row left to right, then the next row.
    """
    x = np.array([[1.0, 3.0, 3.0],
                  [3.0, 0.0, 1.0],
                  [2.0, 2.0, 2.0]]).reshape(1, 1, 3, 3)
    dout = np.array([[1.0, 2.0], [4.0, 8.0]]).reshape(1, 1, 2, 2)
    # Window (0, 0) = [[1, 3], [3, 0]]: its first 3 is x[0, 1], which also wins window (0, 1)
    # = [[3, 3], [0, 1]]; so dx[0, 1] = 1 + 2. Window (1, 0) = [[3, 0], [2, 2]]: dx[1, 0] = 4.
    # Window (1, 1) = [[0, 1], [2, 2]]: its first 2 is x[2, 1], so dx[2, 1] = 8.
    want = [[[[0.0, 3.0, 0.0], [4.0, 0.0, 0.0], [0.0, 8.0, 0.0]]]]
    expect_close(_pool_backward(sub, x, 2, 2, 1, dout), want,
                 name="maxpool_backward on a 3x3 x with ties (2x2 windows, stride 1)",
                 rtol=RTOL, atol=ATOL, diagnose=Diagnose(wrong_formulas={
                     "all_ties": ("the gradient sent to every maximum of a window: with a tie "
                                  "only the first one (row-major) gets it",
                                  lambda: [[[[0.0, 3.0, 2.0], [5.0, 0.0, 0.0],
                                             [0.0, 8.0, 8.0]]]]),
                     "last_tie": ("the gradient sent to the last maximum of a window: with a "
                                  "tie the first one (row-major) gets it",
                                  lambda: [[[[0.0, 0.0, 2.0], [5.0, 0.0, 0.0],
                                             [0.0, 0.0, 8.0]]]]),
                     "colmajor_tie": ("ties broken down the columns: the first maximum along "
                                      "the rows (row-major) gets the gradient",
                                      lambda: [[[[0.0, 2.0, 0.0], [5.0, 0.0, 0.0],
                                                 [0.0, 8.0, 0.0]]]]),
                 }))


@check("q7", points=1)
def test_maxpool_backward_routes_each_gradient_to_its_maximum(sub, rng):
    """Each window's gradient lands on its maximum (monotone inputs).

    x increases along the rows, so the maximum is the bottom-right pixel; N = 2, C = 3, an 8x7
    image, 3x2 windows with stride 2 (the last row and column are in no window), then 2x3
    windows with stride 1.
    """
    N, C, H, W = 2, 3, 8, 7
    x = np.arange(N * C * H * W, dtype=float).reshape(N, C, H, W)
    for ph, pw, stride in [(3, 2, 2), (2, 3, 1)]:
        H_out, W_out = 1 + (H - ph) // stride, 1 + (W - pw) // stride
        dout = rng.standard_normal((N, C, H_out, W_out))

        def placed(r0, s0, step, dout=dout, H_out=H_out, W_out=W_out):
            routed = np.zeros_like(x)
            routed[:, :, r0:r0 + step * (H_out - 1) + 1:step,
                   s0:s0 + step * (W_out - 1) + 1:step] = dout
            return routed

        name = f"maxpool_backward with {ph}x{pw} windows and stride {stride}"
        expect_close(_pool_backward(sub, x, ph, pw, stride, dout), placed(ph - 1, pw - 1, stride),
                     name=name, rtol=RTOL, atol=ATOL, diagnose=Diagnose(wrong_formulas={
                         "stride_bwd": ("the gradient placed for windows at (i, j) instead of "
                                        "(i * stride, j * stride)",
                                        lambda placed=placed, ph=ph, pw=pw: placed(ph - 1,
                                                                                   pw - 1, 1)),
                         "top_left": ("every gradient on the top-left pixel of its window",
                                      lambda placed=placed, stride=stride: placed(0, 0, stride)),
                     }))


@check("q7", points=1)
def test_maxpool_backward_adds_up_overlapping_windows(sub):
    """A pixel that wins several overlapping windows collects all their gradients.

    2x2 windows with stride 1.
    """
    x = np.array([[1.0, 2.0, 3.0, 0.5],
                  [4.0, 5.0, 9.0, 6.0],
                  [0.1, 7.0, 8.0, 0.2],
                  [0.3, 0.4, 0.6, 0.7]]).reshape(1, 1, 4, 4)
    dout = np.array([[1.0, 2.0, 4.0], [8.0, 16.0, 32.0], [64.0, 128.0, 256.0]]).reshape(1, 1, 3,
                                                                                          3)
    # The 9 is the maximum of windows (0, 1), (0, 2), (1, 1) and (1, 2): 2 + 4 + 16 + 32 = 54.
    # The 7 wins windows (1, 0) and (2, 0): 8 + 64; the 8 wins (2, 1) and (2, 2): 128 + 256.
    want = [[[[0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 54.0, 0.0], [0.0, 72.0, 384.0, 0.0],
              [0.0, 0.0, 0.0, 0.0]]]]
    expect_close(_pool_backward(sub, x, 2, 2, 1, dout), want,
                 name="maxpool_backward with overlapping 2x2 windows (stride 1)", rtol=RTOL,
                 atol=ATOL, diagnose=Diagnose(wrong_formulas={
                     "assigned": ("each window's gradient *replacing* what is there (the last "
                                  "window wins): where windows overlap, the gradients add up",
                                  lambda: [[[[0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 32.0, 0.0],
                                             [0.0, 64.0, 256.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]]),
                     "assigned:window": ("each window *assigned* as a whole (mask * gradient), "
                                         "wiping what overlapping windows put there",
                                         lambda: [[[[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 32.0, 0.0],
                                                    [0.0, 0.0, 256.0, 0.0],
                                                    [0.0, 0.0, 0.0, 0.0]]]]),
                 }))


@check("q7", points=3, hidden=True)
def test_maxpool_backward_matches_torch_autograd(sub, rng):
    """dx matches PyTorch autograd on random inputs without ties.

    Overlapping non-square windows, strides that leave a remainder (on both axes, in the last
    two), random upstream gradients.
    """
    configs = [
        # N, C, H, W, pool_h, pool_w, stride
        (2, 3, 7, 8, 3, 2, 1),
        (3, 2, 9, 7, 3, 3, 2),
        (2, 2, 8, 9, 2, 3, 2),
        (2, 3, 6, 5, 1, 2, 1),
        (2, 3, 8, 7, 3, 2, 2),  # 5 / 2 on both axes: the last row and column are unused
        (2, 2, 9, 8, 2, 3, 3),  # 7 / 3 and 5 / 3
    ]
    for N, C, H, W, ph, pw, stride in configs:
        x = distinct_values(rng, (N, C, H, W))
        dout = rng.standard_normal((N, C, 1 + (H - ph) // stride, 1 + (W - pw) // stride))
        name = f"maxpool_backward on a random {x.shape} x, {ph}x{pw} windows, stride {stride}"
        _expect_dx_of_own_forward(sub, x, ph, pw, stride, dout,
                                  maxpool_grad(x, ph, pw, stride, dout), name)


@check("q7", points=2, hidden=True)
def test_maxpool_backward_breaks_ties_in_row_major_order(sub, rng):
    """On inputs full of ties, each gradient goes to the first maximum (row-major).

    Small integers, plus in each channel a window whose two maxima sit at (0, 1) and (1, 0);
    overlapping windows add up; a stride that leaves a remainder on both axes.
    """
    for N, C, H, W, ph, pw, stride in [(2, 3, 6, 7, 2, 3, 1), (2, 2, 8, 7, 3, 2, 2),
                                       (3, 2, 5, 5, 2, 2, 1)]:
        x = rng.integers(0, 3, (N, C, H, W)).astype(float)
        H_out, W_out = 1 + (H - ph) // stride, 1 + (W - pw) // stride
        for n in range(N):
            for c in range(C):
                top = stride * int(rng.integers(0, H_out))
                left = stride * int(rng.integers(0, W_out))
                x[n, c, top + 0, left + 1] = x[n, c, top + 1, left + 0] = 5.0
        dout = rng.standard_normal((N, C, H_out, W_out))
        name = (f"maxpool_backward on a {x.shape} x with ties, {ph}x{pw} windows, "
                f"stride {stride}")
        _expect_dx_of_own_forward(sub, x, ph, pw, stride, dout,
                                  maxpool_backward_rule(x, ph, pw, stride, dout), name)
