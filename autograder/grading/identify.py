"""What the trusted process can tell from a submission's source alone (no student code runs).

- **Syntax errors, with their place**: a cell Python cannot parse does not run at all, so every
  function it defines is missing; the student should read "cell 4, line 3: SyntaxError: ..."
  rather than one "not defined" per function.
- **Another assignment's notebook**: a backprop notebook submitted as ols defines none of
  ols's functions and most of backprop's; saying so beats nine "not defined" messages. The
  notebook's Otter metadata (``metadata.otter.assignment_name``) names its assignment too.

Both only read the source (``ast.parse`` of each cell): student code never runs here.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from autograder.grading.prune import UNPARSABLE

_DEF = re.compile(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)", re.M)


def _parse(source: str) -> ast.Module:
    from autograder.sandbox.harness import strip_magics  # as the child parses each cell

    return ast.parse(strip_magics(source))


def syntax_errors(cells: list[str], contract: Iterable[str], *, script: bool = False,
                  ) -> dict[int, str]:
    """1-based cell number -> a sentence for each cell Python cannot parse.

    The sentence gives the place (``cell N, line M``, or ``line M`` for a ``.py`` file), the
    error, the offending line, and which graded functions the cell meant to define (a cell
    that does not parse runs not at all)."""
    wanted = set(contract)
    out = {}
    for i, source in enumerate(cells, start=1):
        try:
            _parse(source)
        except SyntaxError as exc:
            where = f"line {exc.lineno}" if script else f"cell {i}, line {exc.lineno}"
            text = (exc.text or "").strip()
            sentence = f"{where}: {type(exc).__name__}: {exc.msg}"
            if text:
                sentence += f" (`{text[:80]}`)"
            lost = [n for n in dict.fromkeys(_DEF.findall(source)) if n in wanted]
            if lost:
                names = ", ".join(f"`{n}`" for n in lost)
                sentence += (f". {'The file' if script else 'The whole cell'} did not run, so "
                             f"{names} {'is' if len(lost) == 1 else 'are'} missing.")
            else:
                sentence += "."
            out[i] = sentence
        except UNPARSABLE:
            continue  # too deep to parse: the child skips it the same way, with its own note
    return out


def defined_functions(cells: list[str]) -> set[str]:
    """Names of the functions the cells that parse define at top level (also inside a
    top-level ``if``, ``try`` or ``with``)."""
    names: set[str] = set()
    for source in cells:
        try:
            todo = list(_parse(source).body)
        except UNPARSABLE:
            continue
        while todo:
            node = todo.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
                for field in ("body", "orelse", "finalbody"):
                    todo.extend(getattr(node, field, []))
                for handler in getattr(node, "handlers", []):
                    todo.extend(handler.body)
    return names


@lru_cache(maxsize=8)
def _course_contracts(root: Path) -> dict[str, frozenset[str]]:
    from autograder.course import Course, CourseError

    try:
        course = Course(root)
        return {n: frozenset(course.assignment(n).contract) for n in course.names()}
    except CourseError:
        return {}


def wrong_assignment(cells: list[str], name: str, contract: Iterable[str], root: Path,
                     metadata: dict | None = None) -> str | None:
    """A sentence for the student when the submission looks like another assignment's
    notebook of the course, else None.

    It does when most of this assignment's functions are missing and either the code defines
    most of another assignment's functions, or the notebook's Otter metadata names another
    assignment of the course."""
    ours = set(contract)
    if not ours:
        return None
    defined = defined_functions(cells)
    have = len(ours & defined)
    if have * 2 >= len(ours):
        return None  # most of this assignment's functions are there
    others = {n: c for n, c in _course_contracts(Path(root)).items() if n != name and c}
    share = {n: len(c & defined) / len(c) for n, c in others.items()}
    meta = ((metadata or {}).get("otter") or {}) if isinstance(metadata, dict) else {}
    claimed = meta.get("assignment_name") if isinstance(meta, dict) else None
    best = max(share, key=lambda n: (share[n], n), default=None)
    if best is not None and share[best] > 0.5 and share[best] > have / len(ours):
        guess = best
    elif isinstance(claimed, str) and claimed in others:
        guess = claimed
    else:
        return None
    why = []
    if share[guess] > 0.5:
        why.append(f"it defines {len(others[guess] & defined)} of the {len(others[guess])} "
                   f"functions of `{guess}`")
    if claimed == guess:
        why.append(f"its Otter metadata names `{guess}`")
    return (f"This looks like the `{guess}` notebook, not `{name}`: {'; '.join(why)}; and it "
            f"defines {have} of the {len(ours)} functions `{name}` needs. Is this the right "
            "assignment?")
