"""The grader's side of a sandboxed submission: the protocol.

:class:`SandboxedSubmission` starts a confined child (:mod:`spawn`), sends it the submission's
code cells, and forwards each ``sub.fn(*args)`` a test makes as one request on the child's
:mod:`channel`. Answers are decoded by :mod:`codec` (plain data only, size-capped) and checked
by the test in this process. A child that hangs, crashes, floods the pipe, fills its work
folder (:mod:`diskwatch`) or answers with garbage is killed and, within the submission's
budget, restarted for the next call:

- a top-level statement that killed or hung the child while the notebook ran is skipped on the
  next attempt (the child reports each statement before it runs it), so the functions defined
  elsewhere are still graded;
- a function whose call crashed or timed out is not called again (later calls fail at once
  with the same reason), so one hostile or broken function costs only its own checks.

Argument arrays travel in a shared-memory :mod:`arena`, so whether a function modified its
inputs is observed here, not taken from the child's word. During a call the child may call back
the test's callables it was given (see :mod:`autograder.core.arguments`): they run here, and
the time they take is not the student's (up to ``Limits.callback_seconds`` per call).
"""

from __future__ import annotations

import secrets
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from autograder.core import codec
from autograder.core.arguments import CallContext, ProtocolError
from autograder.core.contract import ReturnSpec
from autograder.core.dispatch import location, source_name
from autograder.core.submission import Submission
from autograder.sandbox import arena, spawn, zygotes
from autograder.sandbox.channel import Channel, ChildGone
from autograder.sandbox.cleanup import sweep_stale_work
from autograder.sandbox.diskwatch import DiskWatch
from autograder.sandbox.modes import Limits, SandboxMode

__all__ = ["LoadReport", "SandboxedSubmission", "close_all", "sweep_stale_work"]

_LIVE: weakref.WeakSet = weakref.WeakSet()  # started submissions of this process


def close_all() -> None:
    """Kill every sandbox this process started (a worker told to stop calls this), and its
    zygotes."""
    for sub in list(_LIVE):
        try:
            sub.close()
        except Exception:  # noqa: BLE001 - best effort on the way out
            pass
    zygotes.close_zygotes()


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
    kind: str = "notebook"  # or "script": a .py file (one cell), for locations in messages


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
        kind: str = "notebook",
    ):
        """``skip_cells``: 1-based numbers of cells not to run (see grading/prune.py);
        ``kind``: ``notebook``, or ``script`` for a .py file (its one cell)."""
        super().__init__(contract)
        self.cells = list(cells)
        self.mode = mode
        self.limits = limits
        self.report = LoadReport(kind=kind)
        self._loads = 0  # children started: each numbers its handles from its own range
        # 1-based (cell, statement) pairs not to run; statement 0 stands for the whole cell.
        self._skip: set[tuple[int, int]] = {(int(c), 0) for c in skip_cells}
        self._struck: dict[str, tuple[str, str]] = {}  # function -> (kind, reason)
        self._child: spawn.Child | None = None
        self._channel: Channel | None = None
        self._call_seconds = 0.0  # time the child spent answering calls
        self._uncharged = 0.0     # of the current call: the test's callables' time
        self._restarts = 0
        self._started = False
        self._gave_up = False  # the notebook could not be run again: no more attempts
        self._calls = 0

    @property
    def child(self) -> spawn.Child | None:
        """The child running the submission now (None between a crash and the next call)."""
        return self._child

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

    def _spawn(self) -> None:
        self._kill()
        child = self._child = spawn.start(self.mode, self.limits)
        watch = (lambda: None) if self.mode.name == "bwrap" else \
            DiskWatch(child.work, child.pid, self.limits.tmp_bytes).check
        self._channel = Channel(child.wfd, child.rfd, child.sock, child.exit_reason, watch)

    def _kill(self) -> None:
        child, self._child, self._channel = self._child, None, None
        if child is not None:
            child.close()

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
            zygotes.ready_zygote(self.mode)
            start = time.monotonic()
            self._spawn()
            child, channel = self._child, self._channel
            deadline = start + min(self._left(), self.limits.load_seconds)
            current: tuple[int, int, int] | None = None
            token = secrets.randbits(62)
            self._loads += 1
            try:
                channel.send({"cells": self.cells, "id": token, "kind": self.report.kind,
                              "handles": (self._loads << 32) + 1,
                              "skip": [list(s) for s in sorted(self._skip)]}, deadline)
                while True:
                    msg = channel.receive(deadline, token)
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
                if current is None and child.setup_failed:
                    # The forked child could not set itself up before running anything of the
                    # student's (e.g. no more user namespaces): a fresh interpreter instead.
                    zygotes.discard(self.mode)
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
                where = location(source_name(self.report.kind, cell), line)
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

    def _request(self, request: dict, context: CallContext) -> dict:
        if not self._started:
            raise RuntimeError("start() the submission before calling it")
        fn = request.get("fn")
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
        shared = None
        self._calls += 1
        channel = self._channel
        try:
            request, shared = arena.share(request)
            if shared is not None:
                channel.send_fd(shared.fd, deadline)
            channel.send(dict(request, id=self._calls), deadline)
            while True:
                response = channel.receive(deadline, self._calls)
                if "callback" not in response:
                    break
                deadline += self._answer(channel, context, response, deadline)
            if shared is not None:
                response = arena.trusted_mutations(response, shared)
            response = context.settle(response)
        except ProtocolError as exc:
            return self._failed(ChildGone("protocol", str(exc)), fn, allowed)
        except ChildGone as gone:
            return self._failed(gone, fn, allowed)
        finally:
            self._call_seconds += time.monotonic() - now - self._uncharged
            self._uncharged = 0.0
            if shared is not None:
                shared.close()
        return response

    def _answer(self, channel: Channel, context: CallContext, frame: dict,
                deadline: float) -> float:
        """Answer a callback frame: run the test's callable, send its reply. Returns the time
        its callable took, which is not the student's (within ``callback_seconds``)."""
        before = context.seconds
        data = context.reply(frame)
        credit = min(context.seconds - before,
                     max(0.0, self.limits.callback_seconds - before))
        self._uncharged += credit
        channel.send_bytes(codec.prefixed(data), deadline + credit)
        return credit

    def _failed(self, gone: ChildGone, fn: object, allowed: float) -> dict:
        """The child is gone during a call: kill it, strike the function, say why."""
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

