"""nbgrader autogrades an untouched notebook without "checksum has changed" warnings.

nbgrader records a grade cell's checksum before it strips the hidden tests for the release,
so every untouched grade cell used to draw "Attribute 'checksum' for cell check-qN has
changed!" (see autograder/ecosystems/nbgrader_preprocessors.py). The course's
RestoreHiddenTests preprocessor puts the hidden tests back first; a grade cell a student did
change still draws the warning, and both get the hidden tests' points.
"""

import json
import os
import re
import shutil

import nbformat
import pytest

from .conftest import ROOT
from .ecosystems import BIN, copy_course, run, tool_env


@pytest.mark.slow
def test_untouched_grade_cells_draw_no_checksum_warning(tmp_path, course):
    name = "ols"
    root = copy_course(course, tmp_path / "course")
    env = tool_env(11)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    nbgrader = str(BIN / "nbgrader")  # a dependency of the package, next to this Python
    run([nbgrader, "generate_assignment", name, "--force"], cwd=root, env=env)
    release = root / "release" / name
    reference = ROOT / "samples" / name / "reference.ipynb"
    for student in ("untouched", "edited"):
        target = root / "submitted" / student / name
        target.mkdir(parents=True)
        shutil.copy(release / "public_tests.py", target)
        shutil.copy(reference, target / f"{name}.ipynb")
    edited = root / "submitted" / "edited" / name / f"{name}.ipynb"
    nb = nbformat.read(edited, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "check-q1")
    cell.source += "\n# a student's edit"
    nbformat.write(nb, edited)
    proc = run([nbgrader, "autograde", name, "--create"], cwd=root, env=env)
    log = proc.stdout + proc.stderr
    warnings = re.findall(r"Attribute 'checksum' for cell (\S+) has changed", log)
    assert warnings == ["check-q1"], log[-3000:]  # the edited cell only
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for student in ("untouched", "edited"):
            sub = gb.find_submission(name, student)
            # The hidden tests ran in both (the reference earns every automatic point).
            assert sub.code_score == course.assignment(name).max_points, (student, log[-3000:])
    assert json.loads(edited.read_text())  # the submission itself is left alone
