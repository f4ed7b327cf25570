"""Every catalogued mistake loses points on its question; the reference keeps them all."""

import pytest

from autograder.build.source import read_solution, strip_markers
from autograder.catalogue import load_catalogue, load_variants
from autograder.course import Course
from autograder.validate import evaluate_mistake, run_in_process

from .conftest import ROOT

_course = Course(ROOT)
CASES = [(name, m) for name in _course.names() for m in load_catalogue(_course.assignment(name))]
VARIANTS = [(name, m) for name in _course.names()
            for m in load_variants(_course.assignment(name))]
SEEDS = [11, 20261121]


@pytest.mark.parametrize("name", _course.names())
def test_reference_keeps_every_point(name):
    a = _course.assignment(name)
    reference = strip_markers(read_solution(a).text)
    for seed in SEEDS:
        failed = [r for r in run_in_process(a, reference, "<reference>", seed) if not r.passed]
        assert not failed, [(r.info.name, r.message) for r in failed]


@pytest.mark.parametrize("name,mistake", CASES, ids=[f"{n}:{m.id}" for n, m in CASES])
def test_mistake_loses_points_on_its_question(name, mistake):
    a = _course.assignment(name)
    reference = strip_markers(read_solution(a).text)
    for seed in SEEDS:
        score, max_score, _, message = evaluate_mistake(a, reference, mistake, seed)
        assert score < max_score, f"{mistake.id} ({mistake.description}) is not caught"


def test_catalogue_ids_are_unique_and_causes_declared():
    for name in _course.names():
        for m in load_catalogue(_course.assignment(name)):
            assert m.cause and m.description, m.id


@pytest.mark.parametrize("name,variant", VARIANTS, ids=[f"{n}:{m.id}" for n, m in VARIANTS])
def test_every_correct_variant_keeps_every_point(name, variant):
    from autograder.catalogue import apply

    a = _course.assignment(name)
    source = apply(strip_markers(read_solution(a).text), variant)
    for seed in SEEDS:
        failed = [r for r in run_in_process(a, source, f"<{variant.id}>", seed) if not r.passed]
        assert not failed, [(r.info.name, r.message) for r in failed]


NAIVE = [name for name in _course.names()
         if any(m.id.endswith("-naive") for m in load_variants(_course.assignment(name)))]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAIVE)
def test_naive_loops_earn_every_point_within_the_default_limits(tmp_path, name):
    """The plain-loop variants (ids ending in -naive), put in the reference notebook in place of
    the reference's code, earn full marks through the sandbox with the default time limits:
    the test sizes leave room for the slowest correct code a student is likely to write."""
    import nbformat

    from autograder.catalogue import apply
    from autograder.grading.grade import grade_file
    from autograder.sandbox.modes import Limits, detect

    a = _course.assignment(name)
    naive = {m.function: m for m in load_variants(a) if m.id.endswith("-naive")}
    nb = nbformat.read(ROOT / "samples" / name / "reference.ipynb", as_version=4)
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        for fn in grade_id.removeprefix("solution-").split("-") if grade_id else ():
            if grade_id.startswith("solution-") and fn in naive:
                cell.source = apply(cell.source, naive[fn])
    path = tmp_path / "naive.ipynb"
    nbformat.write(nb, path)
    outcome = grade_file(a, path, seed=SEEDS[0], mode=detect(), limits=Limits())
    lost = [(r.info.name, r.message) for r in outcome.checks if not r.passed]
    assert outcome.status == "graded" and outcome.score == a.max_points, (outcome.message, lost)


@pytest.mark.parametrize("name", _course.names())
def test_every_mistake_loses_points_through_the_sandboxed_grader(tmp_path, name):
    """The whole catalogue as notebooks, with the reference and the stub, graded in one batch
    by `autograder grade` (sandboxed, two workers, one seed): every mistake loses points on its
    own question, the reference earns everything, the stub nothing. (Otter and nbgrader score
    the parity set alike in test_parity.py; the whole catalogue through them: `make parity`.)"""
    import json

    from . import ecosystems
    from .conftest import run_cli

    a = _course.assignment(name)
    subs = ecosystems.render_submissions(_course, name, tmp_path / "subs", full=True)
    out = tmp_path / "out"
    proc = run_cli("grade", name, tmp_path / "subs", "--out", out, "--workers", 2,
                   "--seed", SEEDS[1])
    assert proc.returncode == 0, proc.stderr[-3000:]
    full = {q: a.points(q) for q in a.questions}
    for sub in subs:
        result = json.loads((out / f"{sub.id}.json").read_text())
        scores = {t["number"]: t["score"] for t in result["tests"]}
        if sub.id == "reference":
            assert scores == full, result["output"]
        elif sub.id == "stub":
            assert not any(scores.values()), result["output"]
        else:
            (m,) = sub.mistakes
            assert scores[m.question] < full[m.question], f"{m.id} ({m.description}) is " \
                "not caught through the grader"
