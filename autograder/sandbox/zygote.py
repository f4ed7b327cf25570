"""A pre-imported process that forks one fresh sandboxed child per submission (a zygote).

Started once per grading process by :mod:`autograder.sandbox.spawn` (inside its own bubblewrap
sandbox in ``bwrap`` mode, as a plain process in ``landlock`` mode), it imports NumPy and the
harness and then only forks. It never runs student code and never sees any: a submission's
cells travel from the grader straight to its child, on pipes the grader created and handed
over here with ``SCM_RIGHTS``. The child, before anything of the student's runs, gives itself
what a freshly started sandbox gets:

- only its own descriptors (the grader's pipes, its log, ``/dev/null``): the zygote's control
  socket and everything else is closed; a session of its own; death with the zygote (which
  dies with its grading worker);
- in ``bwrap`` mode, new user, mount, IPC, network and UTS namespaces, with a fresh
  size-capped ``/tmp`` (holding its work folder) and ``/dev/shm``: nothing a sibling or an
  earlier child wrote is visible, and it all vanishes with the child;
- then exactly the confinement a fresh child applies (see :mod:`confine`): Landlock with its own
  work folder, capabilities dropped, resource limits, seccomp;
- fresh seeds for NumPy's global generator (``random`` reseeds itself after a fork).

The grader gets a pidfd for each child: it kills a child with ``pidfd_send_signal`` whatever PID
namespace the child lives in, and learns its exit status from the zygote, which reaps it.

Standard library only at the top (this file runs as a top-level module in the sandbox).
"""

from __future__ import annotations

import ctypes
import json
import os
import socket
import sys
import traceback

SETUP_FAILED = 86  # exit code of a child whose set-up failed: no student code ran
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x1000, 0x4000, 0x40000
PR_SET_NAME = 15
MAX_MESSAGE = 1 << 20


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(res: int, what: str) -> None:
    if res != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"{what}: {os.strerror(e)}")


def set_name(name: str) -> None:
    """The process's name in ``ps`` and ``/proc/<pid>/comm`` (15 bytes at most)."""
    try:
        _libc().prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)
    except (AttributeError, OSError):
        pass


# ---------------------------------------------------------------------------- in the child


def private_namespaces(tmp_bytes: int, shm_bytes: int, rebind: list[str]) -> str:
    """New user, mount, IPC, network and UTS namespaces; a fresh /tmp/work and /dev/shm.

    ``rebind``: read-only binds of the zygote's sandbox that live under /tmp (an interpreter in
    a checkout there); they are bound again on top of the fresh /tmp.
    """
    libc = _libc()
    uid, gid = os.geteuid(), os.getegid()
    _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET
                        | CLONE_NEWUTS), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                       ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as f:
            f.write(text)
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate")
    # Held open across the new /tmp (the new mount namespace's copies of those binds).
    keep = [(path, os.open(path, os.O_PATH | os.O_CLOEXEC)) for path in rebind
            if os.path.exists(path)]
    for target, size in ((b"/tmp", tmp_bytes), (b"/dev/shm", shm_bytes)):
        _check(libc.mount(b"tmpfs", target, b"tmpfs", MS_NOSUID | MS_NODEV,
                          f"size={int(size)},mode=1777".encode()), f"mount {target.decode()}")
    for path, fd in keep:
        os.makedirs(path, exist_ok=True)
        _check(libc.mount(f"/proc/self/fd/{fd}".encode(), path.encode(), None,
                          MS_BIND | MS_REC, None), f"bind {path}")
        os.close(fd)
    os.mkdir("/tmp/work", 0o700)
    os.chdir("/tmp/work")
    return "private-namespaces(user, mount, ipc, net, uts; fresh /tmp, /dev/shm)"


def _close_all_but(keep: set[int]) -> None:
    low = 0
    for fd in sorted(keep) + [os.sysconf("SC_OPEN_MAX")]:
        if fd > low:
            os.closerange(low, fd)
        low = fd + 1


def _exit_code(exc: BaseException) -> int:
    """What the interpreter would exit with had ``exc`` reached the top of a fresh process."""
    if isinstance(exc, SystemExit):
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int) and not isinstance(code, bool):
            return code & 0xFF
        print(code, file=sys.stderr)
        return 1
    traceback.print_exception(exc)
    return 1


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - the student may have replaced them
            pass


def child(job: dict, fds: list[int], zygote_pid: int) -> None:
    """Runs in the forked child: set up, confine, then serve the grader. Never returns."""
    try:
        import confine

        req_r, resp_w, sock_fd, log_fd = fds
        os.dup2(log_fd, 1)
        os.dup2(log_fd, 2)
        null = os.open("/dev/null", os.O_RDONLY)
        os.dup2(null, 0)
        _close_all_but({0, 1, 2, req_r, resp_w, sock_fd})
        os.setsid()  # kill(0) and kill(-pid) reach this process only
        if not confine.die_with_parent(zygote_pid):
            os._exit(SETUP_FAILED)
        set_name("ag-sandbox")
        notes = []
        private = job.get("private")
        if private:
            notes.append(private_namespaces(private["tmp_bytes"], private["shm_bytes"],
                                            private.get("rebind", [])))
        else:
            os.chdir(job["work"])
        os.environ.clear()
        os.environ.update(job["env"])
        if "tempfile" in sys.modules:
            sys.modules["tempfile"].tempdir = None
        import numpy

        numpy.random.seed()  # not the zygote's state, shared by every fork
        notes += confine.apply(dict(job["confine"], parent_death_signal=True,
                                    parent_pid=zygote_pid))
    except BaseException as exc:  # noqa: BLE001 - nothing of the student's has run
        traceback.print_exception(exc)
        _flush()
        os._exit(SETUP_FAILED)
    code = 0
    try:
        import harness

        harness.main(req_r, resp_w, notes, sock_fd)
    except BaseException as exc:  # noqa: BLE001 - as a fresh interpreter would end
        code = _exit_code(exc)
    _flush()
    os._exit(code)


# ---------------------------------------------------------------------------- the zygote


def _probe(job: dict) -> str:
    """Fork a child that only sets itself up: '' if that works, else why not."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            if job.get("private"):
                p = job["private"]
                private_namespaces(p["tmp_bytes"], p["shm_bytes"], p.get("rebind", []))
            os.write(w, b"ok")
        except BaseException as exc:  # noqa: BLE001
            os.write(w, f"{type(exc).__name__}: {exc}".encode()[:500])
        os._exit(0)
    os.close(w)
    try:
        os.close(os.pidfd_open(pid))  # the grader's kill path needs pidfds
        pidfd = ""
    except (AttributeError, OSError) as exc:
        pidfd = f"no pidfd: {exc}"
    chunks = []
    while chunk := os.read(r, 1000):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    text = b"".join(chunks).decode(errors="replace")
    return pidfd or ("" if text == "ok" else text or "the probe died")


def main(ctl_fd: int, parent_pid: int, probe_json: str) -> None:
    """Serve spawn and reap requests on ``ctl_fd`` until the grader closes it."""
    import confine

    if not confine.die_with_parent(parent_pid if parent_pid > 0 else None):
        os._exit(1)
    set_name("ag-zygote")
    os.chdir("/")
    # Everything a child needs, imported once here (never executed on a student's behalf).
    import harness  # noqa: F401 - imports codec and NumPy
    import numpy.random  # noqa: F401 - NumPy imports it lazily; most notebooks use it

    ctl = socket.socket(fileno=ctl_fd)
    me = os.getpid()
    problem = _probe(json.loads(probe_json))
    ready = {"ready": not problem, "problem": problem, "pid": me,
             "threads": len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task")
             else 1}
    ctl.sendall(json.dumps(ready).encode())
    exited: dict[int, int] = {}    # spawn id -> wait status, once reaped
    running: dict[int, int] = {}   # pid -> spawn id
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(ctl, MAX_MESSAGE, 8)
        except InterruptedError:
            continue
        if not data:
            os._exit(0)  # the grader is gone: so are we (children die with us)
        while running:  # reap whatever has ended
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            exited[running.pop(pid, -1)] = status
        msg = json.loads(data)
        if msg["op"] == "spawn":
            _flush()
            pid = os.fork()
            if pid == 0:
                ctl.detach()  # the child closes the descriptor itself, with the rest
                child(msg["job"], fds, me)
            for fd in fds:
                os.close(fd)
            running[pid] = msg["id"]
            pidfd = os.pidfd_open(pid)
            try:
                socket.send_fds(ctl, [json.dumps({"pid": pid}).encode()], [pidfd])
            finally:
                os.close(pidfd)
        elif msg["op"] == "reap":
            sid = msg["id"]
            pid = next((p for p, s in running.items() if s == sid), None)
            if pid is not None and sid not in exited:
                try:
                    got, status = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    got, status = pid, 0
                if got:
                    running.pop(pid, None)
                    exited[sid] = status
            status = exited.pop(sid, None)
            code = None if status is None else os.waitstatus_to_exitcode(status)
            ctl.sendall(json.dumps({"exit": code}).encode())
        else:
            for fd in fds:
                os.close(fd)
            ctl.sendall(json.dumps({"error": f"unknown op {msg['op']!r}"}).encode())
