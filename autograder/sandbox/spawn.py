"""Starting and killing a sandboxed child: forked by this process's zygote (see
:mod:`zygotes`), or a fresh interpreter.

:func:`start` gives a :class:`Child`: the process, the grader's ends of its pipes (requests
out, answers in, and a UNIX socket for descriptors), its work folder and its log. A child
always confines itself before any student code runs (see :mod:`confine`, and :mod:`zygote`
for what a forked child does first); what it is told to apply is decided here, from the mode
and the limits. :meth:`Child.close` kills it (its whole process group, or through its pidfd
whatever PID namespace it lives in), reaps it and removes its files.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys

from autograder.sandbox import cleanup, confine, zygotes
from autograder.sandbox.modes import (
    CHILD_DIRS,
    Limits,
    SandboxMode,
    bwrap_command,
    child_dirs,
    child_env,
    landlock_rules,
)
from autograder.sandbox.zygote import SETUP_FAILED

__all__ = ["Child", "start"]


class FreshProcess:
    """A child started as a new interpreter (its own process group, or PID namespace)."""

    forked = False

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self.pid = proc.pid

    def kill(self) -> None:
        zygotes.kill_group(self.proc)

    def wait(self, timeout: float) -> int | None:
        """The exit code (negative: killed by that signal), or None if still running."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None


class ForkedProcess:
    """A child forked by a zygote: killed through its pidfd, reaped by the zygote."""

    forked = True

    def __init__(self, zygote: zygotes.Zygote, sid: int, pidfd: int):
        self.zygote, self.sid, self.pidfd = zygote, sid, pidfd
        self.pid = _pid_of(pidfd)  # in this process's PID namespace (for /proc)
        self.code: int | None = None
        self._done = False

    def kill(self) -> None:
        if self._done:
            return
        try:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass

    def wait(self, timeout: float) -> int | None:
        if self._done:
            return self.code
        try:
            ended = bool(select.select([self.pidfd], [], [], max(timeout, 0))[0])
        except (OSError, ValueError):
            ended = True
        if not ended:
            return None
        try:
            self.code = self.zygote.reap(self.sid)
        except zygotes.ZygoteError:
            self.code = None
        self._done = True
        os.close(self.pidfd)
        self.pidfd = -1
        return self.code

    def __del__(self):
        if getattr(self, "pidfd", -1) >= 0:
            try:
                os.close(self.pidfd)
            except OSError:
                pass


def _pid_of(pidfd: int) -> int:
    try:
        with open(f"/proc/self/fdinfo/{pidfd}") as f:
            for line in f:
                if line.startswith("Pid:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return -1


class Child:
    """A started child and everything the grader holds for it."""

    def __init__(self, process: FreshProcess | ForkedProcess, wfd: int, rfd: int,
                 sock: socket.socket, work: str | None, log: str, limits: Limits):
        self.process = process
        self.wfd, self.rfd, self.sock = wfd, rfd, sock
        self.work = work          # its work folder on the grader's disk (None: a private /tmp)
        self.log = log            # its stdout and stderr
        self.limits = limits
        self.exit_code: int | None = None

    @property
    def pid(self) -> int:
        """In the grader's PID namespace (for /proc)."""
        return self.process.pid

    @property
    def forked(self) -> bool:
        return self.process.forked

    @property
    def setup_failed(self) -> bool:
        """A forked child that exited before it could set itself up (no student code ran)."""
        return self.forked and self.exit_code == SETUP_FAILED

    def exit_reason(self) -> tuple[str, str]:
        """After EOF: why the child is gone, in a student's words: (kind, message)."""
        code = self.process.wait(timeout=2)
        self.exit_code = code
        tail = ""
        try:
            with open(self.log, "rb") as f:
                f.seek(max(0, os.path.getsize(self.log) - 2000))
                tail = f.read().decode(errors="replace")
        except OSError:
            pass
        limits = self.limits
        if "MemoryError" in tail or "Cannot allocate memory" in tail:
            return "memory", f"the memory limit ({limits.memory_bytes >> 20} MiB) was exceeded"
        if code is not None and code < 0:
            sig = -code
            if sig == signal.SIGXCPU:
                return "timeout", f"it used more than {limits.cpu_seconds} s of CPU time"
            if sig == signal.SIGSYS:
                return "crash", "it made a system call the sandbox forbids"
            if sig == signal.SIGSEGV:
                return "crash", ("the Python process crashed (segmentation fault; very deep "
                                 "recursion does this)")
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = str(sig)
            return "crash", f"the Python process was killed by signal {name}"
        if code is not None:
            return "crash", f"the Python process exited (exit code {code})"
        return "crash", "the Python process stopped answering"

    def close(self) -> None:
        """Kill the child (SIGKILL cannot be ignored), reap it, remove its files."""
        self.process.kill()
        self.process.wait(timeout=10)
        for fd in (self.wfd, self.rfd):
            try:
                os.close(fd)
            except OSError:
                pass
        self.sock.close()
        cleanup.remove(self.work)
        cleanup.remove(self.log)
        self.work = None


# ---------------------------------------------------------------------------- starting one


def start(mode: SandboxMode, limits: Limits) -> Child:
    """A child for one run of a submission, forked by this process's zygote if it has one
    (a fresh interpreter otherwise, or if the zygote fails)."""
    log_fd, log = cleanup.new_log()
    req_r, req_w = os.pipe()
    resp_r, resp_w = os.pipe()
    parent_sock, child_sock = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    fds = [req_r, resp_w, child_sock.fileno()]
    try:
        zygote = zygotes.zygote_for(mode)
        started = None
        if zygote is not None:
            try:
                started = _fork(zygote, mode, limits, fds, log_fd)
            except zygotes.ZygoteError:
                zygotes.discard(mode)  # fresh interpreters from now on
        if started is None:
            started = _start_fresh(mode, limits, fds, log_fd)
    except BaseException:
        for fd in (req_w, resp_r):
            os.close(fd)
        parent_sock.close()
        cleanup.remove(log)
        raise
    finally:
        os.close(log_fd)
        os.close(req_r)
        os.close(resp_w)
        child_sock.close()
    process, work = started
    return Child(process, req_w, resp_r, parent_sock, work, log, limits)


def _rlimits(limits: Limits) -> dict:
    return {
        "address_space": limits.memory_bytes,
        "cpu_seconds": limits.cpu_seconds,
        "file_size": limits.file_bytes,
        "open_files": limits.open_files,
        "processes": limits.processes if os.geteuid() != 0 else None,
        "core": 0,
    }


def _landlock_rules(mode: SandboxMode, work: str) -> dict:
    """Landlock rules for a child working in ``work``, with the harness where the child sees
    it (bwrap mounts it at its own path)."""
    rules = landlock_rules(work)
    if mode.name == "bwrap":
        inside = dict(zip(map(str, CHILD_DIRS), child_dirs(in_bwrap=True), strict=True))
        rules["read"] = [inside.get(p, p) for p in rules["read"]]
    return rules


def _fork(zygote: zygotes.Zygote, mode: SandboxMode, limits: Limits, fds: list[int],
          log_fd: int) -> tuple[ForkedProcess, str | None]:
    """A child forked by this process's zygote; it confines itself as a fresh one would
    (in bwrap mode with private namespaces and a fresh /tmp of its own)."""
    confine_config: dict = {"rlimits": _rlimits(limits), "drop_capabilities": True}
    job: dict = {}
    host_work = None
    if mode.name == "bwrap":
        work = "/tmp/work"
        job["private"] = {"tmp_bytes": limits.tmp_bytes, "shm_bytes": limits.tmp_bytes // 4,
                          "rebind": zygotes.rebinds(zygote.extra_ro)}
    else:
        work = host_work = cleanup.new_work_folder()
    confine_config["landlock"] = _landlock_rules(mode, work)
    if mode.seccomp:
        confine_config["seccomp"] = confine.seccomp_rules()
    job.update(work=work, env=child_env(work), confine=confine_config)
    try:
        sid, pidfd = zygote.spawn(job, [*fds, log_fd])
    except BaseException:
        cleanup.remove(host_work)
        raise
    return ForkedProcess(zygote, sid, pidfd), host_work


def _boot_code(dirs: list[str], confine_config: dict) -> str:
    # Confine first, then import NumPy and the harness, then read the cells.
    return (
        "import sys, json\n"
        f"sys.path[:0] = {dirs!r}\n"
        "import confine\n"
        f"notes = confine.apply(json.loads({json.dumps(confine_config)!r}))\n"
        "import harness\n"
        "harness.main(int(sys.argv[1]), int(sys.argv[2]), notes, int(sys.argv[3]))\n"
    )


def _start_fresh(mode: SandboxMode, limits: Limits, fds: list[int],
                 log_fd: int) -> tuple[FreshProcess, str]:
    """A new interpreter: bwrap, then python, then NumPy (the zygote's fallback)."""
    confine_config: dict = {
        "rlimits": _rlimits(limits),
        "parent_death_signal": True,
        "parent_pid": os.getpid(),
    }
    host_work = cleanup.new_work_folder()
    if mode.name == "bwrap":
        work = "/tmp/work"
        dirs = child_dirs(in_bwrap=True)
        prefix_cmd = bwrap_command(shutil.which("bwrap") or "bwrap", limits)
        confine_config.pop("parent_pid")  # the child's parent is bwrap, in its namespace
    else:
        work = host_work
        dirs = child_dirs(in_bwrap=False)
        prefix_cmd = []
    if mode.name in ("bwrap", "landlock") and mode.landlock_abi:
        confine_config["landlock"] = _landlock_rules(mode, work)
    if mode.name == "landlock":
        confine_config["drop_capabilities"] = True
    if mode.seccomp:
        confine_config["seccomp"] = confine.seccomp_rules()
    cmd = prefix_cmd + [sys.executable, "-I", "-c", _boot_code(dirs, confine_config),
                        *map(str, fds)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log_fd, stderr=log_fd,
                                cwd=host_work, env=child_env(work), pass_fds=tuple(fds),
                                start_new_session=True)
    except BaseException:
        cleanup.remove(host_work)
        raise
    return FreshProcess(proc), host_work
