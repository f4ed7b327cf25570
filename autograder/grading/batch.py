"""Grade a folder of submissions in parallel, resumably, without ever losing a grade.

- Each submission's result is written atomically by the worker that graded it, so a result on
  disk is always complete, and a batch killed at any point resumes where it stopped: a result
  whose recorded submission hash matches the file is not graded again.
- Workers die with the grader (parent-death signal), and each sandbox dies with its worker.
  Ctrl-C (SIGINT to the process group) and SIGTERM stop the batch at once: workers ignore
  SIGINT, and the grader terminates them; each kills its sandbox and exits, so nothing is left
  running and nothing half-written is left as a result.
- A worker that crashes (a grader bug, not a student's) is replaced; its submission is retried
  once and otherwise recorded as ``grader_error``.
- At most ``2 * workers`` submissions are in flight: memory stays bounded whatever the batch size.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from autograder.grading.load import SUFFIXES, SUPPORT_FILES, file_sha256
from autograder.grading.results import read_result, to_gradescope, write_json_atomic


@dataclass(frozen=True)
class Job:
    path: Path
    out: Path
    display: str
    seed: int | None  # None: draw a fresh unpredictable seed


@dataclass(frozen=True)
class Done:
    display: str
    out: str
    score: float
    max_score: float
    status: str
    seconds: float
    skipped: bool = False


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly (whatever their type), plus the .ipynb, .py and .zip files found
    in folders (not hidden ones, nor the ``public_tests.py`` shipped beside each notebook)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                hidden = any(part.startswith(".") or part == "__pycache__" for part in rel)
                if (f.is_file() and f.suffix in SUFFIXES and f.name not in SUPPORT_FILES
                        and not hidden):
                    found.append(f)
        else:
            found.append(p)
    unique, seen = [], set()
    for f in found:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def output_names(files: list[Path]) -> dict[Path, str]:
    """``<stem>.json``, disambiguated only where two submissions share a stem."""
    stems: dict[str, list[Path]] = {}
    for f in files:
        stems.setdefault(f.stem, []).append(f)
    names = {}
    for stem, group in stems.items():
        if len(group) == 1:
            names[group[0]] = f"{stem}.json"
            continue
        for f in group:
            parent = f.parent.name or "root"
            names[f] = f"{parent}__{f.name}.json".replace(os.sep, "_")
    return names


def sweep_partial_writes(out_dir: Path) -> int:
    """Remove temporary files of result writes a killed grader never finished (the results
    themselves are always whole: see ``write_json_atomic``). Returns how many."""
    removed = 0
    for p in out_dir.glob(".*.tmp"):
        try:
            p.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def plan(files: list[Path], out_dir: Path, assignment: str, *, regrade: bool = False,
         fresh_seed: bool = False, seed: int | None = None) -> tuple[list[Job], list[Done]]:
    """Split into jobs to run and results already on disk for this exact file.

    ``seed`` fixes every job's seed (a result graded with another seed is graded again);
    otherwise a regrade reuses the recorded seed and a new submission draws a fresh one.
    """
    jobs, done = [], []
    names = output_names(files)
    for f in files:
        out = out_dir / names[f]
        old = read_result(out) if out.exists() else None
        if old is not None and old["extra_data"].get("assignment") == assignment:
            extra = old["extra_data"]
            same_file = f.is_file() and extra.get("submission_sha256") == file_sha256(f)
            same_seed = seed is None or extra.get("seed") == seed
            if same_file and same_seed and not regrade and extra.get("status") != "grader_error":
                done.append(Done(str(f), str(out), float(old.get("score", 0)),
                                 float(extra.get("max_score", 0)), str(extra.get("status")),
                                 0.0, skipped=True))
                continue
            if seed is None and same_file and not fresh_seed and isinstance(extra.get("seed"),
                                                                             int):
                jobs.append(Job(f, out, str(f), extra["seed"]))  # reproduces the score exactly
                continue
        jobs.append(Job(f, out, str(f), seed))
    return jobs, done


# ---------------------------------------------------------------------------- worker side

_worker_course = {}


def _stop_worker(signum, frame) -> None:  # pragma: no cover - runs in a worker process
    """SIGTERM from the grader: kill this worker's sandbox, then leave at once."""
    from autograder.sandbox.proxy import close_all

    try:
        close_all()
    finally:
        os._exit(128 + signum)


def _init_worker(grader_pid: int, mode_name: str | None = None) -> None:
    from autograder.grading.grade import single_threaded_oracles

    single_threaded_oracles()  # before anything imports PyTorch
    # Ctrl-C reaches the whole process group: the grader decides what happens to workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    if os.uname().sysname == "Linux":
        from autograder.sandbox.confine import die_with_parent

        if not die_with_parent(grader_pid):  # the grader died before we got here
            os._exit(1)
    if mode_name is not None:
        # The worker's zygote imports NumPy while this process imports the course's checks.
        from autograder.sandbox.modes import detect
        from autograder.sandbox.zygotes import prestart

        prestart(detect(mode_name))


def _grade_job(course_root: str, name: str, job: Job, mode_name: str, limits) -> Done:
    from autograder.course import Course
    from autograder.grading.grade import grade_file
    from autograder.sandbox.modes import detect
    from autograder.seeds import new_seed

    if course_root not in _worker_course:
        _worker_course[course_root] = Course(course_root)
    assignment = _worker_course[course_root].assignment(name)
    seed = job.seed if job.seed is not None else new_seed()
    outcome = grade_file(assignment, job.path, seed=seed, mode=detect(mode_name), limits=limits,
                         display_name=job.display)
    data = to_gradescope(outcome)
    old = read_result(job.out) if job.out.exists() else None
    if old and old["extra_data"].get("submission_sha256") == outcome.sha256 and isinstance(
            old["extra_data"].get("written"), dict):
        # A regrade of the same file keeps the written scores merged by hand.
        data["extra_data"]["written"] = old["extra_data"]["written"]
    write_json_atomic(job.out, data)
    return Done(job.display, str(job.out), outcome.score, assignment.max_points, outcome.status,
                outcome.seconds)


def _record_grader_error(course_root: str, name: str, job: Job, why: str) -> Done:
    from autograder.course import Course
    from autograder.grading.results import Outcome

    assignment = Course(course_root).assignment(name)
    outcome = Outcome(assignment, job.display, "grader_error", job.seed, file_sha256(job.path)
                      if job.path.is_file() else "", message=why)
    write_json_atomic(job.out, to_gradescope(outcome))
    return Done(job.display, str(job.out), 0.0, assignment.max_points, "grader_error", 0.0)


# ---------------------------------------------------------------------------- grader side


def run(course_root: Path, name: str, jobs: list[Job], *, workers: int, mode_name: str,
        limits, on_done: Callable[[Done], None]) -> list[Done]:
    """Grade ``jobs`` with ``workers`` processes; call ``on_done`` as each finishes."""
    results: list[Done] = []
    pending = list(reversed(jobs))
    attempts: dict[Path, int] = {}
    ctx = multiprocessing.get_context("spawn")
    while pending:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(os.getpid(), mode_name))
        in_flight: dict[Future, Job] = {}
        try:
            while pending or in_flight:
                while pending and len(in_flight) < 2 * workers:
                    job = pending.pop()
                    attempts[job.path] = attempts.get(job.path, 0) + 1
                    fut = pool.submit(_grade_job, str(course_root), name, job, mode_name, limits)
                    in_flight[fut] = job
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in finished:
                    job = in_flight.pop(fut)
                    try:
                        done = fut.result()
                    except BrokenProcessPool:
                        in_flight[fut] = job
                        raise
                    except Exception as exc:  # noqa: BLE001 - a grader bug: record, go on
                        done = _record_grader_error(str(course_root), name, job,
                                                    f"{type(exc).__name__}: {exc}")
                    results.append(done)
                    on_done(done)
        except BaseException as exc:
            if not isinstance(exc, BrokenProcessPool):
                # Ctrl-C, SIGTERM or a bug here: stop every worker (and so every sandbox) now
                # rather than after the submissions they hold; their results are not written.
                _terminate_workers(pool)
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            # A worker died: retry what it had in flight once, then record a grader error.
            for job in in_flight.values():
                if attempts.get(job.path, 0) < 2:
                    pending.append(job)
                else:
                    done = _record_grader_error(str(course_root), name, job,
                                                "the grading worker crashed twice")
                    results.append(done)
                    on_done(done)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            # A worker stopped while it was starting a sandbox or writing a result, killed
            # after the grace period, or crashed may leave a work folder, a log or a partial
            # result file; the workers are gone by now.
            from autograder.sandbox.proxy import sweep_stale_work

            sweep_stale_work()
            for out_dir in {job.out.parent for job in jobs}:
                sweep_partial_writes(out_dir)
    return results


def _terminate_workers(pool: ProcessPoolExecutor, grace: float = 5.0) -> None:
    """SIGTERM each worker (it kills its sandbox and exits), SIGKILL any still there later."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for p in procs:
        try:
            p.terminate()
        except (OSError, ValueError):
            pass
    deadline = time.monotonic() + grace
    for p in procs:
        p.join(max(0.0, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            p.join(1.0)
