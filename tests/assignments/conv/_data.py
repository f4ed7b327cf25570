"""Inputs and small helpers for the conv checks (public: shipped with the students' public checks).

Nothing here computes a whole layer: public checks compare with hand-worked examples and with
inputs whose answer is known by construction (a kernel with a single non-zero tap, a single
non-zero upstream gradient, values that increase in row-major order).
"""

import numpy as np


def conv_problem(rng, N, C, H, W, F, HH, WW):
    """Random x (N, C, H, W), w (F, C, HH, WW) and b (F,), in float64."""
    x = rng.standard_normal((N, C, H, W))
    w = rng.standard_normal((F, C, HH, WW))
    b = rng.standard_normal(F)
    return x, w, b


def distinct_values(rng, shape, scale=2.0):
    """Random values in [-scale, scale] whose pairwise gaps are at least scale / size.

    A shuffled ladder with jitter: no two entries tie or nearly tie, so the maximum of every
    pooling window is unambiguous (and stays so under finite-difference steps).
    """
    size = int(np.prod(shape))
    ladder = rng.permutation(size) + rng.uniform(0.25, 0.75, size)
    return (ladder / size * 2.0 - 1.0).reshape(shape) * scale


def zero_padded(x, pad, value=0.0):
    """x with ``pad`` entries of ``value`` on each side of its last two axes."""
    return np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)], constant_values=value)


def tap_response(xp, r, s, stride, H_out, W_out):
    """xp[..., i * stride + r, j * stride + s] for every output position (i, j).

    The output of a kernel whose only non-zero tap, equal to 1, is at (r, s): the padded input
    sampled on the stride grid, shifted by the tap's offset.
    """
    return xp[..., r:r + stride * (H_out - 1) + 1:stride, s:s + stride * (W_out - 1) + 1:stride]

