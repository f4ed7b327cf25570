"""The function-level contract of an assignment: which functions exist and what they return.

Return kinds are written as in the course's contract tables: ``float``, ``int``, ``array``,
``dict``, ``any``, ``cache`` (an opaque object handed back to the same student's backward
function), ``callable`` (a function the student's code returns, such as ``(f: callable, grad:
callable)``: a check calls it with ``sub.invoke``), ``opaque`` (any other object that is not
data), or a tuple of these such as ``(array, cache)``. The grader uses the kinds to keep
caches, functions and objects inside the sandbox (checks get handles) and to explain a wrongly
shaped return value in the student's terms.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("float", "int", "array", "dict", "any", "cache", "callable", "opaque")
KEPT = ("cache", "callable", "opaque")  # kinds that stay with the student's code, as handles


@dataclass(frozen=True)
class ReturnSpec:
    """``kinds`` has one entry for a single value, several for a tuple."""

    kinds: tuple[str, ...]
    is_tuple: bool
    names: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> ReturnSpec:
        """Parse ``"array"`` or ``"(out: array, cache: cache)"`` (names are optional)."""
        t = text.strip()
        is_tuple = t.startswith("(") and t.endswith(")")
        parts = [p.strip() for p in (t[1:-1] if is_tuple else t).split(",") if p.strip()]
        kinds, names = [], []
        for p in parts:
            name, _, kind = p.rpartition(":")
            kind = kind.strip()
            if kind not in KINDS:
                raise ValueError(f"unknown return kind {kind!r} in {text!r}")
            kinds.append(kind)
            names.append(name.strip() or kind)
        return cls(tuple(kinds), is_tuple, tuple(names))

    @property
    def keep(self) -> list[list] | None:
        """What stays with the student's code as handles: ``[position, kind, name]`` for each
        kept value (position -1: the whole value), or None."""
        if not self.is_tuple:
            return [[-1, self.kinds[0], self.names[0]]] if self.kinds[0] in KEPT else None
        kept = [[i, k, n] for i, (k, n) in enumerate(zip(self.kinds, self.names, strict=True))
                if k in KEPT]
        return kept or None

    def describe(self) -> str:
        if not self.is_tuple:
            return self.kinds[0]
        return "a tuple (" + ", ".join(self.names) + ")"


def parse_contract(functions: dict[str, str]) -> dict[str, ReturnSpec]:
    return {name: ReturnSpec.parse(spec) for name, spec in functions.items()}
