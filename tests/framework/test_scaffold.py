"""`autograder new NAME` writes an assignment that builds and validates at once."""

from __future__ import annotations

import shutil

from .conftest import ROOT, run_cli

COURSE_PARTS = ("assignments", "solutions", "tests", "constraints.txt", "nbgrader_config.py")


def _course_copy(tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    for part in COURSE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, root / part)
    return root


def test_new_assignment_builds_and_validates(tmp_path):
    root = _course_copy(tmp_path)
    env = {"PYTHONPATH": str(ROOT)}
    made = run_cli("new", "demo", "--title", "A demo", cwd=root, env=env)
    assert made.returncode == 0, made.stderr
    for rel in ("assignments/demo/assignment.toml", "assignments/demo/notebook.md",
                "solutions/demo.py", "tests/assignments/demo/test_q1_weighted_sum.py",
                "tests/assignments/demo/mistakes.py", "tests/assignments/demo/variants.py"):
        assert (root / rel).is_file(), rel
    built = run_cli("build", "demo", cwd=root, env=env)
    assert built.returncode == 0, built.stderr
    assert (root / "release" / "demo" / "demo.ipynb").is_file()
    assert (root / "dist" / "demo-autograder.zip").is_file()
    checked = run_cli("validate", "demo", "--seeds", "2", cwd=root, env=env)
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-2000:]
    assert "validate: all good" in checked.stdout


def test_new_refuses_a_taken_or_bad_name(tmp_path):
    root = _course_copy(tmp_path)
    env = {"PYTHONPATH": str(ROOT)}
    taken = run_cli("new", "ols", cwd=root, env=env)
    assert taken.returncode == 2 and "already exists" in taken.stderr
    bad = run_cli("new", "Bad-Name", cwd=root, env=env)
    assert bad.returncode == 2 and "not a usable assignment name" in bad.stderr
    assert not (root / "assignments" / "Bad-Name").exists()


def test_a_notebook_cell_importing_what_students_lack_is_a_build_error(tmp_path):
    root = _course_copy(tmp_path)
    env = {"PYTHONPATH": str(ROOT)}
    assert run_cli("new", "demo", cwd=root, env=env).returncode == 0
    notebook = root / "assignments" / "demo" / "notebook.md"
    notebook.write_text(notebook.read_text() + "\n```python\nfrom scipy import stats\n```\n")
    built = run_cli("build", "demo", cwd=root, env=env)
    assert built.returncode == 2
    assert "imports scipy, which students do not have" in built.stderr, built.stderr
    assert not (root / "release" / "demo").exists()
