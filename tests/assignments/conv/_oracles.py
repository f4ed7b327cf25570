"""Oracles and wrong formulas for the hidden conv checks (never shipped to students).

PyTorch in float64 is the oracle: ``conv2d``, ``max_pool2d`` and autograd for gradients (with
random upstream gradients). The same machinery computes what a specific mistake would return
(a flipped kernel, a stride that is ignored, one-sided padding, ...), which the checks register
as ``Diagnose`` alternatives. Overwriting (``=`` instead of ``+=``) and tie-breaking depend on
loop order, so those are written as explicit NumPy loops, like the explicit rule the tie
check grades against. Every function imports torch in its body: importing this module does
not import torch.
"""

import numpy as np

from autograder.testing import Diagnose


def _tensor(a, grad=False):
    import torch

    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64, requires_grad=grad)


def conv_out_size(n, k, stride, pad):
    return 1 + (n + 2 * pad - k) // stride


# ---------------------------------------------------------------------------- convolution


def conv_reference(x, w, b, stride, pad):
    """torch.nn.functional.conv2d in float64 (a cross-correlation, like the contract)."""
    import torch.nn.functional as F

    return F.conv2d(_tensor(x), _tensor(w), _tensor(b), stride=stride, padding=pad).numpy()


def conv_vjp(forward, x, w, b, dout):
    """(dx, dw, db): the gradients of sum(forward(x, w, b) * dout), by autograd."""
    xt, wt, bt = _tensor(x, True), _tensor(w, True), _tensor(b, True)
    out = forward(xt, wt, bt)
    out.backward(_tensor(dout))
    return xt.grad.numpy(), wt.grad.numpy(), bt.grad.numpy()


def conv_grads(x, w, b, stride, pad, dout):
    import torch.nn.functional as F

    return conv_vjp(lambda xt, wt, bt: F.conv2d(xt, wt, bt, stride=stride, padding=pad),
                    x, w, b, dout)


def conv_forward_alternatives(x, w, b, stride, pad):
    """Wrong forward passes, as ``Diagnose`` alternatives (evaluated only on failure)."""
    import torch.nn.functional as F

    H, W = x.shape[2:]
    HH, WW = w.shape[2:]
    H_out, W_out = conv_out_size(H, HH, stride, pad), conv_out_size(W, WW, stride, pad)
    xt, wt, bt = _tensor(x), _tensor(w), _tensor(b)

    def conv(xx, ww, bb=bt, s=stride, p=pad):
        return F.conv2d(xx, ww, bb, stride=s, padding=p).numpy()

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
    import torch.nn.functional as F

    H, W = x.shape[2:]
    HH, WW = w.shape[2:]
    H_out, W_out = conv_out_size(H, HH, stride, pad), conv_out_size(W, WW, stride, pad)
    N = x.shape[0]

    def stride_ignored():
        return conv_vjp(lambda xt, wt, bt: F.conv2d(xt, wt, bt, padding=pad)[:, :, :H_out, :W_out],
                        x, w, b, dout)

    def flipped():
        return conv_vjp(lambda xt, wt, bt: F.conv2d(xt, wt.flip((2, 3)), bt, stride=stride,
                                                    padding=pad), x, w, b, dout)

    def dx_padded():
        xp = _tensor(np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)]), True)
        F.conv2d(xp, _tensor(w), _tensor(b), stride=stride).backward(_tensor(dout))
        return xp.grad.numpy()

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
    import torch.nn.functional as F

    return F.max_pool2d(_tensor(x), (pool_h, pool_w), stride=stride).numpy()


def maxpool_grad(x, pool_h, pool_w, stride, dout):
    """dx of sum(max_pool2d(x) * dout) by autograd (inputs without ties)."""
    import torch.nn.functional as F

    xt = _tensor(x, True)
    F.max_pool2d(xt, (pool_h, pool_w), stride=stride).backward(_tensor(dout))
    return xt.grad.numpy()


def maxpool_forward_alternatives(x, pool_h, pool_w, stride):
    import torch.nn.functional as F

    H, W = x.shape[2:]
    H_out, W_out = 1 + (H - pool_h) // stride, 1 + (W - pool_w) // stride
    xt = _tensor(x)
    return {
        "swapped": ("max pooling with pool_h and pool_w swapped: pool_h runs along H (axis 2), "
                    "pool_w along W (axis 3)",
                    lambda: F.max_pool2d(xt, (pool_w, pool_h), stride=stride).numpy()),
        "stride_positions": ("windows that start at (i, j) instead of (i * stride, j * stride)",
                             lambda: F.max_pool2d(xt, (pool_h, pool_w), stride=1).numpy()[
                                 :, :, :H_out, :W_out]),
        "stride_is_pool": ("non-overlapping windows (stride = window size): use the stride "
                           "argument, windows may overlap",
                           lambda: F.max_pool2d(xt, (pool_h, pool_w)).numpy()),
        "mean": ("average pooling: take the maximum of each window, not its mean",
                 lambda: F.avg_pool2d(xt, (pool_h, pool_w), stride=stride).numpy()),
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


def maxpool_backward_alternatives(x, pool_h, pool_w, stride, dout):
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
    import torch.nn.functional as F

    return F.conv1d(_tensor(x)[None, None], _tensor(kernel)[None, None]).numpy()[0, 0]


def conv_param_reference(C, F, HH, WW):
    """The number of parameters of torch.nn.Conv2d(C, F, (HH, WW)), bias included."""
    import torch

    layer = torch.nn.Conv2d(C, F, (HH, WW), bias=True)
    return sum(p.numel() for p in layer.parameters())


def receptive_field_reference(kernel_sizes, strides):
    """The span of input pixels that reach the first unit of a 1-D stack, by autograd.

    Every layer is a conv1d with an all-ones kernel (no cancellation); the input gradient of
    the stack's first output unit is non-zero exactly on the pixels it depends on.
    """
    import torch
    import torch.nn.functional as F

    # The receptive field is at most 1 + sum(k) * prod(strides): a long enough input.
    length = 1 + sum(kernel_sizes) * int(np.prod(strides))
    x = _tensor(np.zeros(length), True)
    h = x[None, None]
    for k, s in zip(kernel_sizes, strides, strict=True):
        h = F.conv1d(h, torch.ones(1, 1, k, dtype=torch.float64), stride=s)
    h[0, 0, 0].backward()
    reached = np.flatnonzero(x.grad.numpy())
    return int(reached[-1] - reached[0] + 1)
