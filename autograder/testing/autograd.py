"""PyTorch autograd in float64: the independent oracle of hidden checks.

Hidden checks only (PyTorch is imported inside each function, so nothing here reaches the
students' public checks, which may use NumPy only). Every helper takes and returns NumPy
values, runs in float64 on one thread (the grader's oracles are tiny; a thread pool beside the
sandboxes makes each call 10-20 times slower), and never builds a full Jacobian: gradients are
vector-Jacobian products with the check's own random upstream gradient.

    out, (dx, dw) = vjp(lambda x, w: torch.nn.functional.conv2d(x, w), x, w, dout=dout)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["as_numpy", "float64", "tensor", "torch", "vjp", "vjp_named"]


def torch():
    """The ``torch`` module, pinned to one thread (imported on first use)."""
    import torch as _torch

    if _torch.get_num_threads() != 1:
        _torch.set_num_threads(1)
    return _torch


def float64() -> Any:
    """``torch.float64``."""
    return torch().float64


def tensor(a: Any, requires_grad: bool = False) -> Any:
    """A float64 tensor holding a copy of ``a`` (a number or an array)."""
    t = torch().tensor(np.array(a, dtype=np.float64))
    return t.requires_grad_(True) if requires_grad else t


def as_numpy(t: Any) -> Any:
    """A NumPy copy of a tensor (a Python float for a 0-d tensor); tuples and dicts of
    tensors are converted item by item."""
    if isinstance(t, tuple):
        return tuple(as_numpy(x) for x in t)
    if isinstance(t, dict):
        return {k: as_numpy(v) for k, v in t.items()}
    a = t.detach().numpy().copy()
    return float(a) if a.ndim == 0 else a


def vjp(fn: Callable[..., Any], *arrays: Any, dout: Any = None) -> tuple[Any, list[Any]]:
    """``fn(*tensors)`` and the gradients of ``sum(fn(...) * dout)`` with respect to each input.

    ``arrays`` are numbers or arrays (made float64 tensors that require gradients); ``dout``
    None means ``fn`` returns a scalar, whose own gradient is taken. Returns ``(out, grads)``
    as NumPy values (floats for 0-d results); an input that does not reach the output has a
    zero gradient.
    """
    tensors = [tensor(a, requires_grad=True) for a in arrays]
    out = fn(*tensors)
    if dout is None:
        out.backward()
    else:
        out.backward(tensor(dout))
    grads = [as_numpy(t.grad) if t.grad is not None else np.zeros(np.shape(a))
             for t, a in zip(tensors, arrays, strict=True)]
    return as_numpy(out), grads


def vjp_named(fn: Callable[..., Any], inputs: Mapping[str, Any], wrt: Sequence[str],
              dout: Any = None) -> tuple[Any, dict[str, Any]]:
    """As :func:`vjp`, with named inputs: ``fn(**tensors)``, gradients for the names in ``wrt``
    (the other inputs are constants)."""
    names = list(wrt)

    def call(*ts):
        kwargs = {k: tensor(v) for k, v in inputs.items() if k not in names}
        kwargs.update(zip(names, ts, strict=True))
        return fn(**kwargs)

    out, grads = vjp(call, *(inputs[k] for k in names), dout=dout)
    return out, dict(zip(names, grads, strict=True))
