"""A check's title (the first paragraph of its docstring, which students read next to its result)
is a whole sentence, and where it states a computation, the computation is right and uses the
numbers the check itself uses."""

from __future__ import annotations

import ast
import inspect
import io
import re
import tokenize

import pytest

from autograder.course import Course

from .conftest import ROOT

COURSE = Course(ROOT)
CHECKS = [(name, c) for name in COURSE.names() for c in COURSE.assignment(name).checks]
# "1 - 1.75 / 10 = 0.825": an arithmetic expression of numbers, then "=", then a number.
EQUATION = re.compile(r"((?:[-+]?\s*\(?\s*\d[\d.]*\s*\)?\s*[-+*/]\s*)+\(?\s*\d[\d.]*\s*\)?)"
                      r"\s*=\s*(-?\d+(?:\.\d+)?)")


def _numbers(source: str) -> set[float]:
    found = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NUMBER:
            try:
                found.add(float(ast.literal_eval(tok.string)))
            except (ValueError, SyntaxError):
                pass
    return found


@pytest.mark.parametrize(("name", "check"), CHECKS,
                         ids=[f"{n}:{c.info.name}" for n, c in CHECKS])
def test_the_title_is_whole_and_its_arithmetic_is_the_checks(name, check):
    title = check.info.description
    assert title.count("(") == title.count(")"), f"{name} {check.info.name}: {title!r}"
    assert title.rstrip().endswith((".", "?", ")")), f"{name} {check.info.name}: {title!r}"
    source = inspect.getsource(check.func)
    used = _numbers(source)
    for lhs, rhs in EQUATION.findall(title):
        value = eval(lhs, {"__builtins__": {}})  # noqa: S307 - digits and operators only
        assert value == pytest.approx(float(rhs), abs=0.5 * 10 ** -_decimals(rhs)), (
            f"{name} {check.info.name}: the title says {lhs.strip()} = {rhs}, but that is "
            f"{value:g}")
        missing = [x for x in _numbers(lhs) if x not in used and x not in (0.0, 1.0)]
        assert not missing, (f"{name} {check.info.name}: the title's {lhs.strip()} uses "
                             f"{missing}, which the check never does")


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def test_the_pattern_catches_a_wrong_title():
    ((lhs, rhs),) = EQUATION.findall("R^2 on a hand example: 1 - 1.5 / 20 = 0.925.")
    assert eval(lhs) != pytest.approx(float(rhs), abs=5e-4) or _numbers(lhs) - {1.0} == {1.5, 20}
    assert _numbers(lhs) == {1.0, 1.5, 20.0}
