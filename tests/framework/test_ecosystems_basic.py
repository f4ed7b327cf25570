"""Otter and nbgrader accept what `autograder build` generates (quick checks)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BIN = Path(sys.executable).parent
NAMES = sorted(p.parent.name for p in (ROOT / "assignments").glob("*/assignment.toml"))


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_otter_run_grades_the_reference_fully(tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.run(
        [str(BIN / "otter"), "run", "-a", str(ROOT / "dist" / f"{name}-autograder.zip"),
         "-o", str(out), "--no-logo", str(ROOT / "samples" / name / "reference.ipynb")],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads((out / "results.json").read_text())
    per_q = [t for t in results["tests"] if t["name"] != "Public Tests"]
    assert per_q and all(t["score"] == t["max_score"] for t in per_q), per_q


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_nbgrader_generate_assignment_reproduces_release(tmp_path, name):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run([str(BIN / "nbgrader"), "generate_assignment", name, "--force"],
                          cwd=course, capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    made = course / "release" / name / f"{name}.ipynb"
    assert made.read_bytes() == (ROOT / "release" / name / f"{name}.ipynb").read_bytes()
