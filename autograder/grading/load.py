"""Read a submission file into code cells, or say precisely why it cannot be graded.

Nothing here runs student code: notebooks are parsed as JSON (size-capped first), scripts are
read as text. A problem becomes a :class:`Unreadable` with a status and a message a student
understands.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MAX_SUBMISSION_BYTES = 20 << 20
SUFFIXES = (".ipynb", ".py")


@dataclass
class LoadedSubmission:
    path: Path
    cells: list[str]
    sha256: str
    kind: str  # "notebook" or "script"


class Unreadable(Exception):
    """``status`` is one of: missing, too_large, empty, corrupt_json, not_a_notebook,
    bad_encoding, unsupported_type."""

    def __init__(self, status: str, message: str, sha256: str = ""):
        super().__init__(message)
        self.status, self.message, self.sha256 = status, message, sha256


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _hash_or_empty(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return ""


def load_submission(path: str | Path, max_bytes: int = MAX_SUBMISSION_BYTES) -> LoadedSubmission:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Unreadable("missing", f"{path.name}: cannot be read ({exc.strerror}).") from None
    # Every result records the file's hash, even when the file cannot be graded, so that a
    # rerun recognises it and leaves its result alone.
    if path.suffix not in SUFFIXES:
        kind = path.suffix or "a file without extension"
        raise Unreadable("unsupported_type", f"{path.name}: a submission must be a Jupyter "
                         f"notebook (.ipynb) or a Python file (.py), not {kind}.",
                         _hash_or_empty(path))
    if size > max_bytes:
        raise Unreadable("too_large", f"{path.name} is {size / 2**20:.1f} MiB; the limit is "
                         f"{max_bytes / 2**20:.0f} MiB. Clear the outputs (Kernel > Restart & "
                         "Clear Output) and submit again.", _hash_or_empty(path))
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        raise Unreadable("empty", f"{path.name} is empty.", digest)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("bad_encoding", f"{path.name} is not UTF-8 text.", digest) from None
    if path.suffix == ".py":
        return LoadedSubmission(path, [text], digest, "script")
    try:
        nb = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", "?")
        raise Unreadable("corrupt_json", f"{path.name} is not valid JSON (line {line}): the "
                         "notebook file is damaged. Download it again from Jupyter "
                         "(File > Download) and resubmit.", digest) from None
    return LoadedSubmission(path, notebook_code_cells(nb, path.name, digest), digest, "notebook")


def notebook_code_cells(nb, name: str, digest: str = "") -> list[str]:
    """The code cells of a v4 (or v3) notebook as strings, in order."""
    if not isinstance(nb, dict):
        raise Unreadable("not_a_notebook", f"{name} is JSON but not a Jupyter notebook.", digest)
    if isinstance(nb.get("worksheets"), list):  # nbformat 3
        cells = [c for ws in nb["worksheets"] if isinstance(ws, dict)
                 for c in ws.get("cells", []) if isinstance(c, dict)]
        key = "input"
    else:
        cells = nb.get("cells")
        key = "source"
    if not isinstance(cells, list):
        raise Unreadable("not_a_notebook", f"{name} is JSON but not a Jupyter notebook "
                         "(it has no list of cells).", digest)
    out = []
    for c in cells:
        if not isinstance(c, dict) or c.get("cell_type") != "code":
            continue
        src = c.get(key, "")
        if isinstance(src, list):
            src = "".join(s for s in src if isinstance(s, str))
        if not isinstance(src, str):
            raise Unreadable("not_a_notebook", f"{name}: a code cell has no readable source.",
                             digest)
        out.append(src)
    if not any(s.strip() for s in out):
        raise Unreadable("empty", f"{name} has no code in it.", digest)
    return out
