"""Central finite differences, in float64, for gradient checks of trusted code (oracles).

Tests never differentiate a student's function numerically in the grader: they compare the
student's gradient with an oracle's, and use these helpers to check the oracle (and the
reference) against the definition of a derivative.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6
) -> np.ndarray:
    """d f(x) / dx for a scalar function ``f``, by central differences; ``x`` is not modified."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        fp = f(x.copy())
        x[i] = old - h
        fm = f(x.copy())
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad


def numerical_vjp(
    f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, dout: np.ndarray, h: float = 1e-6
) -> np.ndarray:
    """The gradient of ``sum(f(x) * dout)`` with respect to ``x`` (a vector-Jacobian product)."""
    dout = np.asarray(dout, dtype=float)
    return numerical_gradient(lambda z: float(np.sum(np.asarray(f(z), dtype=float) * dout)), x, h)


def finite_differences(
    f: Callable[..., Any], inputs: Mapping[str, Any], wrt: Sequence[str], dout: Any = None,
    h: float = 1e-6,
) -> dict[str, np.ndarray]:
    """Central differences of ``sum(f(**inputs) * dout)`` (of ``f(**inputs)`` itself when
    ``dout`` is None) with respect to each input named in ``wrt``; the others stay fixed.

    The gradient check of a backward pass: draw ``dout`` at random (every entry, every time
    step), so that a gradient that is right only for an upstream gradient of ones is caught.
    """
    out = {}
    for name in wrt:
        def partial(value, name=name):
            y = np.asarray(f(**{**inputs, name: value}), dtype=float)
            return float(y.sum() if dout is None else np.sum(y * np.asarray(dout, dtype=float)))
        out[name] = numerical_gradient(partial, inputs[name], h)
    return out


FD_RTOL, FD_ATOL = 1e-6, 1e-8  # central differences of smooth float64 functions, step 1e-6
