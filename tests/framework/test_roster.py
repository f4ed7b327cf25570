"""Rosters and hand-graded written answers: `grade --roster`, grades.csv, `merge-written`."""

import csv
import json
import shutil

import pytest

from autograder.grading.results import Outcome, grades_csv, to_gradescope, write_json_atomic
from autograder.grading.roster import RosterError, match_roster, read_roster
from autograder.grading.written import merge_written
from autograder.testing.runner import CheckResult

from .conftest import ROOT, run_cli


@pytest.fixture()
def ols(course):
    return course.assignment("ols")


def _write_results(a, folder, files):
    """One result per file name: every check passed, seed 1."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        o = Outcome(a, f, "graded", 1, "0" * 64)
        o.checks = [CheckResult(c.info, True, "", ()) for c in a.checks]
        stem = f.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        write_json_atomic(folder / f"{stem}.json", to_gradescope(o))
    return folder


def _rows(text):
    return list(csv.DictReader(text.splitlines()))


def test_roster_columns_are_flexible_and_errors_name_file_and_line(tmp_path):
    p = tmp_path / "class.csv"
    p.write_text("Student ID,Full Name,E-mail,Section\n"
                 "s1,Alice A,alice@x.org,2\n\n"
                 's2,"Bob, B",bob@x.org,3\n')
    students = read_roster(p)
    assert [(s.student_id, s.name, s.email, s.line) for s in students] == [
        ("s1", "Alice A", "alice@x.org", 2), ("s2", "Bob, B", "bob@x.org", 4)]
    for text, words in [
        ("", "empty"),
        ("name,email\nAlice,a@x\n", "line 1: no column for the submission file"),
        ("id,name\ns1,A\ns2\n", "line 3: 1 field(s), but the header has 2"),
        ("id,name\ns1,A\ns1,B\n", "line 3: student id 's1' is already on line 2"),
        ("file,name\n,A\n", "line 2: no student id and no submission file"),
    ]:
        p.write_text(text)
        with pytest.raises(RosterError) as exc:
            read_roster(p)
        assert str(exc.value).startswith(str(p)) and words in str(exc.value), exc.value
    with pytest.raises(RosterError, match="cannot be read"):
        read_roster(tmp_path / "nope.csv")


def test_roster_matches_files_stems_and_student_folders():
    from autograder.grading.roster import Student

    students = [Student("s1", file="alice.ipynb"), Student("s2", file="bob"),
                Student("s3"), Student("s4")]
    results = [("alice", "in/alice.ipynb"), ("bob", "in/bob.py"),
               ("ols_2025", "submitted/s3/ols/ols_2025.zip"), ("eve", "in/eve.ipynb")]
    m = match_roster(students, results)
    assert {k: v.student_id for k, v in m.by_result.items()} == {
        "alice": "s1", "bob": "s2", "ols_2025": "s3"}
    assert [s.student_id for s in m.no_submission] == ["s4"]
    assert m.not_in_roster == ["eve"] and m.note("eve") == "not in the roster"


def test_grades_csv_with_roster_and_written_columns(tmp_path, ols):
    from autograder.grading.roster import Student

    out = _write_results(ols, tmp_path / "out", ["in/alice.ipynb", "in/eve.ipynb"])
    roster = [Student("s1", "Alice", "a@x.org", "alice.ipynb"), Student("s2", "Bob", "b@x.org")]
    rows = _rows(grades_csv(out, ols, roster))
    written = [f"{w.id} (written, {w.points:g} pts)" for w in ols.written.values()]
    assert list(rows[0]) == ["file", "student_id", "name", "email", "total", "max",
                             *ols.questions, *written, "total with written",
                             "max with written", "status", "roster"]
    alice, eve, bob = rows
    assert (alice["student_id"], alice["name"], alice["roster"]) == ("s1", "Alice", "")
    assert alice["total"] == f"{ols.max_points:g}" and alice[written[0]] == ""
    assert alice["total with written"] == ""  # until every written score is merged
    assert (eve["student_id"], eve["roster"]) == ("", "not in the roster")
    assert (bob["file"], bob["student_id"], bob["status"], bob["total"], bob["roster"]) == (
        "", "s2", "missing", "0", "no submission")
    # Without a roster: no student columns.
    assert list(_rows(grades_csv(out, ols))[0])[:2] == ["file", "total"]


def test_merge_written_validates_then_merges_idempotently(tmp_path, ols):
    out = _write_results(ols, tmp_path / "out", ["in/alice.ipynb", "in/bob.py"])
    (out / "grades.csv").write_text(grades_csv(out, ols))
    w = list(ols.written.values())
    scores = tmp_path / "scores.csv"

    def before():
        return {p.name: p.read_bytes() for p in out.iterdir()}

    untouched = before()
    for text, words in [
        ("file,w99\nalice,1\n", "line 1: column 'w99': ols has no written question w99"),
        ("file,name\nalice,x\n", "line 1: no column for a written question"),
        (f"file,{w[0].id}\nalice,{w[0].points + 1:g}\n", f"line 2: {w[0].id} = "
                                                          f"{w[0].points + 1:g} is not between 0"),
        (f"file,{w[0].id}\nalice,-1\n", "is not between 0"),
        (f"file,{w[0].id}\nalice,good\n", "line 2: w1 = 'good' is not a number"),
        (f"file,{w[0].id}\nalice,1\ncarol,1\n", "line 3: no result in"),
        (f"file,{w[0].id}\nalice,1\nalice.ipynb,1\n", "line 3: alice already has scores on "
                                                      "line 2"),
    ]:
        scores.write_text(text)
        with pytest.raises(RosterError) as exc:
            merge_written(ols, out, scores)
        assert str(exc.value).startswith(str(scores)) and words in str(exc.value), exc.value
        assert before() == untouched  # nothing changed
    # A filled-in copy of grades.csv merges back; empty cells are "not graded yet".
    rows = _rows((out / "grades.csv").read_text())
    for row in rows:
        for x in w:
            row[f"{x.id} (written, {x.points:g} pts)"] = f"{x.points / 2:g}"
    rows[1][f"{w[0].id} (written, {w[0].points:g} pts)"] = ""
    with scores.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert merge_written(ols, out, scores).changed == 2
    alice = json.loads((out / "alice.json").read_text())
    assert alice["extra_data"]["written"] == {x.id: x.points / 2 for x in w}
    assert alice["score"] == ols.max_points  # the code questions' total, unchanged
    got = {r["file"]: r for r in _rows((out / "grades.csv").read_text())}
    half = sum(x.points for x in w) / 2
    assert got["in/alice.ipynb"]["total with written"] == f"{ols.max_points + half:g}"
    assert got["in/bob.py"][f"{w[0].id} (written, {w[0].points:g} pts)"] == ""
    assert got["in/bob.py"]["total with written"] == ""
    merged = before()
    assert merge_written(ols, out, scores).changed == 0
    assert before() == merged  # idempotent


def test_grade_with_roster_and_merge_written_commands(tmp_path, ols):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "ols" / "reference-script.py", folder / "alice.py")
    shutil.copy(ROOT / "samples" / "ols" / "stub.ipynb", folder / "stranger.ipynb")
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name,email,file\ns1,Alice,a@x.org,alice.py\n"
                      "s2,Bob,b@x.org,bob.ipynb\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("student_id,name\ns1,Alice\ns1,Again\n")
    out = tmp_path / "out"
    proc = run_cli("grade", "ols", folder, "--out", out, "--roster", bad)
    assert proc.returncode == 2 and f"{bad}, line 3" in proc.stderr and not out.exists()
    proc = run_cli("grade", "ols", folder, "--out", out, "--roster", roster)
    assert proc.returncode == 0, proc.stderr
    assert "1 roster student(s) without a submission" in proc.stderr and "s2" in proc.stderr
    assert "1 submission(s) not in the roster" in proc.stderr
    rows = {r["student_id"] or r["file"]: r for r in csv.DictReader((out / "grades.csv").open())}
    assert rows["s1"]["name"] == "Alice" and rows["s1"]["total"] == f"{ols.max_points:g}"
    assert rows["s2"]["status"] == "missing"
    assert rows[str(folder / "stranger.ipynb")]["roster"] == "not in the roster"
    report = run_cli("report", out)
    assert report.returncode == 0, report.stderr
    page = (out / "report.html").read_text()
    assert "Alice" in page and "no submission" in page and "not in the roster" in page
    w1 = next(iter(ols.written))
    scores = tmp_path / "written.csv"
    scores.write_text(f"student_id,{w1}\ns1,1\n")
    proc = run_cli("merge-written", "ols", out, scores)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "alice.json").read_text())["extra_data"]["written"] == {w1: 1.0}
    # A regrade of the same file keeps the merged written scores.
    assert run_cli("grade", "ols", folder / "alice.py", "--out", out,
                   "--regrade").returncode == 0
    assert json.loads((out / "alice.json").read_text())["extra_data"]["written"] == {w1: 1.0}
    scores.write_text(f"student_id,{w1}\ns9,1\n")
    proc = run_cli("merge-written", "ols", out, scores)
    assert proc.returncode == 2 and f"{scores}, line 2: no result" in proc.stderr
    # A roster kept in the folder and damaged since: a clear error, before any grading.
    (out / "roster.csv").write_text("file,student_id\nalice.py\n")
    for args in (("report", out), ("feedback", out),
                 ("grade", "ols", folder / "alice.py", "--out", out)):
        proc = run_cli(*args)
        assert proc.returncode == 2 and f"{out / 'roster.csv'}, line 2" in proc.stderr, args
