"""Grade one submission: read it, run it in a sandbox, run every check in this process."""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from autograder.course import Assignment
from autograder.grading.load import Unreadable, load_submission
from autograder.grading.results import GRADED, Outcome
from autograder.sandbox.modes import Limits, SandboxMode
from autograder.sandbox.proxy import SandboxedSubmission
from autograder.seeds import new_seed
from autograder.testing.runner import run_check

__all__ = ["grade_file", "new_seed"]


def grade_file(
    assignment: Assignment,
    path: Path,
    *,
    seed: int,
    mode: SandboxMode,
    limits: Limits = Limits(),
    display_name: str | None = None,
) -> Outcome:
    """Never raises for anything in the submission; a grader bug becomes ``grader_error``."""
    start = time.monotonic()
    name = display_name or str(path)
    try:
        loaded = load_submission(path)
    except Unreadable as exc:
        return Outcome(assignment, name, exc.status, seed, exc.sha256, message=exc.message,
                       sandbox=mode.name, seconds=time.monotonic() - start)
    outcome = Outcome(assignment, name, GRADED, seed, loaded.sha256, sandbox=mode.name)
    try:
        with SandboxedSubmission(loaded.cells, assignment.contract, mode=mode,
                                 limits=limits) as sub:
            report = sub.report
            if not report.loaded:
                outcome.status = "load_failed"
                outcome.message = " ".join(report.events) or "the notebook could not be run."
            else:
                for check in assignment.checks:
                    outcome.checks.append(run_check(check, sub, seed))
        outcome.notes = _notes(report)
    except Exception:  # noqa: BLE001 - never lose a grade to a grader bug: record it
        outcome.status = "grader_error"
        outcome.checks = []
        outcome.message = "The grader failed on this submission; your instructor has been told."
        outcome.notes = [traceback.format_exc(limit=8)]
    outcome.seconds = time.monotonic() - start
    return outcome


def _notes(report) -> list[str]:
    notes = list(report.events)
    for err in report.cell_errors[:10]:
        notes.append(f"Cell {err.get('cell')} raised {err.get('error')}")
    if len(report.cell_errors) > 10:
        notes.append(f"... and {len(report.cell_errors) - 10} more cells raised errors.")
    return notes
