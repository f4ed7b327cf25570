"""The grader's side of a sandboxed submission.

:class:`SandboxedSubmission` starts a confined child (see :mod:`modes` and :mod:`confine`),
sends it the submission's code cells, and forwards each ``sub.fn(*args)`` a test makes as one
request. Answers are decoded by :mod:`codec` (plain data only, size-capped) and checked by the
test in this process. Every read and write has a deadline; a child that hangs, crashes, floods
the pipe, fills its work folder or answers with garbage is killed (its whole process group, or
its PID namespace) and, within the submission's budget, restarted for the next call:

- a top-level statement that killed or hung the child while the notebook ran is skipped on the
  next attempt (the child reports each statement before it runs it), so the functions defined
  elsewhere are still graded;
- a function whose call crashed or timed out is not called again (later calls fail at once
  with the same reason), so one hostile or broken function costs only its own checks.

Argument arrays travel in a shared-memory arena (a memfd handed over for each call), and the
grader compares the arena with what it wrote after the call: whether a function modified its
inputs is observed here, not taken from the child's word.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import select
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograder.core import codec
from autograder.core.contract import ReturnSpec
from autograder.core.submission import Submission
from autograder.sandbox import spawn, zygote
from autograder.sandbox.modes import (
    CHILD_DIRS,
    Limits,
    SandboxMode,
    bwrap_command,
    child_dirs,
    child_env,
    landlock_rules,
)

MAX_RESPONSE_BYTES = 64 << 20
MAX_WORK_FILES = 10_000       # entries in the work folder before the child counts as a bomb
WATCH_INTERVAL = 0.2          # seconds between two looks at the work folder's size
WORK_PREFIX = "ag-sandbox-"   # work folders and logs: ag-sandbox-<grader pid>-<random>
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


_LIVE: weakref.WeakSet = weakref.WeakSet()  # started submissions of this process


def close_all() -> None:
    """Kill every sandbox this process started (a worker told to stop calls this), and its
    zygotes."""
    for sub in list(_LIVE):
        try:
            sub.close()
        except Exception:  # noqa: BLE001 - best effort on the way out
            pass
    spawn.close_zygotes()


class ChildGone(Exception):
    """The child stopped answering: ``kind`` is timeout, crash, memory, disk or protocol."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind, self.message = kind, message


@dataclass
class LoadReport:
    loaded: bool = False
    cell_errors: list[dict] = field(default_factory=list)
    skipped_cells: list[int] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # {"cell", "line", "reason"}
    confinement: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # kinds: timeout, crash, memory, disk
    seconds: float = 0.0


def _boot_code(child_dirs: list[str], confine_config: dict) -> str:
    # Confine first, then import NumPy and the harness, then read the cells.
    return (
        "import sys, json\n"
        f"sys.path[:0] = {child_dirs!r}\n"
        "import confine\n"
        f"notes = confine.apply(json.loads({json.dumps(confine_config)!r}))\n"
        "import harness\n"
        "harness.main(int(sys.argv[1]), int(sys.argv[2]), notes, int(sys.argv[3]))\n"
    )


def _pid_alive(pid: int, since: float) -> bool:
    """Is the process that created something at time ``since`` still running? A zombie is
    not (a killed grader's workers may wait a while to be reaped), and neither is a newer
    process that reused the pid."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            raw = f.read()
        with open("/proc/stat") as f:
            boot = next(float(line.split()[1]) for line in f if line.startswith("btime "))
    except (OSError, StopIteration, ValueError):
        try:
            os.kill(pid, 0)  # no /proc (not Linux): the best we can do
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    fields = raw[raw.rindex(")") + 2:].split()
    started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return fields[0] != "Z" and started <= since + 1


def sweep_stale_work(tmp: str | None = None) -> int:
    """Remove work folders and logs left by graders that were killed (SIGKILL leaves them).

    Only entries whose grader process is gone are removed; returns how many.
    """
    tmp = tmp or tempfile.gettempdir()
    removed = 0
    try:
        entries = list(os.scandir(tmp))
    except OSError:
        return 0
    for e in entries:
        m = re.fullmatch(re.escape(WORK_PREFIX) + r"(\d+)-.*", e.name)
        try:
            created = e.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if not m or _pid_alive(int(m.group(1)), created):
            continue
        if e.is_dir(follow_symlinks=False):
            shutil.rmtree(e.path, ignore_errors=True)
        else:
            try:
                os.unlink(e.path)
            except OSError:
                continue
        removed += 1
    return removed


@dataclass(frozen=True)
class _Slot:
    """Stands for the ``index``-th array found in a request, until it has an arena offset."""

    index: int


def _arrays_in(value: Any, path: str, out: list) -> Any:
    """``value`` with each numeric ndarray replaced by a :class:`_Slot` into ``out``."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
        arr = np.ascontiguousarray(value)
        if not arr.dtype.isnative:
            arr = arr.astype(arr.dtype.newbyteorder("="))
        if arr.dtype.str not in codec.ALLOWED_DTYPES:
            return value
        out.append((path, arr))
        return _Slot(len(out) - 1)
    if isinstance(value, tuple):
        return tuple(_arrays_in(v, f"{path}[{i}]", out) for i, v in enumerate(value))
    if isinstance(value, list):
        return [_arrays_in(v, f"{path}[{i}]", out) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _arrays_in(v, f"{path}[{k!r}]", out) for k, v in value.items()}
    return value


def _substitute(value: Any, refs: list[codec.SharedArray]) -> Any:
    if isinstance(value, _Slot):
        return refs[value.index]
    if isinstance(value, tuple):
        return tuple(_substitute(v, refs) for v in value)
    if isinstance(value, list):
        return [_substitute(v, refs) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, refs) for k, v in value.items()}
    return value


@dataclass
class _Arena:
    """One call's argument arrays, as written to a memfd the child maps."""

    fd: int
    size: int
    placed: list[tuple[str, int, bytes]]  # (argument path, offset, bytes written)

    def changed(self) -> list[str]:
        """Argument paths whose bytes in the arena differ from what the grader wrote."""
        out = []
        for path, offset, data in self.placed:
            try:
                now = os.pread(self.fd, len(data), offset) if data else b""
            except OSError:
                now = b""
            if now != data:
                out.append(path)
        return out

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


def _share(request: dict) -> tuple[dict, _Arena | None]:
    """Move the request's argument arrays into a fresh memfd; the request refers to them."""
    found: list[tuple[str, np.ndarray]] = []
    args = [_arrays_in(a, f"#{i}", found) for i, a in enumerate(request.get("args", []))]
    kwargs = {k: _arrays_in(v, str(k), found) for k, v in request.get("kwargs", {}).items()}
    if not found or not hasattr(os, "memfd_create"):  # no memfd (not Linux): child's word
        return request, None
    refs, placed, offset = [], [], 0
    for path, arr in found:
        offset = (offset + 63) & ~63
        data = arr.tobytes()
        refs.append(codec.SharedArray(arr.dtype.str, tuple(arr.shape), offset))
        placed.append((path, offset, data))
        offset += len(data)
    size = max(offset, 1)
    fd = os.memfd_create("ag-arguments", os.MFD_CLOEXEC)
    try:
        os.ftruncate(fd, size)
        for _, off, data in placed:
            view = memoryview(data)
            while view:
                n = os.pwrite(fd, view, off)
                view, off = view[n:], off + n
    except BaseException:
        os.close(fd)
        raise
    shared = dict(request, args=_substitute(args, refs), kwargs=_substitute(kwargs, refs),
                  arena=size)
    return shared, _Arena(fd, size, placed)


def _argument_label(path: str, params: list[str]) -> str:
    """``#1[0]`` -> ``y[0]`` using the function's parameter names (``argument 2`` without)."""
    if not path.startswith("#"):
        return path
    head, _, rest = path[1:].partition("[")
    i = int(head)
    base = params[i] if i < len(params) else f"argument {i + 1}"
    return base + (("[" + rest) if rest else "")


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
        # 1-based (cell, statement) pairs not to run; statement 0 stands for the whole cell.
        self._skip: set[tuple[int, int]] = {(int(c), 0) for c in skip_cells}
        self._struck: dict[str, tuple[str, str]] = {}  # function -> (kind, reason)
        self._child: spawn.FreshChild | spawn.ZygoteChild | None = None
        self._exit_code: int | None = None
        self._wfd = self._rfd = -1
        self._fd_sock: socket.socket | None = None
        self._work: str | None = None
        self._log: str | None = None
        self._call_seconds = 0.0  # time the child spent answering calls
        self._restarts = 0
        self._started = False
        self._gave_up = False  # the notebook could not be run again: no more attempts
        self._calls = 0
        self._next_watch = 0.0

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
        _LIVE.add(self)
        self._load()
        return self.report

    def close(self) -> None:
        self._kill()
        self._started = False
        _LIVE.discard(self)

    def _left(self) -> float:
        """Seconds left of the wall budget, which counts only the time the child has to run
        the cells or answer a call: the grader's own work between calls (oracles, imports)
        is not charged to the submission."""
        return self.limits.wall_seconds - self.report.seconds - self._call_seconds

    # -- one child ---------------------------------------------------------------------

    def _spawn(self) -> None:
        self._kill()
        prefix = f"{WORK_PREFIX}{os.getpid()}-"
        log_fd, self._log = tempfile.mkstemp(prefix=prefix, suffix=".log")
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        parent_sock, child_sock = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        fds = [req_r, resp_w, child_sock.fileno()]
        try:
            zygote = spawn.zygote_for(self.mode)
            child = None
            if zygote is not None:
                try:
                    child = self._fork(zygote, fds, log_fd)
                except spawn.ZygoteError:
                    spawn.discard(self.mode)  # fresh interpreters from now on
                    if self._work:
                        shutil.rmtree(self._work, ignore_errors=True)
                        self._work = None
            if child is None:
                child = self._start_fresh(fds, log_fd)
        except BaseException:
            for fd in (req_w, resp_r):
                os.close(fd)
            parent_sock.close()
            raise
        finally:
            os.close(log_fd)
            os.close(req_r)
            os.close(resp_w)
            child_sock.close()
        self._child = child
        self._wfd, self._rfd, self._fd_sock = req_w, resp_r, parent_sock
        os.set_blocking(self._wfd, False)
        os.set_blocking(self._rfd, False)
        parent_sock.setblocking(False)
        self._next_watch = time.monotonic() + WATCH_INTERVAL

    def _rlimits(self) -> dict:
        lim = self.limits
        return {
            "address_space": lim.memory_bytes,
            "cpu_seconds": lim.cpu_seconds,
            "file_size": lim.file_bytes,
            "open_files": lim.open_files,
            "processes": lim.processes if os.geteuid() != 0 else None,
            "core": 0,
        }

    def _work_folder(self) -> str:
        """A fresh work folder on the grader's disk (the child may run as another user)."""
        self._work = tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-")
        os.chmod(self._work, 0o777)
        return self._work

    def _landlock_rules(self, work: str) -> dict:
        """Landlock rules for a child working in ``work``, with the harness where the child
        sees it (bwrap mounts it at its own path)."""
        rules = landlock_rules(work)
        if self.mode.name == "bwrap":
            inside = dict(zip(map(str, CHILD_DIRS), child_dirs(in_bwrap=True), strict=True))
            rules["read"] = [inside.get(p, p) for p in rules["read"]]
        return rules

    def _fork(self, zygote: spawn.Zygote, fds: list[int], log_fd: int) -> spawn.ZygoteChild:
        """A child forked by this process's zygote; it confines itself as a fresh one would
        (in bwrap mode with private namespaces and a fresh /tmp of its own)."""
        confine_config: dict = {"rlimits": self._rlimits(), "drop_capabilities": True}
        job: dict = {}
        if self.mode.name == "bwrap":
            work = "/tmp/work"
            job["private"] = {"tmp_bytes": self.limits.tmp_bytes,
                              "shm_bytes": self.limits.tmp_bytes // 4,
                              "rebind": spawn._rebinds(zygote.extra_ro)}
        else:
            work = self._work_folder()
        confine_config["landlock"] = self._landlock_rules(work)
        if self.mode.seccomp:
            confine_config["seccomp"] = True
        job.update(work=work, env=child_env(work), confine=confine_config)
        return zygote.spawn(job, [*fds, log_fd])

    def _start_fresh(self, fds: list[int], log_fd: int) -> spawn.FreshChild:
        """A new interpreter: bwrap, then python, then NumPy (the zygote's fallback)."""
        confine_config: dict = {
            "rlimits": self._rlimits(),
            "parent_death_signal": True,
            "parent_pid": os.getpid(),
        }
        host_work = self._work_folder()
        if self.mode.name == "bwrap":
            work = "/tmp/work"
            dirs = child_dirs(in_bwrap=True)
            prefix_cmd = bwrap_command(shutil.which("bwrap") or "bwrap", self.limits)
            confine_config.pop("parent_pid")  # the child's parent is bwrap, in its namespace
        else:
            work = host_work
            dirs = child_dirs(in_bwrap=False)
            prefix_cmd = []
        if self.mode.name in ("bwrap", "landlock") and self.mode.landlock_abi:
            confine_config["landlock"] = self._landlock_rules(work)
        if self.mode.name == "landlock":
            confine_config["drop_capabilities"] = True
        if self.mode.seccomp:
            confine_config["seccomp"] = True
        cmd = prefix_cmd + [sys.executable, "-I", "-c", _boot_code(dirs, confine_config),
                            *map(str, fds)]
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log_fd,
            stderr=log_fd,
            cwd=host_work,
            env=child_env(work),
            pass_fds=tuple(fds),
            start_new_session=True,
        )
        return spawn.FreshChild(proc)

    def _kill(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.kill()
            child.wait(timeout=10)  # SIGKILL cannot be ignored
        for fd in (self._wfd, self._rfd):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._wfd = self._rfd = -1
        if self._fd_sock is not None:
            self._fd_sock.close()
            self._fd_sock = None
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
        code = self._child.wait(timeout=2) if self._child is not None else None
        self._exit_code = code
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
            if sig == signal.SIGSEGV:
                return "crash", ("the Python process crashed (segmentation fault; very deep "
                                 "recursion does this)")
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
            return "crash", f"the Python process was killed by signal {name}"
        if code is not None:
            return "crash", f"the Python process exited (exit code {code})"
        return "crash", "the Python process stopped answering"

    # -- watching the work folder -----------------------------------------------------------

    def _disk_usage(self) -> int:
        """Bytes the child holds on disk: its work folder, plus deleted files it keeps open."""
        total, count, stack = 0, 0, [self._work] if self._work else []
        while stack:
            try:
                it = os.scandir(stack.pop())
            except OSError:
                continue
            with it:
                for e in it:
                    count += 1
                    if count > MAX_WORK_FILES:
                        raise ChildGone("disk", f"it created more than {MAX_WORK_FILES} files")
                    try:
                        st = e.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    total += st.st_blocks * 512
                    if stat.S_ISDIR(st.st_mode):
                        stack.append(e.path)
        if self._child is not None:
            fd_dir = f"/proc/{self._child.pid}/fd"
            try:
                fds = os.listdir(fd_dir)
            except OSError:
                fds = []
            for fd in fds:
                try:
                    st = os.stat(f"{fd_dir}/{fd}")
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode) and st.st_nlink == 0:
                    total += st.st_blocks * 512
        return total

    def _watch(self) -> None:
        """Between reads: a child outside bwrap writes to the real disk, so measure it."""
        if self.mode.name == "bwrap" or time.monotonic() < self._next_watch:
            return
        self._next_watch = time.monotonic() + WATCH_INTERVAL
        limit = self.limits.tmp_bytes
        if self._disk_usage() > limit:
            raise ChildGone("disk", f"it wrote more than {limit >> 20} MiB of files")

    # -- framing with deadlines -----------------------------------------------------------

    def _wait(self, fds_r: list[int], fds_w: list[int], deadline: float, what: str) -> bool:
        left = deadline - time.monotonic()
        if left <= 0:
            raise ChildGone("timeout", what)
        r, w, _ = select.select(fds_r, fds_w, [], min(left, WATCH_INTERVAL))
        self._watch()
        return bool(r or w)

    def _write(self, data: bytes, deadline: float) -> None:
        view = memoryview(struct.pack("<Q", len(data)) + data)
        while view:
            if not self._wait([], [self._wfd], deadline, "it did not accept its input in time"):
                continue
            try:
                n = os.write(self._wfd, view)
            except BrokenPipeError:
                raise ChildGone(*self._exit_reason()) from None
            except BlockingIOError:
                continue
            view = view[n:]

    def _send_fd(self, fd: int, deadline: float) -> None:
        sock = self._fd_sock
        assert sock is not None
        while True:
            if not self._wait([], [sock.fileno()], deadline, "it did not accept its input"):
                continue
            try:
                socket.send_fds(sock, [b"a"], [fd])
                return
            except BlockingIOError:
                continue
            except OSError:
                raise ChildGone(*self._exit_reason()) from None

    def _read_exact(self, n: int, deadline: float) -> bytes:
        chunks, got = [], 0
        while got < n:
            if not self._wait([self._rfd], [], deadline, ""):
                continue
            try:
                chunk = os.read(self._rfd, min(n - got, 1 << 20))
            except BlockingIOError:
                continue
            if not chunk:
                raise ChildGone(*self._exit_reason())
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def _read(self, deadline: float, expect_id: int):
        """One answer, which must carry the id of the request (or load) it answers: a frame
        the student's code wrote on the pipe itself, out of turn, ends the child."""
        (n,) = struct.unpack("<Q", self._read_exact(8, deadline))
        if n > MAX_RESPONSE_BYTES:
            raise ChildGone("protocol", f"it returned more than {MAX_RESPONSE_BYTES >> 20} MiB")
        try:
            value = codec.decode(self._read_exact(n, deadline))
        except codec.CodecError as exc:
            raise ChildGone("protocol", f"it sent malformed data ({exc})") from None
        if not isinstance(value, dict):
            raise ChildGone("protocol", "it sent malformed data")
        if value.get("id") != expect_id:
            raise ChildGone("protocol", "it wrote on the grader's channel out of turn")
        return value

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> bool:
        """Start a child and run the cells; on a fatal statement, retry without it."""
        while True:
            if self._left() <= 0:
                self.report.events.append("The time budget ran out while running your notebook.")
                self.report.failures.append("timeout")
                self._kill()
                return False
            # A zygote that is still importing NumPy is not the submission's time.
            spawn.ready_zygote(self.mode)
            start = time.monotonic()
            self._spawn()
            forked = self._child is not None and self._child.forked
            self._exit_code = None
            deadline = start + min(self._left(), self.limits.load_seconds)
            current: tuple[int, int, int] | None = None
            token = secrets.randbits(62)
            try:
                self._write(codec.encode({"cells": self.cells, "id": token,
                                          "skip": [list(s) for s in sorted(self._skip)]}),
                            deadline)
                while True:
                    msg = self._read(deadline, token)
                    if "cell" in msg:
                        cell, stmt, line = (msg.get("cell"), msg.get("statement"),
                                            msg.get("line"))
                        if all(isinstance(v, int) and not isinstance(v, bool)
                               for v in (cell, stmt, line)):
                            current = (cell, stmt, line)
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
                self._kill()
                if forked and current is None and self._exit_code == zygote.SETUP_FAILED:
                    # The forked child could not set itself up before running anything of the
                    # student's (e.g. no more user namespaces): a fresh interpreter instead.
                    spawn.discard(self.mode)
                    continue
                self.report.seconds += time.monotonic() - start
                kind = gone.kind if gone.kind in ("timeout", "memory", "disk") else "crash"
                self.report.failures.append(kind)
                reason = gone.message or (
                    f"it did not finish within {self.limits.load_seconds:g} s")
                if current is None:
                    self.report.events.append(f"Running your notebook failed: {reason}.")
                    return False
                cell, stmt, line = current
                where = f"cell {cell}, line {line}" if len(self.cells) > 1 else f"line {line}"
                if (cell, stmt) in self._skip or self._restarts >= self.limits.max_restarts:
                    self.report.events.append(f"Running {where} failed: {reason}.")
                    return False
                self.report.events.append(
                    f"Running {where} failed: {reason}. That statement was skipped and the "
                    "rest of your code run again.")
                self._skip.add((cell, stmt))
                if cell not in self.report.skipped_cells:
                    self.report.skipped_cells.append(cell)
                self.report.skipped.append({"cell": cell, "line": line, "reason": kind})
                self._restarts += 1

    # -- calls -----------------------------------------------------------------------------

    def _request(self, request: dict) -> dict:
        if not self._started:
            raise RuntimeError("start() the submission before calling it")
        fn = request.get("fn") if request.get("op") == "call" else None
        if isinstance(fn, str) and fn in self._struck:
            kind, reason = self._struck[fn]
            return {"ok": False, "kind": kind,
                    "message": f"{reason} on an earlier call, so it was not run again"}
        if self._child is None:
            if self._gave_up:
                return {"ok": False, "kind": "budget", "message": "your notebook could not "
                        "be run again after an earlier crash."}
            if self._restarts >= self.limits.max_restarts or self._left() <= 0:
                return {"ok": False, "kind": "budget",
                        "message": "earlier calls crashed or timed out too often, or the "
                                   "submission's time budget ran out."}
            self._restarts += 1
            if not self._load():
                self._gave_up = True
                return {"ok": False, "kind": "budget", "message": "your notebook could not "
                        "be run again after an earlier crash."}
        now = time.monotonic()
        allowed = min(self._left(), self.limits.call_seconds)
        deadline = now + allowed
        arena = None
        self._calls += 1
        try:
            if request.get("op") == "call":
                request, arena = _share(request)
            if arena is not None:
                self._send_fd(arena.fd, deadline)
            self._write(codec.encode(dict(request, id=self._calls)), deadline)
            response = self._read(deadline, self._calls)
            if arena is not None:
                response = self._trusted_mutations(response, arena)
        except ChildGone as gone:
            self._kill()
            if gone.kind == "timeout":
                budget = allowed < self.limits.call_seconds
                limit = (f"the submission's total time limit of {self.limits.wall_seconds:g} s "
                         "ran out" if budget else
                         f"it ran for more than {self.limits.call_seconds:g} s")
                kind, message = "timeout", limit
            else:
                kind = gone.kind if gone.kind in ("memory", "crash", "disk") else "crash"
                message = gone.message
            if isinstance(fn, str):
                self._struck[fn] = (kind, message)
            return {"ok": False, "kind": kind, "message": message}
        finally:
            self._call_seconds += time.monotonic() - now
            if arena is not None:
                arena.close()
        return response

    @staticmethod
    def _trusted_mutations(response: dict, arena: _Arena) -> dict:
        """Which arguments the call wrote to, as seen in the arena; the child's own claims
        (dicts or lists whose entries it replaced) can only add to the list."""
        params = response.get("params")
        params = [p if isinstance(p, str) and _IDENTIFIER.fullmatch(p) else f"argument {i + 1}"
                  for i, p in enumerate(params)] if isinstance(params, list) else []
        seen = [_argument_label(p, params) for p in arena.changed()]
        claimed = response.get("mutated")
        if isinstance(claimed, list):
            seen += [str(m)[:200] for m in claimed if str(m)[:200] not in seen][:20]
        return dict(response, mutated=seen)
