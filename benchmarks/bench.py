"""``autograder bench``: grading speed and memory, measured side by side in one run.

For each assignment the same submissions (the samples, repeated) are graded by:

- ``autograder grade`` with one worker and with ``--workers W``;
- ``otter run -a dist/<a>-autograder.zip`` (one submission at a time: Otter has no batch mode
  without Docker);
- ``nbgrader autograde`` in a scratch course (one command for all submissions);
- the floor: a bare interpreter that imports NumPy and runs the same cells the grader runs
  (with the same stand-ins for Otter and plotting imports), no sandbox and no checks, with the
  same parallelism.

It also times a 200-submission batch of each assignment, the students' public checks, and
``autograder validate``, and samples the resident memory of the grader's processes, of each
sandbox and of the zygotes that fork them. Everything is reported as wall time per submission
and as ratios from this one run, since this machine is noisy; the targets of issue 8 are checked
at the end.

What each figure is (per submission, as the issue reports nbgrader: a command's fixed start-up
apart, shown in its own column):

- ``ours x1`` / ``ours xW``: the marginal cost of a submission in one ``autograder grade``
  command with 1 and ``W`` workers: (the command over ``n`` copies - the same command over one
  copy) / (``n`` - 1). ``start`` is the rest of the one-copy command (interpreters, imports of
  the checks' oracles, the zygotes); ``all-in`` is the ``n``-copy command divided by ``n``.
- ``otter run``: one command per submission (Otter has no batch mode without Docker), the
  mean over ``--otter`` submissions, its start-up included (every submission pays it).
- ``nbgrader``: the marginal cost of a submission in one ``nbgrader autograde`` command over
  ``--nbgrader`` submissions (the same difference); ``start`` is its fixed part.
- ``floor``: per submission, with the same parallelism as ``ours xW``.
- ``unsandboxed``: the same grading with no isolation: ``W`` interpreters load the notebooks'
  (pruned) cells into namespaces of their own and run every check in-process (marginal cost,
  like ours). ``ours / unsandboxed`` is what the sandbox costs; ``ours / floor`` also counts
  the checks' own work (oracles, and the student's functions called on the checks' inputs),
  which the floor never does.
- public checks: the first ``grader.check`` in a fresh interpreter that has imported Otter and
  run the reference (``first``), then the worst of every other question's first check
  (``next``), as a student meets them, and the worst check run a second time (``again``).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import Assignment, Course
from autograder.grading.grade import cells_to_skip
from autograder.grading.load import load_submission
from autograder.sandbox.modes import child_dirs, child_env

BIN = Path(sys.executable).parent


@dataclass
class Row:
    assignment: str
    n: int
    floor: float = 0.0
    ours_1: float = 0.0
    ours_start: float = 0.0
    ours_w: float = 0.0
    ours_w_all: float = 0.0
    bare_w: float = 0.0
    otter: float = 0.0
    nbgrader: float = 0.0
    nbgrader_startup: float = 0.0
    check_first: float = 0.0
    check_next: float = 0.0
    check_again: float = 0.0
    grader_rss: float = 0.0
    sandbox_rss: float = 0.0
    zygote_rss: float = 0.0
    batch: float = 0.0
    batch_n: int = 0
    batch_rss: float = 0.0
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------- memory sampling


class RssSampler:
    """Polls /proc for the resident memory of a process tree: the grader (its main process and
    workers, summed), the largest single sandbox, and the largest zygote. A forked sandbox's
    resident set counts the pages it still shares with its zygote."""

    def __init__(self, root_pid: int, period: float = 0.05):
        self.root, self.period = root_pid, period
        self.grader_peak = 0
        self.sandbox_peak = 0
        self.zygote_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(d))
        out, todo = [], [self.root]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, []))
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            grader = 0
            for pid in self._tree():
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                    comm = Path(f"/proc/{pid}/comm").read_text().strip()
                    with open(f"/proc/{pid}/status") as f:
                        rss = next((int(line.split()[1]) for line in f
                                    if line.startswith("VmRSS:")), 0)
                except OSError:
                    continue
                if comm == "ag-sandbox" or b"harness.main" in cmd:
                    self.sandbox_peak = max(self.sandbox_peak, rss)
                elif comm == "ag-zygote":
                    self.zygote_peak = max(self.zygote_peak, rss)
                elif b"bwrap" not in cmd:
                    grader += rss
            self.grader_peak = max(self.grader_peak, grader)
            self._stop.wait(self.period)


# ---------------------------------------------------------------------------- the contenders


def prepare(a: Assignment, folder: Path, n: int) -> list[Path]:
    samples = sorted((a.root / "samples" / a.name).glob("*.ipynb"))
    if not samples:
        raise RuntimeError(f"no sample notebooks for {a.name}: run `autograder build`")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = samples[i % len(samples)]
        dst = folder / f"{src.stem}-{i:04d}.ipynb"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


FLOOR = """
import json, sys
sys.path[:0] = {dirs!r}
import numpy
import harness
harness.install_stand_ins()
job = json.load(open(sys.argv[1]))
harness.run_cells(job["cells"], {{"__name__": "__main__"}},
                  skip={{(c, 0) for c in job["skip"]}})
"""


def floor(a: Assignment, files: list[Path], workers: int, work: Path) -> float:
    """Seconds per submission for a bare interpreter running the same cells."""
    jobs = []
    for i, f in enumerate(files):
        loaded = load_submission(f)
        job = work / f"job-{i}.json"
        job.write_text(json.dumps({"cells": loaded.cells,
                                   "skip": cells_to_skip(loaded.cells, a)}))
        jobs.append(job)
    code = FLOOR.format(dirs=child_dirs(in_bwrap=False))
    env = child_env(str(work))

    def one(job: Path) -> None:
        subprocess.run([sys.executable, "-I", "-c", code, str(job)], cwd=work, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, jobs))
    return (time.perf_counter() - start) / len(files)


@dataclass
class Graded:
    per: float          # wall seconds per submission, start-up included
    grader_rss: float   # MiB
    sandbox_rss: float  # MiB
    zygote_rss: float   # MiB


UNSANDBOXED = """
import json, sys
from autograder.course import Course
from autograder.grading.grade import cells_to_skip, single_threaded_oracles
from autograder.grading.load import load_submission
from autograder.sandbox import harness
from autograder.testing.local import LocalSubmission
from autograder.testing.runner import run_check
single_threaded_oracles()
harness.install_stand_ins()
root, name, files = json.loads(sys.argv[1])
a = Course(root).assignment(name)
for i, f in enumerate(files):
    loaded = load_submission(f)
    namespace = {"__name__": "__main__"}
    harness.run_cells(loaded.cells, namespace,
                      skip={(c, 0) for c in cells_to_skip(loaded.cells, a)})
    sub = LocalSubmission(namespace, a.contract)
    for check in a.checks:
        run_check(check, sub, i + 1)
"""


def marginal(total_n: float, total_1: float, n: int) -> tuple[float, float]:
    """(seconds per extra submission, fixed seconds) from an n-submission and a 1-submission
    run of the same command."""
    per = max(total_n - total_1, 0.0) / max(n - 1, 1)
    return per, max(total_1 - per, 0.0)


def unsandboxed(a: Assignment, files: list[Path], workers: int) -> float:
    """Seconds per submission for the same grading with no isolation at all: ``workers``
    interpreters, each loading its share of the notebooks into its own namespaces and running
    every check on them in-process (what the sandbox, the pipes and the zygote add is the
    difference with ``ours``)."""
    shares = [[str(f) for f in files[i::workers]] for i in range(workers)]
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", UNSANDBOXED,
                               json.dumps([str(a.root), a.name, share])], cwd=a.root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for share in shares if share]
    for proc in procs:
        if proc.wait(timeout=3600) != 0:
            raise RuntimeError("the unsandboxed grading failed")
    return (time.perf_counter() - start) / len(files)


def ours(a: Assignment, folder: Path, workers: int, out: Path, n: int) -> Graded:
    """One ``autograder grade`` command over ``folder``; every submission must get a result."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "autograder", "grade", a.name, str(folder), "--out", str(out),
           "--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=a.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    with RssSampler(proc.pid) as rss:
        _, err = proc.communicate(timeout=3600)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"autograder grade failed:\n{err}")
    results = [p for p in out.glob("*.json")]
    bad = [p.name for p in results
           if json.loads(p.read_text())["extra_data"].get("status") == "grader_error"]
    if len(results) != n or bad:
        raise RuntimeError(f"autograder grade gave {len(results)} results for {n} submissions "
                           f"(grader errors: {bad[:5]})")
    return Graded(seconds / n, rss.grader_peak / 1024, rss.sandbox_peak / 1024,
                  rss.zygote_peak / 1024)


def otter(a: Assignment, files: list[Path], work: Path) -> float:
    zip_path = a.root / "dist" / f"{a.name}-autograder.zip"
    start = time.perf_counter()
    for f in files:
        out = work / f"otter-{f.stem}"
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(BIN / "otter"), "run", "-a", str(zip_path), "-o", str(out),
                        "--no-logo", str(f)], cwd=work, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=900, check=True)
    return (time.perf_counter() - start) / len(files)


def nbgrader(a: Assignment, files: list[Path], work: Path) -> tuple[float, float]:
    """(seconds per extra submission, start-up seconds) of `nbgrader autograde`.

    Timed twice, in two scratch courses: with one submission and with all of them; the
    difference gives the per-submission cost, the rest is nbgrader's start-up.
    """
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "AUTOGRADER_COURSE": str(a.root)}

    def autograde(subset: list[Path], label: str) -> float:
        course = work / f"nbgrader-{label}"
        shutil.copytree(a.root / "source" / a.name, course / "source" / a.name)
        shutil.copyfile(a.root / "nbgrader_config.py", course / "nbgrader_config.py")
        for i, f in enumerate(subset):
            dst = course / "submitted" / f"student{i:03d}" / a.name / f"{a.name}.ipynb"
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dst)
        args = dict(cwd=course, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    timeout=3600, check=True)
        subprocess.run([str(BIN / "nbgrader"), "generate_assignment", a.name, "--force"],
                       **args)
        start = time.perf_counter()
        subprocess.run([str(BIN / "nbgrader"), "autograde", a.name, "--force"], **args)
        return time.perf_counter() - start

    one = autograde(files[:1], "one")
    if len(files) < 2:
        return one, 0.0
    return marginal(autograde(files, "all"), one, len(files))


CHECK = """
import json, os, sys, time
os.chdir(sys.argv[1])
import otter
grader = otter.Notebook({nb!r})
exec(open(sys.argv[2]).read(), globals())
times = {{}}
for q in {questions!r}:  # in order, once each: as a student meets them
    t = time.perf_counter()
    result = grader.check(q)
    times[q] = [time.perf_counter() - t, bool(getattr(result, "passed_all", True))]
for q in {questions!r}:  # and again
    t = time.perf_counter()
    grader.check(q)
    times[q].append(time.perf_counter() - t)
print(json.dumps(times))
"""


def public_checks(a: Assignment, work: Path) -> tuple[float, float, float]:
    """(the first check, the worst first check of every later question, the worst repeated
    check) in seconds, in a student's notebook folder with the reference's answers."""
    folder = work / "student"
    shutil.copytree(a.root / "release" / a.name, folder)
    code = CHECK.format(nb=f"{a.name}.ipynb", questions=list(a.questions))
    proc = subprocess.run([sys.executable, "-c", code, str(folder),
                           str(a.root / "samples" / a.name / "reference-script.py")],
                          capture_output=True, text=True, timeout=600, check=True)
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    failed = [q for q, (_, passed, _) in times.items() if not passed]
    if failed:
        raise RuntimeError(f"{a.name}: the reference fails the public checks of {failed}")
    firsts = [t[0] for t in times.values()]
    return firsts[0], max(firsts[1:], default=0.0), max(t[2] for t in times.values())


# ---------------------------------------------------------------------------- the report


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def run_bench(course: Course, names: list[str], *, copies: int, otter_n: int, nbgrader_n: int,
              workers: int, batch: int, validate: bool = True, log=print) -> str:
    from autograder.sandbox.modes import detect

    rows = []
    notes = []
    loads = [load_average()]
    with tempfile.TemporaryDirectory(prefix="ag-bench-") as tmp:
        tmp = Path(tmp)
        for name in names:
            a = course.assignment(name)
            work = tmp / name
            folder = work / "subs"
            files = prepare(a, folder, copies)
            row = Row(name, copies)
            log(f"{name}: floor ...")
            row.extra["floor_before"] = floor(a, files, workers, work)
            one_folder = prepare(a, work / "one", 1)[0].parent
            log(f"{name}: autograder grade --workers 1, 1 and {copies} submissions ...")
            one = ours(a, one_folder, 1, work / "out0", 1).per
            row.ours_1, row.ours_start = marginal(
                ours(a, folder, 1, work / "out1", copies).per * copies, one, copies)
            log(f"{name}: autograder grade --workers {workers}, 1 and {copies} submissions ...")
            one_w = ours(a, one_folder, workers, work / "out0w", 1).per
            g = ours(a, folder, workers, work / "outw", copies)
            row.ours_w, _ = marginal(g.per * copies, one_w, copies)
            row.ours_w_all = g.per
            log(f"{name}: floor again ...")
            row.extra["floor_after"] = floor(a, files, workers, work)
            # The load may change while the contenders run one after the other: the floor is
            # timed just before and just after ours and the mean is used (both are shown).
            row.floor = (row.extra["floor_before"] + row.extra["floor_after"]) / 2
            row.grader_rss, row.sandbox_rss, row.zygote_rss = (
                g.grader_rss, g.sandbox_rss, g.zygote_rss)
            log(f"{name}: the same checks unsandboxed, x{workers}, 1 and {copies} ...")
            row.bare_w, _ = marginal(unsandboxed(a, files, workers) * copies,
                                     unsandboxed(a, files[:1], workers), copies)
            if otter_n:
                log(f"{name}: otter run x{otter_n} ...")
                row.otter = otter(a, files[:otter_n], work)
            if nbgrader_n:
                log(f"{name}: nbgrader autograde x{nbgrader_n} ...")
                row.nbgrader, row.nbgrader_startup = nbgrader(a, files[:nbgrader_n], work)
            log(f"{name}: public checks ...")
            row.check_first, row.check_next, row.check_again = public_checks(a, work)
            if batch:
                big = work / "batch"
                prepare(a, big, batch)
                log(f"{name}: a batch of {batch} with --workers {workers} ...")
                g = ours(a, big, workers, work / "outb", batch)
                row.batch, row.batch_n, row.batch_rss = g.per * batch, batch, g.grader_rss
                shutil.rmtree(big, ignore_errors=True)
            rows.append(row)
        validate_s = validate_ok = None
        if validate:
            log("autograder validate ...")
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "autograder", "validate", *names],
                                  cwd=course.root, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=3600)
            validate_s, validate_ok = time.perf_counter() - start, proc.returncode == 0
    loads.append(load_average())
    return report(rows, notes, workers, detect().name, loads=loads, names=names,
                  validate=(validate_s, validate_ok))


TARGETS = {
    "otter": 0.2,     # ours x1 / otter run, per submission
    "floor": 1.5,     # ours xW / floor xW, per submission
    "batch": 60.0,    # seconds for the big batch with --workers W
    "check": 0.100,   # seconds for a public check after the first
    "validate": 300,  # seconds for `autograder validate` of every assignment
}


def report(rows: list[Row], notes: list[str], workers: int, mode: str, *,
           loads: list[str] = (), names: list[str] = (),
           validate: tuple[float | None, bool | None] = (None, None)) -> str:
    date = time.strftime("%Y-%m-%d %H:%M")
    w = workers
    lines = [
        f"Measured {date} on {machine()}, sandbox mode `{mode}`, load average "
        f"{' -> '.join(loads)} (1, 5, 15 min; before -> after). Wall seconds per submission "
        "(a command's start-up apart, in its own column; `all-in` includes it); ratios from "
        "this one run.",
        "",
        f"| assignment | n | floor x{w} | unsandboxed x{w} | ours x1 (start) | ours x{w} "
        f"(all-in) | otter run | nbgrader (start) | ours x1 / otter | ours x{w} / floor x{w} | "
        f"ours x{w} / unsandboxed x{w} | check first, next, again | batch of N, x{w} | "
        "RSS grader / sandbox / zygote |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    verdicts: list[str] = []

    def verdict(ok: bool, text: str) -> None:
        verdicts.append(f"{'holds' if ok else '**MISSED**'}: {text}")

    for r in rows:
        ratio_otter = r.ours_1 / r.otter if r.otter else None
        ratio_floor = r.ours_w / r.floor if r.floor else None
        lines.append(
            f"| {r.assignment} | {r.n} | {r.floor:.3f} | {r.bare_w:.3f} | "
            f"{r.ours_1:.3f} ({r.ours_start:.1f}) | "
            f"{r.ours_w:.3f} ({r.ours_w_all:.3f}) | {r.otter:.2f} | "
            f"{r.nbgrader:.2f} ({r.nbgrader_startup:.1f}) | "
            f"{'-' if ratio_otter is None else f'{ratio_otter:.3f}'} | "
            f"{'-' if ratio_floor is None else f'{ratio_floor:.2f}'} | "
            f"{r.ours_w / r.bare_w if r.bare_w else float('nan'):.2f} | "
            f"{r.check_first * 1000:.0f}, {r.check_next * 1000:.0f}, "
            f"{r.check_again * 1000:.0f} ms | "
            f"{f'{r.batch:.1f} s ({r.batch_n})' if r.batch_n else '-'} | "
            f"{r.grader_rss:.0f} / {r.sandbox_rss:.0f} / {r.zygote_rss:.0f} MiB |")
        if ratio_otter is not None:
            verdict(ratio_otter <= TARGETS["otter"],
                    f"{r.assignment}: ours x1 / otter run = {ratio_otter:.3f} "
                    f"(target <= {TARGETS['otter']})")
        if ratio_floor is not None:
            verdict(ratio_floor <= TARGETS["floor"],
                    f"{r.assignment}: ours x{w} / floor x{w} = {ratio_floor:.2f} "
                    f"(target <= {TARGETS['floor']}; floor {r.extra.get('floor_before', 0):.3f} "
                    f"before and {r.extra.get('floor_after', 0):.3f} after ours; all-in, with "
                    f"the command's start-up "
                    f"spread over {r.n}: {r.ours_w_all / r.floor:.2f}; the sandbox's own share, "
                    f"ours / unsandboxed: "
                    f"{r.ours_w / r.bare_w if r.bare_w else float('nan'):.2f})")
        verdict(r.check_next < TARGETS["check"],
                f"{r.assignment}: public check after the first {r.check_next * 1000:.0f} ms "
                f"(target < {TARGETS['check'] * 1000:.0f} ms)")
        if r.batch_n:
            verdict(r.batch <= TARGETS["batch"],
                    f"{r.assignment}: {r.batch_n} notebooks with --workers {w} in "
                    f"{r.batch:.1f} s (target <= {TARGETS['batch']:.0f} s; grader peak RSS "
                    f"{r.batch_rss:.0f} MiB vs {r.grader_rss:.0f} MiB for {r.n})")
    seconds, ok = validate
    if seconds is not None:
        verdict(bool(ok) and seconds < TARGETS["validate"],
                f"`autograder validate {' '.join(names)}` "
                f"{'passed' if ok else 'FAILED'} in {seconds:.0f} s "
                f"(target < {TARGETS['validate']} s)")
    lines.append("")
    lines.extend(f"- {n}" for n in notes + verdicts)
    return "\n".join(lines)
