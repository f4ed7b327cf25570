"""The student's path, in the student's own environment: a virtualenv made from
``release/requirements.txt`` alone (NumPy, Matplotlib, Otter, JupyterLab; no PyTorch, no
``autograder``), and its Jupyter kernel.

For every assignment, each notebook runs top to bottom in one fresh kernel of that environment
(nbclient): the reference (every ``grader.check`` passes, the export cell writes the zip), a
catalogued mistake (its question's check fails with the check's own message, not a doctest
transcript) and the blank stub (no cell raises, so "Run All" reaches the export cell: cells that
need an unfinished function say so in one line). The export cell, which runs the notebook once
more in a fresh kernel, runs in the browser test (test_browser.py), in this same kernel.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import time

import nbformat
import pytest
from nbclient import NotebookClient
from packaging.utils import canonicalize_name

from autograder.build.pipeline import mistake_notebook
from autograder.catalogue import load_catalogue
from autograder.course import Course

from . import ecosystems
from .conftest import ROOT
from .student_env import REQUIREMENTS, kernel_manager

NAMES = Course(ROOT).names()
pytestmark = pytest.mark.slow
VENV_TOOLS = {"pip", "setuptools", "wheel"}
PROBE = """\
import json, sys, threading
from importlib.machinery import PathFinder  # on sys.path (public_tests embeds `autograder`)
_results = {q: grader.check(q) for q in QUESTIONS}
print("PROBE " + json.dumps({
    "executable": sys.executable,
    "torch": PathFinder.find_spec("torch") is not None,
    "autograder": PathFinder.find_spec("autograder") is not None,
    "main_thread": threading.current_thread() is threading.main_thread(),
    "scores": {q: [r.score, r.possible] for q, r in _results.items()},
}))"""


def _public_scores(pt, env: dict) -> dict[str, list[float]]:
    """``{question: [points of the public checks that pass on env, public points]}``."""
    out: dict[str, list[float]] = {}
    for c in pt._checks():
        got, possible = out.setdefault(c.info.question, [0.0, 0.0])
        out[c.info.question] = [got + c.info.points * pt._run(c, env)[0],
                                possible + c.info.points]
    return out


def _grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _text(cell) -> str:
    parts = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            parts.append(o["text"])
        elif o["output_type"] in ("execute_result", "display_data"):
            parts.append(o["data"].get("text/plain", ""))
    return "".join(parts)


def _problems(nb, only: str = "") -> list[str]:
    """Errors and stderr output of every cell (a student sees them as red boxes), or of the
    cells whose grade id starts with ``only``."""
    return [f"cell {i}: " + (o.get("ename", "") + " " + o.get("evalue", "")
                             if o["output_type"] == "error" else o["text"])[:500]
            for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and _grade_id(c).startswith(only)
            for o in c.get("outputs", [])
            if o["output_type"] == "error" or o.get("name") == "stderr"]


def _run(env, work, name, nb, what: str, export: bool):
    """Execute ``nb`` as ``work/<name>.ipynb`` beside public_tests.py, in one student kernel."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "release" / name / "public_tests.py", work)
    if not export:
        nb.cells = [c for c in nb.cells if _grade_id(c) != "otter-export"]
    questions = sorted(nb.metadata["otter"]["tests"])
    nb.cells.append(nbformat.v4.new_code_cell(PROBE.replace("QUESTIONS", repr(questions))))
    nbformat.write(nb, work / f"{name}.ipynb")  # the export reads the file
    start = time.monotonic()
    with kernel_manager(env) as km:
        NotebookClient(nb, km=km, timeout=300, allow_errors=True,
                       resources={"metadata": {"path": str(work)}}).execute()
    ecosystems.TIMINGS.append((f"student kernel: {name} {what}", time.monotonic() - start))
    probe = json.loads(_text(nb.cells[-1]).split("PROBE ", 1)[1])
    assert probe["executable"].startswith(str(env.root)), probe
    assert not probe["torch"] and not probe["autograder"], probe
    assert probe["main_thread"], "the public checks' time limit needs the main thread"
    return nb, probe


def test_the_environment_is_the_requirements_file_alone(student_env):
    pins = {}
    for line in REQUIREMENTS.read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    installed = {k: v for k, v in student_env.freeze().items() if k not in VENV_TOOLS}
    assert installed == pins  # every package pinned, at the version installed
    for forbidden in ("torch", "scipy", "scikit-learn", "ml-course-autograder"):
        assert forbidden not in installed


@pytest.mark.parametrize("name", NAMES)
def test_the_reference_notebook_passes(tmp_path, student_env, course, name):
    """Every check passes, with Otter's own scores. (The export cell, which runs the notebook
    once more in a fresh kernel, is run by the browser test in this same kernel:
    test_browser.py.)"""
    a = course.assignment(name)
    nb = nbformat.read(ROOT / "samples" / name / "reference.ipynb", as_version=4)
    nb, probe = _run(student_env, tmp_path, name, nb, "reference", export=False)
    assert not _problems(nb), _problems(nb)
    text = {_grade_id(c): _text(c) for c in nb.cells}
    for q in a.questions:
        assert f"{q} results: All test cases passed!" in text[f"check-{q}"], text[f"check-{q}"]
    assert "skipped:" not in "".join(text.values())
    public = {q: sum(c.info.points for c in a.checks if c.info.question == q and not c.info.hidden)
              for q in a.questions}
    assert probe["scores"] == {q: [p, p] for q, p in public.items()}  # Otter's own scores


def _public_tests(name: str):
    spec = importlib.util.spec_from_file_location(
        f"public_tests_{name}", ROOT / "release" / name / "public_tests.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _first_caught_mistake(course, name):
    """A catalogued mistake some public check catches, with that check's title and message,
    and every question's public score (computed here, by the same public_tests.py, on the
    reference with the mistake in it)."""
    pt = _public_tests(name)
    reference = (ROOT / "samples" / name / "reference-script.py").read_text()
    for m in load_catalogue(course.assignment(name)):
        env: dict = {}
        exec(compile(reference, "reference", "exec"), env)  # noqa: S102 - our reference
        exec(compile(m.imports + "\n" + m.source, "mistake", "exec"), env)  # noqa: S102
        for c in pt._checks():
            if c.info.question == m.question:
                passed, message = pt._run(c, env)
                if not passed:
                    return m, c.info.description, message, pt.WIDTH, _public_scores(pt, env)
    raise AssertionError(f"no catalogued mistake of {name} fails a public check")


@pytest.mark.parametrize("name", NAMES)
def test_a_mistake_fails_its_check_with_the_checks_message(tmp_path, student_env, course, name):
    m, title, message, width, scores = _first_caught_mistake(course, name)
    reference = nbformat.read(ROOT / "samples" / name / "reference.ipynb", as_version=4)
    nb, probe = _run(student_env, tmp_path, name, mistake_notebook(reference, m),
                     f"mistake {m.id}", export=False)
    # Otter's per-question scores are the points of the public checks that pass.
    assert probe["scores"] == scores
    # (A demo cell may fail with the mistake in it: an overflow, a shape error...)
    assert not _problems(nb, only="check-"), _problems(nb, only="check-")
    text = {_grade_id(c): _text(c) for c in nb.cells}
    out = text[f"check-{m.question}"]
    assert f"{title} result:" in out and "❌ Test case failed" in out, out
    assert " ".join(message.split()) in " ".join(out.split()), out  # the check's message
    assert "Trying:" not in out and "Expecting" not in out, out  # no doctest transcript
    lines = out.split("CheckFailed: ", 1)[1].split("\n\n", 1)[0].splitlines()
    lines[0] = " " * 8 + "CheckFailed: " + lines[0]  # Otter indents the message by 8
    too_long = [ln for ln in lines if len(ln) > width + 8 and " " in ln.strip()]
    assert not too_long, too_long  # wrapped between words, not cut by the browser


@pytest.mark.parametrize("name", NAMES)
def test_an_unfinished_notebook_runs_to_the_end(tmp_path, student_env, course, name):
    a = course.assignment(name)
    stub = nbformat.read(ROOT / "samples" / name / "stub.ipynb", as_version=4)
    nb, probe = _run(student_env, tmp_path, name, stub, "blank stub", export=False)
    assert all(got == 0 < possible for got, possible in probe["scores"].values()), probe
    assert not _problems(nb), _problems(nb)  # no cell stops "Run All" before the export
    skipped = []
    for c in nb.cells:
        if c.cell_type != "code" or _grade_id(c):
            continue
        lines = re.findall(r"skipped: finish `(\w+)` \((q\d+)\) first", _text(c))
        assert len(lines) <= 1, _text(c)  # one line, then the cell stops
        for fn, q in lines:
            assert fn in a.questions[q].functions
            skipped.append(fn)
    assert skipped, "no demo cell needs a contract function?"
    text = {_grade_id(c): _text(c) for c in nb.cells}
    for q in a.questions:
        assert "is not implemented yet" in text[f"check-{q}"], text[f"check-{q}"]
