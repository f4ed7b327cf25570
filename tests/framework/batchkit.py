"""Helpers for the tests that grade whole batches: hostile submissions, fault injection.

- :class:`ProcessWatch` follows every descendant of the grader while it runs (by walking
  /proc), so a test can prove that none survives it, even after the grader was SIGKILLed and
  the process tree broke apart.
- :class:`Listener` is a TCP and UDP listener on 127.0.0.1 that records anything reaching it
  and stops by itself.
- :func:`tree_state` snapshots a folder (content hashes, or sizes and times for big trees).
- :class:`Fixture` reads a hostile submission (see ``hostile/README.md``) and builds its
  hostile and honest versions.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_DIR = Path(__file__).resolve().parent / "hostile"


# ---------------------------------------------------------------------------- processes


def _stat(pid: int) -> tuple[int, int, str] | None:
    """(parent pid, start time, state) of a process, or None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = raw[raw.rindex(")") + 2:].split()
    return int(rest[1]), int(rest[19]), rest[0]


def _all_pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


class ProcessWatch:
    """Record every descendant of ``root`` (pid, start time) until :meth:`stop`."""

    def __init__(self, root: int, interval: float = 0.02):
        self.root = root
        self.seen: dict[tuple[int, int], str] = {}
        self._stop = threading.Event()
        self._interval = interval
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> ProcessWatch:
        self._thread.start()
        return self

    def scan(self) -> None:
        parents: dict[int, list[int]] = {}
        info = {}
        for pid in _all_pids():
            st = _stat(pid)
            if st is not None:
                info[pid] = st
                parents.setdefault(st[0], []).append(pid)
        stack = [self.root]
        while stack:
            pid = stack.pop()
            for child in parents.get(pid, []):
                ppid, start, _ = info[child]
                key = (child, start)
                if key not in self.seen:
                    try:
                        cmd = Path(f"/proc/{child}/cmdline").read_bytes()[:200]
                    except OSError:
                        cmd = b""
                    self.seen[key] = cmd.replace(b"\0", b" ").decode(errors="replace")
                stack.append(child)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.scan()
            self._stop.wait(self._interval)

    def stop(self) -> None:
        self.scan()
        self._stop.set()
        self._thread.join()

    def survivors(self, wait: float = 10.0) -> list[str]:
        """Descendants still running (zombies are dead: they only wait to be reaped)."""
        deadline = time.monotonic() + wait
        while True:
            alive = []
            for (pid, start), cmd in self.seen.items():
                st = _stat(pid)
                if st is not None and st[1] == start and st[2] != "Z":
                    alive.append(f"{pid}: {cmd}")
            if not alive or time.monotonic() > deadline:
                return alive
            time.sleep(0.2)


def run_grader(args: list, *, env: dict | None = None, timeout: float = 900,
               kill_after: Callable[[subprocess.Popen], int | None] | None = None,
               ) -> tuple[subprocess.CompletedProcess, ProcessWatch]:
    """Run ``python -m autograder ARGS`` in its own process group, watching its descendants.

    ``kill_after(proc)`` is polled while it runs; when it returns a signal number the grader
    gets that signal (SIGINT goes to the whole process group, as Ctrl-C would)."""
    proc = subprocess.Popen([sys.executable, "-m", "autograder", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, start_new_session=True)
    watch = ProcessWatch(proc.pid).start()
    out: dict[str, str] = {}

    def drain(name, stream):
        out[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s), daemon=True)
               for n, s in (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for r in readers:
        r.start()
    deadline = time.monotonic() + timeout
    sent = False
    try:
        while proc.poll() is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the grader ran for more than {timeout} s")
            if kill_after is not None and not sent:
                sig = kill_after(proc)
                if sig is not None:
                    watch.scan()  # the tree as it is at the moment of the signal
                    if sig == signal.SIGINT:
                        os.killpg(proc.pid, sig)
                    else:
                        os.kill(proc.pid, sig)
                    sent = True
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        watch.stop()
        for r in readers:
            r.join(10)
    return (subprocess.CompletedProcess(proc.args, proc.returncode, out.get("stdout", ""),
                                        out.get("stderr", "")), watch)


# ---------------------------------------------------------------------------- network


class Listener:
    """TCP and UDP on 127.0.0.1 (one port); records every connection or datagram."""

    def __init__(self, lifetime: float = 900.0):
        self.events: list[str] = []
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.port = self.tcp.getsockname()[1]
        self.tcp.listen(16)
        self.tcp.settimeout(0.2)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.udp.settimeout(0.2)
        self._until = time.monotonic() + lifetime  # stops by itself
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._tcp, daemon=True),
                         threading.Thread(target=self._udp, daemon=True)]
        for t in self._threads:
            t.start()

    def _running(self) -> bool:
        return not self._stop.is_set() and time.monotonic() < self._until

    def _tcp(self) -> None:
        while self._running():
            try:
                conn, addr = self.tcp.accept()
            except OSError:
                continue
            conn.settimeout(1.0)
            try:
                data = conn.recv(256)
            except OSError:
                data = b""
            self.events.append(f"tcp from {addr}: {data[:64]!r}")
            conn.close()

    def _udp(self) -> None:
        while self._running():
            try:
                data, addr = self.udp.recvfrom(256)
            except OSError:
                continue
            self.events.append(f"udp from {addr}: {data[:64]!r}")

    def close(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(5)
        self.tcp.close()
        self.udp.close()


# ---------------------------------------------------------------------------- file trees


def tree_state(root: Path, *, content: bool = True, skip=("__pycache__", ".pytest_cache"),
               ) -> dict[str, tuple]:
    """Every file under ``root``: its sha256 (``content``) or its size and mtime."""
    state: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if content and os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    state[rel] = (hashlib.sha256(f.read()).hexdigest(),)
            else:
                state[rel] = (st.st_size, st.st_mtime_ns, st.st_mode)
    return state


def diff_states(before: dict, after: dict) -> list[str]:
    changes = [f"new {p}" for p in sorted(set(after) - set(before))]
    changes += [f"gone {p}" for p in sorted(set(before) - set(after))]
    changes += [f"changed {p}" for p in sorted(set(before) & set(after))
                if before[p] != after[p]]
    return changes


# ---------------------------------------------------------------------------- fixtures

_MARK = re.compile(r"^\s*# (ATTACK|HONEST|END ATTACK)\s*$")


@dataclass
class Fixture:
    path: Path
    name: str
    doc: str
    notebook: bool
    also_fails: list[str] = field(default_factory=list)
    status: str | None = None

    @classmethod
    def load(cls, path: Path) -> Fixture:
        text = path.read_text()
        doc = ast.get_docstring(ast.parse(text)) or ""
        meta = {}
        for line in doc.splitlines():
            key, sep, value = line.partition(":")
            if sep and key in ("Also fails", "Status", "Notebook"):
                meta[key] = value.strip()
        also = [c.strip() for c in meta.get("Also fails", "").split(",") if c.strip()]
        return cls(path, path.stem, doc, meta.get("Notebook") == "yes", also,
                   meta.get("Status"))

    def source(self, honest: bool) -> str:
        out, state = [], "normal"
        for line in self.path.read_text().splitlines():
            m = _MARK.match(line)
            if m:
                state = {"ATTACK": "attack", "HONEST": "honest", "END ATTACK": "normal"}[m[1]]
                continue
            if state == "normal" or (state == "attack") != honest:
                out.append(line)
        return "\n".join(out) + "\n"

    def has_attack(self) -> bool:
        return self.source(True) != self.source(False)

    def file_name(self) -> str:
        return self.name + (".ipynb" if self.notebook else ".py")

    def write(self, folder: Path, *, honest: bool, substitutions: dict[str, str]) -> Path:
        base = (HOSTILE_DIR / "_base.py").read_text()
        text = self.source(honest)
        for key, value in substitutions.items():
            text = text.replace(key, value)
        path = folder / self.file_name()
        if not self.notebook:
            path.write_text(base + "\n\n" + text)
            return path
        cells = [base] + [c.strip("\n") + "\n" for c in re.split(r"(?m)^# %%.*$", text)]
        nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
              "cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                         "outputs": [], "source": c} for c in cells if c.strip()]}
        path.write_text(json.dumps(nb, indent=1))
        return path


def fixtures() -> list[Fixture]:
    return [Fixture.load(p) for p in sorted(HOSTILE_DIR.glob("*.py"))
            if not p.name.startswith("_")]


def results(out: Path) -> dict[str, dict]:
    """The results in ``out``, by result file stem (the submission's stem)."""
    found = {}
    for p in out.glob("*.json"):
        data = json.loads(p.read_text())
        if isinstance(data, dict) and "extra_data" in data:
            found[p.stem] = data
    return found


def passed_by_check(result: dict) -> dict[str, bool]:
    return {c["name"]: c["passed"] for c in result["extra_data"]["checks"]}
