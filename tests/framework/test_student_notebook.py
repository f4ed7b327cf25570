"""The helpers ``public_tests.py`` gives the student's notebook, in this process (IPython's own
shell): cells that need an unfinished function, the public checks' time limit, the export's
refusal of a stale file. (The student's real kernel runs them in test_student_env.py.)"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT

NAME = "ols"  # the mechanisms are the same in every assignment's public_tests.py
STUB = "def ols_cost(X, y, beta):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"


@pytest.fixture
def pt():
    spec = importlib.util.spec_from_file_location(
        "public_tests", ROOT / "release" / NAME / "public_tests.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def shell(pt, tmp_path, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.chdir(tmp_path)
    sh = InteractiveShell.instance()
    saved = list(sh.ast_transformers)
    sh.ast_transformers[:] = [t for t in saved if not isinstance(t, pt._SkipUnfinished)]
    pt.NotebookHelpers().from_notebook()
    yield sh
    sh.ast_transformers[:] = saved


def _cell(shell, source):
    return shell.run_cell(source, store_history=True)


def test_a_cell_that_calls_a_stub_says_so_and_stops(shell, capsys):
    _cell(shell, STUB)
    result = _cell(shell, "x = 1\nols_cost(1, 2, 3)\nx = 2")
    assert result.success  # "Run All" goes on
    assert capsys.readouterr().out == "skipped: finish `ols_cost` (q1) first\n"
    assert shell.user_ns["x"] == 1  # the rest of the cell did not run


def test_a_cell_using_what_a_skipped_cell_would_have_defined_is_skipped_too(shell, capsys):
    _cell(shell, STUB)
    _cell(shell, "w_star = ols_cost(1, 2, 3)")
    result = _cell(shell, "print(w_star * 2)")
    assert result.success
    assert capsys.readouterr().out == "skipped: finish `ols_cost` (q1) first\n" * 2
    assert not _cell(shell, "print(never_defined)").success  # any other NameError shows


def test_the_last_expression_is_still_displayed(shell):
    assert _cell(shell, "y = 20\ny + 1").result == 21
    _cell(shell, STUB)
    assert _cell(shell, "ols_cost(1, 2, 3) + 1").result is None


@pytest.mark.parametrize("body", ['raise NotImplementedError("not for sparse input")',
                                  "raise ValueError('bad')", "return {}[1]"])
def test_a_real_error_in_a_finished_function_is_not_hidden(shell, body):
    _cell(shell, f"def ols_cost(X, y, beta):\n    {body}\n")
    result = _cell(shell, "ols_cost(1, 2, 3)")
    assert not result.success


def test_a_stub_raised_by_a_function_that_is_not_in_the_contract_is_not_hidden(shell):
    _cell(shell, "def helper():\n    raise NotImplementedError()\n")
    assert not _cell(shell, "helper()").success


@pytest.mark.parametrize("cell", [STUB + "ols_cost(1, 2, 3)", 'grader.check("q1")'])
def test_solution_and_check_cells_are_not_wrapped(shell, pt, cell):
    import ast

    module = ast.parse(cell)
    assert pt._SkipUnfinished(shell).visit(module) is module


def _loop_forever(X, y, beta):
    while True:
        pass


def test_a_check_stops_an_infinite_loop(pt):
    pt.TIME_LIMIT = 0.5
    (check, *_) = [c for c in pt._checks() if c.info.question == "q1"]
    with pytest.raises(pt.CheckFailed) as failed:
        pt.public_check(check.info.name, {"ols_cost": _loop_forever})
    message = " ".join(str(failed.value).split())
    assert (f"check {check.info.description!r} did not finish within 0.5 s (it was running "
            "`ols_cost`): look for an infinite loop") in message


def test_the_time_limit_outlasts_code_that_swallows_it(pt, capsys):
    def ols_cost(X, y, beta):
        try:
            _loop_forever(X, y, beta)
        except BaseException:  # noqa: BLE001, S110 - what a careless student writes
            pass
        _loop_forever(X, y, beta)

    pt.TIME_LIMIT = 0.2
    assert not pt.check("q1", {"ols_cost": ols_cost})  # the timer fires again a second later
    assert "did not finish within 0.2 s" in capsys.readouterr().out


def test_the_time_limit_gives_back_an_earlier_timer(pt):
    import signal

    def ols_cost(X, y, beta):
        return 0.5 * float((y - X @ beta) @ (y - X @ beta))

    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        pt.public_check([c for c in pt._checks() if c.info.question == "q1"][0].info.name,
                        {"ols_cost": ols_cost})
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_the_export_refuses_a_notebook_saved_before_the_code_ran(shell, pt, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STUB)])
    nbformat.write(nb, tmp_path / f"{NAME}.ipynb")
    helpers = pt.NotebookHelpers()
    _cell(shell, STUB.replace("raise NotImplementedError()", "return 0.0"))
    pt.SAVE_WAIT = 0.2  # no Jupyter front end here to save it
    with pytest.raises(pt.ExportRefused) as refused:
        helpers.notebook_export()
    assert "`ols_cost` differs" in str(refused.value)
    assert "(Ctrl+S" in str(refused.value) and "run this cell again" in str(refused.value)
    assert refused.value._render_traceback_() == [str(refused.value)]  # no traceback
    # Saved (a comment and spacing apart, the same code): exported, written answers included.
    nb.cells[0].source = STUB.replace("raise NotImplementedError()", "return 0.0  # done")
    nbformat.write(nb, tmp_path / f"{NAME}.ipynb")
    pt.FRESH_SAVE_WAIT = 0
    files = helpers.notebook_export()
    assert files == [f"{NAME}_written.html"]
    assert helpers.notebook_export() == []  # Otter keeps the list: added once


def test_the_written_answers_file_holds_the_prompts_and_answers(pt, tmp_path):
    reference = nbformat.read(ROOT / "samples" / NAME / "reference.ipynb", as_version=4)
    path = tmp_path / f"{NAME}.ipynb"
    nbformat.write(reference, path)
    html = Path(pt.write_written_answers(str(path))).read_text()
    cells = pt.written_cells(reference)
    assert len(cells) == 2 * len(pt.WRITTEN)
    for w in pt.WRITTEN:
        assert f"Written question {w}" in html
    assert "grader.check" not in html  # the code is not in it


def test_the_sandbox_runs_the_notebook_helpers_cells_as_no_ops():
    """The sandboxed grader runs every cell with Otter stood in for: the init and export
    cells must do nothing there (no public_tests.py, no IPython)."""
    nb = nbformat.read(ROOT / "samples" / NAME / "stub.ipynb", as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    script = (
        "import json, sys\n"
        "from autograder.sandbox import harness\n"
        "harness.install_stand_ins()\n"
        "errors = harness.run_cells(json.loads(sys.stdin.read()), {'__name__': '__main__'})\n"
        "print(json.dumps(errors))\n")
    proc = subprocess.run([sys.executable, "-c", script], input=json.dumps(cells), cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    errors = json.loads(proc.stdout.splitlines()[-1])
    assert errors and all("NotImplementedError" in e["error"] for e in errors), errors
    assert 1 not in {e["cell"] for e in errors}  # the init cell
    assert "grader.export" in cells[-1] and len(cells) not in {e["cell"] for e in errors}
