"""Detectors that say *why* an array is wrong, in the student's terms.

A failing comparison asks a :class:`Diagnose` for explanations. Each detector is small and
general: a constant factor (and which one: -1, 2, 1/2, N, 1/N, ... as the test names them), the
transpose, a constant offset, "matches this wrong formula" (a wrong computation the test
registers, evaluated only on failure), and which named regions (gate blocks, time steps,
channels) are wrong. Every explanation carries a tag of :mod:`tags`' vocabulary, so the
mistake catalogue can measure whether feedback names the right cause.

(Wrong formulas are what a mistake computes. Their opposite, other *correct* ways to write a
function, are the catalogue's variants: ``tests/assignments/<name>/variants.py``.)

Explanations never contain expected values: only ratios, index ranges and names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DEFAULT_FACTORS = {"-1": -1.0, "2": 2.0, "1/2": 0.5, "-2": -2.0, "-1/2": -0.5}


@dataclass(frozen=True)
class Diagnosis:
    tag: str
    text: str


@dataclass
class Diagnose:
    """What a test knows about plausible mistakes for one output.

    - ``factors``: named constants a wrong answer may be off by, e.g. ``{"N": 4, "1/N": 0.25}``
      (the defaults -1, 2, 1/2, -2, -1/2 are always tried);
    - ``hints``: extra advice keyed by a factor's name or a wrong formula's key;
    - ``wrong_formulas``: ``{key: (description, thunk)}``, where ``thunk()`` computes what a
      specific mistake would return (a wrong formula applied to the same inputs; tag
      ``formula:key``);
    - ``regions``: ``{name: index}`` named parts of the output (``index`` usable as
      ``array[index]``), e.g. the four LSTM gate blocks;
    - ``axis``: ``(axis, label)`` to report the first wrong position along an axis, e.g.
      ``(1, "time step")``.
    """

    factors: dict[str, float] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    wrong_formulas: dict[str, tuple[str, Callable[[], Any]]] = field(default_factory=dict)
    regions: dict[str, Any] = field(default_factory=dict)
    axis: tuple[int, str] | None = None
    transpose: bool = True

    def explain(
        self, got: np.ndarray, want: np.ndarray, rtol: float, atol: float
    ) -> list[Diagnosis]:
        out: list[Diagnosis] = []
        if got.shape != want.shape:
            return self._explain_shape(got, want, rtol, atol)
        for detector in (self._wrong_formulas, self._factor, self._transpose, self._offset):
            found = detector(got, want, rtol, atol)
            if found:
                out.extend(found)
                break
        out.extend(self._regions(got, want, rtol, atol))
        out.extend(self._axis(got, want, rtol, atol))
        return out

    # -- detectors ---------------------------------------------------------------------

    def _hint(self, key: str) -> str:
        h = self.hints.get(key)
        return f" {h}" if h else ""

    def _wrong_formulas(self, got, want, rtol, atol):
        for key, (description, thunk) in self.wrong_formulas.items():
            try:
                alt = np.asarray(thunk(), dtype=float)
            except Exception:  # noqa: BLE001 - a formula that does not apply here
                continue
            if alt.size == got.size == want.size and alt.size == 1:
                alt = alt.reshape(got.shape)  # scalars, however they are wrapped
            if alt.shape != got.shape or not np.all(np.isfinite(alt)):
                continue
            if alt.shape == want.shape and np.allclose(alt, want, rtol=rtol, atol=atol):
                continue  # indistinguishable from the right answer on these inputs
            if _close(got, alt, rtol, atol):
                return [Diagnosis(f"formula:{key}", f"Your result matches {description}."
                                  + self._hint(key))]
        return []

    def _factor(self, got, want, rtol, atol):
        ww = float(np.vdot(want, want))
        if ww == 0.0 or got.size == 0:
            return []
        c = float(np.vdot(want, got)) / ww
        if not np.isfinite(c) or abs(c) < 1e-12:
            return []
        if not _close(got, c * want, max(rtol, 1e-7), atol):
            return []
        if np.isclose(c, 1.0, rtol=1e-9):
            return []
        for name, value in {**DEFAULT_FACTORS, **self.factors}.items():
            if np.isclose(c, value, rtol=1e-6):
                tag = "sign" if name == "-1" else f"factor:{name}"
                what = ("has the wrong sign (it is -1 times the right answer)" if name == "-1"
                        else f"is {name} times the right answer")
                return [Diagnosis(tag, f"Your result {what}." + self._hint(name))]
        if got.size == 1:
            return []  # any wrong number is a multiple of the right one
        text = f"Your result is a constant multiple (about {c:.3g}) of the right answer."
        return [Diagnosis("factor:other", text)]

    def _transpose(self, got, want, rtol, atol):
        if not self.transpose or got.ndim != 2 or got.shape[0] != got.shape[1]:
            return []
        if _close(got, want.T, rtol, atol) and not _close(want, want.T, rtol, atol):
            return [Diagnosis("transpose", "Your result is the transpose of the right answer."
                              + self._hint("transpose"))]
        return []

    def _offset(self, got, want, rtol, atol):
        if got.size < 2:
            return []
        d = got - want
        if _close(d, np.full_like(d, d.flat[0]), rtol, atol) and abs(d.flat[0]) > atol:
            return [Diagnosis("offset", "Your result differs from the right answer by the same "
                              "constant everywhere." + self._hint("offset"))]
        return []

    def _regions(self, got, want, rtol, atol):
        if not self.regions:
            return []
        wrong, right = [], []
        for name, index in self.regions.items():
            ok = _close(got[index], want[index], rtol, atol)
            (right if ok else wrong).append(name)
        if not wrong or not right:
            return []
        return [Diagnosis("regions:" + ",".join(wrong),
                          f"Wrong: {', '.join(wrong)}. Right: {', '.join(right)}.")]

    def _axis(self, got, want, rtol, atol):
        if self.axis is None:
            return []
        axis, label = self.axis
        n = got.shape[axis]
        bad = [
            k for k in range(n)
            if not _close(np.take(got, k, axis=axis), np.take(want, k, axis=axis), rtol, atol)
        ]
        if not bad or len(bad) == n:
            return []  # nothing localised
        good = [k for k in range(n) if k not in bad]
        text = f"Wrong at {label} {_ranges(bad)} (of 0..{n - 1}); right at {_ranges(good)}."
        return [Diagnosis(f"axis:{label}:" + _ranges(bad), text)]

    def _explain_shape(self, got, want, rtol, atol):
        if got.ndim == 2 and got.shape == want.shape[::-1] and _close(got, want.T, rtol, atol):
            return [Diagnosis("transpose", "Your result is the transpose of the right answer."
                              + self._hint("transpose"))]
        if got.size == want.size and _close(got.reshape(want.shape), want, rtol, atol):
            return [Diagnosis("reshape", "The values are right but the shape is not: "
                              f"reshape to {want.shape}.")]
        return self._wrong_formulas(got, want, rtol, atol)


def once(compute: Callable[[], Any]) -> Callable[[], Any]:
    """``compute()`` on first use only: a wrong model whose several outputs feed several
    wrong formulas is evaluated once, and only if a comparison fails."""
    memo: list = []

    def get():
        if not memo:
            memo.append(compute())
        return memo[0]

    return get


def _close(a, b, rtol, atol) -> bool:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _ranges(ks: Sequence[int]) -> str:
    if not ks:
        return "none"
    parts, start, prev = [], ks[0], ks[0]
    for k in list(ks[1:]) + [None]:
        if k is not None and k == prev + 1:
            prev = k
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if k is not None:
            start = prev = k
    return ",".join(parts)
