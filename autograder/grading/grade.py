"""Grade one submission: read it, run it in a sandbox, run every check in this process."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from autograder.course import Assignment
from autograder.grading.identify import syntax_errors, wrong_assignment
from autograder.grading.load import LoadedSubmission, Unreadable, load_submission
from autograder.grading.prune import needed_cells
from autograder.grading.results import GRADED, PROBLEMS, Outcome
from autograder.sandbox.modes import Limits, SandboxMode
from autograder.sandbox.proxy import LoadReport, SandboxedSubmission
from autograder.seeds import new_seed
from autograder.testing.runner import CheckResult, run_check

# What a failed call or a failed load says about the whole submission.
_CODE_STATUS = {"crash": "crash", "memory": "memory_limit", "disk": "disk_limit",
                "timeout": "timeout", "missing": "missing_function", "return": "wrong_shape"}

__all__ = ["grade_file", "new_seed", "single_threaded_oracles"]

ORACLE_THREADS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_oracles() -> None:
    """Run the checks' oracles (PyTorch, SciPy's BLAS) on one thread.

    Their operations are tiny: a thread pool only adds synchronisation, and with several
    graders and sandboxes on few cores it makes each small PyTorch call 10 to 20 times slower.
    Applies to PyTorch imported later (through the environment) or already (directly); a
    value the user set in the environment is kept.
    """
    for key in ORACLE_THREADS:
        os.environ.setdefault(key, "1")
    torch = sys.modules.get("torch")
    if torch is not None and os.environ["OMP_NUM_THREADS"] == "1":
        try:
            if torch.get_num_threads() != 1:
                torch.set_num_threads(1)
        except (AttributeError, RuntimeError):
            pass


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
    single_threaded_oracles()
    name = display_name or str(path)
    try:
        loaded = load_submission(path, assignment=assignment.name)
    except Unreadable as exc:
        return Outcome(assignment, name, exc.status, seed, exc.sha256, message=exc.message,
                       sandbox=mode.name, seconds=time.monotonic() - start)
    outcome = Outcome(assignment, name, GRADED, seed, loaded.sha256, sandbox=mode.name)
    try:
        skip = cells_to_skip(loaded.cells, assignment) if prune else []
    except Exception:  # noqa: BLE001 - pruning only saves time: run every cell instead
        skip = []
    try:
        source = source_problems(loaded, assignment)
    except Exception:  # noqa: BLE001 - advisory only: grade without it rather than not at all
        source = {}
    try:
        _run(outcome, assignment, loaded, skip, seed, mode, limits, source)
        if skip and any("NameError" in r.message for r in outcome.checks if not r.passed):
            # A global the analysis could not see: run the whole notebook instead.
            outcome.checks, outcome.status, outcome.message = [], GRADED, ""
            _run(outcome, assignment, loaded, [], seed, mode, limits, source)
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


def source_problems(loaded: LoadedSubmission, assignment: Assignment) -> dict[str, dict]:
    """What reading the source tells before anything runs (see identify.py): status ->
    {key: sentence}, for :func:`classify`. Syntax errors are keyed by cell number."""
    found: dict[str, dict] = {}
    errors = syntax_errors(loaded.cells, assignment.contract, script=loaded.kind == "script")
    if errors:
        found["syntax_error"] = errors
    other = wrong_assignment(loaded.cells, assignment.name, assignment.contract,
                             assignment.root, loaded.metadata)
    if other:
        found["wrong_assignment"] = {"assignment": other}
    return found


def _run(outcome: Outcome, assignment: Assignment, loaded: LoadedSubmission, skip: list[int],
         seed: int, mode: SandboxMode, limits: Limits, source: dict | None = None) -> None:
    with SandboxedSubmission(loaded.cells, assignment.contract, mode=mode, limits=limits,
                             skip_cells=skip, kind=loaded.kind) as sub:
        report = sub.report
        if report.loaded:
            for check in assignment.checks:
                outcome.checks.append(run_check(check, sub, seed))
    outcome.status, outcome.message = classify(outcome.checks, report, source)
    outcome.notes = _notes(report, outcome.message,
                           skip_cells=set((source or {}).get("syntax_error", {})))


def classify(checks: list[CheckResult], report: LoadReport,
             source: dict[str, dict] | None = None) -> tuple[str, str]:
    """The submission's status and a summary a student understands.

    ``graded`` when everything ran (whatever the score); otherwise the most severe problem
    (see :data:`PROBLEMS`): another assignment's notebook, a syntax error (with its cell and
    line), a crash, a memory, disk or time limit, a missing function (with the closest name
    defined), a result of the wrong shape or form (a tuple of the wrong length, None, an
    object that is not data). ``source`` holds what reading the source found
    (:func:`source_problems`). A notebook that could not be run at all gets the reason it
    stopped (or ``load_failed``) and no checks.
    """
    if not report.loaded:
        kinds = [_CODE_STATUS.get(k, "crash") for k in report.failures]
        status = min(kinds, key=PROBLEMS.index) if kinds else "load_failed"
        return status, " ".join(report.events) or "the notebook could not be run."
    # status -> {function, question or cell: sentence}
    found: dict[str, dict] = {k: dict(v) for k, v in (source or {}).items()}
    for kind in report.failures:  # statements skipped while the notebook ran
        found.setdefault(_CODE_STATUS.get(kind, "crash"), {})
    for r in checks:
        if r.passed:
            continue
        status = None
        for tag in r.tags:
            if tag.startswith("code:"):
                status = _CODE_STATUS.get(tag[5:], status)
            elif tag == "shape":
                status = "wrong_shape"
        if status is not None:
            where = r.extra.get("function") or r.info.question
            found.setdefault(status, {}).setdefault(where, r.message.splitlines()[0])
    missing = found.get("missing_function", {})
    if "wrong_assignment" in found:
        missing.clear()  # its one sentence says why they are missing
    said = " ".join(found.get("syntax_error", {}).values())
    for fn in [fn for fn in missing if f"`{fn}`" in said]:
        del missing[fn]  # the syntax error's sentence names it
    if "missing_function" in found and not missing:
        del found["missing_function"]
    if not found:
        return GRADED, ""
    ordered = sorted(found, key=PROBLEMS.index)
    parts = [e for e in report.events if "skipped" in e]
    for status in ordered:
        sentences = list(found[status].values())
        parts.extend(sentences[:3])
        if len(sentences) > 3:
            parts.append(f"(and {len(sentences) - 3} more like this)")
    return ordered[0], " ".join(parts)


def _notes(report: LoadReport, message: str, skip_cells: set[int] = frozenset()) -> list[str]:
    """Events and cell errors the message does not already tell (``skip_cells``: cells whose
    syntax error it states)."""
    notes = [e for e in report.events if e not in message]
    errors = [e for e in report.cell_errors if e.get("cell") not in skip_cells]
    for err in errors[:10]:
        where = f"Cell {err.get('cell')}" if report.kind == "notebook" else "Your file"
        notes.append(f"{where} raised {err.get('error')}")
    if len(errors) > 10:
        notes.append(f"... and {len(errors) - 10} more cells raised errors.")
    return notes
