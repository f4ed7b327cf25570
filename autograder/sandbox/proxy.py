"""The grader's side of a sandboxed submission.

:class:`SandboxedSubmission` starts a confined child (see :mod:`modes` and :mod:`confine`),
sends it the submission's code cells, and forwards each ``sub.fn(*args)`` a test makes as one
request. Answers are decoded by :mod:`codec` (plain data only, size-capped) and checked by the
test in this process. Every read and write has a deadline; a child that hangs, crashes, floods
the pipe or answers with garbage is killed (its whole process group, or its PID namespace) and,
within the submission's budget, restarted for the next call, skipping a notebook cell that
killed or hung it.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from autograder.sandbox import codec
from autograder.sandbox.modes import (
    HARNESS_DIR,
    SANDBOX_HARNESS_DIR,
    Limits,
    SandboxMode,
    bwrap_command,
    child_env,
    landlock_rules,
)
from autograder.testing.contract import ReturnSpec
from autograder.testing.submission import Submission

MAX_RESPONSE_BYTES = 64 << 20


class ChildGone(Exception):
    """The child stopped answering: ``kind`` is timeout, crash, memory or protocol."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind, self.message = kind, message


@dataclass
class LoadReport:
    loaded: bool = False
    cell_errors: list[dict] = field(default_factory=list)
    skipped_cells: list[int] = field(default_factory=list)
    confinement: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _boot_code(harness_dir: str, confine_config: dict) -> str:
    # Confine first, then import NumPy and the harness, then read the cells.
    return (
        "import sys, json\n"
        f"sys.path.insert(0, {harness_dir!r})\n"
        "import confine\n"
        f"notes = confine.apply(json.loads({json.dumps(confine_config)!r}))\n"
        "import harness\n"
        "harness.main(int(sys.argv[1]), int(sys.argv[2]), notes)\n"
    )


class SandboxedSubmission(Submission):
    """A submission whose code runs in a confined child process. Use as a context manager."""

    def __init__(
        self,
        cells: list[str],
        contract: dict[str, ReturnSpec],
        *,
        mode: SandboxMode,
        limits: Limits = Limits(),
        skip_cells: Iterable[int] = (),
    ):
        """``skip_cells``: 1-based numbers of cells not to run (see grading/prune.py)."""
        super().__init__(contract)
        self.cells = list(cells)
        self.mode = mode
        self.limits = limits
        self.report = LoadReport()
        self._skip: set[int] = set(skip_cells)
        self._proc: subprocess.Popen | None = None
        self._wfd = self._rfd = -1
        self._work: str | None = None
        self._log: str | None = None
        self._call_seconds = 0.0  # time the child spent answering calls
        self._restarts = 0
        self._started = False

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> SandboxedSubmission:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> LoadReport:
        """Run the cells. Never raises for anything the student's code does."""
        self._call_seconds = 0.0
        self._started = True
        self._load()
        return self.report

    def close(self) -> None:
        self._kill()
        self._started = False

    def _left(self) -> float:
        """Seconds left of the wall budget, which counts only the time the child has to run
        the cells or answer a call: the grader's own work between calls (oracles, imports)
        is not charged to the submission."""
        return self.limits.wall_seconds - self.report.seconds - self._call_seconds

    # -- one child ---------------------------------------------------------------------

    def _spawn(self) -> None:
        self._kill()
        self._work = tempfile.mkdtemp(prefix="ag-sandbox-")
        os.chmod(self._work, 0o777)  # the child may run as another user
        log_fd, self._log = tempfile.mkstemp(prefix="ag-sandbox-", suffix=".log")
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        lim = self.limits
        confine_config: dict = {
            "rlimits": {
                "address_space": lim.memory_bytes,
                "cpu_seconds": lim.cpu_seconds,
                "file_size": lim.file_bytes,
                "open_files": lim.open_files,
                "processes": lim.processes if os.geteuid() != 0 else None,
                "core": 0,
            },
            "parent_death_signal": True,
        }
        if self.mode.name == "bwrap":
            work = "/tmp/work"
            harness_dir = SANDBOX_HARNESS_DIR
            confine_config["landlock"] = {"read": [], "write": []}  # filled below
            prefix = bwrap_command(shutil.which("bwrap") or "bwrap", lim)
        else:
            work = self._work
            harness_dir = str(HARNESS_DIR)
            prefix = []
        if self.mode.name in ("bwrap", "landlock") and self.mode.landlock_abi:
            rules = landlock_rules(work)
            if self.mode.name == "bwrap":
                rules["read"] = [p if p != str(HARNESS_DIR) else SANDBOX_HARNESS_DIR
                                 for p in rules["read"]]
            confine_config["landlock"] = rules
        else:
            confine_config.pop("landlock", None)
        if self.mode.name == "landlock":
            confine_config["drop_capabilities"] = True
        if self.mode.seccomp:
            confine_config["seccomp"] = True
        cmd = prefix + [sys.executable, "-I", "-c", _boot_code(harness_dir, confine_config),
                        str(req_r), str(resp_w)]
        try:
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=log_fd,
                stderr=log_fd,
                cwd=self._work,
                env=child_env(work),
                pass_fds=(req_r, resp_w),
                start_new_session=True,
            )
        finally:
            os.close(log_fd)
            os.close(req_r)
            os.close(resp_w)
        self._wfd, self._rfd = req_w, resp_r
        os.set_blocking(self._wfd, False)
        os.set_blocking(self._rfd, False)

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                proc.kill()
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
                pass
        for fd in (self._wfd, self._rfd):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._wfd = self._rfd = -1
        if self._work:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None
        if self._log:
            try:
                os.unlink(self._log)
            except OSError:
                pass
            self._log = None

    def _exit_reason(self) -> tuple[str, str]:
        """After EOF: why the child is gone, in a student's words."""
        proc = self._proc
        code = None
        if proc is not None:
            try:
                code = proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
        tail = ""
        if self._log:
            try:
                with open(self._log, "rb") as f:
                    f.seek(max(0, os.path.getsize(self._log) - 2000))
                    tail = f.read().decode(errors="replace")
            except OSError:
                pass
        if "MemoryError" in tail or "Cannot allocate memory" in tail:
            return "memory", f"the memory limit ({self.limits.memory_bytes >> 20} MiB) was exceeded"
        if code is not None and code < 0:
            sig = -code
            if sig == signal.SIGXCPU:
                return "timeout", f"it used more than {self.limits.cpu_seconds} s of CPU time"
            if sig == signal.SIGSYS:
                return "crash", "it made a system call the sandbox forbids"
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
            return "crash", f"the Python process was killed by signal {name}"
        if code is not None:
            return "crash", f"the Python process exited (exit code {code})"
        return "crash", "the Python process stopped answering"

    # -- framing with deadlines -----------------------------------------------------------

    def _write(self, data: bytes, deadline: float) -> None:
        view = memoryview(struct.pack("<Q", len(data)) + data)
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChildGone("timeout", "it did not accept its input in time")
            _, w, _ = select.select([], [self._wfd], [], left)
            if not w:
                continue
            try:
                n = os.write(self._wfd, view)
            except BrokenPipeError:
                raise ChildGone(*self._exit_reason()) from None
            view = view[n:]

    def _read_exact(self, n: int, deadline: float) -> bytes:
        chunks, got = [], 0
        while got < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChildGone("timeout", "")
            r, _, _ = select.select([self._rfd], [], [], left)
            if not r:
                continue
            chunk = os.read(self._rfd, min(n - got, 1 << 20))
            if not chunk:
                raise ChildGone(*self._exit_reason())
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def _read(self, deadline: float):
        (n,) = struct.unpack("<Q", self._read_exact(8, deadline))
        if n > MAX_RESPONSE_BYTES:
            raise ChildGone("protocol", f"it returned more than {MAX_RESPONSE_BYTES >> 20} MiB")
        try:
            value = codec.decode(self._read_exact(n, deadline))
        except codec.CodecError as exc:
            raise ChildGone("protocol", f"it sent malformed data ({exc})") from None
        if not isinstance(value, dict):
            raise ChildGone("protocol", "it sent malformed data")
        return value

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> bool:
        """Start a child and run the cells; on a fatal cell, retry without it. True if up."""
        while True:
            if self._left() <= 0:
                self.report.events.append("The time budget ran out while running your notebook.")
                self._kill()
                return False
            start = time.monotonic()
            self._spawn()
            deadline = start + min(self._left(), self.limits.load_seconds)
            current = None
            try:
                self._write(codec.encode({"cells": self.cells, "skip": sorted(self._skip)}),
                            deadline)
                while True:
                    msg = self._read(deadline)
                    if "cell" in msg:
                        current = msg["cell"]
                        continue
                    if msg.get("loaded"):
                        errs = msg.get("cell_errors")
                        self.report.cell_errors = errs if isinstance(errs, list) else []
                        conf = msg.get("confine")
                        self.report.confinement = conf if isinstance(conf, list) else []
                        self.report.seconds += time.monotonic() - start
                        self.report.loaded = True
                        return True
                    raise ChildGone("protocol", "it sent malformed data")
            except ChildGone as gone:
                self.report.seconds += time.monotonic() - start
                reason = gone.message or (
                    f"it did not finish within {self.limits.load_seconds:g} s")
                where = f"cell {current}" if isinstance(current, int) else "your notebook"
                self.report.events.append(f"Running {where} failed: {reason}.")
                self._kill()
                if (
                    not isinstance(current, int)
                    or current in self._skip
                    or self._restarts >= self.limits.max_restarts
                ):
                    return False
                self._skip.add(current)
                self.report.skipped_cells.append(current)
                self._restarts += 1

    # -- calls -----------------------------------------------------------------------------

    def _request(self, request: dict) -> dict:
        if not self._started:
            raise RuntimeError("start() the submission before calling it")
        if self._proc is None:
            if self._restarts >= self.limits.max_restarts or self._left() <= 0:
                return {"ok": False, "kind": "budget",
                        "message": "earlier calls crashed or timed out too often, or the "
                                   "submission's time budget ran out."}
            self._restarts += 1
            if not self._load():
                return {"ok": False, "kind": "budget", "message": "your notebook could not "
                        "be run again after an earlier crash."}
        now = time.monotonic()
        allowed = min(self._left(), self.limits.call_seconds)
        deadline = now + allowed
        try:
            self._write(codec.encode(request), deadline)
            response = self._read(deadline)
        except ChildGone as gone:
            self._kill()
            if gone.kind == "timeout":
                budget = allowed < self.limits.call_seconds
                limit = (f"the submission's total time limit of {self.limits.wall_seconds:g} s "
                         "ran out" if budget else
                         f"it ran for more than {self.limits.call_seconds:g} s")
                return {"ok": False, "kind": "timeout", "message": limit}
            kind = gone.kind if gone.kind in ("memory", "crash") else "crash"
            return {"ok": False, "kind": kind, "message": gone.message}
        finally:
            self._call_seconds += time.monotonic() - now
        return response
