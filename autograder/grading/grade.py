"""Grade one submission: read it, run it in a sandbox, run every check in this process."""

from __future__ import annotations

import secrets
import time
import traceback
from pathlib import Path

from autograder.course import Assignment
from autograder.grading.load import Unreadable, load_submission
from autograder.grading.prune import needed_cells
from autograder.grading.results import GRADED, Outcome
from autograder.sandbox.modes import Limits, SandboxMode
from autograder.sandbox.proxy import SandboxedSubmission
from autograder.testing.runner import run_check


def new_seed() -> int:
    """A seed the student cannot predict (recorded in the result for an exact regrade)."""
    return secrets.randbits(63)


def grade_file(
    assignment: Assignment,
    path: Path,
    *,
    seed: int,
    mode: SandboxMode,
    limits: Limits = Limits(),
    display_name: str | None = None,
    prune: bool = True,
) -> Outcome:
    """Never raises for anything in the submission; a grader bug becomes ``grader_error``.

    With ``prune`` only the cells the graded functions need are run (see prune.py).
    """
    start = time.monotonic()
    name = display_name or str(path)
    try:
        loaded = load_submission(path)
    except Unreadable as exc:
        return Outcome(assignment, name, exc.status, seed, exc.sha256, message=exc.message,
                       sandbox=mode.name, seconds=time.monotonic() - start)
    outcome = Outcome(assignment, name, GRADED, seed, loaded.sha256, sandbox=mode.name)
    skip = cells_to_skip(loaded.cells, assignment) if prune else []
    try:
        _run(outcome, assignment, loaded.cells, skip, seed, mode, limits)
        if skip and any("NameError" in r.message for r in outcome.checks if not r.passed):
            # A global the analysis could not see: run the whole notebook instead.
            outcome.checks, outcome.status, outcome.message = [], GRADED, ""
            _run(outcome, assignment, loaded.cells, [], seed, mode, limits)
    except Exception:  # noqa: BLE001 - never lose a grade to a grader bug: record it
        outcome.status = "grader_error"
        outcome.checks = []
        outcome.message = "The grader failed on this submission; your instructor has been told."
        outcome.notes = [traceback.format_exc(limit=8)]
    outcome.seconds = time.monotonic() - start
    return outcome


def cells_to_skip(cells: list[str], assignment: Assignment) -> list[int]:
    """1-based numbers of the cells grading does not need to run."""
    keep = needed_cells(cells, assignment.contract)
    if keep is None:
        return []
    return [i + 1 for i in range(len(cells)) if i not in set(keep)]


def _run(outcome: Outcome, assignment: Assignment, cells: list[str], skip: list[int],
         seed: int, mode: SandboxMode, limits: Limits) -> None:
    with SandboxedSubmission(cells, assignment.contract, mode=mode, limits=limits,
                             skip_cells=skip) as sub:
        report = sub.report
        if not report.loaded:
            outcome.status = "load_failed"
            outcome.message = " ".join(report.events) or "the notebook could not be run."
        else:
            for check in assignment.checks:
                outcome.checks.append(run_check(check, sub, seed))
    outcome.notes = _notes(report)


def _notes(report) -> list[str]:
    notes = list(report.events)
    for err in report.cell_errors[:10]:
        notes.append(f"Cell {err.get('cell')} raised {err.get('error')}")
    if len(report.cell_errors) > 10:
        notes.append(f"... and {len(report.cell_errors) - 10} more cells raised errors.")
    return notes
