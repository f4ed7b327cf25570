"""Assertions for numeric checks, with messages written for students.

Every helper raises :class:`CheckFailure` (an ``AssertionError``) whose message says what is
wrong: the type, the shape (expected and got), non-finite entries, how many entries are off and
where, the tolerance used, and, through :mod:`diagnose`, the likely cause. In a hidden check
(see :func:`revealing`) messages never contain an expected value or an input; public checks
also show the worst entry's value and the expected one.

NumPy and the standard library only: this module ships to students in the public-check bundle.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

import numpy as np

from autograder.core.codec import Handle
from autograder.core.submission import kind_of
from autograder.testing.diagnose import Diagnose, Diagnosis
from autograder.testing.tags import require_known

__all__ = [
    "CheckFailure",
    "expect_array",
    "expect_close",
    "expect_dict_keys",
    "expect_equal",
    "expect_float",
    "expect_int",
    "expect_rel_error",
    "expect_true",
    "fail",
    "revealing",
]

_reveal = [True]


class CheckFailure(AssertionError):
    """A failed check; ``tags`` name the diagnosed causes (for the mistake catalogue)."""

    def __init__(self, message: str, tags: tuple[str, ...] = ()):
        super().__init__(message)
        self.tags = tuple(tags)
        require_known(self.tags, "CheckFailure")


@contextlib.contextmanager
def revealing(reveal: bool):
    """Within this block, messages may (True) or may not (False) show expected values."""
    old = _reveal[0]
    _reveal[0] = reveal
    try:
        yield
    finally:
        _reveal[0] = old


def reveals() -> bool:
    return _reveal[0]


def fail(message: str, *tags: str) -> None:
    raise CheckFailure(message, tags)


def expect_true(condition: bool, message: str, *tags: str) -> None:
    if not condition:
        fail(message, *tags)


# ---------------------------------------------------------------------------- types and shapes


def expect_array(value: Any, *, name: str, shape: tuple[int, ...] | None = None,
                 dtype: str = "float64") -> np.ndarray:
    """``value`` must be a NumPy array (of ``shape``, if given) with finite entries.

    ``dtype`` is what the contract asks for: ``"float64"`` (array outputs, the default: a
    float32 or integer array is named as such before any value is compared), ``"integer"``
    (labels, indices, counts: any NumPy integer dtype), ``"bool"`` or ``"real"`` (any of
    these).
    """
    if isinstance(value, Handle) or not isinstance(value, np.ndarray):
        want = f" of shape {tuple(shape)}" if shape is not None else ""
        fail(f"{name} should be a NumPy array{want}; got {kind_of(value)}.", "type")
    if value.dtype.kind not in "biuf":
        fail(f"{name} should hold real numbers; got dtype {value.dtype}.", "type")
    if shape is not None and value.shape != tuple(shape):
        fail(f"{name} has the wrong shape: expected {tuple(shape)}, got {value.shape}."
             + _shape_hint(value.shape, tuple(shape)), "shape")
    _expect_dtype(value, name, dtype)
    bad = ~np.isfinite(value) if value.dtype.kind == "f" else np.zeros(value.shape, bool)
    if bad.any():
        n_nan = int(np.isnan(value).sum())
        fail(f"{name} contains {n_nan} NaN and {int(bad.sum()) - n_nan} infinite entries "
             f"(of {value.size}): look for an overflow, a division by zero or log(0).",
             "not_finite")
    return value


def _expect_dtype(value: np.ndarray, name: str, dtype: str) -> None:
    kind = value.dtype.kind
    if dtype == "float64" and value.dtype != np.float64:
        if kind == "f":
            fail(f"{name} has dtype {value.dtype}; the contract asks for float64 arrays (NumPy's "
                 f"default): compute in float64 (no `dtype=np.{value.dtype}` or "
                 f"`.astype(np.{value.dtype})`), which keeps about 16 digits.", "dtype")
        what = "booleans" if kind == "b" else "integers"
        fail(f"{name} holds {what} (dtype {value.dtype}); it should be a float64 array: compute "
             "with floats (for example `np.zeros(n)`, not `np.zeros(n, dtype=int)`, or "
             "`.astype(float)`).", "dtype")
    if dtype == "integer" and kind not in "iu":
        fail(f"{name} should hold integers (labels, indices or counts); got dtype "
             f"{value.dtype}. Use an integer array (for example `.astype(int)`).", "dtype")
    if dtype == "bool" and kind != "b":
        fail(f"{name} should be a boolean array; got dtype {value.dtype}.", "dtype")
    if dtype not in ("float64", "integer", "bool", "real"):
        raise ValueError(f"unknown dtype requirement {dtype!r}")


def _shape_hint(got: tuple, want: tuple) -> str:
    if got == want[::-1] and len(got) == 2:
        return " It looks transposed."
    if math.prod(got) == math.prod(want):
        if len(got) == len(want) + 1 and got[-1] == 1:
            return " You return a column; flatten it (for example with `[:, 0]` or `.ravel()`)."
        return f" It has the right number of entries: reshape it to {want}."
    return ""


def expect_float(value: Any, *, name: str) -> float:
    """A Python number, a NumPy scalar or a 0-d array; returns a finite float."""
    if isinstance(value, bool) or value is None:
        fail(f"{name} should be a number; got {kind_of(value)}.", "type")
    scalar_array = (isinstance(value, np.ndarray) and value.shape == ()
                    and value.dtype.kind in "biuf")
    low = (isinstance(value, np.floating) or scalar_array) and value.dtype.itemsize < 8 \
        and value.dtype.kind == "f"
    if low:
        fail(f"{name} is a {value.dtype} number; compute in float64 (Python floats and NumPy's "
             "default are float64).", "dtype")
    if isinstance(value, (int, float)) or scalar_array:
        x = float(value)
    elif isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "biuf":
        fail(f"{name} should be a number; got an array of shape {value.shape}. "
             "Use `float(...)` or `.item()`.", "shape")
    else:
        fail(f"{name} should be a number; got {kind_of(value)}.", "type")
    if not math.isfinite(x):
        fail(f"{name} is {x}: look for an overflow, a division by zero or log(0).", "not_finite")
    return x


def expect_int(value: Any, want: int, *, name: str, diagnose: Diagnose | None = None) -> None:
    """``value`` must be an integer (Python or NumPy) equal to ``want``.

    ``diagnose`` explains a wrong value as for :func:`expect_close` (its wrong formulas return
    the integer a specific mistake would give).
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, float) and value.is_integer():
            fail(f"{name} should be an integer; got the float {value}.", "type")
        fail(f"{name} should be an integer; got {kind_of(value)}.", "type")
    if int(value) != int(want):
        detail = f" (got {int(value)}, expected {int(want)})" if reveals() else ""
        found = diagnose.explain(np.asarray([float(value)]), np.asarray([float(want)]), 0.0,
                                 0.0) if diagnose else []
        _fail_with(f"{name} is wrong{detail}.", found, "value")


def expect_equal(got: Any, want: Any, *, name: str, diagnose: Diagnose | None = None) -> None:
    """``got`` equals ``want`` exactly: an integer or boolean array (labels, indices, counts,
    masks: any integer dtype for integers) of ``want``'s shape, or an integer.

    The message gives how many entries differ and where; public checks also show the first
    wrong entry and its expected value. ``diagnose`` (wrong formulas, regions, an axis)
    explains it, as for :func:`expect_close`.
    """
    want_arr = np.asarray(want)
    if want_arr.shape == () and want_arr.dtype.kind in "iu":
        expect_int(got, int(want_arr), name=name, diagnose=diagnose)
        return
    kind = "bool" if want_arr.dtype.kind == "b" else "integer"
    got = expect_array(got, name=name, shape=want_arr.shape, dtype=kind)
    bad = got != want_arr
    if not bad.any():
        return
    n_bad = int(bad.sum())
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    text = f"{name} is wrong at {n_bad} of {bad.size} entries; the first is at index {first}."
    if reveals():
        text += f" Got {got[first]!r}, expected {want_arr[first]!r}."
    found = (diagnose or Diagnose(transpose=False)).explain(
        got.astype(float), want_arr.astype(float), 0.0, 0.0)
    _fail_with(text, found, "value")


def expect_dict_keys(value: Any, keys: set[str], *, name: str) -> dict:
    if not isinstance(value, dict):
        fail(f"{name} should be a dict with keys {sorted(keys)}; got {kind_of(value)}.", "type")
    if set(value) != set(keys):
        missing, extra = sorted(set(keys) - set(value)), sorted(set(value) - set(keys))
        text = f"{name} should have exactly the keys {sorted(keys)}"
        text += f"; missing {missing}" if missing else ""
        text += f"; unexpected {extra}" if extra else ""
        fail(text + ".", "keys")
    return value


# ---------------------------------------------------------------------------- values


def expect_close(
    got: Any,
    want: Any,
    *,
    name: str,
    rtol: float,
    atol: float,
    diagnose: Diagnose | None = None,
) -> None:
    """``got`` must be an array of ``want``'s shape with ``|got - want| <= atol + rtol |want|``.

    Scalars are accepted where ``want`` is a scalar. The message gives the tolerance, how many
    entries are off and where, and the diagnosed cause.
    """
    want = np.asarray(want, dtype=float)
    diagnose = diagnose or Diagnose()
    if want.shape == ():
        x = expect_float(got, name=name)
        if math.isclose(x, float(want), rel_tol=rtol, abs_tol=atol):
            return
        found = diagnose.explain(np.asarray([x]), want.reshape(1), rtol, atol)
        detail = f" Got {x:.10g}, expected {float(want):.10g}." if reveals() else ""
        _fail_with(f"{name} is wrong (tolerance rtol={rtol:g}, atol={atol:g}).{detail}", found)
    if not isinstance(got, np.ndarray) or got.shape != want.shape:
        found = []
        if isinstance(got, np.ndarray) and got.dtype.kind in "biuf" and np.all(np.isfinite(got)):
            found = diagnose.explain(got.astype(float), want, rtol, atol)
        if found:
            shape = got.shape if isinstance(got, np.ndarray) else None
            _fail_with(f"{name} has the wrong shape: expected {want.shape}, got {shape}.", found,
                       "shape")
        expect_array(got, name=name, shape=want.shape)
    got = expect_array(got, name=name, shape=want.shape).astype(float)
    bad = ~np.isclose(got, want, rtol=rtol, atol=atol)
    if not bad.any():
        return
    n_bad = int(bad.sum())
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    text = (f"{name} is wrong at {n_bad} of {bad.size} entries (tolerance rtol={rtol:g}, "
            f"atol={atol:g}); the first is at index {first}.")
    if reveals():
        err = np.abs(got - want)
        worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(err)), err.shape))
        text += (f" Largest error at index {worst}: got {got[worst]:.10g}, "
                 f"expected {want[worst]:.10g}.")
    _fail_with(text, diagnose.explain(got, want, rtol, atol))


def expect_rel_error(got: Any, want: Any, *, name: str, tol: float, what: str = "") -> None:
    """Relative 2-norm error ``||got - want|| / ||want||`` below ``tol``."""
    want = np.asarray(want, dtype=float)
    got = expect_array(got, name=name, shape=want.shape).astype(float)
    denom = float(np.linalg.norm(want)) or 1.0
    err = float(np.linalg.norm(got - want)) / denom
    if err < tol:
        return
    subject = what or name
    fail(f"{subject}: relative error {err:.1e} is above the tolerance {tol:g}.", "accuracy")


def _fail_with(text: str, found: list[Diagnosis], *extra_tags: str) -> None:
    if found:
        text += " " + " ".join(d.text for d in found)
    raise CheckFailure(text, tuple(extra_tags) + tuple(d.tag for d in found))
