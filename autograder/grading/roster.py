"""The class roster: who the submissions belong to, and who submitted nothing.

A roster is a CSV file with a header line. Column names are matched without regard to case,
spaces, hyphens or underscores; these are recognised (other columns are ignored):

- the submission: ``file``, ``submission``, ``filename``, ``notebook`` or ``stem``: the file
  name (``alice.ipynb``), its stem (``alice``), or a path ending the submission's path;
- the student id: ``student_id``, ``id``, ``sid``, ``student``, ``username`` or ``login``;
- ``name`` (or ``student_name``, ``full_name``) and ``email`` (or ``e-mail``, ``mail``).

A roster needs a file column or an id column. A row without a file matches the submission
whose file stem or one of whose folders is the student id (nbgrader's
``submitted/<student id>/<assignment>/`` layout). ``autograder grade --roster`` keeps a normalised
copy as ``<results>/roster.csv``; ``grades.csv``, the report, ``merge-written`` and the
feedback pages read it from there.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

ROSTER_FILE = "roster.csv"
FIELDS = ("file", "student_id", "name", "email")
ALIASES = {
    "file": ("file", "submission", "filename", "notebook", "stem"),
    "student_id": ("studentid", "id", "sid", "student", "username", "login"),
    "name": ("name", "studentname", "fullname"),
    "email": ("email", "mail", "emailaddress"),
}


class RosterError(ValueError):
    """A roster or score file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Student:
    student_id: str
    name: str = ""
    email: str = ""
    file: str = ""
    line: int = 0


def normalise(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header.strip().lower())


def header_columns(header: list[str]) -> dict[str, int]:
    """Which column holds each of :data:`FIELDS` (the first one that matches)."""
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        key = normalise(h)
        for name, aliases in ALIASES.items():
            if key in aliases and name not in found:
                found[name] = i
    return found


def read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows (with their line numbers) of a CSV file; every row
    has the header's number of fields."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RosterError(f"{path}: not UTF-8 text (save it as CSV UTF-8)") from None
    reader = csv.reader(io.StringIO(text))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [h.strip() for h in row]
                continue
            if len(row) != len(header):
                raise RosterError(f"{path}, line {reader.line_num}: {len(row)} field(s), but "
                                  f"the header has {len(header)}")
            rows.append((reader.line_num, [cell.strip() for cell in row]))
    except csv.Error as exc:
        raise RosterError(f"{path}, line {reader.line_num}: {exc}") from None
    if header is None:
        raise RosterError(f"{path}: empty; expected a header line such as "
                          "`student_id,name,email,file`")
    return header, rows


def read_roster(path: Path) -> list[Student]:
    header, rows = read_csv(path)
    cols = header_columns(header)
    if "file" not in cols and "student_id" not in cols:
        raise RosterError(
            f"{path}, line 1: no column for the submission file ({', '.join(ALIASES['file'])}) "
            f"or the student id (student_id, {', '.join(ALIASES['student_id'][1:])}); the "
            f"header is {','.join(header)}")
    students: list[Student] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        values = {k: row[i] for k, i in cols.items()}
        s = Student(values.get("student_id", ""), values.get("name", ""),
                    values.get("email", ""), values.get("file", ""), line)
        if not s.student_id and not s.file:
            raise RosterError(f"{path}, line {line}: no student id and no submission file")
        for key in ("student_id", "file"):
            value = getattr(s, key)
            if value and (key, value) in seen:
                raise RosterError(f"{path}, line {line}: {key.replace('_', ' ')} {value!r} is "
                                  f"already on line {seen[(key, value)]}")
            seen[(key, value)] = line
        students.append(s)
    return students


def write_roster(students: list[Student], path: Path) -> None:
    """The normalised roster (``file,student_id,name,email``) the other commands read."""
    from autograder.grading.results import write_text_atomic

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FIELDS)
    for s in students:
        w.writerow([s.file, s.student_id, s.name, s.email])
    write_text_atomic(path, buf.getvalue())


def stored_roster(results_dir: Path) -> list[Student] | None:
    """The roster ``autograder grade --roster`` kept in ``results_dir``, if any."""
    path = Path(results_dir) / ROSTER_FILE
    return read_roster(path) if path.is_file() else None


def names_match(value: str, file: str, stem: str) -> bool:
    """Does ``value`` (a roster's or score file's entry) name the submission ``file`` (whose
    result is ``<stem>.json``): its path, name, stem, a folder of it, or the end of its path?"""
    if not value:
        return False
    p = PurePath(file)
    value_path = value.replace("\\", "/").rstrip("/")
    return (value in (file, p.name, p.stem, stem) or value in p.parent.parts
            or file.replace("\\", "/").endswith("/" + value_path))


def id_matches(student_id: str, file: str, stem: str) -> bool:
    """A student id names a submission through its stem or one of its folders."""
    if not student_id:
        return False
    p = PurePath(file)
    return student_id in (p.stem, stem) or student_id in p.parent.parts


@dataclass
class RosterMatch:
    by_result: dict[str, Student] = field(default_factory=dict)  # result stem -> student
    no_submission: list[Student] = field(default_factory=list)
    not_in_roster: list[str] = field(default_factory=list)  # result stems
    several: dict[str, list[str]] = field(default_factory=dict)  # student id -> result stems

    def note(self, stem: str) -> str:
        if stem in self.not_in_roster:
            return "not in the roster"
        s = self.by_result.get(stem)
        if s is not None and len(self.several.get(s.student_id or s.file, [])) > 1:
            return "one of several submissions of this student"
        return ""


def match_roster(students: list[Student], results: Iterable[tuple[str, str]]) -> RosterMatch:
    """Pair each result (``(stem, file)``) with its student: by the roster's file when it has
    one, else by the student id (the file's stem or a folder of its path)."""
    results = list(results)
    m = RosterMatch()
    for s in students:
        if s.file:
            found = [stem for stem, file in results if names_match(s.file, file, stem)]
        else:
            found = [stem for stem, file in results if id_matches(s.student_id, file, stem)]
        found = [stem for stem in found if stem not in m.by_result]
        if not found:
            m.no_submission.append(s)
        for stem in found:
            m.by_result[stem] = s
        if len(found) > 1:
            m.several[s.student_id or s.file] = found
    m.not_in_roster = [stem for stem, _ in results if stem not in m.by_result]
    return m
