"""``autograder build``: every generated artifact of an assignment, from its single source.

For assignment ``<name>`` it writes (and removes whatever else is in those folders):

- ``source/<name>/<name>.ipynb`` and ``public_tests.py``: the nbgrader instructor notebook;
- ``release/<name>/``: the student notebook, made by nbgrader's ``generate_assignment`` from
  the source (so ``nbgrader generate_assignment <name>`` in this repository produces it too);
- ``dist/<name>-autograder.zip``: the Otter autograder for Gradescope and ``otter run``;
- ``samples/<name>/``: demo submissions (the reference as a notebook and as a ``.py`` file, the
  blank stub, and the catalogue entries marked ``sample=True``);

and, for the whole course, ``release/requirements.txt`` (what students install, pinned from
``constraints.txt``: see :mod:`autograder.build.student_env`).

Everything is staged in a temporary folder first and copied only where bytes differ, so a
second build changes nothing, and ``--check`` reports exactly which files are stale.
"""

from __future__ import annotations

import copy
import filecmp
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import nbformat

from autograder.build import otter_zip, public_bundle, student_env
from autograder.build.notebooks import source_notebook, write_notebook
from autograder.build.source import read_notebook_source, read_solution, strip_markers
from autograder.catalogue import Mistake, apply, load_catalogue
from autograder.course import Assignment, Course, CourseError

GENERATED_DIRS = ("source", "release", "samples")


def validate_checks(a: Assignment) -> None:
    for q in a.questions:
        kinds = {c.info.hidden for c in a.checks if c.info.question == q}
        if kinds != {False, True}:
            raise CourseError(f"{a.name} {q}: every question needs at least one public and one "
                              "hidden check")


def generate(a: Assignment, stage: Path) -> None:
    """Write every artifact of ``a`` under ``stage`` (a scratch course root)."""
    validate_checks(a)
    cells = read_notebook_source(a)
    sol = read_solution(a)
    src_dir = stage / "source" / a.name
    write_notebook(source_notebook(a, cells, sol), src_dir / f"{a.name}.ipynb")
    (src_dir / "public_tests.py").write_text(public_bundle.render(a), encoding="utf-8")
    release_with_nbgrader(a.name, stage)
    dist = stage / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / f"{a.name}-autograder.zip").write_bytes(otter_zip.build_zip(a))
    write_samples(a, sol, stage)


def release_with_nbgrader(name: str, stage: Path) -> None:
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(stage)
    config.CourseDirectory.db_url = f"sqlite:///{stage / 'gradebook.db'}"
    config.Application.log_level = "WARN"
    old_path = os.environ.get("PATH", "")
    # nbgrader runs `alembic` from PATH to create its database.
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + old_path
    try:
        result = NbGraderAPI(config=config).generate_assignment(name, force=True, create=True)
    finally:
        os.environ["PATH"] = old_path
    if not result.get("success"):
        raise CourseError(f"nbgrader generate_assignment {name} failed:\n{result.get('log')}"
                          f"\n{result.get('error')}")
    (stage / "gradebook.db").unlink(missing_ok=True)


def write_samples(a: Assignment, sol, stage: Path) -> None:
    out = stage / "samples" / a.name
    out.mkdir(parents=True, exist_ok=True)
    release_nb = nbformat.read(stage / "release" / a.name / f"{a.name}.ipynb", as_version=4)
    shutil.copyfile(stage / "release" / a.name / f"{a.name}.ipynb", out / "stub.ipynb")
    filled = fill_solutions(release_nb, sol)
    write_notebook(filled, out / "reference.ipynb")
    reference_py = strip_markers(sol.text)
    (out / "reference-script.py").write_text(reference_py + "\n", encoding="utf-8")
    for m in load_catalogue(a):
        if m.sample:
            write_notebook(mistake_notebook(filled, m), out / f"mistake-{m.id}.ipynb")


def mistake_notebook(filled, m: Mistake):
    """The reference notebook (``fill_solutions``) with mistake ``m`` in its function's cell."""
    nb = copy.deepcopy(filled)
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("solution-") and m.function in grade_id.split("-")[1:]:
            cell.source = apply(cell.source, m)
    return nb


def fill_solutions(release_nb, sol):
    """The student notebook with every stub replaced by the reference's code."""
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "code" and grade_id.startswith("solution-"):
            names = tuple(grade_id.removeprefix("solution-").split("-"))
            cell.source = sol.filled_source(names)
    return nb


def _targets(stage: Path, name: str) -> list[tuple[Path, Path]]:
    """(staged dir or file, repo-relative path) pairs owned by assignment ``name``."""
    return [(stage / d / name, Path(d) / name) for d in GENERATED_DIRS] + [
        (stage / "dist" / f"{name}-autograder.zip", Path("dist") / f"{name}-autograder.zip")
    ]


def _files(root: Path) -> dict[Path, Path]:
    if root.is_file():
        return {Path(""): root}
    if not root.is_dir():
        return {}
    return {p.relative_to(root): p for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts}


def sync(stage: Path, course: Course, name: str, check_only: bool) -> list[str]:
    """Copy changed files into the course; return the repo-relative paths that differed."""
    changed = []
    for staged, rel in _targets(stage, name):
        target = course.root / rel
        new, old = _files(staged), _files(target)
        for sub, path in new.items():
            dest = target / sub if sub != Path("") else target
            if sub not in old or not filecmp.cmp(path, old[sub], shallow=False):
                changed.append(str(rel / sub) if sub != Path("") else str(rel))
                if not check_only:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, dest)
        for sub, path in old.items():
            if sub not in new:
                changed.append(str(rel / sub))
                if not check_only:
                    path.unlink()
    return changed


def build_assignments(course: Course, names: list[str], *, check_only: bool = False,
                      log: Callable[[str], None] = print) -> list[str]:
    """Build (or with ``check_only`` only compare) each assignment; return the repo-relative
    paths that differed. ``log`` hears, per assignment, "up to date" or each file changed."""
    stale = []
    for name in names:
        a = course.assignment(name)
        with tempfile.TemporaryDirectory(prefix=f"ag-build-{name}-") as tmp:
            generate(a, Path(tmp))
            changed = sync(Path(tmp), course, name, check_only)
        stale.extend(changed)
        if not check_only:
            log(f"{name}: " + (f"{len(changed)} file(s) changed" if changed else "up to date"))
            for rel in changed:
                gone = not (course.root / rel).exists()
                log(f"  {rel}" + (" (removed)" if gone else ""))
    stale.extend(sync_course_files(course, check_only, log))
    return stale


def sync_course_files(course: Course, check_only: bool,
                      log: Callable[[str], None] = print) -> list[str]:
    """Write the artifacts every assignment shares (``release/requirements.txt``) where they
    differ; return the repo-relative paths that did."""
    files = {Path("release") / "requirements.txt": student_env.render(course.root)}
    changed = []
    for rel, text in files.items():
        path = course.root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed.append(str(rel))
            if not check_only:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                log(f"{rel}: updated")
    return changed
