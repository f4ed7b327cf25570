"""Watching what a child outside bubblewrap writes to the grader's disk.

In ``bwrap`` mode a child writes only to its own size-capped tmpfs. In the other modes its
work folder is on the real disk, so the grader measures it between reads (every
:data:`WATCH_INTERVAL` seconds): the folder's blocks, plus deleted files the child still keeps
open, and stops the child past its limit or :data:`MAX_WORK_FILES` entries.
"""

from __future__ import annotations

import os
import stat
import time

from autograder.sandbox.channel import ChildGone

MAX_WORK_FILES = 10_000       # entries in the work folder before the child counts as a bomb
WATCH_INTERVAL = 0.2          # seconds between two looks at the work folder's size


def disk_usage(work: str | None, pid: int | None) -> int:
    """Bytes a child holds on disk: its work folder, plus deleted files it keeps open.
    Raises :class:`ChildGone` past :data:`MAX_WORK_FILES` entries."""
    total, count, stack = 0, 0, [work] if work else []
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
    if pid is not None:
        fd_dir = f"/proc/{pid}/fd"
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


class DiskWatch:
    """Call :meth:`check` as often as convenient: it looks at most every WATCH_INTERVAL."""

    def __init__(self, work: str | None, pid: int | None, limit: int):
        self.work, self.pid, self.limit = work, pid, limit
        self._next = time.monotonic() + WATCH_INTERVAL

    def check(self) -> None:
        if time.monotonic() < self._next:
            return
        self._next = time.monotonic() + WATCH_INTERVAL
        if disk_usage(self.work, self.pid) > self.limit:
            raise ChildGone("disk", f"it wrote more than {self.limit >> 20} MiB of files")
