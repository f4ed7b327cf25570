"""The grader's zygotes: one pre-imported process per grading process and mode.

A fresh child (``bwrap`` + ``python -I`` + NumPy, or the same without bubblewrap) costs a
tenth of a second or more before the first cell runs. In ``bwrap`` mode with Landlock and in
``landlock`` mode, each grading process instead starts one :mod:`zygote` (NumPy and the harness
imported, inside the same kind of sandbox) and :mod:`spawn` has it fork a child for every
submission and every restart; the child gives itself what a fresh one gets before any student
code runs (see :mod:`autograder.sandbox.zygote` and the README's threat model). Fresh
interpreters remain:

- in ``rlimits`` mode (no seccomp or Landlock to keep a child away from the zygote that forks
  its successors; that mode protects nothing anyway);
- in ``bwrap`` mode without Landlock (children of one zygote share its PID namespace and
  ``/proc``; only Landlock keeps them out of each other's ``/proc/<pid>`` entries);
- where the zygote cannot start or its probe child cannot set itself up (no nested user
  namespaces, no pidfd), and with ``AUTOGRADER_ZYGOTE=0``.

This module is the grader's handle on a zygote (start it, ask it to fork or reap, stop it)
and the registry of this process's zygotes.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading

from autograder.sandbox.modes import (
    Limits,
    SandboxMode,
    bwrap_command,
    child_dirs,
    child_env,
    python_paths,
)

READY_SECONDS = 60.0    # for the zygote to import NumPy and probe (a loaded machine is slow)
ANSWER_SECONDS = 20.0   # for the zygote to answer one request


class ZygoteError(RuntimeError):
    """The zygote cannot be used; the caller starts a fresh interpreter instead."""


def zygote_enabled() -> bool:
    return os.environ.get("AUTOGRADER_ZYGOTE", "1").strip().lower() not in ("0", "no", "off",
                                                                             "false")


def zygote_supported(mode: SandboxMode) -> bool:
    """Whether a zygote may fork this mode's children (see the module's docstring)."""
    if not hasattr(os, "pidfd_open") or not hasattr(signal, "pidfd_send_signal"):
        return False
    return (mode.name == "bwrap" and mode.landlock_abi > 0) or mode.name == "landlock"


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL ``proc``'s process group (it leads its own session) and ``proc`` itself."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass


ZYGOTE_BOOT = (
    "import sys\n"
    "sys.path[:0] = {dirs!r}\n"
    "import zygote\n"
    "zygote.main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])\n"
)


def rebinds(extra_ro: list[str]) -> list[str]:
    """Binds of the zygote's sandbox that a child's fresh /tmp would hide (an interpreter in
    a checkout under /tmp): the child binds them again on top."""
    return [p for p in python_paths() + list(extra_ro) if p == "/tmp" or p.startswith("/tmp/")]


class Zygote:
    """The grader's handle on one zygote process (one per grading process and mode)."""

    def __init__(self, mode: SandboxMode, extra_ro: tuple[str, ...] = ()):
        self.mode = mode
        self.extra_ro = list(extra_ro)
        self._lock = threading.Lock()
        self._next = 0
        self._ready = False
        self.pid = -1  # the zygote as seen from inside its sandbox
        sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        if mode.name == "bwrap":
            small = Limits(tmp_bytes=1 << 20)  # the zygote writes nothing itself
            prefix = bwrap_command(shutil.which("bwrap") or "bwrap", small, self.extra_ro)
            dirs, work, parent = child_dirs(in_bwrap=True), "/tmp/work", 0
            probe = {"private": {"tmp_bytes": 1 << 20, "shm_bytes": 1 << 20,
                                 "rebind": rebinds(self.extra_ro)}}
        else:
            prefix, dirs, work, parent = [], child_dirs(in_bwrap=False), "/", os.getpid()
            probe = {}
        cmd = prefix + [sys.executable, "-I", "-c", ZYGOTE_BOOT.format(dirs=dirs),
                        str(theirs.fileno()), str(parent), json.dumps(probe)]
        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         cwd="/", env=child_env(work),
                                         pass_fds=(theirs.fileno(),), start_new_session=True)
        except OSError as exc:
            sock.close()
            raise ZygoteError(f"cannot start: {exc}") from None
        finally:
            theirs.close()
        self.sock = sock

    # -- the control channel ----------------------------------------------------------------

    def _recv(self, timeout: float) -> tuple[dict, list[int]]:
        if not select.select([self.sock], [], [], timeout)[0]:
            raise ZygoteError("no answer in time")
        try:
            data, fds, _, _ = socket.recv_fds(self.sock, 1 << 16, 4)
        except OSError as exc:
            raise ZygoteError(f"control channel: {exc}") from None
        if not data:
            raise ZygoteError("it exited")
        return json.loads(data), fds

    def wait_ready(self) -> None:
        """Block until the zygote has imported everything and probed a child."""
        with self._lock:
            self._wait_ready()

    def _wait_ready(self) -> None:
        if self._ready:
            return
        msg, _ = self._recv(READY_SECONDS)
        if not msg.get("ready"):
            raise ZygoteError(f"its probe child failed: {msg.get('problem')}")
        if msg.get("threads", 1) != 1:
            raise ZygoteError("it has threads (forking it would not be safe)")
        self.pid = int(msg["pid"])
        self._ready = True

    def spawn(self, job: dict, fds: list[int]) -> tuple[int, int]:
        """Fork a child that serves the grader on ``fds`` (request, response, socket, log):
        its spawn id and a pidfd for it (the caller owns the pidfd)."""
        with self._lock:
            try:
                self._wait_ready()
                self._next += 1
                sid = self._next
                socket.send_fds(self.sock, [json.dumps({"op": "spawn", "id": sid,
                                                        "job": job}).encode()], fds)
                msg, got = self._recv(ANSWER_SECONDS)
            except (OSError, ValueError) as exc:
                raise ZygoteError(str(exc)) from None
            if len(got) != 1 or "pid" not in msg:
                for fd in got:
                    os.close(fd)
                raise ZygoteError(f"unexpected answer {msg}")
            return sid, got[0]

    def reap(self, sid: int) -> int | None:
        """The exit code of the child with spawn id ``sid`` (None: not reaped yet)."""
        with self._lock:
            try:
                self.sock.sendall(json.dumps({"op": "reap", "id": sid}).encode())
                msg, fds = self._recv(ANSWER_SECONDS)
            except OSError as exc:
                raise ZygoteError(str(exc)) from None
            for fd in fds:
                os.close(fd)
            return msg.get("exit")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass
        kill_group(self.proc)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


# ---------------------------------------------------------------------------- the registry

_ZYGOTES: dict[tuple, Zygote | None] = {}  # (pid, mode) -> zygote, or None: do not try again
_ZYGOTES_LOCK = threading.Lock()


def zygote_for(mode: SandboxMode) -> Zygote | None:
    """This process's zygote for ``mode`` (started on first use), or None."""
    if not (zygote_enabled() and zygote_supported(mode)):
        return None
    key = (os.getpid(), mode)
    with _ZYGOTES_LOCK:
        if key not in _ZYGOTES:
            try:
                _ZYGOTES[key] = Zygote(mode)
            except ZygoteError:
                _ZYGOTES[key] = None
        z = _ZYGOTES[key]
    if z is not None and not z.alive():
        discard(mode)
        return None
    return z


def prestart(mode: SandboxMode) -> None:
    """Start the zygote now (it imports NumPy while the caller does its own imports)."""
    zygote_for(mode)


def ready_zygote(mode: SandboxMode) -> Zygote | None:
    """This process's zygote for ``mode``, once it is ready to fork (None: fresh children)."""
    z = zygote_for(mode)
    if z is None:
        return None
    try:
        z.wait_ready()
    except (ZygoteError, OSError, ValueError):
        discard(mode)
        return None
    return z


def discard(mode: SandboxMode) -> None:
    """Stop using this process's zygote for ``mode``: fresh interpreters from now on."""
    with _ZYGOTES_LOCK:
        z = _ZYGOTES.get((os.getpid(), mode))
        _ZYGOTES[(os.getpid(), mode)] = None
    if z is not None:
        z.close()


def replace(mode: SandboxMode, zygote: Zygote | None = None) -> Zygote | None:
    """Put ``zygote`` in place of this process's zygote for ``mode`` (None: start one on next
    use, even after :func:`discard`); returns the one it replaces, which keeps running."""
    with _ZYGOTES_LOCK:
        key = (os.getpid(), mode)
        old = _ZYGOTES.pop(key, None)
        if zygote is not None:
            _ZYGOTES[key] = zygote
    return old


def close_zygotes() -> None:
    with _ZYGOTES_LOCK:
        mine = [k for k in _ZYGOTES if k[0] == os.getpid()]
        zygotes = [_ZYGOTES.pop(k) for k in mine]
    for z in zygotes:
        if z is not None:
            z.close()


atexit.register(close_zygotes)
