"""Calls into a student's namespace: the part of the harness that the sandboxed child and an
in-process submission (the reference in CI, a student's public checks) share.

:class:`Harness` resolves a request's arguments (handles to the objects it keeps, shared
arrays to views of the grader's arena), calls the function, records which arguments the call
changed, and turns the result into plain data (see :mod:`codec`), keeping opaque objects
(caches) behind handles.

In the sandbox this file is a top-level module next to :mod:`codec` (core/ is on the child's
``sys.path``), so it imports its sibling without the package prefix.
"""

from __future__ import annotations

import inspect
import traceback

try:  # imported as part of the package
    from . import codec
except ImportError:  # inside the sandbox, as a top-level module
    import codec  # type: ignore[no-redef]

MAX_MESSAGE = 4000


def short_traceback(exc: BaseException) -> str:
    """The exception and the student's own frames (cells), never the harness's."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith("<cell")]
    where = ""
    if frames:
        f = frames[-1]
        where = f" (in {f.name}, {f.filename[1:-1]}, line {f.lineno})"
    text = f"{type(exc).__name__}: {exc}"
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE] + "..."
    return text + where


class Harness:
    """Owns the student namespace and the table of opaque objects."""

    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.objects: dict[int, object] = {}

    def callable_names(self) -> list[str]:
        return sorted(
            k for k, v in list(self.namespace.items())
            if not k.startswith("_") and callable(v) and not isinstance(v, type)
        )

    def _resolve(self, value, arena=None):
        """Replace handles by the objects they stand for, shared arrays by views of the arena."""
        if isinstance(value, codec.Handle):
            if value.id not in self.objects:
                raise KeyError(f"unknown opaque object #{value.id}")
            return self.objects[value.id]
        if isinstance(value, codec.SharedArray):
            if arena is None:
                raise ValueError("an argument lies outside the shared arena")
            return arena.view(value)
        if isinstance(value, tuple):
            return tuple(self._resolve(v, arena) for v in value)
        if isinstance(value, list):
            return [self._resolve(v, arena) for v in value]
        if isinstance(value, dict):
            return {k: self._resolve(v, arena) for k, v in value.items()}
        return value

    def _keep(self, obj) -> codec.Handle:
        h = codec.Handle(len(self.objects) + 1)
        self.objects[h.id] = obj
        return h

    def call(self, request: dict, arena=None) -> dict:
        name = request["fn"]
        fn = self.namespace.get(name)
        if fn is None or not callable(fn):
            return {"ok": False, "kind": "missing", "names": self.callable_names()}
        args = self._resolve(list(request.get("args", [])), arena)
        kwargs = self._resolve(dict(request.get("kwargs", {})), arena)
        params = _parameter_names(fn, len(args))
        before = snapshot_arrays(args, kwargs)
        try:
            value = fn(*args, **kwargs)
        except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001
            return {
                "ok": False,
                "kind": "exception",
                "type": type(exc).__name__,
                "message": short_traceback(exc),
                "params": params,
            }
        mutated = changed_arguments(fn, before, args, kwargs)
        try:
            plain = self._plain_result(value, request.get("opaque"))
        except codec.UnsupportedValue as exc:
            return {"ok": False, "kind": "return", "message": f"returned {exc}", "params": params}
        return {"ok": True, "value": plain, "mutated": mutated, "params": params}

    def _plain_result(self, value, opaque):
        """``opaque`` is None, ``"*"`` (the whole value) or a list of tuple positions."""
        if opaque == "*":
            return self._keep(value)
        if opaque and isinstance(value, (tuple, list)):
            items = [
                self._keep(v) if i in opaque else codec.to_plain(v)
                for i, v in enumerate(value)
            ]
            return tuple(items) if isinstance(value, tuple) else items
        return codec.to_plain(value)


def _walk_arrays(value, path, out):
    import numpy as np

    if isinstance(value, np.ndarray):
        out.append((path, value, np.ndarray.tobytes(value), value.shape, value.dtype.str))
    elif isinstance(value, dict):
        for k, v in list(value.items()):
            _walk_arrays(v, f"{path}[{k!r}]", out)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(list(value)):
            _walk_arrays(v, f"{path}[{i}]", out)


def snapshot_arrays(args: list, kwargs: dict) -> list:
    """Record every array argument (and arrays in list/dict arguments) before a call."""
    out: list = []
    for i, a in enumerate(args):
        _walk_arrays(a, f"#{i}", out)
    for k, a in kwargs.items():
        _walk_arrays(a, f"{k}", out)
    # Also remember the containers themselves, so a replaced dict entry is noticed.
    return out + [("containers", _container_state(args, kwargs))]


def _container_state(args, kwargs):
    """One entry per argument: the keys and item identities of a dict or list, else None."""
    state = []
    for a in list(args) + list(kwargs.values()):
        if isinstance(a, dict):
            state.append(("dict", sorted(map(repr, a.keys())), [id(v) for v in a.values()]))
        elif isinstance(a, list):
            state.append(("list", len(a), [id(v) for v in a]))
        else:
            state.append(None)
    return state


def changed_arguments(fn, before: list, args: list, kwargs: dict) -> list[str]:
    """Names of arguments whose content changed during the call."""
    import numpy as np

    names = _parameter_names(fn, len(args))
    changed = []
    *arrays, (_, containers) = before
    for path, arr, data, shape, dtype in arrays:
        if arr.shape != shape or arr.dtype.str != dtype or np.ndarray.tobytes(arr) != data:
            changed.append(_pretty(path, names))
    for i, (old, new) in enumerate(zip(containers, _container_state(args, kwargs),
                                       strict=True)):
        if old != new:
            label = _pretty(f"#{i}", names) if i < len(args) else list(kwargs)[i - len(args)]
            if label not in changed:
                changed.append(label)
    return changed


def _parameter_names(fn, n):
    try:
        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return []
    return params[:n]


def _pretty(path: str, names: list[str]) -> str:
    if path.startswith("#"):
        head, _, rest = path[1:].partition("[")
        i = int(head)
        base = names[i] if i < len(names) else f"argument {i + 1}"
        return base + (("[" + rest) if rest else "")
    return path


