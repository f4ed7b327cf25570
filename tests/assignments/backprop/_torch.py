"""PyTorch autograd in float64: the independent oracle of the hidden checks.

Hidden checks only: PyTorch is imported inside each function, so nothing here reaches the
students' public checks (which may use NumPy only).
"""

import numpy as np


def vjp(fn, *arrays, dout=None):
    """``fn(*tensors)`` and the gradients of ``sum(fn(...) * dout)`` with respect to each input.

    ``arrays`` are floats or arrays (made float64 tensors); ``dout`` None means ``fn`` returns
    a scalar, whose own gradient is taken. Returns ``(out, [grad for each input])`` as NumPy
    values (floats for 0-d results).
    """
    import torch

    tensors = [torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True) for a in arrays]
    out = fn(*tensors)
    if dout is None:
        out.backward()
    else:
        out.backward(torch.tensor(np.asarray(dout, dtype=np.float64)))
    return _numpy(out.detach()), [_numpy(t.grad) for t in tensors]


def _numpy(t):
    a = t.numpy().copy()
    return float(a) if a.ndim == 0 else a


def act(name):
    import torch

    return {"sigmoid": torch.sigmoid, "relu": torch.relu}[name]


def scalar_network(x, params, y):
    """(a2, loss, grads) of the scalar network, by autograd."""
    import torch.nn.functional as F

    keys = ("w1", "b1", "w2", "b2")
    out = {}

    def loss_fn(w1, b1, w2, b2):
        a2 = act("sigmoid")(w2 * act("sigmoid")(w1 * x + b1) + b2)
        out["a2"] = float(a2.detach())
        return F.binary_cross_entropy(a2, a2.new_tensor(y))

    loss, grads = vjp(loss_fn, *(params[k] for k in keys))
    return out["a2"], loss, dict(zip(keys, grads, strict=True))


def bce_with_logits(scores, y):
    """(mean loss, dscores) by autograd."""
    import torch.nn.functional as F

    loss, (dscores,) = vjp(
        lambda s: F.binary_cross_entropy_with_logits(s, s.new_tensor(y)), scores)
    return loss, dscores


def two_layer_net(X, y, params, hidden="sigmoid"):
    """(loss, grads) of the two-layer network, by autograd."""
    import torch.nn.functional as F

    keys = ("W1", "b1", "W2", "b2")

    def loss_fn(W1, b1, W2, b2):
        h = act(hidden)(W1.new_tensor(X) @ W1 + b1)
        scores = (h @ W2 + b2)[:, 0]
        return F.binary_cross_entropy_with_logits(scores, scores.new_tensor(y))

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
