"""Grade the same submissions with all three paths, in parallel, once per test session.

For every assignment the submissions are the reference notebook, the blank stub and the
catalogue's parity set (:func:`autograder.catalogue.parity_set`: two notebooks holding the first
mistake of every question, odd and even questions apart), rendered at test time from the
reference as ``autograder build`` renders its samples; with ``--parity-full`` (``make parity``)
one notebook per entry of the whole catalogue instead. Each is graded

- by ``autograder grade`` (the sandboxed grader),
- by ``otter run -a dist/<a>-autograder.zip`` (Otter with the course's plugin), and
- by nbgrader in a scratch copy of the course (``generate_assignment``, the submissions in
  ``submitted/<student>/<a>/``, ``autograde``, ``generate_feedback``, ``export``),

all with the same seed in ``$AUTOGRADER_SEED``, which every path honours. The work runs as
subprocesses from a thread pool as wide as the machine (``$AUTOGRADER_TEST_JOBS`` overrides),
and its timings are printed at the end of the session.

``otter run`` is invoked in-process by :mod:`tests.framework.otter_batch`, a few submissions
per process (the command's own code path; only the interpreter start-up is shared). Set
``AUTOGRADER_OTTER_MODE=cli`` to start one ``otter run`` process per submission instead.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.build.notebooks import write_notebook
from autograder.build.pipeline import mistake_notebook
from autograder.catalogue import Mistake, load_catalogue, parity_set
from autograder.course import Course

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TIMINGS: list[tuple[str, float]] = []  # (what, seconds), printed by conftest at the end
# The parity fixture's wall time, attributed to each assignment in proportion to the time its
# tasks took (the suite's budget, tests/conftest.py, charges it to the assignments).
COST: dict[str, float] = {}
_timings_lock = threading.Lock()
OTTER_SHARD_MIN, OTTER_SHARD_MAX = 3, 8  # submissions per otter_batch process


def record(what: str, seconds: float) -> None:
    with _timings_lock:
        TIMINGS.append((what, seconds))


def jobs() -> int:
    return int(os.environ.get("AUTOGRADER_TEST_JOBS") or os.cpu_count() or 2)


def tool_env(seed: int, **extra: str) -> dict[str, str]:
    """The environment of every grading subprocess: the venv's tools first, the seed fixed."""
    env = {k: v for k, v in os.environ.items() if k != "AUTOGRADER_COURSE"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["AUTOGRADER_SEED"] = str(seed)
    env.update(extra)
    return env


def run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 1800,
        log: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a") as f:
            f.write(f"$ {' '.join(map(str, cmd))}\n[exit {proc.returncode}]\n{proc.stdout}\n"
                    f"{proc.stderr}\n")
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n"
                           f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


# ---------------------------------------------------------------------------- submissions


@dataclass(frozen=True)
class Sub:
    assignment: str
    id: str  # file stem; also the nbgrader student id
    path: Path
    mistakes: tuple[Mistake, ...] = ()


def render_submissions(course: Course, name: str, out: Path, full: bool = False) -> list[Sub]:
    """The reference, the stub and the parity set (or, ``full``, every catalogue entry) as
    notebooks in ``out``."""
    a = course.assignment(name)
    samples = course.root / "samples" / name
    out.mkdir(parents=True, exist_ok=True)
    subs = []
    for stem in ("reference", "stub"):
        shutil.copyfile(samples / f"{stem}.ipynb", out / f"{stem}.ipynb")
        subs.append(Sub(name, stem, out / f"{stem}.ipynb"))
    filled = nbformat.read(samples / "reference.ipynb", as_version=4)
    if full:
        groups = [(f"mistake-{m.id}", [m]) for m in load_catalogue(a)]
    else:
        groups = [(f"parity-{k}", g) for k, g in enumerate(parity_set(a), start=1)]
    for stem, mistakes in groups:
        nb = filled
        for m in mistakes:
            nb = mistake_notebook(nb, m)
        path = out / f"{stem}.ipynb"
        write_notebook(nb, path)
        subs.append(Sub(name, stem, path, tuple(mistakes)))
    return subs


# ---------------------------------------------------------------------------- the three paths


@dataclass
class Graded:
    """Per-question scores of one path: ``scores[submission id][question]``."""

    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    raw: dict[str, dict] = field(default_factory=dict)  # the path's own result per submission
    error: str = ""


def autograder_grade(course: Course, name: str, subs_dir: Path, out: Path, seed: int) -> Graded:
    start = time.monotonic()
    run([sys.executable, "-m", "autograder", "grade", name, str(subs_dir), "--out", str(out),
         "--workers", "1", "--seed", str(seed)], cwd=course.root, env=tool_env(seed),
        log=out.parent / f"autograder-{name}.log")
    record(f"{name}: autograder grade", time.monotonic() - start)
    g = Graded()
    for path in sorted(out.glob("*.json")):
        data = json.loads(path.read_text())
        g.raw[path.stem] = data
        g.scores[path.stem] = {t["number"]: float(t["score"]) for t in data["tests"]}
    return g


def otter_shards(course: Course, subs: list[Sub], out: Path) -> list[list[list[str]]]:
    """``[zip, submission, output folder]`` jobs: about two processes per job slot, so the
    pool stays balanced while each process's start-up (about 3 s) is paid rarely."""
    job_list = [[str(course.root / "dist" / f"{s.assignment}-autograder.zip"), str(s.path),
                 str(out / s.assignment / s.id)] for s in subs]
    size = min(OTTER_SHARD_MAX, max(OTTER_SHARD_MIN, -(-len(job_list) // (2 * jobs()))))
    return [job_list[i:i + size] for i in range(0, len(job_list), size)]


def run_otter_shard(shard: list[list[str]], mode: str, seed: int, log: Path) -> None:
    start = time.monotonic()
    env = tool_env(seed)
    if mode == "cli":
        for zip_path, sub, outdir in shard:
            Path(outdir).mkdir(parents=True, exist_ok=True)
            proc = subprocess.run([str(BIN / "otter"), "run", "-a", zip_path, "-o", outdir,
                                   "--no-logo", sub], cwd=outdir, env=env, capture_output=True,
                                  text=True, timeout=900)
            (Path(outdir) / "stdout.txt").write_text(proc.stdout + proc.stderr)
    else:
        spec = log.with_suffix(".json")
        spec.parent.mkdir(parents=True, exist_ok=True)
        spec.write_text(json.dumps(shard))
        run([sys.executable, "-m", "tests.framework.otter_batch", str(spec)], cwd=ROOT, env=env,
            log=log)
    record(f"otter run x{len(shard)} ({mode})", time.monotonic() - start)


def read_otter(out: Path, subs: list[Sub]) -> Graded:
    g = Graded()
    for s in subs:
        results = out / s.assignment / s.id / "results.json"
        if not results.is_file():
            log = results.parent / "stdout.txt"
            g.error += f"{s.id}: no results.json\n{log.read_text()[-2000:] if log.exists() else ''}"
            continue
        data = json.loads(results.read_text())
        g.raw[s.id] = data
        g.scores[s.id] = {t["name"]: float(t["score"]) for t in data["tests"] if "score" in t}
    return g


@dataclass
class NbgraderRun:
    graded: Graded
    course_dirs: list[Path]
    export_rows: dict[str, dict[str, str]]  # student -> row of `nbgrader export`'s CSV
    written_points: dict[str, float]  # grade cells of written answers -> max points


def copy_course(course: Course, dest: Path) -> Path:
    """What an nbgrader course needs: its config, the source notebooks, and (for the grade
    cells' bridge, which finds the course from the notebook's folder) the assignment files."""
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    dest.mkdir(parents=True)
    shutil.copy(course.root / "nbgrader_config.py", dest)
    for part in ("source", "assignments"):
        shutil.copytree(course.root / part, dest / part, ignore=ignore)
    (dest / "tests").mkdir()
    shutil.copy(course.root / "tests" / "__init__.py", dest / "tests")
    shutil.copytree(course.root / "tests" / "assignments", dest / "tests" / "assignments",
                    ignore=ignore)
    return dest


def nbgrader_round(course: Course, name: str, subs: list[Sub], dest: Path, seed: int) -> Path:
    """One nbgrader course copy: generate, collect ``subs``, autograde, feedback, export."""
    start = time.monotonic()
    root = copy_course(course, dest)
    env = tool_env(seed)
    log = dest.parent / f"{dest.name}.log"
    nbgrader = str(BIN / "nbgrader")
    run([nbgrader, "generate_assignment", name, "--force"], cwd=root, env=env, log=log)
    release = root / "release" / name
    for s in subs:
        target = root / "submitted" / s.id / name
        target.mkdir(parents=True)
        for extra in release.iterdir():
            if extra.is_file() and extra.suffix != ".ipynb":
                shutil.copy(extra, target / extra.name)
        shutil.copy(s.path, target / f"{name}.ipynb")
    t = time.monotonic()
    # Exits 1 when any submission failed to autograde; that student then has no grades, which
    # the parity tests report by name (with this log), so go on to feedback and export.
    run([nbgrader, "autograde", name, "--create"], cwd=root, env=env, log=log, check=False)
    record(f"{name}: nbgrader autograde x{len(subs)}", time.monotonic() - t)
    run([nbgrader, "generate_feedback", name], cwd=root, env=env, log=log)
    run([nbgrader, "export", "--to", str(root / "grades.csv")], cwd=root, env=env, log=log)
    record(f"{name}: nbgrader round x{len(subs)} (generate, autograde, feedback, export)",
           time.monotonic() - start)
    return root


def read_nbgrader(name: str, roots: list[Path]) -> NbgraderRun:
    from nbgrader.api import Gradebook

    g = Graded()
    rows: dict[str, dict[str, str]] = {}
    written: dict[str, float] = {}
    for root in roots:
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
            for student in gb.students:
                sub = gb.find_submission(name, student.id)
                (nb,) = sub.notebooks
                g.scores[student.id] = {}
                for grade in nb.grades:
                    if grade.name.startswith("check-"):
                        g.scores[student.id][grade.name.removeprefix("check-")] = float(
                            grade.score)
                    else:
                        written[grade.name] = float(grade.max_score)
                g.raw[student.id] = {"score": sub.score, "max_score": sub.max_score,
                                     "root": str(root)}
        with (root / "grades.csv").open() as f:
            for row in csv.DictReader(f):
                rows[row["student_id"]] = row
    return NbgraderRun(g, roots, rows, written)


# ---------------------------------------------------------------------------- orchestration


@dataclass
class Parity:
    seed: int
    subs: dict[str, list[Sub]]
    autograder: dict[str, Graded]
    otter: dict[str, Graded]
    nbgrader: dict[str, NbgraderRun]
    autograder_dirs: dict[str, Path]
    seconds: float


def run_all(course: Course, work: Path, seed: int, full: bool = False) -> Parity:
    start = time.monotonic()
    names = course.names()
    subs = {n: render_submissions(course, n, work / "submissions" / n, full) for n in names}
    every = [s for n in names for s in subs[n]]
    otter_out = work / "otter"
    shards = otter_shards(course, every, otter_out)
    mode = os.environ.get("AUTOGRADER_OTTER_MODE", "inprocess")
    tasks: list[tuple[str, Callable]] = []
    owners: dict[str, dict[str, float]] = {}  # task label -> {assignment: share of the task}
    nb_roots: dict[str, list[Path]] = {n: [] for n in names}
    for n in names:  # nbgrader is serial per course copy: split big catalogues in two
        parts = 2 if len(subs[n]) > 12 and jobs() > 1 else 1
        for k in range(parts):
            dest = work / "nbgrader" / f"{n}-{k}"
            nb_roots[n].append(dest)
            owners[f"nbgrader {n}-{k}"] = {n: 1.0}
            tasks.append((f"nbgrader {n}-{k}", lambda n=n, k=k, dest=dest, parts=parts:
                          nbgrader_round(course, n, subs[n][k::parts], dest, seed)))
    for i, shard in enumerate(shards):
        owners[f"otter shard {i}"] = {}
        for job in shard:
            a = Path(job[1]).parent.name
            owners[f"otter shard {i}"][a] = owners[f"otter shard {i}"].get(a, 0) + 1 / len(shard)
        tasks.append((f"otter shard {i}", lambda shard=shard, i=i: run_otter_shard(
            shard, mode, seed, work / "otter-logs" / f"shard-{i}.log")))
    ag_dirs = {n: work / "autograder" / n for n in names}
    for n in names:
        owners[f"autograder {n}"] = {n: 1.0}
        tasks.append((f"autograder {n}", lambda n=n: autograder_grade(
            course, n, work / "submissions" / n, ag_dirs[n], seed)))
    errors: dict[str, str] = {}
    results: dict[str, object] = {}
    took: dict[str, float] = {}

    def timed(label: str, fn: Callable) -> object:
        t = time.monotonic()
        try:
            return fn()
        finally:
            took[label] = time.monotonic() - t

    with ThreadPoolExecutor(max_workers=jobs()) as pool:
        futures = {label: pool.submit(timed, label, fn) for label, fn in tasks}
        for label, fut in futures.items():
            try:
                results[label] = fut.result()
            except Exception as exc:  # noqa: BLE001 - reported by the tests that need it
                errors[label] = f"{type(exc).__name__}: {exc}"
    ag = {n: results.get(f"autograder {n}") or Graded(error=errors.get(f"autograder {n}", ""))
          for n in names}
    otter = {n: read_otter(otter_out, subs[n]) for n in names}
    for label, err in errors.items():
        if label.startswith("otter"):
            for n in names:
                otter[n].error += f"{label}: {err}\n"
    nb = {}
    for n in names:
        failed = [errors[f"nbgrader {n}-{k}"] for k in range(len(nb_roots[n]))
                  if f"nbgrader {n}-{k}" in errors]
        if failed:
            nb[n] = NbgraderRun(Graded(error="\n".join(failed)), nb_roots[n], {}, {})
        else:
            nb[n] = read_nbgrader(n, nb_roots[n])
    seconds = time.monotonic() - start
    busy = sum(took.values()) or 1.0
    for label, t in took.items():
        for n, share in owners.get(label, {}).items():
            COST[n] = COST.get(n, 0.0) + seconds * t * share / busy
    record(f"all three paths: {len(every)} submissions of {len(names)} assignment(s), "
           f"{jobs()} jobs, seed {seed}", seconds)
    return Parity(seed, subs, ag, otter, nb, ag_dirs, seconds)
