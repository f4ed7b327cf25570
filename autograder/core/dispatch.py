"""Calls into a student's namespace: the part of the harness that the sandboxed child and an
in-process submission (the reference in CI, a student's public checks) share.

:class:`Harness` resolves a request's arguments (handles to the objects it keeps, shared
arrays to views of the grader's arena, generators, the test's callables and the student's own
functions: see :mod:`arguments`), calls the function (or a function the student's code
returned earlier, behind a handle), records which arguments the call changed, and turns the
result into plain data (see :mod:`codec`), keeping what the contract says stays here (caches,
functions, other objects) behind handles.

In the sandbox this file is a top-level module next to :mod:`codec` (core/ is on the child's
``sys.path``), so it imports its siblings without the package prefix.
"""

from __future__ import annotations

import inspect
import re
import traceback

try:  # imported as part of the package
    from . import arguments, codec
except ImportError:  # inside the sandbox, as a top-level module
    import arguments  # type: ignore[no-redef]
    import codec  # type: ignore[no-redef]

MAX_MESSAGE = 4000
_CELL = re.compile(r"<cell (\d+)>")
SCRIPT = "<script>"  # the file name a .py submission's code runs under (a notebook: <cell N>)


def source_name(kind: str, cell: int) -> str:
    """The file name cell ``cell`` of a ``notebook`` or ``script`` is compiled under."""
    return SCRIPT if kind == "script" else f"<cell {cell}>"


def location(filename: str, line: int | None) -> str | None:
    """Where a line of the student's code is, in their words: ``cell 3, line 4`` in a
    notebook, ``line 4`` in a .py file; None for a file that is not the student's."""
    m = _CELL.fullmatch(filename or "")
    if m:
        return f"cell {m.group(1)}, line {line}"
    if filename == SCRIPT:
        return f"line {line}"
    return None


def short_traceback(exc: BaseException) -> str:
    """The exception and the student's own frames (cells), never the harness's."""
    places = [(f.name, location(f.filename, f.lineno))
              for f in traceback.extract_tb(exc.__traceback__)]
    places = [(name, where) for name, where in places if where]
    if isinstance(exc, SyntaxError):
        text = f"{type(exc).__name__}: {exc.msg}"
        where = location(exc.filename or "", exc.lineno)
        places = [("", where)] if where else []
    else:
        text = f"{type(exc).__name__}: {exc}"
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE] + "..."
    if not places:
        return text
    name, where = places[-1]
    return text + (f" (in {name}, {where})" if name else f" ({where})")


class _Missing(Exception):
    """A function the request names (or passes by name) is not defined."""


class _Stale(Exception):
    """A handle from an earlier run of the student's code (the child was restarted)."""


class Harness:
    """Owns the student namespace and the table of kept objects. ``first_handle``: the id of
    the first handle, so that ids from an earlier child (restarted) never name a new object."""

    def __init__(self, namespace: dict, first_handle: int = 1):
        self.namespace = namespace
        self.objects: dict[int, object] = {}
        self.next_handle = first_handle

    def callable_names(self) -> list[str]:
        return sorted(
            k for k, v in list(self.namespace.items())
            if not k.startswith("_") and callable(v) and not isinstance(v, type)
        )

    def _resolve(self, value, arena, session, generators):
        """Replace references by what they stand for: kept objects, views of the arena,
        generators (collected in ``generators``), proxies of the test's callables, the
        student's functions."""
        if isinstance(value, codec.Handle):
            if value.id not in self.objects:
                raise _Stale(value.id)
            return self.objects[value.id]
        if isinstance(value, codec.SharedArray):
            if arena is None:
                raise ValueError("an argument lies outside the shared arena")
            return arena.view(value)
        if isinstance(value, codec.GeneratorState):
            while len(generators) <= value.slot:
                generators.append(None)
            if generators[value.slot] is None:
                generators[value.slot] = arguments.build_generator(value)
            return generators[value.slot]
        if isinstance(value, codec.CallbackRef):
            return arguments.CallbackProxy(value, session)
        if isinstance(value, codec.FunctionRef):
            fn = self.namespace.get(value.name)
            if fn is None or not callable(fn):
                raise _Missing(value.name)
            return fn
        if isinstance(value, tuple):
            return tuple(self._resolve(v, arena, session, generators) for v in value)
        if isinstance(value, list):
            return [self._resolve(v, arena, session, generators) for v in value]
        if isinstance(value, dict):
            return {k: self._resolve(v, arena, session, generators) for k, v in value.items()}
        return value

    def _keep(self, obj) -> codec.Handle:
        h = codec.Handle(self.next_handle)
        self.next_handle += 1
        self.objects[h.id] = obj
        return h

    def call(self, request: dict, arena=None, ask=None) -> dict:
        """Answer one ``call`` (a function by name) or ``invoke`` (a kept object) request.

        ``arena``: what the request's shared arrays are views of (an object with ``view``);
        ``ask``: how a callback reaches the grader (see :class:`arguments.CallSession`)."""
        session = arguments.CallSession(request.get("id"), ask)
        generators: list = []
        try:
            if request.get("op") == "invoke":
                fn = self._resolve(request.get("handle"), None, session, generators)
            else:
                fn = self.namespace.get(request["fn"])
                if fn is None or not callable(fn):
                    raise _Missing(request["fn"])
            args = self._resolve(list(request.get("args", [])), arena, session, generators)
            kwargs = self._resolve(dict(request.get("kwargs", {})), arena, session, generators)
        except _Missing as missing:
            return {"ok": False, "kind": "missing", "fn": str(missing),
                    "names": self.callable_names()}
        except _Stale:
            return {"ok": False, "kind": "budget", "message": "it was given an object from an "
                    "earlier run of your code, which crashed or timed out"}
        if not callable(fn):
            return {"ok": False, "kind": "exception", "type": "TypeError",
                    "message": f"TypeError: a {type(fn).__name__} is not callable"}
        params = _parameter_names(fn, len(args))
        before = snapshot_arrays(args, kwargs)
        try:
            value = fn(*args, **kwargs)
        except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001
            response = {"ok": False, "kind": "exception", "type": type(exc).__name__,
                        "text": str(exc)[:MAX_MESSAGE], "message": short_traceback(exc),
                        "params": params}
        else:
            mutated = changed_arguments(fn, before, args, kwargs)
            try:
                plain = self._plain_result(value, request.get("keep"))
                response = {"ok": True, "value": plain, "mutated": mutated, "params": params}
            except (codec.UnsupportedValue, _NotCallable) as exc:
                response = {"ok": False, "kind": "return", "message": str(exc),
                            "params": params}
        finally:
            session.active = False
        if generators:
            response["generators"] = [
                codec.to_plain(g.bit_generator.state) if g is not None else None
                for g in generators]
        return response

    def _plain_result(self, value, keep):
        """``keep``: None, or ``[position, kind, name]`` entries for what stays here behind
        handles (position -1: the whole value; kinds cache, callable, opaque)."""
        if keep and keep[0][0] == -1:
            return self._kept(value, keep[0])
        if keep and isinstance(value, (tuple, list)):
            kept = {int(k[0]): k for k in keep}
            items = [self._kept(v, kept[i]) if i in kept else _plain(v)
                     for i, v in enumerate(value)]
            return tuple(items) if isinstance(value, tuple) else items
        return _plain(value)

    def _kept(self, value, entry):
        _, kind, name = entry
        if kind == "callable" and not callable(value):
            raise _NotCallable(f"must return a function (a callable) as `{name}`; it returned "
                               f"a {type(value).__name__}")
        return self._keep(value)


class _NotCallable(Exception):
    """What the contract says is a function is not callable."""


def _plain(value):
    try:
        return codec.to_plain(value)
    except codec.UnsupportedValue as exc:
        raise codec.UnsupportedValue(f"returned {exc}") from None


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
            changed.append(argument_label(path, names))
    for i, (old, new) in enumerate(zip(containers, _container_state(args, kwargs),
                                       strict=True)):
        if old != new:
            label = argument_label(f"#{i}", names) if i < len(args) else list(kwargs)[i - len(args)]
            if label not in changed:
                changed.append(label)
    return changed


def _parameter_names(fn, n):
    try:
        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return []
    return params[:n]


def argument_label(path: str, params: list[str]) -> str:
    """``#1[0]`` -> ``y[0]`` using the function's parameter names (``argument 2`` without)."""
    if not path.startswith("#"):
        return path
    head, _, rest = path[1:].partition("[")
    i = int(head)
    base = params[i] if i < len(params) else f"argument {i + 1}"
    return base + (("[" + rest) if rest else "")


