"""Read a submission file into code cells, or say precisely why it cannot be graded.

Nothing here runs student code: notebooks are parsed as JSON (size-capped first), scripts are
read as text. A problem becomes a :class:`Unreadable` with a status and a message a student
understands.

A ``.zip`` is what the student notebook's ``grader.export()`` writes (``<name>_<time>.zip``:
the notebook, maybe ``public_tests.py`` and a log). Its one notebook (or, without one, its one
``.py`` file other than ``public_tests.py``) is read straight from the archive with
:mod:`zipfile`, into memory and size-capped: nothing is extracted to disk. A zip that is
damaged, has an unsafe entry (an absolute path, ``..``, a link), would expand past
:data:`MAX_ZIP_EXPANDED_BYTES`, or holds no candidate or several, gets its own status.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_SUBMISSION_BYTES = 20 << 20
MAX_ZIP_BYTES = 64 << 20  # the archive itself (a notebook with outputs compresses well)
MAX_ZIP_EXPANDED_BYTES = 256 << 20  # every entry together, as the archive declares them
MAX_ZIP_ENTRIES = 1000
SUFFIXES = (".ipynb", ".py", ".zip")
# What grader.export() puts beside the notebook: never the submission itself.
SUPPORT_FILES = ("public_tests.py",)


@dataclass
class LoadedSubmission:
    path: Path
    cells: list[str]
    sha256: str
    kind: str  # "notebook" or "script"
    metadata: dict = field(default_factory=dict)  # the notebook's own metadata
    member: str = ""  # the file graded inside a zip


class Unreadable(Exception):
    """``status`` is one of: missing, too_large, empty, corrupt_json, not_a_notebook,
    bad_encoding, unsupported_type, bad_zip, no_notebook_in_zip, several_notebooks_in_zip."""

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


def load_submission(path: str | Path, max_bytes: int = MAX_SUBMISSION_BYTES, *,
                    assignment: str | None = None) -> LoadedSubmission:
    """Read ``path`` (a notebook, a ``.py`` file, or a zip holding one). ``assignment``
    breaks the tie when a zip holds several notebooks (``<assignment>.ipynb`` wins)."""
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
                         f"notebook (.ipynb), a Python file (.py) or the zip file the "
                         f"notebook's last cell writes, not {kind}.", _hash_or_empty(path))
    if path.suffix == ".zip":
        return _load_zip(path, size, max_bytes, assignment)
    if size > max_bytes:
        raise _too_large(path.name, size, max_bytes, _hash_or_empty(path))
    raw = path.read_bytes()
    return _parse(path, raw, path.name, path.suffix, hashlib.sha256(raw).hexdigest())


def _too_large(label: str, size: int, max_bytes: int, digest: str) -> Unreadable:
    return Unreadable("too_large", f"{label} is {size / 2**20:.1f} MiB; the limit is "
                      f"{max_bytes / 2**20:.0f} MiB. Clear the outputs (Kernel > Restart & "
                      "Clear Output) and submit again.", digest)


def _parse(path: Path, raw: bytes, label: str, suffix: str, digest: str,
           member: str = "") -> LoadedSubmission:
    """The code cells of a notebook's or script's bytes (``label`` names it in messages)."""
    if not raw.strip():
        raise Unreadable("empty", f"{label} is empty.", digest)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("bad_encoding", f"{label} is not UTF-8 text.", digest) from None
    if suffix == ".py":
        return LoadedSubmission(path, [text], digest, "script", member=member)
    try:
        nb = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", "?")
        raise Unreadable("corrupt_json", f"{label} is not valid JSON (line {line}): the "
                         "notebook file is damaged. Download it again from Jupyter "
                         "(File > Download) and resubmit.", digest) from None
    cells = notebook_code_cells(nb, label, digest)
    metadata = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    return LoadedSubmission(path, cells, digest, "notebook", metadata, member)


def _unsafe(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    is_link = info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)
    return (name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":")
            or ".." in parts or is_link)


def _ignored(name: str) -> bool:
    """Folders and files no student wrote: macOS resource forks, hidden files, checkpoints."""
    parts = PurePosixPath(name).parts
    return any(p.startswith(".") or p == "__MACOSX" or p == "__pycache__" for p in parts)


def _load_zip(path: Path, size: int, max_bytes: int, assignment: str | None,
              ) -> LoadedSubmission:
    digest = _hash_or_empty(path)
    if size > MAX_ZIP_BYTES:
        raise _too_large(path.name, size, MAX_ZIP_BYTES, digest)
    redo = ("Run the notebook's last cell again (grader.export) and submit the zip it writes, "
            "or submit the .ipynb notebook itself.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise Unreadable("bad_zip", f"{path.name} holds {len(infos)} files (the limit "
                                 f"is {MAX_ZIP_ENTRIES}). {redo}", digest)
            bad = [i.filename for i in infos if _unsafe(i)]
            if bad:
                raise Unreadable("bad_zip", f"{path.name} holds an unsafe entry {bad[0]!r} (an "
                                 f"absolute path, `..` or a link), so it was not opened. {redo}",
                                 digest)
            expanded = sum(i.file_size for i in infos)
            if expanded > MAX_ZIP_EXPANDED_BYTES:
                raise Unreadable("bad_zip", f"{path.name} would expand to "
                                 f"{expanded / 2**20:.0f} MiB (the limit is "
                                 f"{MAX_ZIP_EXPANDED_BYTES >> 20} MiB). {redo}", digest)
            member = _pick_member(path.name, infos, assignment, digest, redo)
            label = f"{member.filename} (in {path.name})"
            if member.file_size > max_bytes:
                raise _too_large(label, member.file_size, max_bytes, digest)
            with zf.open(member) as f:
                raw = f.read(max_bytes + 1)  # the declared size may lie
            if len(raw) > max_bytes:
                raise _too_large(label, len(raw), max_bytes, digest)
    except Unreadable:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            ValueError, EOFError, OSError) as exc:
        # Damaged, truncated, encrypted, or an unsupported compression method.
        raise Unreadable("bad_zip", f"{path.name} is not a readable zip file ({exc}). {redo}",
                         digest) from None
    return _parse(path, raw, label, PurePosixPath(member.filename).suffix, digest,
                  member.filename)


def _pick_member(zip_name: str, infos: list[zipfile.ZipInfo], assignment: str | None,
                 digest: str, redo: str) -> zipfile.ZipInfo:
    """The submission inside: the one notebook, else the one ``.py`` file (support files
    apart); with several, the one named after the assignment."""
    files = [i for i in infos if not i.is_dir() and not _ignored(i.filename)]
    notebooks = [i for i in files if i.filename.endswith(".ipynb")]
    scripts = [i for i in files if i.filename.endswith(".py")
               and PurePosixPath(i.filename).name not in SUPPORT_FILES]
    pool = notebooks or scripts
    if not pool:
        listed = ", ".join(i.filename for i in files[:8]) or "nothing"
        raise Unreadable("no_notebook_in_zip", f"{zip_name} holds no notebook (.ipynb) or "
                         f"Python file to grade (it holds {listed}). {redo}", digest)
    if len(pool) > 1 and assignment:
        named = [i for i in pool if PurePosixPath(i.filename).stem == assignment]
        pool = named if len(named) == 1 else pool
    if len(pool) > 1:
        listed = ", ".join(i.filename for i in pool[:8])
        raise Unreadable("several_notebooks_in_zip", f"{zip_name} holds several files that "
                         f"could be the submission ({listed}); it must hold one. {redo}",
                         digest)
    return pool[0]


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
