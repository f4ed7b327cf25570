"""Score parity: `autograder grade`, `otter run` with the autograder zip, and nbgrader agree on
every question of the reference, the blank stub and the catalogue's parity set (the first
mistake of every question, in two notebooks; every entry with ``--parity-full``, as ``make
parity`` runs), with one seed.

The three gradings run once per session (the ``parity`` fixture, ecosystems.py); the README
lists the deliberate differences between the paths, none of which these submissions meet.
"""

from __future__ import annotations

import re

import pytest

from autograder.course import Course

from .conftest import ROOT

NAMES = Course(ROOT).names()
pytestmark = pytest.mark.slow


def _table(parity, name, other: str) -> list[str]:
    """Lines ``submission question: autograder vs other`` wherever they differ."""
    ours = parity.autograder[name].scores
    theirs = (parity.otter[name] if other == "otter" else parity.nbgrader[name].graded).scores
    diffs = []
    for sub in parity.subs[name]:
        a, b = ours.get(sub.id), theirs.get(sub.id)
        if a is None or b is None:
            diffs.append(f"{sub.id}: autograder {a}, {other} {b}")
            continue
        for q in sorted(set(a) | set(b)):
            if a.get(q) != b.get(q):
                diffs.append(f"{sub.id} {q}: autograder {a.get(q)} vs {other} {b.get(q)}")
    return diffs


def _ready(parity, name):
    for label, err in (("autograder grade", parity.autograder[name].error),
                       ("otter run", parity.otter[name].error),
                       ("nbgrader", parity.nbgrader[name].graded.error)):
        assert not err, f"{label} failed for {name} (seed {parity.seed}):\n{err}"


@pytest.mark.parametrize("name", NAMES)
def test_otter_run_agrees_with_autograder_grade(parity, name):
    _ready(parity, name)
    diffs = _table(parity, name, "otter")
    assert not diffs, f"seed {parity.seed}:\n" + "\n".join(diffs)


@pytest.mark.parametrize("name", NAMES)
def test_nbgrader_agrees_with_autograder_grade(parity, name):
    _ready(parity, name)
    diffs = _table(parity, name, "nbgrader")
    assert not diffs, f"seed {parity.seed}:\n" + "\n".join(diffs)


@pytest.mark.parametrize("name", NAMES)
def test_the_comparison_is_not_vacuous(parity, course, name):
    """The reference gets every point, the stub none, and each mistake loses points on its own
    question, on every path; every question is covered: agreement is not agreement on
    nothing."""
    _ready(parity, name)
    a = course.assignment(name)
    full = {q: a.points(q) for q in a.questions}
    paths = {"autograder": parity.autograder[name].scores, "otter": parity.otter[name].scores,
             "nbgrader": parity.nbgrader[name].graded.scores}
    for label, scores in paths.items():
        assert scores["reference"] == full, label
        assert scores["stub"] == {q: 0.0 for q in a.questions}, label
        for sub in parity.subs[name]:
            for m in sub.mistakes:
                assert scores[sub.id][m.question] < full[m.question], (label, sub.id, m.id)
    covered = {m.question for sub in parity.subs[name] for m in sub.mistakes}
    assert covered == set(a.questions), sorted(set(a.questions) - covered)


@pytest.mark.parametrize("name", NAMES)
def test_nbgrader_course_round_trip(parity, course, name):
    """generate_feedback wrote each student's page with their score; `nbgrader export`'s CSV
    has each student's total, which is the autograder total (written answers await manual
    grading: 0 of their points so far, but counted in nbgrader's maximum)."""
    _ready(parity, name)
    a = course.assignment(name)
    run = parity.nbgrader[name]
    written = sum(w.points for w in a.written.values())
    assert run.written_points == {f"answer-{w}": a.written[w].points for w in a.written}
    for sub in parity.subs[name]:
        total = sum(parity.autograder[name].scores[sub.id].values())
        row = run.export_rows[sub.id]
        assert row["assignment"] == name
        assert float(row["raw_score"]) == pytest.approx(total), sub.id
        assert float(row["max_score"]) == pytest.approx(a.max_points + written)
        root = next(r for r in run.course_dirs
                    if (r / "feedback" / sub.id / name / f"{name}.html").is_file())
        page = (root / "feedback" / sub.id / name / f"{name}.html").read_text()
        m = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", page)
        assert m and float(m.group(1)) == pytest.approx(total), sub.id
        # nbgrader skipped the Otter export cell: no Gradescope zip in the autograded folder.
        assert not list((root / "autograded" / sub.id / name).glob("*.zip"))


@pytest.mark.parametrize("name", NAMES)
def test_nbgrader_generate_assignment_reproduces_the_release(parity, name):
    """`nbgrader generate_assignment`, run by an instructor on the course (here in the parity
    round's copy), writes exactly the committed student notebook."""
    _ready(parity, name)
    for root in parity.nbgrader[name].course_dirs:
        made = root / "release" / name / f"{name}.ipynb"
        assert made.read_bytes() == (ROOT / "release" / name / f"{name}.ipynb").read_bytes()
