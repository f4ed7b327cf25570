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
from autograder.seeds import seed_from_env
from autograder.testing.local import LocalSubmission
from autograder.testing.runner import run_check


def _seed(assignment: str) -> int:
    # Same seed for every question of one autograde run, and for every run (nbgrader has no
    # place to record a per-submission seed): $AUTOGRADER_SEED, or one derived from the name.
    from_env = seed_from_env()
    return from_env if from_env is not None else zlib.crc32(assignment.encode())


def score(assignment: str, question: str, env: dict) -> float:
    """Points earned on ``question`` by the functions in ``env`` (public and hidden checks).

    Also prints one line per check (stdout, which nbgrader does not score) so the feedback
    nbgrader generates says which checks failed and why, as ``autograder grade`` does.
    """
    course = Course.find(os.environ.get("AUTOGRADER_COURSE") or None)
    a = course.assignment(assignment)
    sub = LocalSubmission(env, a.contract)
    results = []
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()), \
            contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        for check in a.checks:
            if check.info.question == question:
                results.append(run_check(check, sub, _seed(assignment)))
    total = sum(r.score for r in results)
    print(f"{question}: {total:g} / {a.points(question):g} points")
    for r in results:
        pts = f"{r.info.points:g} pt" + ("s" if r.info.points != 1 else "")
        print(f"{'✓' if r.passed else '✗'} [{r.info.visibility}, {pts}] {r.info.description}")
        if not r.passed:
            print("    " + r.message.replace("\n", "\n    "))
    return total
