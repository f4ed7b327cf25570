"""Scoring inside nbgrader's grade cells (the hidden part of each ``@check`` cell).

``nbgrader autograde`` runs the student's notebook and, in each question's grade cell, calls
:func:`score`, whose return value (the points earned) is the cell's output: nbgrader reads a
numeric output as partial credit. This runs in the student's kernel, as nbgrader always does,
so it is only as trustworthy as nbgrader itself; ``autograder grade`` is the sandboxed path.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings
import zlib

from autograder.course import Course
from autograder.testing.local import LocalSubmission
from autograder.testing.runner import run_check


def _seed(assignment: str) -> int:
    # Same seed for every question of one autograde run; fixed unless the instructor sets one.
    return int(os.environ.get("AUTOGRADER_SEED", zlib.crc32(assignment.encode())))


def score(assignment: str, question: str, env: dict) -> float:
    """Points earned on ``question`` by the functions in ``env`` (public and hidden checks)."""
    course = Course.find(os.environ.get("AUTOGRADER_COURSE") or None)
    a = course.assignment(assignment)
    sub = LocalSubmission(env, a.contract)
    total = 0.0
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()), \
            contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        for check in a.checks:
            if check.info.question == question:
                total += run_check(check, sub, _seed(assignment)).score
    return total
