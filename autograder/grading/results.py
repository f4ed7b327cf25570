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
            "seed": o.seed,
            "submission_sha256": o.sha256,
            "sandbox": o.sandbox,
            "grader_version": __version__,
            "checks": [
                {"name": r.info.name, "question": r.info.question, "passed": r.passed,
                 "points": r.info.points, "hidden": r.info.hidden, "tags": list(r.tags),
                 "message": r.message}
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


def grades_csv(out_dir: Path, assignment: Assignment) -> str:
    """One row per result in ``out_dir`` (streamed, sorted by file name)."""
    qids = list(assignment.questions)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "total", "max", *qids, "status"])
    for path in sorted(out_dir.glob("*.json")):
        data = read_result(path)
        if not data or data["extra_data"].get("assignment") != assignment.name:
            continue
        by_q = {t.get("number"): t.get("score", 0) for t in data.get("tests", [])}
        w.writerow([
            data["extra_data"].get("file", path.stem),
            f"{data.get('score', 0):g}",
            f"{assignment.max_points:g}",
            *[f"{by_q.get(q, 0):g}" for q in qids],
            data["extra_data"].get("status", ""),
        ])
    return buf.getvalue()
