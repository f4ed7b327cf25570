"""Submissions derived from the reference that must earn nothing: hollow and constant.

"A point means a right answer": no check may award points to a function whose values are
wrong. Two submissions, built for every assignment from its reference and nothing else, put
that to the test:

- the *hollow* submission returns what the reference returns with every number zeroed (arrays
  keep their shape and dtype, tuples, lists and dicts their structure, caches and other opaque
  objects pass through, so a backward pass receives a working cache);
- a *constant* submission fills every number of the reference's return value with one constant
  (:data:`CONSTANTS`: floats, integers and booleans each get their own value).

Both must score 0 on every question (``autograder validate`` and
``tests/framework/test_point_means_right.py``). A check they pass rewards a shape or a type,
not a value: pair its degenerate right answer (a zero gradient at an optimum, a cost of 0) with
a non-degenerate case in the same check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.core.codec import Handle
from autograder.core.submission import Submission

__all__ = ["CONSTANTS", "Filled", "TransformedSubmission", "constant", "derived_submissions",
           "hollow"]


@dataclass(frozen=True)
class Filled:
    """The values a derived submission puts in place of every float, integer and boolean."""

    name: str
    real: float
    integer: int
    boolean: bool


HOLLOW = Filled("hollow", 0.0, 0, False)
CONSTANTS = (Filled("constant 1", 1.0, 1, True), Filled("constant -0.5", -0.5, -1, False))


def fill(value: Any, f: Filled) -> Any:
    """``value`` (plain data) with every number replaced as ``f`` says, structure kept."""
    if isinstance(value, Handle) or value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return f.boolean
    if isinstance(value, int):
        return f.integer
    if isinstance(value, float):
        return f.real
    if isinstance(value, np.ndarray):
        kind = value.dtype.kind
        v = f.boolean if kind == "b" else f.integer if kind in "iu" else f.real
        return np.full(value.shape, v, dtype=value.dtype)
    if isinstance(value, tuple):
        return tuple(fill(v, f) for v in value)
    if isinstance(value, list):
        return [fill(v, f) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, f) for k, v in value.items()}
    return value


class TransformedSubmission(Submission):
    """``base``'s answers with ``transform`` applied to every returned value."""

    def __init__(self, base: Submission, transform: Callable[[Any], Any]):
        super().__init__(base.contract)
        self._base = base
        self._transform = transform

    def _request(self, request: dict, context) -> dict:
        response = self._base._request(request, context)
        if isinstance(response, dict) and response.get("ok") is True and "value" in response:
            response = dict(response, value=self._transform(response["value"]))
        return response

    def close(self) -> None:
        self._base.close()


def hollow(reference: Submission) -> Submission:
    return TransformedSubmission(reference, lambda v: fill(v, HOLLOW))


def constant(reference: Submission, f: Filled) -> Submission:
    return TransformedSubmission(reference, lambda v: fill(v, f))


def derived_submissions(reference_factory: Callable[[], Submission]
                        ) -> list[tuple[str, Submission]]:
    """``(name, submission)`` for the hollow and every constant submission, each on a fresh
    reference (``reference_factory()``)."""
    out = [(HOLLOW.name, hollow(reference_factory()))]
    out += [(f.name, constant(reference_factory(), f)) for f in CONSTANTS]
    return out
