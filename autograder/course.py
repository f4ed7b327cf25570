"""The course on disk: where each assignment's single source, solution and tests live.

Layout (paths relative to the course root)::

    assignments/<name>/assignment.toml   title, contract (return kinds), questions, written parts
    assignments/<name>/notebook.md       the narrative, with @solution/@check/@written markers
    solutions/<name>.py                  the hidden reference (solutions between markers)
    tests/assignments/<name>/test_*.py   public and hidden checks (pytest)
    tests/assignments/<name>/mistakes.py the catalogue of common wrong implementations

Everything under ``source/``, ``release/``, ``dist/`` and ``samples/`` is generated from these.
"""

from __future__ import annotations

import importlib
import os
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from autograder.core.contract import ReturnSpec, parse_contract
from autograder.testing.registry import Check, collect


class CourseError(Exception):
    """A problem with the course's own files (not a student's)."""


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class Written:
    id: str
    title: str
    points: float


@dataclass
class Assignment:
    name: str
    root: Path
    title: str
    contract: dict[str, ReturnSpec]
    questions: dict[str, Question]
    written: dict[str, Written] = field(default_factory=dict)
    student_packages: tuple[str, ...] = ("numpy", "matplotlib")

    # -- paths ----------------------------------------------------------------------------
    @property
    def source_dir(self) -> Path:
        return self.root / "assignments" / self.name

    @property
    def notebook_source(self) -> Path:
        return self.source_dir / "notebook.md"

    @property
    def solution_path(self) -> Path:
        return self.root / "solutions" / f"{self.name}.py"

    @property
    def tests_dir(self) -> Path:
        return self.root / "tests" / "assignments" / self.name

    @property
    def tests_package(self) -> str:
        return f"tests.assignments.{self.name}"

    # -- checks ---------------------------------------------------------------------------
    @cached_property
    def checks(self) -> list[Check]:
        """Every check, ordered by question then source order; validated against the config."""
        found: list[Check] = []
        for module in self.test_modules():
            found.extend(collect(module))
        order = {q: i for i, q in enumerate(self.questions)}
        for c in found:
            if c.info.question not in order:
                raise CourseError(
                    f"{c.func.__code__.co_filename}: check {c.info.name} is for question "
                    f"{c.info.question!r}, which assignments/{self.name}/assignment.toml "
                    "does not define"
                )
        found.sort(key=lambda c: order[c.info.question])
        names = [c.info.name for c in found]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise CourseError(f"{self.name}: check names must be unique: {sorted(dupes)}")
        return found

    def test_modules(self) -> list:
        if not self.tests_dir.is_dir():
            raise CourseError(f"{self.tests_dir}: no tests for assignment {self.name!r}")
        root = str(self.root)
        if root not in sys.path:
            sys.path.insert(0, root)
        modules = []
        for path in sorted(self.tests_dir.glob("test_*.py")):
            modules.append(importlib.import_module(f"{self.tests_package}.{path.stem}"))
        return modules

    def points(self, question: str) -> float:
        return sum(c.info.points for c in self.checks if c.info.question == question)

    @property
    def max_points(self) -> float:
        return sum(c.info.points for c in self.checks)

    def reference(self):
        """The hidden reference as an in-process submission (trusted code only)."""
        from autograder.testing.local import LocalSubmission

        return LocalSubmission.from_file(self.solution_path, self.contract)


class Course:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()
        if not (self.root / "assignments").is_dir():
            raise CourseError(f"{self.root}: not a course (no assignments/ folder)")

    @classmethod
    def find(cls, start: str | Path | None = None) -> Course:
        """The course containing ``start`` (default: $AUTOGRADER_COURSE, then the cwd)."""
        env = os.environ.get("AUTOGRADER_COURSE")
        if start is None and env:
            return cls(env)
        here = Path(start or Path.cwd()).resolve()
        for p in [here, *here.parents]:
            if (p / "assignments").is_dir() and (p / "tests" / "assignments").is_dir():
                return cls(p)
        raise CourseError(
            f"no course found at or above {here} (looked for assignments/ and tests/assignments/); "
            "run from the course folder or set AUTOGRADER_COURSE"
        )

    def names(self) -> list[str]:
        return sorted(p.parent.name for p in (self.root / "assignments").glob("*/assignment.toml"))

    def assignment(self, name: str) -> Assignment:
        if name not in self._cache:
            self._cache[name] = load_assignment(self.root, name)
        return self._cache[name]

    @cached_property
    def _cache(self) -> dict[str, Assignment]:
        return {}


def load_assignment(root: Path, name: str) -> Assignment:
    path = root / "assignments" / name / "assignment.toml"
    if not path.is_file():
        known = sorted(p.parent.name for p in (root / "assignments").glob("*/assignment.toml"))
        raise CourseError(f"unknown assignment {name!r}; the course has: {', '.join(known)}")
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"{path}: {exc}") from None
    try:
        contract = parse_contract(data["functions"])
        questions = {
            qid: Question(qid, q["title"], tuple(q["functions"]))
            for qid, q in data["questions"].items()
        }
        written = {
            wid: Written(wid, w["title"], float(w["points"]))
            for wid, w in data.get("written", {}).items()
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise CourseError(f"{path}: missing or malformed entry: {exc}") from None
    for q in questions.values():
        for fn in q.functions:
            if fn not in contract:
                raise CourseError(f"{path}: question {q.id} names {fn!r}, not in [functions]")
    return Assignment(
        name=name,
        root=root,
        title=data["title"],
        contract=contract,
        questions=questions,
        written=written,
        student_packages=tuple(data.get("student_packages", ["numpy", "matplotlib"])),
    )
