"""``autograder merge-written``: hand-graded written answers into the results and grades.csv.

The scores file is a CSV with a header: a column naming the submission (``file``, or a
student id column: see roster.py) and one column per written question, headed by its id
(``w1``) or by the ``grades.csv`` header (``w1 (written, 2 pts)``), so a filled-in copy of
``grades.csv`` can be merged back. An empty cell is "not graded yet" and leaves the stored
score alone; other columns are ignored.

Everything is checked before anything is written: each score is a number from 0 to the
question's points, each row names exactly one result, no result is named twice, and every
``wN`` column is a written question of the assignment. A problem raises
:class:`~autograder.grading.roster.RosterError` naming the file and line, and changes nothing.
Merging the same file again changes nothing. Scores go to each result's
``extra_data["written"]``; the result's ``score`` stays the code questions' total (a regrade
of the same file keeps the written scores).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.course import Assignment
from autograder.grading.results import (
    grades_csv,
    read_result,
    write_json_atomic,
    write_text_atomic,
)
from autograder.grading.roster import (
    RosterError,
    header_columns,
    id_matches,
    match_roster,
    names_match,
    read_csv,
    stored_roster,
)

_WRITTEN_COLUMN = re.compile(r"^(w\d+)(?:\s*\(.*\))?$", re.I)


@dataclass
class MergeSummary:
    rows: int  # rows with at least one score
    changed: int  # results whose written scores changed


def _written_columns(path: Path, header: list[str], a: Assignment) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        m = _WRITTEN_COLUMN.match(h.strip())
        if not m:
            continue
        wid = m.group(1).lower()
        if wid not in a.written:
            known = ", ".join(a.written) or "none"
            raise RosterError(f"{path}, line 1: column {h!r}: {a.name} has no written question "
                              f"{wid} (it has {known})")
        if wid in cols:
            raise RosterError(f"{path}, line 1: two columns for {wid}")
        cols[wid] = i
    if not cols:
        raise RosterError(f"{path}, line 1: no column for a written question (headed "
                          f"{', '.join(a.written) or '...'}); the header is {','.join(header)}")
    return cols


def _score(path: Path, line: int, a: Assignment, wid: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise RosterError(f"{path}, line {line}: {wid} = {raw!r} is not a number") from None
    points = a.written[wid].points
    if not math.isfinite(value) or not 0 <= value <= points:
        raise RosterError(f"{path}, line {line}: {wid} = {raw} is not between 0 and "
                          f"{points:g} (the question's points)")
    return value


def merge_written(a: Assignment, results_dir: Path, scores_csv: Path) -> MergeSummary:
    results_dir, scores_csv = Path(results_dir), Path(scores_csv)
    header, rows = read_csv(scores_csv)
    written_cols = _written_columns(scores_csv, header, a)
    key_cols = header_columns(header)
    if "file" not in key_cols and "student_id" not in key_cols:
        raise RosterError(f"{scores_csv}, line 1: no column naming the submission (file) or "
                          "the student (student_id)")
    results: dict[str, tuple[Path, dict]] = {}
    for path in sorted(results_dir.glob("*.json")):
        data = read_result(path)
        if data and data["extra_data"].get("assignment") == a.name:
            results[path.stem] = (path, data)
    files = [(stem, str(d["extra_data"].get("file", stem))) for stem, (_, d) in results.items()]
    roster = stored_roster(results_dir)
    by_id: dict[str, list[str]] = {}
    if roster:
        match = match_roster(roster, files)
        for stem, s in match.by_result.items():
            by_id.setdefault(s.student_id, []).append(stem)

    updates: dict[str, dict[str, float]] = {}
    claimed: dict[str, int] = {}
    for line, row in rows:
        raw = {wid: row[i] for wid, i in written_cols.items() if row[i] != ""}
        if not raw:
            continue  # nothing graded on this row (e.g. grades.csv's "missing" students)
        file = row[key_cols["file"]] if "file" in key_cols else ""
        sid = row[key_cols["student_id"]] if "student_id" in key_cols else ""
        if file:
            what, found = file, [stem for stem, f in files if names_match(file, f, stem)]
        elif sid:
            what = sid
            found = by_id.get(sid) or [stem for stem, f in files if id_matches(sid, f, stem)]
        else:
            raise RosterError(f"{scores_csv}, line {line}: no file and no student id")
        if not found:
            raise RosterError(f"{scores_csv}, line {line}: no result in {results_dir} for "
                              f"{what!r}")
        if len(found) > 1:
            raise RosterError(f"{scores_csv}, line {line}: {what!r} names several results "
                              f"({', '.join(found)}); name the file")
        stem = found[0]
        if stem in claimed:
            raise RosterError(f"{scores_csv}, line {line}: {stem} already has scores on line "
                              f"{claimed[stem]}")
        claimed[stem] = line
        updates[stem] = {wid: _score(scores_csv, line, a, wid, v) for wid, v in raw.items()}

    changed = 0
    for stem, new in updates.items():
        path, data = results[stem]
        extra = data["extra_data"]
        old = extra.get("written") if isinstance(extra.get("written"), dict) else {}
        merged = {**old, **new}
        merged = {wid: merged[wid] for wid in a.written if wid in merged}
        if merged != old:
            extra["written"] = merged
            write_json_atomic(path, data)
            changed += 1
    write_text_atomic(results_dir / "grades.csv", grades_csv(results_dir, a))
    return MergeSummary(len(updates), changed)
