"""The shared-memory argument arena: how a call's argument arrays reach the child.

For each call the grader writes the argument arrays into a fresh memfd (each at an offset
aligned to :data:`ALIGNMENT`), replaces them in the request by :class:`codec.SharedArray`
references and hands the memfd to the child over a UNIX socket. The child maps it and gives
the student views of it, so an in-place write lands where the grader can see it: after the
call the grader compares the arena with what it wrote, and knows for itself which arguments
the call modified (the child's own claims can only add to the list).

Both halves live here: the grader's (:func:`share`, :class:`Arena`, :func:`trusted_mutations`)
and the child's (:func:`receive`, :class:`MappedArena`). In the sandbox this file is a
top-level module next to :mod:`codec`.
"""

from __future__ import annotations

import mmap
import os
import re
import socket
from dataclasses import dataclass
from typing import Any

import numpy as np

try:  # imported as part of the package
    from ..core import codec, dispatch
except ImportError:  # inside the sandbox, as a top-level module
    import codec  # type: ignore[no-redef]
    import dispatch  # type: ignore[no-redef]

ALIGNMENT = 64
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


# ---------------------------------------------------------------------------- the grader's half


@dataclass(frozen=True)
class _Slot:
    """Stands for the ``index``-th array found in a request, until it has an arena offset."""

    index: int


def _arrays_in(value: Any, path: str, out: list) -> Any:
    """``value`` with each numeric ndarray replaced by a :class:`_Slot` into ``out``."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
        arr = np.ascontiguousarray(value)
        if not arr.dtype.isnative:
            arr = arr.astype(arr.dtype.newbyteorder("="))
        if arr.dtype.str not in codec.ALLOWED_DTYPES:
            return value
        out.append((path, arr))
        return _Slot(len(out) - 1)
    if isinstance(value, tuple):
        return tuple(_arrays_in(v, f"{path}[{i}]", out) for i, v in enumerate(value))
    if isinstance(value, list):
        return [_arrays_in(v, f"{path}[{i}]", out) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _arrays_in(v, f"{path}[{k!r}]", out) for k, v in value.items()}
    return value


def _substitute(value: Any, refs: list[codec.SharedArray]) -> Any:
    if isinstance(value, _Slot):
        return refs[value.index]
    if isinstance(value, tuple):
        return tuple(_substitute(v, refs) for v in value)
    if isinstance(value, list):
        return [_substitute(v, refs) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, refs) for k, v in value.items()}
    return value


@dataclass
class Arena:
    """One call's argument arrays, as written to a memfd the child maps."""

    fd: int
    size: int
    placed: list[tuple[str, int, bytes]]  # (argument path, offset, bytes written)

    def changed(self) -> list[str]:
        """Argument paths whose bytes in the arena differ from what the grader wrote."""
        out = []
        for path, offset, data in self.placed:
            try:
                now = os.pread(self.fd, len(data), offset) if data else b""
            except OSError:
                now = b""
            if now != data:
                out.append(path)
        return out

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


def share(request: dict) -> tuple[dict, Arena | None]:
    """Move the request's argument arrays into a fresh memfd; the request refers to them."""
    found: list[tuple[str, np.ndarray]] = []
    args = [_arrays_in(a, f"#{i}", found) for i, a in enumerate(request.get("args", []))]
    kwargs = {k: _arrays_in(v, str(k), found) for k, v in request.get("kwargs", {}).items()}
    if not found or not hasattr(os, "memfd_create"):  # no memfd (not Linux): child's word
        return request, None
    refs, placed, offset = [], [], 0
    for path, arr in found:
        offset = (offset + ALIGNMENT - 1) & ~(ALIGNMENT - 1)
        data = arr.tobytes()
        refs.append(codec.SharedArray(arr.dtype.str, tuple(arr.shape), offset))
        placed.append((path, offset, data))
        offset += len(data)
    size = max(offset, 1)
    fd = os.memfd_create("ag-arguments", os.MFD_CLOEXEC)
    try:
        os.ftruncate(fd, size)
        for _, off, data in placed:
            view = memoryview(data)
            while view:
                n = os.pwrite(fd, view, off)
                view, off = view[n:], off + n
    except BaseException:
        os.close(fd)
        raise
    shared = dict(request, args=_substitute(args, refs), kwargs=_substitute(kwargs, refs),
                  arena=size)
    return shared, Arena(fd, size, placed)


def trusted_mutations(response: dict, arena: Arena) -> dict:
    """``response`` with ``mutated``: which arguments the call wrote to, as seen in the arena;
    the child's own claims (dicts or lists whose entries it replaced) can only add to it."""
    params = response.get("params")
    params = [p if isinstance(p, str) and _IDENTIFIER.fullmatch(p) else f"argument {i + 1}"
              for i, p in enumerate(params)] if isinstance(params, list) else []
    seen = [dispatch.argument_label(p, params) for p in arena.changed()]
    claimed = response.get("mutated")
    if isinstance(claimed, list):
        seen += [str(m)[:200] for m in claimed if str(m)[:200] not in seen][:20]
    return dict(response, mutated=seen)


# ---------------------------------------------------------------------------- the child's half


class MappedArena:
    """The arena as the child maps it: shared and writable."""

    def __init__(self, mapping: mmap.mmap):
        self.mapping = mapping

    def view(self, ref: codec.SharedArray) -> np.ndarray:
        """A writable ndarray over the arena: what the student's function receives. The
        mapping lives as long as the views on it (a cache may keep an argument)."""
        n = 1
        for d in ref.shape:
            n *= d
        if n == 0:
            return np.zeros(ref.shape, dtype=ref.dtype)
        if ref.offset + ref.nbytes > len(self.mapping):
            raise ValueError("an argument lies outside the shared arena")
        return np.frombuffer(self.mapping, dtype=ref.dtype, count=n,
                             offset=ref.offset).reshape(ref.shape)


def receive(fd_socket: socket.socket, size: int) -> MappedArena:
    """The memfd the grader sent for this call, mapped shared and writable."""
    _, fds, _, _ = socket.recv_fds(fd_socket, 16, 4)
    if not fds:
        raise EOFError("no arena")
    try:
        return MappedArena(mmap.mmap(fds[0], size, flags=mmap.MAP_SHARED,
                                     prot=mmap.PROT_READ | mmap.PROT_WRITE))
    finally:
        for fd in fds:
            os.close(fd)
