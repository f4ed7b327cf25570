"""Other correct ways to write the conv functions: each must keep every point.

The first variant of each function is the plain loop a student writes first (``naive`` in its
id); the test suite also grades all of them together, through the sandbox, within the
grader's default time limit.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.linalg
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1 output size


@variant("q1", id="conv_output_size-naive")
def conv_output_size(H, W, HH, WW, stride, pad):
    """Counts the window positions one by one."""
    H_out = 0
    while H_out * stride + HH <= H + 2 * pad:
        H_out += 1
    W_out = 0
    while W_out * stride + WW <= W + 2 * pad:
        W_out += 1
    return H_out, W_out


@variant("q1")
def conv_output_size(H, W, HH, WW, stride, pad):
    """math.floor of a true division, converted to int."""
    return (int(math.floor((H + 2 * pad - HH) / stride)) + 1,
            int(math.floor((W + 2 * pad - WW) / stride)) + 1)


# ---------------------------------------------------------------------------- q2 forward


@variant("q2", id="conv_forward-naive")
def conv_forward(x, w, b, stride=1, pad=0):
    """Seven nested loops over n, f, i, j, c, r, s: one multiply-add at a time."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    xp[:, :, pad:pad + H, pad:pad + W] = x
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    total = b[f]
                    for c in range(C):
                        for r in range(HH):
                            for s in range(WW):
                                total += w[f, c, r, s] * xp[n, c, i * stride + r, j * stride + s]
                    out[n, f, i, j] = total
    return out, (x, w, b, stride, pad)


@variant("q2")
def conv_forward(x, w, b, stride=1, pad=0):
    """im2col: every window as a column, then one matrix product."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(xp, (HH, WW), axis=(2, 3))[:, :, ::stride, ::stride]
    _, _, H_out, W_out = windows.shape[:4]
    cols = windows.transpose(1, 4, 5, 0, 2, 3).reshape(C * HH * WW, -1)
    out = (w.reshape(F, -1) @ cols + b[:, None]).reshape(F, N, H_out, W_out)
    return out.transpose(1, 0, 2, 3), (x, w, b, stride, pad)


@variant("q2")
def conv_forward(x, w, b, stride=1, pad=0):
    """einsum over a strided view of the padded input."""
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(xp, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("ncijrs,fcrs->nfij", windows, w) + b[None, :, None, None]
    return out, (x, w, b, stride, pad)


@variant("q2")
def conv_forward(x, w, b, stride=1, pad=0):
    """Shift and add: one strided slice of the padded input per kernel tap."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.broadcast_to(b[None, :, None, None], (N, F, H_out, W_out)).copy()
    for r in range(HH):
        for s in range(WW):
            shifted = xp[:, :, r:r + stride * (H_out - 1) + 1:stride,
                         s:s + stride * (W_out - 1) + 1:stride]
            out += np.einsum("nchw,fc->nfhw", shifted, w[:, :, r, s])
    return out, (x, w, b, stride, pad)


@variant("q2")
def conv_forward(x, w, b, stride=1, pad=0):
    """The stride-1 correlation by FFT (rounding errors of about 1e-15), then subsampled."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Hp, Wp = xp.shape[2:]
    X = np.fft.rfft2(xp, s=(Hp, Wp))
    K = np.fft.rfft2(w[:, :, ::-1, ::-1], s=(Hp, Wp))  # correlation = convolution with flip
    full = np.fft.irfft2(np.einsum("nchw,fchw->nfhw", X, K), s=(Hp, Wp))
    valid = full[:, :, HH - 1:, WW - 1:]
    out = valid[:, :, ::stride, ::stride] + b[None, :, None, None]
    return out, (x, w, b, stride, pad)


@variant("q2")
def conv_forward(x, w, b, stride=1, pad=0):
    """scipy.signal.correlate per sample, filter and channel."""
    N, C, H, W = x.shape
    F = w.shape[0]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = []
    for n in range(N):
        maps = []
        for f in range(F):
            total = sum(scipy.signal.correlate(xp[n, c], w[f, c], mode="valid", method="direct")
                        for c in range(C))
            maps.append(total[::stride, ::stride] + b[f])
        out.append(maps)
    return np.array(out), (x, w, b, stride, pad)


# ---------------------------------------------------------------------------- q3, q4


@variant("q3")
def conv_param_count(C, F, HH, WW):
    """Per filter: a C x HH x WW kernel and one bias."""
    return F * (C * HH * WW + 1)


@variant("q4", id="conv1d_matrix-naive")
def conv1d_matrix(kernel, n):
    """Entry by entry: M[i, j] = kernel[j - i] inside the band."""
    k = len(kernel)
    M = np.zeros((n - k + 1, n))
    for i in range(n - k + 1):
        for j in range(n):
            if 0 <= j - i < k:
                M[i, j] = kernel[j - i]
    return M


@variant("q4")
def conv1d_matrix(kernel, n):
    """scipy.linalg.toeplitz from the first column and the first row."""
    k = len(kernel)
    first_row = np.concatenate([kernel, np.zeros(n - k)])
    first_col = np.zeros(n - k + 1)
    first_col[0] = kernel[0]
    return scipy.linalg.toeplitz(first_col, first_row)


@variant("q4")
def conv1d_matrix(kernel, n):
    """The correlation applied to each unit vector gives a column."""
    return np.stack([np.correlate(e, kernel, mode="valid") for e in np.eye(n)], axis=1)


# ---------------------------------------------------------------------------- q5 backward


@variant("q5", id="conv_backward-naive")
def conv_backward(dout, cache):
    """Loops over n, f, i, j, c, r, s, accumulating one product at a time."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    xp[:, :, pad:pad + H, pad:pad + W] = x
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    db = np.zeros_like(b)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    g = dout[n, f, i, j]
                    db[f] += g
                    for c in range(C):
                        for r in range(HH):
                            for s in range(WW):
                                dw[f, c, r, s] += g * xp[n, c, i * stride + r, j * stride + s]
                                dxp[n, c, i * stride + r, j * stride + s] += g * w[f, c, r, s]
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db


@variant("q5")
def conv_backward(dout, cache):
    """im2col / col2im: dw and the column gradients are matrix products."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(xp, (HH, WW), axis=(2, 3))[:, :, ::stride, ::stride]
    windows = windows[:, :, :H_out, :W_out]
    cols = windows.transpose(1, 4, 5, 0, 2, 3).reshape(C * HH * WW, -1)
    d = dout.transpose(1, 0, 2, 3).reshape(F, -1)
    dw = (d @ cols.T).reshape(w.shape)
    dcols = (w.reshape(F, -1).T @ d).reshape(C, HH, WW, N, H_out, W_out)
    dxp = np.zeros(xp.shape)
    for r in range(HH):
        for s in range(WW):
            dxp[:, :, r:r + stride * (H_out - 1) + 1:stride,
                s:s + stride * (W_out - 1) + 1:stride] += dcols[:, r, s].transpose(1, 0, 2, 3)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, dout.sum(axis=(0, 2, 3))


@variant("q5")
def conv_backward(dout, cache):
    """The textbook form: dx is the full convolution of the (dilated) upstream gradient with
    the kernel rotated by 180 degrees; dw correlates the padded input with it."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    # Put stride - 1 zeros between the upstream gradients: the stride-1 picture.
    Hd, Wd = stride * (H_out - 1) + 1, stride * (W_out - 1) + 1
    dilated = np.zeros((N, F, Hd, Wd))
    dilated[:, :, ::stride, ::stride] = dout
    # Full convolution: pad by the kernel size - 1, correlate with the rotated kernel.
    full = np.pad(dilated, ((0, 0), (0, 0), (HH - 1, HH - 1), (WW - 1, WW - 1)))
    rotated = w[:, :, ::-1, ::-1]
    windows = sliding_window_view(full, (HH, WW), axis=(2, 3))
    dxp_used = np.einsum("nfijrs,fcrs->ncij", windows, rotated)  # (N, C, Hd+HH-1, Wd+WW-1)
    dxp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    dxp[:, :, :dxp_used.shape[2], :dxp_used.shape[3]] = dxp_used
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))[:, :, :Hd + HH - 1, :Wd + WW - 1]
    dw = np.einsum("ncrsij,nfij->fcrs", sliding_window_view(xp, (Hd, Wd), axis=(2, 3)),
                   dilated)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, dout.sum(axis=(0, 2, 3))


@variant("q5")
def conv_backward(dout, cache):
    """einsum for dw and np.add.at to scatter dx, over a window view."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(xp, (HH, WW), axis=(2, 3))[:, :, ::stride, ::stride]
    dw = np.einsum("ncijrs,nfij->fcrs", windows[:, :, :H_out, :W_out], dout)
    dwin = np.einsum("nfij,fcrs->ncijrs", dout, w)
    rows = (np.arange(H_out) * stride)[:, None] + np.arange(HH)[None, :]  # (H_out, HH)
    cols = (np.arange(W_out) * stride)[:, None] + np.arange(WW)[None, :]
    dxp = np.zeros(xp.shape)
    np.add.at(dxp, (slice(None), slice(None), rows[:, None, :, None], cols[None, :, None, :]),
              dwin)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, dout.sum(axis=(0, 2, 3))


# ---------------------------------------------------------------------------- q6, q7 pooling


@variant("q6", id="maxpool_forward-naive")
def maxpool_forward(x, pool_h, pool_w, stride):
    """Loops over every window and every pixel in it."""
    N, C, H, W = x.shape
    H_out = 1 + (H - pool_h) // stride
    W_out = 1 + (W - pool_w) // stride
    out = np.zeros((N, C, H_out, W_out))
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    best = -np.inf
                    for r in range(pool_h):
                        for s in range(pool_w):
                            best = max(best, x[n, c, i * stride + r, j * stride + s])
                    out[n, c, i, j] = best
    return out, (x, pool_h, pool_w, stride)


@variant("q6")
def maxpool_forward(x, pool_h, pool_w, stride):
    """The maximum over a strided window view."""
    windows = sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.max(axis=(4, 5)), (x, pool_h, pool_w, stride)


@variant("q7", id="maxpool_backward-naive")
def maxpool_backward(dout, cache):
    """Scans each window in row-major order, keeping a strictly larger value only."""
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    best, where = -np.inf, None
                    for r in range(pool_h):
                        for s in range(pool_w):
                            value = x[n, c, i * stride + r, j * stride + s]
                            if value > best:
                                best, where = value, (i * stride + r, j * stride + s)
                    dx[n, c, where[0], where[1]] += dout[n, c, i, j]
    return dx


@variant("q7")
def maxpool_backward(dout, cache):
    """argmax over a window view (its first maximum), then np.add.at for the overlaps."""
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    windows = sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    first = windows.reshape(N, C, H_out, W_out, -1).argmax(axis=-1)
    r, s = np.divmod(first, pool_w)
    rows = r + (np.arange(H_out) * stride)[:, None]
    cols = s + (np.arange(W_out) * stride)[None, :]
    n, c = np.indices((N, C))
    dx = np.zeros(x.shape)
    np.add.at(dx, (n[:, :, None, None], c[:, :, None, None], rows, cols), dout)
    return dx


@variant("q7")
def maxpool_backward(dout, cache):
    """A mask of the maxima, keeping only the first one with a cumulative count."""
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros(x.shape)
    for i in range(H_out):
        for j in range(W_out):
            rows = slice(i * stride, i * stride + pool_h)
            cols = slice(j * stride, j * stride + pool_w)
            flat = x[:, :, rows, cols].reshape(N, C, -1)
            is_max = flat == flat.max(axis=2, keepdims=True)
            first = is_max & (np.cumsum(is_max, axis=2) == 1)
            dx[:, :, rows, cols] += (first * dout[:, :, i, j][:, :, None]).reshape(
                N, C, pool_h, pool_w)
    return dx


# ---------------------------------------------------------------------------- q8


@variant("q8", id="receptive_field-naive")
def receptive_field(kernel_sizes, strides):
    """From the top down: r_below = stride * (r - 1) + kernel."""
    field = 1
    for k, s in reversed(list(zip(kernel_sizes, strides, strict=True))):
        field = s * (field - 1) + k
    return field


@variant("q8")
def receptive_field(kernel_sizes, strides):
    """With the cumulative products of the strides."""
    jumps = np.concatenate([[1], np.cumprod(strides)[:-1]]).astype(int)
    return int(1 + np.sum((np.asarray(kernel_sizes) - 1) * jumps))
