"""Points, question ids and visibility as data on a test function.

A check is an ordinary pytest test that takes the fixtures ``sub`` (the implementation under
test) and ``rng`` (a seeded ``numpy.random.Generator``)::

    @check("q2", points=2, hidden=True)
    def test_gradient_matches_finite_differences(sub, rng):
        ...

The same function runs under pytest against the reference, in the grader against a sandboxed
submission, and (public checks only) in the student's notebook.
"""

from __future__ import annotations

import inspect
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

ATTR = "__autograder_check__"


@dataclass(frozen=True)
class CheckInfo:
    question: str
    points: float
    hidden: bool
    name: str
    description: str

    @property
    def visibility(self) -> str:
        return "hidden" if self.hidden else "public"

    def seed_salt(self) -> int:
        """A stable per-check number mixed into the submission's seed."""
        return zlib.crc32(f"{self.question}:{self.name}".encode())


@dataclass(frozen=True)
class Check:
    info: CheckInfo
    func: Callable


def check(question: str, points: float = 1, *, hidden: bool = False) -> Callable:
    """Mark a test function as a graded check of ``question`` worth ``points``."""
    if points <= 0:
        raise ValueError("a check must be worth a positive number of points")

    def decorate(func: Callable) -> Callable:
        doc = inspect.getdoc(func) or func.__name__.removeprefix("test_").replace("_", " ")
        setattr(func, ATTR, CheckInfo(question, float(points), hidden, func.__name__,
                                      title_of(doc)))
        return func

    return decorate


def title_of(doc: str) -> str:
    """A check's title: the first paragraph of its docstring, on one line."""
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def collect(module: ModuleType) -> list[Check]:
    """The checks defined in ``module``, in source order."""
    found = []
    for value in vars(module).values():
        info = getattr(value, ATTR, None)
        if isinstance(info, CheckInfo) and getattr(value, "__module__", None) == module.__name__:
            found.append(Check(info, value))
    found.sort(key=lambda c: c.func.__code__.co_firstlineno)
    return found
