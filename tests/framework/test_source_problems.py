"""What reading a submission's source tells the grader (no student code runs for it): a
syntax error with its place, another assignment's notebook, a misspelt function's hint."""

import json

import pytest

from autograder.grading.grade import grade_file
from autograder.grading.identify import syntax_errors, wrong_assignment
from autograder.grading.prune import needed_cells
from autograder.sandbox.modes import detect

from .conftest import ROOT

REFERENCE = (ROOT / "samples" / "ols" / "reference-script.py").read_text()
BEFORE_R2, _, _ = REFERENCE.partition("def r2_score(")


def _notebook(path, cells, metadata=None):
    path.write_text(json.dumps({
        "cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": [],
                   "execution_count": None} for c in cells],
        "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


@pytest.fixture(scope="module")
def ols(course):
    return course.assignment("ols")


def test_syntax_error_names_cell_line_and_what_it_loses(tmp_path, ols):
    path = _notebook(tmp_path / "syntax.ipynb", [
        "import numpy as np", BEFORE_R2, "def r2_score(y, y_hat:\n    return 1.0\n"])
    o = grade_file(ols, path, seed=5, mode=detect())
    assert o.status == "syntax_error", o.message
    assert o.message.startswith("cell 3, line 1: SyntaxError: '(' was never closed")
    assert "`r2_score` is missing" in o.message
    assert "not defined" not in o.message  # said once, by the syntax error
    # The functions of the other cells are graded.
    r2 = {q.id for q in ols.questions.values() if "r2_score" in q.functions}
    assert o.score == ols.max_points - sum(ols.points(q) for q in r2)
    assert not any("SyntaxError" in n for n in o.notes)  # not said twice


def test_syntax_error_in_a_script_has_no_cell_number(ols):
    found = syntax_errors(["x = 1\n\ndef ols_fit(X, y)\n    return X\n"], ols.contract,
                          script=True)
    assert list(found) == [1]
    assert found[1].startswith("line 3: SyntaxError: expected ':'")
    assert "`ols_fit` is missing" in found[1]


def test_a_misspelt_function_keeps_its_hint_when_cells_are_pruned(tmp_path, ols):
    cells = ["import numpy as np", BEFORE_R2,
             "def r2_scor(y, y_hat):\n    return 1.0\n", "print('a demo')"]
    keep = needed_cells(cells, ols.contract)
    assert keep is not None and 2 in keep and 3 not in keep
    # With r2_score defined, the near-miss cell is not needed.
    assert 2 not in needed_cells(cells + ["def r2_score(y, y_hat):\n    return 1.0\n"],
                                 ols.contract)
    o = grade_file(ols, _notebook(tmp_path / "typo.ipynb", cells), seed=5, mode=detect())
    assert o.status == "missing_function"
    assert "Did you mean `r2_scor`? Rename it to `r2_score`." in o.message


def test_another_assignments_notebook_is_recognised(tmp_path, ols):
    o = grade_file(ols, ROOT / "samples" / "backprop" / "reference.ipynb", seed=5,
                   mode=detect())
    assert o.status == "wrong_assignment" and o.ran  # its checks ran (and failed)
    assert o.message.startswith("This looks like the `backprop` notebook, not `ols`")
    assert "Is this the right assignment?" in o.message
    assert "not defined" not in o.message
    # The stub defines every function of its own assignment: right assignment.
    o = grade_file(ols, ROOT / "samples" / "ols" / "stub.ipynb", seed=5, mode=detect())
    assert o.status == "graded"


def test_otter_metadata_names_the_notebook_when_the_code_does_not(ols):
    cells = ["import numpy as np", "def helper():\n    return 1\n"]
    meta = {"otter": {"assignment_name": "lstm"}}
    message = wrong_assignment(cells, "ols", ols.contract, ROOT, meta)
    assert message and "`lstm`" in message and "Otter metadata" in message
    assert wrong_assignment(cells, "ols", ols.contract, ROOT, {}) is None
    # Metadata naming an assignment the course lacks, or this one, says nothing.
    for name in ("hw9", "ols"):
        assert wrong_assignment(cells, "ols", ols.contract, ROOT,
                                {"otter": {"assignment_name": name}}) is None
    # Most of this assignment's functions defined: whatever the metadata says, it is this one.
    assert wrong_assignment([REFERENCE], "ols", ols.contract, ROOT, meta) is None
