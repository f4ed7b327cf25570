"""``autograder bench``: grading speed and memory, measured side by side in one run.

For each assignment the same submissions (the samples, repeated) are graded by:

- ``autograder grade`` with one worker and with ``--workers W``;
- ``otter run -a dist/<a>-autograder.zip`` (one submission at a time: Otter has no batch mode
  without Docker);
- ``nbgrader autograde`` in a scratch course (one command for all submissions);
- the floor: a bare interpreter that imports NumPy and runs the same cells the grader runs
  (with the same stand-ins for Otter and plotting imports), no sandbox and no checks, with the
  same parallelism.

It also times a 200-submission batch, the students' public checks, and ``autograder validate``,
and samples the resident memory of the grader's processes and of each sandbox. Everything is
reported as wall time per submission and as ratios from this one run, since this machine is
noisy.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
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
from autograder.sandbox.modes import HARNESS_DIR, child_env

BIN = Path(sys.executable).parent


@dataclass
class Row:
    assignment: str
    n: int
    floor: float = 0.0
    ours_1: float = 0.0
    ours_w: float = 0.0
    otter: float = 0.0
    nbgrader: float = 0.0
    nbgrader_startup: float = 0.0
    check_first: float = 0.0
    check_next: float = 0.0
    grader_rss: float = 0.0
    sandbox_rss: float = 0.0
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------- memory sampling


class RssSampler:
    """Polls /proc for the resident memory of a process tree (grader vs sandboxes)."""

    def __init__(self, root_pid: int, period: float = 0.05):
        self.root, self.period = root_pid, period
        self.grader_peak = 0
        self.sandbox_peak = 0
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
                    with open(f"/proc/{pid}/status") as f:
                        rss = next((int(line.split()[1]) for line in f
                                    if line.startswith("VmRSS:")), 0)
                except OSError:
                    continue
                if b"harness.main" in cmd:
                    self.sandbox_peak = max(self.sandbox_peak, rss)
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
sys.path.insert(0, {harness!r})
import numpy
import harness
harness._install_fake_otter()
sys.meta_path.insert(0, harness._DeferredFinder())
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
    code = FLOOR.format(harness=str(HARNESS_DIR))
    env = child_env(str(work))

    def one(job: Path) -> None:
        subprocess.run([sys.executable, "-I", "-c", code, str(job)], cwd=work, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, jobs))
    return (time.perf_counter() - start) / len(files)


def ours(
    a: Assignment, folder: Path, workers: int, out: Path, n: int
) -> tuple[float, float, float]:
    """(seconds per submission, grader peak RSS MiB, sandbox peak RSS MiB)."""
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
    return seconds / n, rss.grader_peak / 1024, rss.sandbox_peak / 1024


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
    """(seconds per submission, start-up seconds) of `nbgrader autograde`.

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
    all_ = autograde(files, "all")
    per = max(all_ - one, 0.0) / (len(files) - 1)
    return all_ / len(files), max(one - per, 0.0)


CHECK = """
import json, os, sys, time
os.chdir(sys.argv[1])
import otter
grader = otter.Notebook({nb!r})
exec(open(sys.argv[2]).read(), globals())
times = {{}}
for q in {questions!r}:
    ts = []
    for _ in range(4):
        t = time.perf_counter()
        grader.check(q)
        ts.append(time.perf_counter() - t)
    times[q] = ts
print(json.dumps(times))
"""


def public_checks(a: Assignment, work: Path) -> tuple[float, float]:
    """(first check, median of later checks) in seconds, worst question."""
    folder = work / "student"
    shutil.copytree(a.root / "release" / a.name, folder)
    code = CHECK.format(nb=f"{a.name}.ipynb", questions=list(a.questions))
    proc = subprocess.run([sys.executable, "-c", code, str(folder),
                           str(a.root / "samples" / a.name / "reference-script.py")],
                          capture_output=True, text=True, timeout=600, check=True)
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    first = max(ts[0] for ts in times.values())
    later = max(statistics.median(ts[1:]) for ts in times.values())
    return first, later


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


def run_bench(course: Course, names: list[str], *, copies: int, otter_n: int, nbgrader_n: int,
              workers: int, batch: int, log=print) -> str:
    from autograder.sandbox.modes import detect

    rows = []
    notes = []
    with tempfile.TemporaryDirectory(prefix="ag-bench-") as tmp:
        tmp = Path(tmp)
        for name in names:
            a = course.assignment(name)
            work = tmp / name
            folder = work / "subs"
            files = prepare(a, folder, copies)
            row = Row(name, copies)
            log(f"{name}: floor ...")
            row.floor = floor(a, files, workers, work)
            log(f"{name}: autograder grade --workers 1 ...")
            row.ours_1, _, _ = ours(a, folder, 1, work / "out1", copies)
            log(f"{name}: autograder grade --workers {workers} ...")
            row.ours_w, row.grader_rss, row.sandbox_rss = ours(a, folder, workers,
                                                               work / "outw", copies)
            if otter_n:
                log(f"{name}: otter run x{otter_n} ...")
                row.otter = otter(a, files[:otter_n], work)
            if nbgrader_n:
                log(f"{name}: nbgrader autograde x{nbgrader_n} ...")
                row.nbgrader, row.nbgrader_startup = nbgrader(a, files[:nbgrader_n], work)
            log(f"{name}: public checks ...")
            row.check_first, row.check_next = public_checks(a, work)
            rows.append(row)
        if batch and names:
            a = course.assignment(names[0])
            folder = tmp / "batch" / "subs"
            prepare(a, folder, batch)
            log(f"{a.name}: a batch of {batch} with --workers {workers} ...")
            per, batch_rss, _ = ours(a, folder, workers, tmp / "batch" / "out", batch)
            notes.append(f"A batch of {batch} `{a.name}` notebooks with `--workers {workers}`: "
                         f"**{per * batch:.1f} s** (target: at most 60 s); grader peak RSS "
                         f"{batch_rss:.0f} MiB (vs {rows[0].grader_rss:.0f} MiB for "
                         f"{copies} submissions: memory does not grow with the batch).")
        log("autograder validate ...")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder", "validate", *names], cwd=course.root,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=3600)
        notes.append(f"`autograder validate {' '.join(names)}`: "
                     f"{time.perf_counter() - start:.0f} s (target: under 5 minutes).")
    return report(rows, notes, workers, detect().name)


def report(rows: list[Row], notes: list[str], workers: int, mode: str) -> str:
    date = time.strftime("%Y-%m-%d")
    lines = [
        f"Measured {date} on {machine()}; sandbox mode `{mode}`. Seconds of wall time per "
        "submission; ratios from the same run.",
        "",
        f"| assignment | n | floor (x{workers}) | ours x1 | ours x{workers} | otter run | "
        f"nbgrader | ours x1 / otter | ours x{workers} / floor x{workers} | check: first, "
        "next | grader / sandbox RSS |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio_otter = f"{r.ours_1 / r.otter:.3f}" if r.otter else "-"
        lines.append(
            f"| {r.assignment} | {r.n} | {r.floor:.3f} | {r.ours_1:.3f} | {r.ours_w:.3f} | "
            f"{r.otter:.2f} | {r.nbgrader:.2f} (+{r.nbgrader_startup:.1f} start) | "
            f"{ratio_otter} | {r.ours_w / r.floor:.2f} | {r.check_first * 1000:.0f} ms, "
            f"{r.check_next * 1000:.0f} ms | {r.grader_rss:.0f} / {r.sandbox_rss:.0f} MiB |")
    lines.append("")
    lines.extend(f"- {n}" for n in notes)
    return "\n".join(lines)
