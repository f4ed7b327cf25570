"""`autograder grade` end to end on the bundled samples of every assignment."""

import csv
import json
import shutil

import pytest

from .conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course):
    out = {}
    for name in course.names():
        results = tmp_path_factory.mktemp(f"results-{name}")
        proc = run_cli("grade", name, ROOT / "samples" / name, "--out", results, "--workers", 2)
        assert proc.returncode == 0, proc.stderr
        out[name] = (results, proc)
    return out


def test_reference_full_marks_and_stub_zero(graded, course):
    for name, (results, _) in graded.items():
        a = course.assignment(name)
        for stem in ("reference", "stub"):
            data = json.loads((results / f"{stem}.json").read_text())
            want = a.max_points if stem == "reference" else 0
            assert data["score"] == want, (name, stem, data["output"])
            assert data["extra_data"]["status"] == "graded"
        py = json.loads((results / "reference-script.json").read_text())
        assert py["score"] == a.max_points  # the reference as a .py submission


def test_results_follow_gradescope_format(graded, course):
    for name, (results, _) in graded.items():
        a = course.assignment(name)
        data = json.loads((results / "reference.json").read_text())
        assert set(data) >= {"score", "tests", "output", "visibility", "extra_data"}
        assert [t["number"] for t in data["tests"]] == list(a.questions)
        for t in data["tests"]:
            assert set(t) >= {"name", "score", "max_score", "output", "visibility"}
        assert isinstance(data["extra_data"]["seed"], int)


def test_grades_csv_has_a_row_per_submission(graded, course):
    for name, (results, _) in graded.items():
        rows = list(csv.DictReader((results / "grades.csv").open()))
        samples = sorted(p for p in (ROOT / "samples" / name).iterdir())
        assert len(rows) == len(samples)
        a = course.assignment(name)
        written = [f"{w.id} (written, {w.points:g} pts)" for w in a.written.values()]
        assert list(rows[0]) == ["file", "total", "max", *a.questions, *written,
                                 *(["total with written", "max with written"] if written
                                   else []), "status"]
        assert all(row[w] == "" for row in rows for w in written)  # until merge-written


def test_rerunning_a_finished_batch_changes_nothing(graded):
    name, (results, _) = next(iter(graded.items()))
    before = {p.name: p.read_bytes() for p in results.iterdir()}
    proc = run_cli("grade", name, ROOT / "samples" / name, "--out", results)
    assert proc.returncode == 0, proc.stderr
    assert "already graded" in proc.stderr
    assert {p.name: p.read_bytes() for p in results.iterdir()} == before


def test_regrade_reproduces_the_score_with_the_recorded_seed(tmp_path, course):
    name = course.names()[0]
    src = ROOT / "samples" / name
    mistake = next(p for p in sorted(src.iterdir()) if p.name.startswith("mistake-"))
    shutil.copy(mistake, tmp_path / mistake.name)
    out = tmp_path / "out"
    assert run_cli("grade", name, tmp_path / mistake.name, "--out", out).returncode == 0
    first = json.loads((out / f"{mistake.stem}.json").read_text())
    assert run_cli("grade", name, tmp_path / mistake.name, "--out", out,
                   "--regrade").returncode == 0
    second = json.loads((out / f"{mistake.stem}.json").read_text())
    assert second["extra_data"]["seed"] == first["extra_data"]["seed"]
    assert second["tests"] == first["tests"]


def test_unreadable_submissions_get_a_reason_and_others_are_graded(tmp_path, course):
    name = course.names()[0]
    (tmp_path / "broken.ipynb").write_text('{"cells": [')
    (tmp_path / "empty.py").write_text("")
    (tmp_path / "notes.txt").write_text("hello")
    shutil.copy(ROOT / "samples" / name / "reference-script.py", tmp_path / "good.py")
    out = tmp_path / "out"
    proc = run_cli("grade", name, tmp_path / "broken.ipynb", tmp_path / "empty.py",
                   tmp_path / "notes.txt", tmp_path / "good.py", "--out", out)
    assert proc.returncode == 0, proc.stderr
    status = {p.stem: json.loads(p.read_text())["extra_data"]["status"]
              for p in out.glob("*.json")}
    assert status == {"broken": "corrupt_json", "empty": "empty", "notes": "unsupported_type",
                      "good": "graded"}
    broken = json.loads((out / "broken.json").read_text())
    assert "not valid JSON" in broken["output"] and broken["score"] == 0


def test_bad_command_lines_fail_clearly(tmp_path):
    proc = run_cli("grade", "no-such-assignment", tmp_path, "--out", tmp_path / "o")
    assert proc.returncode == 2 and "unknown assignment" in proc.stderr
    proc = run_cli("grade", "ols", tmp_path / "no-such-folder", "--out", tmp_path / "o")
    assert proc.returncode == 2 and "no-such-folder: no such file" in proc.stderr
    (tmp_path / "empty").mkdir()
    proc = run_cli("grade", "ols", tmp_path / "empty", "--out", tmp_path / "o")
    assert proc.returncode == 2 and "no .ipynb, .py or .zip submissions" in proc.stderr


def test_version():
    from autograder import __version__

    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"autograder {__version__}"


def test_zips_students_upload_are_graded_in_folders_and_by_name(tmp_path, course):
    """The zip grader.export() writes is graded as its notebook; beside it a zip with two
    notebooks gets a reason, and the public_tests.py shipped with a notebook is not a
    submission."""
    import zipfile

    name = course.names()[0]
    folder = tmp_path / "in"
    (folder / "alice").mkdir(parents=True)
    export = folder / "alice" / f"{name}_2025_01_02T03_04_05_678901.zip"
    with zipfile.ZipFile(export, "w") as zf:
        zf.write(ROOT / "samples" / name / "reference.ipynb", f"{name}.ipynb")
        zf.write(ROOT / "release" / name / "public_tests.py", "public_tests.py")
        zf.writestr(".OTTER_LOG", "log")
    shutil.copy(ROOT / "release" / name / "public_tests.py", folder / "alice")
    with zipfile.ZipFile(folder / "two.zip", "w") as zf:
        zf.writestr("a.ipynb", "{}")
        zf.writestr("b.ipynb", "{}")
    out = tmp_path / "out"
    proc = run_cli("grade", name, folder, "--out", out)
    assert proc.returncode == 0, proc.stderr
    results = {p.stem: json.loads(p.read_text()) for p in out.glob("*.json")}
    assert set(results) == {export.stem, "two"}
    assert results[export.stem]["extra_data"]["status"] == "graded"
    assert results[export.stem]["score"] == course.assignment(name).max_points
    assert results["two"]["extra_data"]["status"] == "several_notebooks_in_zip"
    assert "two.zip holds several files" in results["two"]["output"]
    proc = run_cli("grade", name, export, "--out", tmp_path / "named")
    assert proc.returncode == 0, proc.stderr
    named = json.loads((tmp_path / "named" / f"{export.stem}.json").read_text())
    assert named["score"] == course.assignment(name).max_points
