"""The README's table of assignments is the course as it is: every assignment, with its
questions, checks, points, catalogue and variants counted from the code."""

from __future__ import annotations

import re

from autograder.catalogue import load_catalogue, load_variants
from autograder.course import Course

from .conftest import ROOT

ROW = re.compile(r"^\| `(\w+)` \| (\d+) \| (\d+) \((\d+) \+ (\d+)\) \| ([\d.]+) \(\+([\d.]+)\) "
                 r"\| (\d+) mistakes \| (\d+) \|$", flags=re.MULTILINE)


def test_the_readme_table_counts_what_the_course_holds():
    course = Course(ROOT)
    rows = {m[0]: m[1:] for m in ROW.findall((ROOT / "README.md").read_text())}
    assert sorted(rows) == course.names()
    for name in course.names():
        a = course.assignment(name)
        public = sum(1 for c in a.checks if not c.info.hidden)
        written = sum(w.points for w in a.written.values())
        want = (str(len(a.questions)), str(len(a.checks)), str(public),
                str(len(a.checks) - public), f"{a.max_points:g}", f"{written:g}",
                str(len(load_catalogue(a))), str(len(load_variants(a))))
        assert rows[name] == want, f"README row of {name}: {rows[name]} != {want}"
    documented = set(re.findall(r"^- \*\*(\w+):", (ROOT / "docs" / "assignments.md").read_text(),
                                flags=re.MULTILINE))
    assert documented == set(course.names())
