"""Common mistakes in the conv assignment, one per entry (see autograder.catalogue)."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 output size


@mistake("q1", cause="formula:ceil")
def conv_output_size(H, W, HH, WW, stride, pad):
    """Rounds the division up (ceil), counting a window that does not fit."""
    return (1 + math.ceil((H + 2 * pad - HH) / stride),
            1 + math.ceil((W + 2 * pad - WW) / stride))


@mistake("q1", cause="formula:pad_once")
def conv_output_size(H, W, HH, WW, stride, pad):
    """Counts the padding once instead of on both sides."""
    return 1 + (H + pad - HH) // stride, 1 + (W + pad - WW) // stride


@mistake("q1", cause="type")
def conv_output_size(H, W, HH, WW, stride, pad):
    """Uses true division: the sizes are floats."""
    return 1 + (H + 2 * pad - HH) / stride, 1 + (W + 2 * pad - WW) / stride


# ---------------------------------------------------------------------------- q2 forward


@mistake("q2", cause="formula:flipped", sample=True)
def conv_forward(x, w, b, stride=1, pad=0):
    """Flips the kernel: a true convolution instead of the layer's cross-correlation."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            kernel = w[f, :, ::-1, ::-1]
            for i in range(H_out):
                for j in range(W_out):
                    window = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * kernel) + b[f]
    return out, (x, w, b, stride, pad)


@mistake("q2", cause="formula:stride_positions")
def conv_forward(x, w, b, stride=1, pad=0):
    """Sizes the output with the stride but places the windows at (i, j), not (i*s, j*s)."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    out[n, f, i, j] = np.sum(xp[n, :, i:i + HH, j:j + WW] * w[f]) + b[f]
    return out, (x, w, b, stride, pad)


@mistake("q2", cause="formula:pad_one_side")
def conv_forward(x, w, b, stride=1, pad=0):
    """Pads only the top and the left of the image."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, 0), (pad, 0)))
    H_out = 1 + (xp.shape[2] - HH) // stride
    W_out = 1 + (xp.shape[3] - WW) // stride
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", window, w) + b
    return out, (x, w, b, stride, pad)


@mistake("q2", cause="formula:no_bias")
def conv_forward(x, w, b, stride=1, pad=0):
    """Forgets to add the bias."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", window, w)
    return out, (x, w, b, stride, pad)


@mistake("q2", cause="formula:size_without_pad")
def conv_forward(x, w, b, stride=1, pad=0):
    """Pads the input but sizes the output without the padding."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H - HH) // stride
    W_out = 1 + (W - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", window, w) + b
    return out, (x, w, b, stride, pad)


@mistake("q2", cause="formula:bias_last_axis")
def conv_forward(x, w, b, stride=1, pad=0):
    """Adds the bias with `out + b`, which broadcasts it along the last axis (W_out)."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", window, w)
    return out + b, (x, w, b, stride, pad)


@mistake("q2", cause="code:exception")
def conv_forward(x, w, b, stride=1, pad=0):
    """Rounds the output size to the nearest integer (round) instead of rounding down.

    When the stride leaves a remainder above one half, the last window sticks out of the
    padded input: every loop form then fails on a window smaller than the kernel.
    """
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = round(1 + (H + 2 * pad - HH) / stride)
    W_out = round(1 + (W + 2 * pad - WW) / stride)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out, (x, w, b, stride, pad)


# ---------------------------------------------------------------------------- q3 parameters


@mistake("q3", cause="formula:no_bias")
def conv_param_count(C, F, HH, WW):
    """Forgets the biases."""
    return F * C * HH * WW


@mistake("q3", cause="formula:no_channels")
def conv_param_count(C, F, HH, WW):
    """Forgets that each filter spans every input channel."""
    return F * HH * WW + F


# ---------------------------------------------------------------------------- q4 Toeplitz


@mistake("q4", cause="formula:flipped")
def conv1d_matrix(kernel, n):
    """Puts the reversed kernel on the band (the matrix of a true convolution)."""
    k = len(kernel)
    M = np.zeros((n - k + 1, n))
    for i in range(n - k + 1):
        M[i, i:i + k] = kernel[::-1]
    return M


@mistake("q4", cause="transpose")
def conv1d_matrix(kernel, n):
    """Builds the transpose: one column per output instead of one row."""
    k = len(kernel)
    M = np.zeros((n, n - k + 1))
    for i in range(n - k + 1):
        M[i:i + k, i] = kernel
    return M


# ---------------------------------------------------------------------------- q5 backward


@mistake("q5", cause="formula:stride_bwd")
def conv_backward(dout, cache):
    """Ignores the stride in the backward pass only (windows at (i, j))."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    dxp[n, :, i:i + HH, j:j + WW] += w[f] * dout[n, f, i, j]
                    dw[f] += xp[n, :, i:i + HH, j:j + WW] * dout[n, f, i, j]
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db


@mistake("q5", cause="formula:dw_last_sample", sample=True)
def conv_backward(dout, cache):
    """Resets dw inside the loop over samples: only the last sample's gradient survives."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros_like(xp)
    for n in range(N):
        dw = np.zeros_like(w)
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    rows = slice(i * stride, i * stride + HH)
                    cols = slice(j * stride, j * stride + WW)
                    dxp[n, :, rows, cols] += w[f] * dout[n, f, i, j]
                    dw[f] += xp[n, :, rows, cols] * dout[n, f, i, j]
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db


@mistake("q5", cause="formula:dx_assigned")
def conv_backward(dout, cache):
    """Assigns each window's gradient to dx instead of accumulating it (= instead of +=)."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    rows = slice(i * stride, i * stride + HH)
                    cols = slice(j * stride, j * stride + WW)
                    dxp[n, :, rows, cols] = w[f] * dout[n, f, i, j]
                    dw[f] += xp[n, :, rows, cols] * dout[n, f, i, j]
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db


@mistake("q5", cause="formula:dx_flipped")
def conv_backward(dout, cache):
    """Flips the kernel in dx (the 180-degree rotation applied to the scatter form too)."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    w_rot = w[:, :, ::-1, ::-1]
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    rows = slice(i * stride, i * stride + HH)
                    cols = slice(j * stride, j * stride + WW)
                    dxp[n, :, rows, cols] += w_rot[f] * dout[n, f, i, j]
                    dw[f] += xp[n, :, rows, cols] * dout[n, f, i, j]
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db


@mistake("q5", cause="formula:dx_padded")
def conv_backward(dout, cache):
    """Returns the gradient of the padded input (forgets to crop the border)."""
    x, w, b, stride, pad = cache
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for i in range(H_out):
        for j in range(W_out):
            rows = slice(i * stride, i * stride + HH)
            cols = slice(j * stride, j * stride + WW)
            dxp[:, :, rows, cols] += np.einsum("nf,fchw->nchw", dout[:, :, i, j], w)
            dw += np.einsum("nf,nchw->fchw", dout[:, :, i, j], xp[:, :, rows, cols])
    return dxp, dw, dout.sum(axis=(0, 2, 3))


@mistake("q5", cause="factor:1/N")
def conv_backward(dout, cache):
    """Averages db over the batch instead of summing it."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for i in range(H_out):
        for j in range(W_out):
            rows = slice(i * stride, i * stride + HH)
            cols = slice(j * stride, j * stride + WW)
            dxp[:, :, rows, cols] += np.einsum("nf,fchw->nchw", dout[:, :, i, j], w)
            dw += np.einsum("nf,nchw->fchw", dout[:, :, i, j], xp[:, :, rows, cols])
    db = dout.sum(axis=(2, 3)).mean(axis=0)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db


@mistake("q5", cause="mutated")
def conv_backward(dout, cache):
    """Rotates the cached kernel by 180 degrees in place for the full convolution that gives
    dx: the gradients are right, but the caller's w is changed."""
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dw = np.zeros(w.shape)
    for i in range(H_out):
        for j in range(W_out):
            window = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            dw += np.tensordot(dout[:, :, i, j], window, axes=([0], [0]))
    for f in range(F):
        w[f] = np.rot90(w[f], 2, axes=(1, 2))
    # The stride-1 picture: stride - 1 zeros between the upstream gradients, then a full
    # correlation (pad by the kernel size - 1) with the rotated kernel.
    dilated = np.zeros((N, F, stride * (H_out - 1) + 1, stride * (W_out - 1) + 1))
    dilated[:, :, ::stride, ::stride] = dout
    full = np.pad(dilated, ((0, 0), (0, 0), (HH - 1, HH - 1), (WW - 1, WW - 1)))
    dxp = np.zeros(xp.shape)
    for p in range(full.shape[2] - HH + 1):
        for q in range(full.shape[3] - WW + 1):
            dxp[:, :, p, q] = np.einsum("nfrs,fcrs->nc", full[:, :, p:p + HH, q:q + WW], w)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, dout.sum(axis=(0, 2, 3))


# ---------------------------------------------------------------------------- q6 max pooling


@mistake("q6", cause="formula:swapped")
def maxpool_forward(x, pool_h, pool_w, stride):
    """Swaps the window's height and width."""
    N, C, H, W = x.shape
    H_out = 1 + (H - pool_w) // stride
    W_out = 1 + (W - pool_h) // stride
    out = np.zeros((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + pool_w, j * stride:j * stride + pool_h]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out, (x, pool_h, pool_w, stride)


@mistake("q6", cause="formula:stride_is_pool")
def maxpool_forward(x, pool_h, pool_w, stride):
    """Assumes non-overlapping windows: steps by the window size, not by the stride."""
    N, C, H, W = x.shape
    H_out, W_out = H // pool_h, W // pool_w
    out = np.zeros((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * pool_h:(i + 1) * pool_h, j * pool_w:(j + 1) * pool_w]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out, (x, pool_h, pool_w, stride)


@mistake("q6", cause="formula:mean")
def maxpool_forward(x, pool_h, pool_w, stride):
    """Averages each window (average pooling)."""
    N, C, H, W = x.shape
    H_out = 1 + (H - pool_h) // stride
    W_out = 1 + (W - pool_w) // stride
    out = np.zeros((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
            out[:, :, i, j] = window.mean(axis=(2, 3))
    return out, (x, pool_h, pool_w, stride)


@mistake("q6", cause="formula:size_round")
def maxpool_forward(x, pool_h, pool_w, stride):
    """Rounds the output size to the nearest integer (round) instead of rounding down: an
    8x8 input with 3x3 windows and stride 2 gives 4x4, the last windows sticking out."""
    N, C, H, W = x.shape
    H_out = round(1 + (H - pool_h) / stride)
    W_out = round(1 + (W - pool_w) / stride)
    out = np.zeros((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out, (x, pool_h, pool_w, stride)


# ---------------------------------------------------------------------------- q7 pool gradient


@mistake("q7", cause="formula:assigned")
def maxpool_backward(dout, cache):
    """Assigns the gradient at each maximum instead of accumulating it under overlap."""
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros_like(x)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    window = x[n, c, i * stride:i * stride + pool_h,
                               j * stride:j * stride + pool_w]
                    r, s = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, c, i * stride + r, j * stride + s] = dout[n, c, i, j]
    return dx


@mistake("q7", cause="formula:all_ties", sample=True)
def maxpool_backward(dout, cache):
    """Routes each window's gradient to every position equal to the maximum (all ties)."""
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros_like(x)
    for i in range(H_out):
        for j in range(W_out):
            rows = slice(i * stride, i * stride + pool_h)
            cols = slice(j * stride, j * stride + pool_w)
            window = x[:, :, rows, cols]
            mask = window == window.max(axis=(2, 3), keepdims=True)
            dx[:, :, rows, cols] += mask * dout[:, :, i, j][:, :, None, None]
    return dx


@mistake("q7", cause="formula:last_tie")
def maxpool_backward(dout, cache):
    """Keeps the last maximum on a tie (>= while scanning the window)."""
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros_like(x)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    best, where = -np.inf, None
                    for r in range(pool_h):
                        for s in range(pool_w):
                            value = x[n, c, i * stride + r, j * stride + s]
                            if value >= best:
                                best, where = value, (i * stride + r, j * stride + s)
                    dx[n, c, where[0], where[1]] += dout[n, c, i, j]
    return dx


@mistake("q7", cause="formula:stride_bwd")
def maxpool_backward(dout, cache):
    """Ignores the stride in the backward pass (windows at (i, j))."""
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros_like(x)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    window = x[n, c, i:i + pool_h, j:j + pool_w]
                    r, s = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, c, i + r, j + s] += dout[n, c, i, j]
    return dx


# ---------------------------------------------------------------------------- q8 receptive field


@mistake("q8", cause="formula:no_stride")
def receptive_field(kernel_sizes, strides):
    """Ignores the strides: 1 + sum(k - 1)."""
    return 1 + sum(k - 1 for k in kernel_sizes)


@mistake("q8", cause="formula:jump_inclusive")
def receptive_field(kernel_sizes, strides):
    """Multiplies each layer's kernel by its own stride as well as the strides below."""
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides, strict=True):
        jump *= s
        field += (k - 1) * jump
    return field


@mistake("q8", cause="mutated")
def receptive_field(kernel_sizes, strides):
    """Prepends a 1 to the caller's list of strides to get the jumps."""
    strides.insert(0, 1)
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides, strict=False):
        jump *= s
        field += (k - 1) * jump
    return field


@mistake("q8", cause="mutated")
def receptive_field(kernel_sizes, strides):
    """Reverses the caller's lists in place to go from the top layer down: the field is
    right, but the lists are changed (invisible on palindromes such as [3, 5, 3])."""
    kernel_sizes.reverse()
    strides.reverse()
    field = 1
    for k, s in zip(kernel_sizes, strides, strict=True):
        field = s * (field - 1) + k
    return field
