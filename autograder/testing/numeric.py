"""Central finite differences, in float64, for gradient checks of trusted code (oracles).

Tests never differentiate a student's function numerically in the grader: they compare the
student's gradient with an oracle's, and use these helpers to check the oracle (and the
reference) against the definition of a derivative.
"""

from __future__ import annotations

from collections.abc import Callable

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
