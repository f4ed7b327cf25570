"""`autograder build` says which files it changed, per assignment, or that it is up to date."""

import shutil

from autograder.build.pipeline import build_assignments
from autograder.course import Course

from .conftest import ROOT


def test_build_lists_the_files_it_changed(tmp_path):
    name = "ols"
    for part in ("assignments", "solutions", "source", "release", "samples", "dist"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "constraints.txt", tmp_path)
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "__init__.py", tmp_path / "tests")
    shutil.copytree(ROOT / "tests" / "assignments", tmp_path / "tests" / "assignments")
    course = Course(tmp_path)
    build_assignments(course, [name], log=lambda line: None)  # fresh, whatever the copy was
    stub = tmp_path / "samples" / name / "stub.ipynb"
    stub.write_text(stub.read_text() + " ")
    (tmp_path / "samples" / name / "stray.ipynb").write_text("{}")
    lines: list[str] = []
    changed = build_assignments(course, [name], log=lines.append)
    assert sorted(changed) == [f"samples/{name}/stray.ipynb", f"samples/{name}/stub.ipynb"]
    assert lines[0] == f"{name}: 2 file(s) changed"
    assert sorted(lines[1:]) == [f"  samples/{name}/stray.ipynb (removed)",
                                 f"  samples/{name}/stub.ipynb"]
    lines.clear()
    assert build_assignments(course, [name], log=lines.append) == []
    assert lines == [f"{name}: up to date"]
