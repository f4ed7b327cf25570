"""Work folders and logs of sandboxed children, and sweeping what a killed grader left.

Every child works in a folder (and logs to a file) named ``ag-sandbox-<grader pid>-<random>``
in the temporary folder, so that a grader started after one killed by SIGKILL can tell which
entries belong to a process that is gone and remove them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile

WORK_PREFIX = "ag-sandbox-"   # work folders and logs: ag-sandbox-<grader pid>-<random>


def new_work_folder() -> str:
    """A fresh work folder on the grader's disk, writable by a child running as another
    user."""
    work = tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-")
    os.chmod(work, 0o777)
    return work


def new_log() -> tuple[int, str]:
    """A fresh log file for a child's stdout and stderr: (open descriptor, path)."""
    return tempfile.mkstemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", suffix=".log")


def remove(path: str | None) -> None:
    """Remove a work folder or a log, whichever it is; nothing if it is already gone."""
    if not path:
        return
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.unlink(path)
        except OSError:
            pass


def pid_alive(pid: int, since: float) -> bool:
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
        if not m or pid_alive(int(m.group(1)), created):
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
