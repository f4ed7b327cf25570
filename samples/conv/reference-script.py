"""Reference solutions for the `conv` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.

Layout NCHW: x (N, C, H, W), w (F, C, HH, WW), b (F,). The layer is a cross-correlation (the
kernel is not flipped) with ``pad`` zeros on both sides of H and W and stride ``stride`` in
both directions.
"""

import numpy as np


def conv_output_size(H, W, HH, WW, stride, pad):
    """The spatial size of a convolution's output.

    Inputs:
    - H, W: height and width of the input (ints)
    - HH, WW: height and width of the kernel (ints)
    - stride: the step between two windows, in both directions (int >= 1)
    - pad: the number of zeros added on *each* side of H and of W (int >= 0)

    Returns (H_out, W_out), two ints:
        H_out = 1 + (H + 2 pad - HH) // stride,   W_out = 1 + (W + 2 pad - WW) // stride
    """
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    return int(H_out), int(W_out)


def conv_forward(x, w, b, stride=1, pad=0):
    """The forward pass of a convolutional layer (a cross-correlation: no kernel flip).

    Inputs:
    - x: input, shape (N, C, H, W)
    - w: filters, shape (F, C, HH, WW)
    - b: biases, shape (F,)
    - stride: the step between two windows, in both directions
    - pad: the number of zeros added on each side of H and of W

    out[n, f, i, j] = b[f] + sum over c, r, s of
                      w[f, c, r, s] * x_pad[n, c, i * stride + r, j * stride + s]

    Returns (out, cache):
    - out: shape (N, F, H_out, W_out), with H_out, W_out from conv_output_size
    - cache: whatever conv_backward needs (it is handed back to it unchanged)
    Do not modify x, w or b.
    """
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out, W_out = conv_output_size(H, W, HH, WW, stride, pad)
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.empty((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x_pad[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            # (N, C, HH, WW) against (F, C, HH, WW): sum over c, r, s -> (N, F)
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + b
    cache = (x, w, b, stride, pad)
    return out, cache


def conv_backward(dout, cache):
    """The backward pass of a convolutional layer.

    Inputs:
    - dout: upstream gradient dL/dout, shape (N, F, H_out, W_out)
    - cache: the cache conv_forward returned

    Returns (dx, dw, db), the gradients of the loss with respect to x, w and b:
    - dx: shape (N, C, H, W) (the input's shape, without the padding)
    - dw: shape (F, C, HH, WW)
    - db: shape (F,)
    Do not modify dout or the cache.
    """
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dx_pad = np.zeros(x_pad.shape)
    dw = np.zeros(w.shape)
    db = dout.sum(axis=(0, 2, 3))
    for i in range(H_out):
        for j in range(W_out):
            rows = slice(i * stride, i * stride + HH)
            cols = slice(j * stride, j * stride + WW)
            g = dout[:, :, i, j]  # (N, F)
            # Weight sharing: every position adds its window, weighted by its gradient.
            dw += np.tensordot(g, x_pad[:, :, rows, cols], axes=([0], [0]))
            # Every input pixel collects the gradient of every window it belongs to.
            dx_pad[:, :, rows, cols] += np.tensordot(g, w, axes=([1], [0]))
    dx = dx_pad[:, :, pad:pad + H, pad:pad + W]
    return dx, dw, db


def conv_param_count(C, F, HH, WW):
    """The number of learnable parameters of a convolutional layer, biases included.

    Inputs: C input channels, F filters, kernels of size HH x WW (ints).
    Returns an int.
    """
    return int(F * C * HH * WW + F)


def conv1d_matrix(kernel, n):
    """The banded (Toeplitz) matrix of a valid 1-D cross-correlation.

    Inputs:
    - kernel: shape (k,)
    - n: the length of the signal (int, n >= k)

    Returns M, shape (n - k + 1, n), such that for any x of shape (n,)
        (M @ x)[i] = sum over t of kernel[t] * x[i + t].
    """
    k = len(kernel)
    M = np.zeros((n - k + 1, n))
    for i in range(n - k + 1):
        M[i, i:i + k] = kernel
    return M


def maxpool_forward(x, pool_h, pool_w, stride):
    """The forward pass of max pooling (no padding).

    Inputs:
    - x: input, shape (N, C, H, W)
    - pool_h, pool_w: height and width of each pooling window
    - stride: the step between two windows, in both directions (windows may overlap)

    Returns (out, cache):
    - out: shape (N, C, 1 + (H - pool_h) // stride, 1 + (W - pool_w) // stride),
      out[n, c, i, j] = the maximum of x[n, c] over the window at (i * stride, j * stride)
    - cache: whatever maxpool_backward needs
    Do not modify x.
    """
    N, C, H, W = x.shape
    H_out = 1 + (H - pool_h) // stride
    W_out = 1 + (W - pool_w) // stride
    out = np.empty((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
            out[:, :, i, j] = window.max(axis=(2, 3))
    cache = (x, pool_h, pool_w, stride)
    return out, cache


def maxpool_backward(dout, cache):
    """The backward pass of max pooling.

    Inputs:
    - dout: upstream gradient, shape (N, C, H_out, W_out)
    - cache: the cache maxpool_forward returned

    Returns dx, shape (N, C, H, W). Each window sends its gradient to the position of its
    maximum; where windows overlap, the gradients add up. When a window has several equal
    maxima, the gradient goes to the first one in row-major order inside the window.
    Do not modify dout or the cache.
    """
    x, pool_h, pool_w, stride = cache
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros(x.shape)
    n, c = np.indices((N, C))
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
            # argmax returns the first maximum of the row-major flattened window
            first = window.reshape(N, C, -1).argmax(axis=2)
            r, s = np.unravel_index(first, (pool_h, pool_w))
            dx[n, c, i * stride + r, j * stride + s] += dout[:, :, i, j]
    return dx


def receptive_field(kernel_sizes, strides):
    """The receptive field of one unit after a stack of convolutional layers, along one axis.

    Inputs:
    - kernel_sizes: the kernel size of each layer, first layer first (list of ints)
    - strides: the stride of each layer, first layer first (list of ints)

    Returns an int: the number of consecutive input pixels that one output unit depends on.
    Do not modify the lists.
    """
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides, strict=True):
        field += (k - 1) * jump  # k - 1 more units below, each `jump` input pixels apart
        jump *= s
    return int(field)


WRITTEN_ANSWERS = {
    "w1": r"""
Take one channel, stride 1, no padding: $y_{ij} = \sum_{r,s} w_{rs}\, x_{i+r,\,j+s}$. An input
pixel $x_{pq}$ is used by every output $y_{ij}$ whose window covers it, that is for
$i = p - r$, $j = q - s$, and always through the weight $w_{p-i,\,q-j}$. By the chain rule
$$\frac{\partial L}{\partial x_{pq}}
  = \sum_{i,j} \frac{\partial L}{\partial y_{ij}}\, w_{p-i,\,q-j}.$$
The index of $w$ *decreases* when the index of the upstream gradient increases: this sum is a
true convolution of $\partial L/\partial y$ with $w$, which is the same as a cross-correlation
with $w$ rotated by 180 degrees ($w_{HH-1-r,\,WW-1-s}$). It is a *full* convolution because
$p$ ranges over every input pixel, including the border pixels covered by only part of the
windows: we pad $\partial L/\partial y$ with $HH-1$ (and $WW-1$) zeros on each side so that
every partial overlap is counted, which gives back an array of the input's size. Equivalently,
the layer is the linear map $y = Mx$ with a banded (Toeplitz) $M$, and $\partial L/\partial x =
M^\top \partial L/\partial y$: transposing the banded matrix reverses the kernel in each row
and makes the result longer. (With stride $S$, insert $S-1$ zeros between the entries of
$\partial L/\partial y$ first; with padding, crop the padded border at the end.)
""",
}
