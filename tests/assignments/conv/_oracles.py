"""Oracles and wrong formulas for the hidden conv checks (never shipped to students).

PyTorch in float64 is the oracle (``conv2d``, ``max_pool2d``, autograd with random upstream
gradients, through :mod:`autograder.testing.autograd`). The same machinery computes what a
specific mistake would return (a flipped kernel, a stride that is ignored, one-sided padding,
...): the ``*_wrong_formulas`` functions, which the checks register with ``Diagnose``.
Overwriting (``=`` instead of ``+=``) and tie-breaking depend on loop order, so those are
written as explicit NumPy loops, like the explicit rule the tie check grades against.
Importing this module does not import torch.
"""

import contextlib

import numpy as np

from autograder.testing import CheckFailure, Diagnose, expect_depends_on
from autograder.testing.autograd import as_numpy, tensor, torch, vjp


def _functional():
    return torch().nn.functional


def conv_out_size(n, k, stride, pad):
    return 1 + (n + 2 * pad - k) // stride


@contextlib.contextmanager
def blaming_a_wrong_forward(out, want, *, name, question, rtol, atol):
    """A backward check run on the submission's own forward cache: a failure inside the block
    says "fix ``question`` first" when that forward pass (its output ``out``) is wrong.

    Only on failure: a wrong forward pass whose cache still gives the right gradients costs
    nothing more (its own question already loses the points).
    """
    try:
        yield
    except CheckFailure:
        expect_depends_on(out, want, name=name, question=question, rtol=rtol, atol=atol)
        raise


# ---------------------------------------------------------------------------- convolution


def conv_reference(x, w, b, stride, pad):
    """torch.nn.functional.conv2d in float64 (a cross-correlation, like the contract)."""
    return as_numpy(_functional().conv2d(tensor(x), tensor(w), tensor(b), stride=stride,
                                         padding=pad))


def conv_grads(x, w, b, stride, pad, dout):
    """(dx, dw, db): the gradients of sum(conv2d(x, w, b) * dout), by autograd."""
    F = _functional()
    return tuple(vjp(lambda xt, wt, bt: F.conv2d(xt, wt, bt, stride=stride, padding=pad),
                     x, w, b, dout=dout)[1])


def conv_forward_wrong_formulas(x, w, b, stride, pad):
    """Wrong forward passes, ``{key: (description, thunk)}`` (evaluated only on failure)."""
    F = _functional()
    H, W = x.shape[2:]
    HH, WW = w.shape[2:]
    H_out, W_out = conv_out_size(H, HH, stride, pad), conv_out_size(W, WW, stride, pad)
    xt, wt, bt = tensor(x), tensor(w), tensor(b)

    def conv(xx, ww, bb=bt, s=stride, p=pad):
        return as_numpy(F.conv2d(xx, ww, bb, stride=s, padding=p))

    return {
        "flipped": ("a true convolution: the kernel is flipped (rotated by 180 degrees). Deep "
                    "learning layers compute a cross-correlation: w[f, c, r, s] multiplies "
                    "x_pad[n, c, i * stride + r, j * stride + s]",
                    lambda: conv(xt, wt.flip((2, 3)))),
        "stride_positions": ("windows that start at (i, j) instead of (i * stride, j * stride): "
                             "the stride is ignored when placing the windows",
                             lambda: conv(xt, wt, s=1)[:, :, :H_out, :W_out]),
        "stride_ignored": ("the output of a stride-1 convolution (the stride is ignored)",
                           lambda: conv(xt, wt, s=1)),
        "no_pad": ("the output without padding (pad was ignored)", lambda: conv(xt, wt, p=0)),
        "pad_one_side": ("padding on one side only (top and left): pad zeros go on *both* "
                         "sides of H and of W",
                         lambda: conv(F.pad(xt, (pad, 0, pad, 0)), wt, p=0)),
        "pad_one_side:end": ("padding on one side only (bottom and right): pad zeros go on "
                             "*both* sides of H and of W",
                             lambda: conv(F.pad(xt, (0, pad, 0, pad)), wt, p=0)),
        "size_without_pad": ("the top-left part of the right answer: the output size must "
                             "count the padding, 1 + (H + 2 pad - HH) // stride",
                             lambda: conv(xt, wt)[:, :, :conv_out_size(H, HH, stride, 0),
                                                  :conv_out_size(W, WW, stride, 0)]),
        "no_bias": ("the output without the bias (add b[f] to every output of filter f)",
                    lambda: conv(xt, wt, bb=None)),
    }


def conv_dx_assigned(x_shape, w, dout, stride, pad, order):
    """dx when the scatter into dx_pad *assigns* instead of accumulating, in a loop order."""
    N, C, H, W = x_shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    dxp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))

    def window(i, j):
        return (slice(i * stride, i * stride + HH), slice(j * stride, j * stride + WW))

    if order == "ij":  # vectorised over the batch and the filters
        for i in range(H_out):
            for j in range(W_out):
                dxp[(slice(None), slice(None)) + window(i, j)] = np.tensordot(
                    dout[:, :, i, j], w, axes=([1], [0]))
    else:
        loops = {"nfij": lambda: ((n, f, i, j) for n in range(N) for f in range(F)
                                  for i in range(H_out) for j in range(W_out)),
                 "nijf": lambda: ((n, f, i, j) for n in range(N) for i in range(H_out)
                                  for j in range(W_out) for f in range(F))}[order]
        for n, f, i, j in loops():
            dxp[(n, slice(None)) + window(i, j)] = w[f] * dout[n, f, i, j]
    return dxp[:, :, pad:pad + H, pad:pad + W]


def conv_backward_diagnoses(x, w, b, stride, pad, dout):
    """``{"dx": Diagnose, "dw": ..., "db": ...}``: wrong gradients, evaluated only on failure."""
    F = _functional()
    H, W = x.shape[2:]
    H_out, W_out = dout.shape[2:]
    N = x.shape[0]

    def stride_ignored():
        return vjp(lambda xt, wt, bt: F.conv2d(xt, wt, bt, padding=pad)[:, :, :H_out, :W_out],
                   x, w, b, dout=dout)[1]

    def flipped():
        return vjp(lambda xt, wt, bt: F.conv2d(xt, wt.flip((2, 3)), bt, stride=stride,
                                               padding=pad), x, w, b, dout=dout)[1]

    def dx_padded():
        xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
        return vjp(lambda xt: F.conv2d(xt, tensor(w), tensor(b), stride=stride), xp,
                   dout=dout)[1][0]

    def last_sample():
        return conv_grads(x[-1:], w, b, stride, pad, dout[-1:])

    stride_text = ("the gradient of windows placed at (i, j) instead of (i * stride, "
                   "j * stride): the backward pass must use the stride exactly like the "
                   "forward pass")
    dx = {
        "stride_bwd": (stride_text, lambda: stride_ignored()[0]),
        "dx_flipped": ("the input gradient computed with the kernel flipped: each output's "
                       "gradient goes back through the same weight w[f, c, r, s] that "
                       "multiplied the input in the forward pass (scattering with w "
                       "as it is is the full convolution with the rotated kernel)",
                       lambda: flipped()[0]),
        "dx_padded": ("the gradient with respect to the *padded* input: crop the pad "
                      "border so that dx has the shape of x", dx_padded),
    }
    for order, how in [("nfij", "filter by filter"), ("nijf", "position by position"),
                       ("ij", "for all samples and filters at once")]:
        dx["dx_assigned:" + order] = (
            f"a dx where each window's gradient *replaces* what is there ({how}) instead of "
            "being added: an input pixel in several windows collects the gradient of all of "
            "them (use +=)",
            lambda order=order: conv_dx_assigned(x.shape, w, dout, stride, pad, order))
    dw = {
        "stride_bwd": (stride_text, lambda: stride_ignored()[1]),
        "dw_last_sample": ("the gradient of the last sample only: dw sums over the whole batch "
                           "(is dw reset or overwritten inside the loop over samples?)",
                           lambda: last_sample()[1]),
        "dw_flipped": ("dw rotated by 180 degrees", lambda: conv_grads(
            x, w, b, stride, pad, dout)[1][:, :, ::-1, ::-1]),
    }
    db = {
        "db_batch_only": ("dout summed over the batch only: db sums over the batch and every "
                          "position", lambda: dout.sum(axis=0)),
        "db_positions_only": ("dout summed over the positions only: db also sums over the "
                              "batch", lambda: dout.sum(axis=(2, 3))),
    }
    mean = "The gradient of a sum over the samples is a sum, not a mean."
    hints = {"1/N": mean, "1/2": mean} if N == 2 else {"1/N": mean}
    return {
        "dx": Diagnose(wrong_formulas=dx),
        "dw": Diagnose(wrong_formulas=dw, factors={"1/N": 1.0 / N}, hints=hints),
        "db": Diagnose(wrong_formulas=db, factors={"1/N": 1.0 / N}, hints=hints),
    }


# ---------------------------------------------------------------------------- max pooling


def maxpool_reference(x, pool_h, pool_w, stride):
    return as_numpy(_functional().max_pool2d(tensor(x), (pool_h, pool_w), stride=stride))


def maxpool_grad(x, pool_h, pool_w, stride, dout):
    """dx of sum(max_pool2d(x) * dout) by autograd (inputs without ties)."""
    F = _functional()
    return vjp(lambda xt: F.max_pool2d(xt, (pool_h, pool_w), stride=stride), x,
               dout=dout)[1][0]


def maxpool_size_round(x, pool_h, pool_w, stride):
    """Max pooling with the output size rounded (``round``) instead of rounded down.

    The extra last windows stick out of the input: their maximum is over the part inside
    (what a loop over window slices computes). Windows entirely outside give -inf (a loop
    would fail on an empty window).
    """
    H, W = x.shape[2:]
    H_out, W_out = round(1 + (H - pool_h) / stride), round(1 + (W - pool_w) / stride)
    extra_h = max(0, (H_out - 1) * stride + pool_h - H)
    extra_w = max(0, (W_out - 1) * stride + pool_w - W)
    padded = np.pad(x, [(0, 0), (0, 0), (0, extra_h), (0, extra_w)], constant_values=-np.inf)
    return maxpool_reference(padded, pool_h, pool_w, stride)[:, :, :H_out, :W_out]


def maxpool_forward_wrong_formulas(x, pool_h, pool_w, stride):
    """Wrong max poolings, ``{key: (description, thunk)}`` (evaluated only on failure)."""
    F = _functional()
    H, W = x.shape[2:]
    H_out, W_out = 1 + (H - pool_h) // stride, 1 + (W - pool_w) // stride
    xt = tensor(x)
    return {
        "swapped": ("max pooling with pool_h and pool_w swapped: pool_h runs along H (axis 2), "
                    "pool_w along W (axis 3)",
                    lambda: as_numpy(F.max_pool2d(xt, (pool_w, pool_h), stride=stride))),
        "stride_positions": ("windows that start at (i, j) instead of (i * stride, j * stride)",
                             lambda: as_numpy(F.max_pool2d(xt, (pool_h, pool_w), stride=1))[
                                 :, :, :H_out, :W_out]),
        "stride_is_pool": ("non-overlapping windows (stride = window size): use the stride "
                           "argument, windows may overlap",
                           lambda: as_numpy(F.max_pool2d(xt, (pool_h, pool_w)))),
        "mean": ("average pooling: take the maximum of each window, not its mean",
                 lambda: as_numpy(F.avg_pool2d(xt, (pool_h, pool_w), stride=stride))),
        "size_round": ("an output size rounded to the nearest integer (round) instead of "
                       "rounded down: 1 + (H - pool_h) // stride counts only the windows that "
                       "fit entirely inside the input",
                       lambda: maxpool_size_round(x, pool_h, pool_w, stride)),
    }


def _pick(window, rule):
    """Positions (r, s) inside ``window`` that receive the window's gradient under ``rule``."""
    ph, pw = window.shape
    if rule == "first":  # the contract: first maximum in row-major order
        return [np.unravel_index(int(np.argmax(window)), (ph, pw))]
    if rule == "last":
        k = window.size - 1 - int(np.argmax(window.ravel()[::-1]))
        return [np.unravel_index(k, (ph, pw))]
    if rule == "colmajor":
        k = int(np.argmax(window.T))
        return [(k % ph, k // ph)]
    if rule == "all":
        return [tuple(p) for p in np.argwhere(window == window.max())]
    raise ValueError(rule)


def maxpool_backward_rule(x, pool_h, pool_w, stride, dout, *, rule="first", combine="add",
                          window_step=None):
    """dx of max pooling written from the rule, one window at a time, in row-major order.

    ``rule`` says which maxima get the gradient; ``combine`` is ``add`` (the contract),
    ``assign`` (dx[pos] = g: overlapping windows overwrite) or ``assign_window`` (the whole
    window is assigned mask * g); ``window_step`` places the windows (default: the stride).
    """
    N, C, _, _ = x.shape
    _, _, H_out, W_out = dout.shape
    step = stride if window_step is None else window_step
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    rows = slice(i * step, i * step + pool_h)
                    cols = slice(j * step, j * step + pool_w)
                    window = x[n, c, rows, cols]
                    g = dout[n, c, i, j]
                    if combine == "assign_window":
                        mask = np.zeros(window.shape)
                        for r, s in _pick(window, rule):
                            mask[r, s] = 1.0
                        dx[n, c, rows, cols] = mask * g
                        continue
                    for r, s in _pick(window, rule):
                        where = (n, c, i * step + r, j * step + s)
                        dx[where] = dx[where] + g if combine == "add" else g
    return dx


def maxpool_backward_wrong_formulas(x, pool_h, pool_w, stride, dout):
    """Wrong pooling gradients, ``{key: (description, thunk)}`` (evaluated only on failure)."""
    def rule(**kw):
        return lambda: maxpool_backward_rule(x, pool_h, pool_w, stride, dout, **kw)

    return {
        "all_ties": ("a gradient sent to *every* maximum of a window with ties: it goes to the "
                     "first maximum in row-major order only", rule(rule="all")),
        "last_tie": ("a gradient sent to the *last* maximum of a window with ties: it goes to "
                     "the first one in row-major order (a strict > comparison, or argmax)",
                     rule(rule="last")),
        "colmajor_tie": ("ties broken in column-major order: the first maximum in row-major "
                         "order (along a row first) gets the gradient", rule(rule="colmajor")),
        "assigned": ("a dx where each window's gradient *replaces* what is there: where "
                     "windows overlap, the gradients add up (use +=)", rule(combine="assign")),
        "assigned:window": ("a dx where each window is *assigned* (mask * gradient), wiping "
                            "what overlapping windows put there: add into dx instead",
                            rule(combine="assign_window")),
        "stride_bwd": ("the gradient of windows placed at (i, j) instead of (i * stride, "
                       "j * stride)", rule(window_step=1)),
    }


# ---------------------------------------------------------------------------- the rest


def conv1d_reference(kernel, x):
    """The valid 1-D cross-correlation of x with kernel, by torch.nn.functional.conv1d."""
    return as_numpy(_functional().conv1d(tensor(x)[None, None], tensor(kernel)[None, None]))[0, 0]


def conv_param_reference(C, F, HH, WW):
    """The number of parameters of torch.nn.Conv2d(C, F, (HH, WW)), bias included."""
    layer = torch().nn.Conv2d(C, F, (HH, WW), bias=True)
    return sum(p.numel() for p in layer.parameters())


def receptive_field_reference(kernel_sizes, strides):
    """The span of input pixels that reach the first unit of a 1-D stack, by autograd.

    Every layer is a conv1d with an all-ones kernel (no cancellation); the input gradient of
    the stack's first output unit is non-zero exactly on the pixels it depends on.
    """
    F = _functional()
    ones = {k: tensor(np.ones((1, 1, k))) for k in set(kernel_sizes)}

    def first_unit(x):
        h = x[None, None]
        for k, s in zip(kernel_sizes, strides, strict=True):
            h = F.conv1d(h, ones[k], stride=s)
        return h[0, 0, 0]

    # The receptive field is at most 1 + sum(k) * prod(strides): a long enough input.
    length = 1 + sum(kernel_sizes) * int(np.prod(strides))
    reached = np.flatnonzero(vjp(first_unit, np.zeros(length))[1][0])
    return int(reached[-1] - reached[0] + 1)
