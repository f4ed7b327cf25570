"""The implementation under test, seen from a test: ``sub.fn(*args)`` returns plain data.

Two implementations share this interface:

- :class:`autograder.testing.local.LocalSubmission` calls functions in this process (the
  reference in CI, a student's own notebook when they run the public checks);
- :class:`autograder.sandbox.proxy.SandboxedSubmission` calls them in a sandboxed child.

Either way a test receives only numbers, strings, base ``ndarray`` copies, tuples, lists and
dicts of these, and :class:`Handle` objects standing for what the contract keeps with the
student's code (caches, functions, other objects). Arguments may also be NumPy generators,
callables of the test's (they run in the test's process) and the student's own functions
(``sub.function("name")``): see :mod:`autograder.core.arguments`. Errors in student code reach
the test as :class:`StudentCodeError`, which the runner turns into a message for the student.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from autograder.core.arguments import CallContext
from autograder.core.codec import FunctionRef, Handle
from autograder.core.contract import ReturnSpec

__all__ = ["CallResult", "Handle", "StudentCodeError", "Submission", "interpret_response",
           "kind_of"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")


class StudentCodeError(Exception):
    """Calling a student's function did not produce a value.

    ``kind`` is one of ``missing``, ``not_implemented``, ``exception``, ``return``, ``timeout``,
    ``crash``, ``memory``, ``disk``, ``budget``, or ``mutated`` (the call returned, but changed
    one of its inputs: ``detail`` names them).
    """

    def __init__(self, fn: str, kind: str, detail: str = ""):
        super().__init__(f"{fn}: {kind}: {detail}")
        self.fn, self.kind, self.detail = fn, kind, detail

    def student_message(self) -> str:
        fn, d = self.fn, self.detail
        if self.kind == "missing":
            return f"`{fn}` is not defined in your submission." + (f" {d}" if d else "")
        if self.kind == "not_implemented":
            if d:
                return f"`{fn}` is not implemented yet: {d}"
            return f"`{fn}` is not implemented yet (it raised NotImplementedError)."
        if self.kind == "exception":
            return f"`{fn}` raised an error: {d}"
        if self.kind == "return":
            return f"`{fn}` {d}"
        if self.kind == "timeout":
            return f"`{fn}` did not finish in time: {d}"
        if self.kind == "memory":
            return f"`{fn}` ran out of memory: {d}"
        if self.kind == "disk":
            return f"`{fn}` was stopped: {d}"
        if self.kind == "crash":
            return f"Your code crashed while running `{fn}`: {d}"
        if self.kind == "budget":
            return f"`{fn}` was not run: {d}"
        if self.kind == "mutated":
            return (f"`{fn}` modified its input {d}. A function must leave its inputs unchanged: "
                    "work on a copy (for example `x = x.copy()`, or `out = x + 1` instead of "
                    "`x += 1`).")
        return f"`{fn}`: {d}"


@dataclass
class CallResult:
    value: Any
    mutated: list[str] = field(default_factory=list)


class Submission:
    """Base class: subclasses implement :meth:`_request` (one call, one response dict)."""

    def __init__(self, contract: dict[str, ReturnSpec]):
        self.contract = contract
        self._labels: dict[int, str] = {}  # handle id -> what it is, for messages
        self._busy = False  # a call is under way (its callbacks may not call the submission)

    def _request(self, request: dict, context: CallContext) -> dict:  # pragma: no cover
        """Answer ``request``: run it, answer the callbacks it makes with ``context``, and
        return the response after ``context.settle``."""
        raise NotImplementedError

    def call(self, fn: str | Handle, *args: Any, **kwargs: Any) -> CallResult:
        """Call the student's function ``fn`` (a name, or a handle of a function the student's
        code returned); the value and which arguments the call modified."""
        if self._busy:
            raise RuntimeError("a submission cannot be called from inside one of the test's "
                               "callables it is running")
        context = CallContext()
        if isinstance(fn, Handle):
            name = self._labels.get(fn.id, f"the function behind {fn!r}")
            spec = None
            request = {"op": "invoke", "handle": fn, "fn": name}
        else:
            name, spec = fn, self.contract.get(fn)
            request = {"op": "call", "fn": name, "keep": spec.keep if spec else None}
        request.update(args=context.lend(list(args)), kwargs=context.lend(dict(kwargs)))
        self._busy = True
        try:
            response = self._request(request, context)
        finally:
            self._busy = False
        result = interpret_response(name, spec, response)
        self._label_handles(name, spec, result.value)
        return result

    def invoke(self, handle: Handle, *args: Any, **kwargs: Any) -> Any:
        """Call a function the student's code returned (a ``callable`` in the contract):
        plain data back, as from ``sub.fn(...)``."""
        if not isinstance(handle, Handle):
            raise TypeError(f"invoke takes a handle from the submission, not {kind_of(handle)}")
        return self.value_of(handle, *args, **kwargs)

    def function(self, name: str) -> FunctionRef:
        """The student's own function ``name``, to pass as an argument to another of theirs."""
        if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"not a function name: {name!r}")
        return FunctionRef(name)

    def _label_handles(self, fn: str, spec: ReturnSpec | None, value: Any) -> None:
        if spec is None or not spec.keep:
            return
        for position, _, kept in spec.keep:
            h = value if position == -1 else (
                value[position] if isinstance(value, (tuple, list)) and position < len(value)
                else None)
            if isinstance(h, Handle):
                self._labels[h.id] = f"{kept} from {fn}"

    def value_of(self, name: str | Handle, *args: Any, **kwargs: Any) -> Any:
        """The value ``name(*args, **kwargs)`` returned, provided the call left every input
        unchanged (else :class:`StudentCodeError` of kind ``mutated``).

        ``sub.fn(...)`` is this: every value a check compares comes from a call that also
        respected the contract's "never modify an input", so a check's points always mean
        right values on unchanged inputs, and no check needs to test the inputs apart.
        """
        result = self.call(name, *args, **kwargs)
        if result.mutated:
            label = name if isinstance(name, str) else self._labels.get(name.id, repr(name))
            raise StudentCodeError(label, "mutated",
                                   ", ".join(f"`{m}`" for m in result.mutated))
        return result.value

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.value_of(name, *args, **kwargs)

    def close(self) -> None:
        pass


def interpret_response(name: str, spec: ReturnSpec | None, response: dict) -> CallResult:
    """Turn a harness response into a value, or raise :class:`StudentCodeError`."""
    if not isinstance(response, dict):
        raise StudentCodeError(name, "crash", "the submission answered with malformed data")
    if response.get("ok") is True:
        value = response.get("value")
        if spec is not None:
            check_structure(name, spec, value)
        mutated = response.get("mutated") or []
        mutated = [str(m) for m in mutated] if isinstance(mutated, list) else []
        return CallResult(value, mutated)
    kind = response.get("kind")
    if kind == "missing":
        missing = response.get("fn")
        if isinstance(missing, str) and _IDENTIFIER.fullmatch(missing):
            name = missing  # a function passed by name, or the called one
        names = response.get("names")
        names = [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        hint = f"Did you mean `{close[0]}`? Rename it to `{name}`." if close else ""
        raise StudentCodeError(name, "missing", hint)
    if kind == "exception":
        etype = str(response.get("type", ""))
        message = str(response.get("message", ""))[:4000]
        if etype == "NotImplementedError":
            # The stub's bare NotImplementedError(), or one with the student's own text.
            text = response.get("text")
            raise StudentCodeError(name, "not_implemented",
                                   message if isinstance(text, str) and text.strip() else "")
        if etype == "MemoryError":
            raise StudentCodeError(name, "memory", message)
        if etype == "RecursionError":
            raise StudentCodeError(name, "exception", message)
        raise StudentCodeError(name, "exception", message)
    if kind == "return":
        raise StudentCodeError(name, "return", str(response.get("message", ""))[:4000])
    if kind in ("timeout", "crash", "memory", "disk", "budget"):
        raise StudentCodeError(name, kind, str(response.get("message", ""))[:4000])
    raise StudentCodeError(name, "crash", "the submission answered with malformed data")


def kind_of(value: Any) -> str:
    """What ``value`` is, in a message's words: ``an array of shape (3,)``, ``a tuple of 2
    values``, ``None``..."""
    if isinstance(value, Handle):
        return "an opaque object"
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, int):
        return "an int"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, tuple):
        return f"a tuple of {len(value)} values"
    if isinstance(value, list):
        return f"a list of {len(value)} values"
    if isinstance(value, dict):
        return "a dict"
    if value is None:
        return "None"
    if hasattr(value, "shape"):
        return f"an array of shape {tuple(value.shape)}"
    return f"a {type(value).__name__}"


def check_structure(name: str, spec: ReturnSpec, value: Any) -> None:
    """Tuple arity and caches; value checks are the tests' business."""
    if value is None and spec.kinds != ("any",) and spec.kinds != ("cache",):
        raise StudentCodeError(name, "return", "returned None: did you forget `return`?")
    if spec.is_tuple and (not isinstance(value, (tuple, list)) or len(value) != len(spec.kinds)):
        raise StudentCodeError(
            name,
            "return",
            f"must return {spec.describe()} ({len(spec.kinds)} values); "
            f"it returned {kind_of(value)}.",
        )
