"""PyTorch autograd in float64: the independent oracle of the hidden backprop checks.

Hidden checks only (never shipped to students). Every function goes through
:mod:`autograder.testing.autograd`, which imports torch on first use: importing this module
does not import torch.
"""

import numpy as np

from autograder.testing import Diagnose, once
from autograder.testing.autograd import as_numpy, tensor, torch, vjp


def activation(name):
    """torch's elementwise ``'sigmoid'`` or ``'relu'``."""
    return {"sigmoid": torch().sigmoid, "relu": torch().relu}[name]


def torch_sigmoid(z):
    """torch.sigmoid of a number or an array, as NumPy."""
    return as_numpy(torch().sigmoid(tensor(z)))


def linear(x, W, b):
    """torch.nn.functional.linear(x, W.T, b) = x @ W + b (x (N, D), W (D, M), b (M,))."""
    return as_numpy(torch().nn.functional.linear(tensor(x), tensor(W.T), tensor(b)))


def scalar_network(x, params, y):
    """(a2, loss, grads) of the scalar network, by autograd; grads is a dict of floats."""
    F = torch().nn.functional
    keys = ("w1", "b1", "w2", "b2")
    out = {}

    def loss_fn(w1, b1, w2, b2):
        sigmoid = activation("sigmoid")
        a2 = sigmoid(w2 * sigmoid(w1 * x + b1) + b2)
        out["a2"] = float(a2.detach())
        return F.binary_cross_entropy(a2, a2.new_tensor(y))

    loss, grads = vjp(loss_fn, *(params[k] for k in keys))
    return out["a2"], loss, dict(zip(keys, grads, strict=True))


def bce_loss(a2, y):
    """torch's binary_cross_entropy of one probability against one label."""
    return as_numpy(torch().nn.functional.binary_cross_entropy(tensor(a2), tensor(y)))


def bce_with_logits(scores, y):
    """(mean loss, dscores) by autograd."""
    F = torch().nn.functional
    loss, (dscores,) = vjp(lambda s: F.binary_cross_entropy_with_logits(s, tensor(y)), scores)
    return loss, dscores


def two_layer_net(X, y, params, hidden="sigmoid"):
    """(loss, grads) of the two-layer network, by autograd."""
    F = torch().nn.functional
    keys = ("W1", "b1", "W2", "b2")

    def loss_fn(W1, b1, W2, b2):
        h = activation(hidden)(tensor(X) @ W1 + b1)
        scores = (h @ W2 + b2)[:, 0]
        return F.binary_cross_entropy_with_logits(scores, tensor(y))

    loss, grads = vjp(loss_fn, *(params[k] for k in keys))
    return loss, dict(zip(keys, grads, strict=True))


def gradient_descent(X, y, params, lr, n_steps, hidden="sigmoid"):
    """(params after n_steps full-batch steps, the loss before each step), by autograd."""
    losses = []
    params = {k: np.array(v, dtype=float) for k, v in params.items()}
    for _ in range(n_steps):
        loss, grads = two_layer_net(X, y, params, hidden)
        losses.append(loss)
        params = {k: params[k] - lr * grads[k] for k in params}
    return params, np.array(losses)


def descent_diagnoses(X, y, P0, lr, n, hidden):
    """Diagnoses of the losses and each parameter after ``n`` epochs from ``P0``: what a
    training loop that gets one thing wrong would return (by autograd, only on failure)."""
    other = "sigmoid" if hidden == "relu" else "relu"
    extra = once(lambda: gradient_descent(X, y, P0, lr, n + 1, hidden))
    hidden_run = once(lambda: gradient_descent(X, y, P0, lr, n, other))
    no_lr = once(lambda: gradient_descent(X, y, P0, 1.0, n, hidden))
    losses = Diagnose(
        wrong_formulas={
            "after": ("the losses after each update; losses[t] is the loss before update t",
                      lambda: extra()[1][1:]),
            "hidden": (f"the losses of the {other} network: pass `hidden` on to two_layer_net",
                       lambda: hidden_run()[1]),
            "no_lr": ("the losses of steps without the learning rate (lr = 1)",
                      lambda: no_lr()[1]),
        },
        axis=(0, "epoch"),
    )
    runs = {
        "extra": (f"{n + 1} updates instead of {n}", lambda: extra()[0]),
        "hidden": (f"training the {other} network: pass `hidden` on to two_layer_net",
                   lambda: hidden_run()[0]),
        "no_lr": ("steps without the learning rate", lambda: no_lr()[0]),
        "initial": ("the initial parameter: it was never updated", lambda: P0),
    }
    return {"losses": losses, **{
        k: Diagnose(wrong_formulas={name: (text, lambda run=run, k=k: run()[k])
                                    for name, (text, run) in runs.items()})
        for k in ("W1", "b1", "W2", "b2")}}
