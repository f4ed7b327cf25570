"""The grader's end of the pipes to one sandboxed child: frames in and out, with deadlines.

Frames are :mod:`codec`'s (a length, then the encoded value; the child reads and writes the
same frames with :func:`codec.read_frame` and :func:`codec.write_frame`). Here every read and
write waits on non-blocking descriptors with a deadline, and calls ``watch`` between waits (the
disk watch), so a child that stops reading, stops writing, floods the pipe or answers with
garbage raises :class:`ChildGone` instead of blocking the grader.
"""

from __future__ import annotations

import os
import select
import socket
import time
from collections.abc import Callable
from typing import Any

from autograder.core import codec

MAX_RESPONSE_BYTES = 64 << 20
POLL_SECONDS = 0.2   # longest wait between two calls of ``watch``


class ChildGone(Exception):
    """The child stopped answering: ``kind`` is timeout, crash, memory, disk or protocol."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind, self.message = kind, message


class Channel:
    """Frames to a child on ``wfd``, from it on ``rfd``, descriptors on the UNIX socket
    ``sock``. ``gone()`` says why the child is gone once a pipe is closed."""

    def __init__(self, wfd: int, rfd: int, sock: socket.socket | None,
                 gone: Callable[[], tuple[str, str]], watch: Callable[[], None] = lambda: None):
        self.wfd, self.rfd, self.sock = wfd, rfd, sock
        self.gone, self.watch = gone, watch
        os.set_blocking(wfd, False)
        os.set_blocking(rfd, False)
        if sock is not None:
            sock.setblocking(False)

    def _wait(self, readable: list[int], writable: list[int], deadline: float,
              what: str) -> bool:
        left = deadline - time.monotonic()
        if left <= 0:
            raise ChildGone("timeout", what)
        r, w, _ = select.select(readable, writable, [], min(left, POLL_SECONDS))
        self.watch()
        return bool(r or w)

    def send(self, value: Any, deadline: float) -> None:
        """One frame (see :func:`codec.framed`)."""
        self.send_bytes(codec.framed(value), deadline)

    def send_bytes(self, frame: bytes, deadline: float) -> None:
        """A frame already made by :func:`codec.framed`."""
        view = memoryview(frame)
        while view:
            if not self._wait([], [self.wfd], deadline, "it did not accept its input in time"):
                continue
            try:
                n = os.write(self.wfd, view)
            except BrokenPipeError:
                raise ChildGone(*self.gone()) from None
            except BlockingIOError:
                continue
            view = view[n:]

    def send_fd(self, fd: int, deadline: float) -> None:
        """Hand the child a descriptor (``SCM_RIGHTS``): the next call's argument arena."""
        assert self.sock is not None
        while True:
            if not self._wait([], [self.sock.fileno()], deadline, "it did not accept its input"):
                continue
            try:
                socket.send_fds(self.sock, [b"a"], [fd])
                return
            except BlockingIOError:
                continue
            except OSError:
                raise ChildGone(*self.gone()) from None

    def _read_exact(self, n: int, deadline: float) -> bytes:
        chunks, got = [], 0
        while got < n:
            if not self._wait([self.rfd], [], deadline, ""):
                continue
            try:
                chunk = os.read(self.rfd, min(n - got, 1 << 20))
            except BlockingIOError:
                continue
            if not chunk:
                raise ChildGone(*self.gone())
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def receive(self, deadline: float, expect_id: int,
                limit: int = MAX_RESPONSE_BYTES) -> dict:
        """One frame from the child, which must be a dict carrying the id of the request (or
        load) it answers: a frame the student's code wrote on the pipe itself, out of turn,
        ends the child."""
        try:
            n = codec.frame_length(self._read_exact(codec.FRAME_PREFIX.size, deadline), limit)
        except codec.CodecError:
            raise ChildGone("protocol", f"it returned more than {limit >> 20} MiB") from None
        try:
            value = codec.decode(self._read_exact(n, deadline))
        except codec.CodecError as exc:
            raise ChildGone("protocol", f"it sent malformed data ({exc})") from None
        if not isinstance(value, dict):
            raise ChildGone("protocol", "it sent malformed data")
        if value.get("id") != expect_id:
            raise ChildGone("protocol", "it wrote on the grader's channel out of turn")
        return value
