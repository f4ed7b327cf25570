"""Grading results: Gradescope's ``results.json`` format, atomic writes, and ``grades.csv``.

One result per submission, one ``tests`` entry per question (``name``, ``number``, ``score``,
``max_score``, ``status``, ``output``, ``visibility``), a top-level ``score``, and in
``extra_data`` what a regrade needs to reproduce it exactly (the seed, the submission's hash)
plus each check's outcome and diagnosis tags for the instructor's report.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder import __version__
from autograder.course import Assignment
from autograder.testing.runner import CheckResult

GRADED = "graded"
# Graded, but something went wrong that the student should hear about first (most severe first).
PROBLEMS = ("wrong_assignment", "syntax_error", "crash", "memory_limit", "disk_limit", "timeout",
            "missing_function", "wrong_shape")
STATUS_TEXT = {
    GRADED: "graded",
    "wrong_assignment": "another assignment's notebook?",
    "syntax_error": "a cell has a syntax error",
    "crash": "the code crashed",
    "memory_limit": "memory limit exceeded",
    "disk_limit": "disk limit exceeded",
    "timeout": "time limit exceeded",
    "missing_function": "a function is missing",
    "wrong_shape": "a result has the wrong shape or form",
    "load_failed": "the notebook could not be run",
    "missing": "file missing",
    "too_large": "file too large",
    "empty": "empty submission",
    "corrupt_json": "damaged notebook (invalid JSON)",
    "not_a_notebook": "not a notebook",
    "bad_encoding": "not UTF-8 text",
    "unsupported_type": "not a .ipynb, .py or .zip file",
    "bad_zip": "damaged or unsafe zip file",
    "no_notebook_in_zip": "no notebook in the zip file",
    "several_notebooks_in_zip": "several notebooks in the zip file",
    "grader_error": "internal grader error",
}


@dataclass
class Outcome:
    """Everything known about one graded submission."""

    assignment: Assignment
    file: str
    status: str
    seed: int | None
    sha256: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    message: str = ""
    notes: list[str] = field(default_factory=list)
    sandbox: str = ""
    seconds: float = 0.0

    @property
    def ran(self) -> bool:
        """The checks ran (whatever the score and the status): the score counts, possibly with
        a problem to report. False only for what could not be run at all (no check ran)."""
        return bool(self.checks)

    def question_score(self, qid: str) -> float:
        return sum(r.score for r in self.checks if r.info.question == qid)

    @property
    def score(self) -> float:
        return sum(r.score for r in self.checks)


def _check_line(r: CheckResult) -> str:
    mark = "✓" if r.passed else "✗"
    pts = f"{r.info.points:g} pt" + ("s" if r.info.points != 1 else "")
    line = f"{mark} [{r.info.visibility}, {pts}] {r.info.description}"
    if not r.passed:
        line += "\n    " + r.message.replace("\n", "\n    ")
    return line


def to_gradescope(o: Outcome) -> dict:
    a = o.assignment
    tests = []
    for q in a.questions.values():
        rs = [r for r in o.checks if r.info.question == q.id]
        score, max_score = o.question_score(q.id), a.points(q.id)
        if rs:
            output = "\n".join(_check_line(r) for r in rs)
        else:
            output = f"Not graded: {o.message or STATUS_TEXT.get(o.status, o.status)}"
        tests.append({
            "name": f"{q.id}: {q.title}",
            "number": q.id,
            "score": round(score, 6),
            "max_score": round(max_score, 6),
            "status": "passed" if score >= max_score else "failed",
            "output": output,
            "visibility": "visible",
        })
    lines = [f"{a.title} ({a.name}): {o.score:g} / {a.max_points:g} points."]
    if not o.ran:
        lines.append(f"Not graded: {o.message}")
    elif o.message:
        lines.append(o.message)
    lines.extend(o.notes)
    if a.written:
        parts = ", ".join(f"{w.id} ({w.points:g} pts)" for w in a.written.values())
        lines.append(f"Written answers {parts} are graded by hand.")
    return {
        "score": round(o.score, 6),
        "execution_time": round(o.seconds, 3),
        "output": "\n".join(lines),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {
            "assignment": a.name,
            "file": o.file,
            "status": o.status,
            "ran": o.ran,
            "message": o.message,
            "max_score": a.max_points,
            "written_points": {w.id: w.points for w in a.written.values()},
            "seed": o.seed,
            "submission_sha256": o.sha256,
            "sandbox": o.sandbox,
            "grader_version": __version__,
            "checks": [
                {"name": r.info.name, "question": r.info.question, "passed": r.passed,
                 "points": r.info.points, "hidden": r.info.hidden, "tags": list(r.tags),
                 "title": r.info.description, "message": r.message}
                for r in o.checks
            ],
        },
    }


def write_json_atomic(path: Path, data: dict) -> None:
    """Write ``data`` so that ``path`` holds either the old content or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return  # unchanged: a finished batch rerun writes nothing
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def read_result(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "extra_data" in data else None


def written_header(w) -> str:
    """The ``grades.csv`` column of a written question, e.g. ``w1 (written, 2 pts)``."""
    return f"{w.id} (written, {w.points:g} pts)"


def grades_csv(out_dir: Path, assignment: Assignment, roster: list | None = None) -> str:
    """One row per result in ``out_dir``, sorted by file name.

    Columns: ``file``; with a roster (``roster``, else the one ``grade --roster`` kept in
    ``out_dir``) ``student_id``, ``name``, ``email``; ``total`` and ``max`` (the code
    questions), one column per question; one per written question (empty until
    ``merge-written``) and ``total with written``, ``max with written`` (filled once every
    written score is in); ``status``; with a roster, ``roster`` (a submission not in it, or
    one of a student's several). A roster student without a submission gets a row with
    status ``missing`` and 0.
    """
    from autograder.grading.roster import match_roster, stored_roster

    if roster is None:
        roster = stored_roster(out_dir)
    qids = list(assignment.questions)
    written = list(assignment.written.values())
    found = []  # (stem, data)
    for path in sorted(out_dir.glob("*.json")):
        data = read_result(path)
        if data and data["extra_data"].get("assignment") == assignment.name:
            found.append((path.stem, data))
    match = None
    if roster is not None:
        match = match_roster(roster, [(stem, str(d["extra_data"].get("file", stem)))
                                      for stem, d in found])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    people = ["student_id", "name", "email"] if match else []
    extra_cols = [written_header(x) for x in written]
    if written:
        extra_cols += ["total with written", "max with written"]
    w.writerow(["file", *people, "total", "max", *qids, *extra_cols, "status",
                *(["roster"] if match else [])])
    max_written = assignment.max_points + sum(x.points for x in written)
    for stem, data in found:
        extra = data["extra_data"]
        by_q = {t.get("number"): t.get("score", 0) for t in data.get("tests", [])}
        scores = extra.get("written") if isinstance(extra.get("written"), dict) else {}
        marks = [scores.get(x.id) for x in written]
        total = float(data.get("score", 0))
        cols = [f"{m:g}" if isinstance(m, (int, float)) else "" for m in marks]
        if written:
            complete = all(isinstance(m, (int, float)) for m in marks)
            cols += [f"{total + sum(marks):g}" if complete else "", f"{max_written:g}"]
        student = match.by_result.get(stem) if match else None
        who = [student.student_id, student.name, student.email] if student else (
            ["", "", ""] if match else [])
        w.writerow([extra.get("file", stem), *who, f"{total:g}", f"{assignment.max_points:g}",
                    *[f"{by_q.get(q, 0):g}" for q in qids], *cols, extra.get("status", ""),
                    *([match.note(stem)] if match else [])])
    for s in match.no_submission if match else []:
        blank = [""] * len(written) + (["", f"{max_written:g}"] if written else [])
        w.writerow(["", s.student_id, s.name, s.email, "0", f"{assignment.max_points:g}",
                    *["0"] * len(qids), *blank, "missing", "no submission"])
    return buf.getvalue()
