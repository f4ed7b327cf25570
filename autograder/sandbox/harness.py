"""The child side of a sandboxed submission: run the student's cells, then answer calls.

Started by :mod:`autograder.sandbox.proxy` as ``python -I -c ...`` inside the sandbox, which
confines the process (see :mod:`confine`) before this module and NumPy are imported. It then
executes the submission's code cells in one namespace, one top-level statement at a time
(reporting each before it runs, so the grader can skip exactly the statement that killed or
hung the process), and serves ``call`` requests: the arguments arrive as plain data (argument
arrays in a shared-memory arena the grader checks for writes itself), the student's function
runs, and only plain data (see :mod:`codec`) goes back. Objects the contract marks as opaque
(caches) stay here and travel as handles.

Nothing in this process is trusted by the grader: it may lie, crash or hang, and the grader
treats every answer as a claim about what the student's functions compute.

This file runs as a top-level module in the child (its folder is bound read-only into the
sandbox), so it imports its siblings without the package prefix.
"""

from __future__ import annotations
import __future__

import ast
import builtins
import inspect
import io
import mmap
import os
import socket
import sys
import traceback
import types

try:  # imported as part of the package (LocalSubmission, tests)
    from . import codec
except ImportError:  # running inside the sandbox as a top-level module
    import codec  # type: ignore[no-redef]

MAX_MESSAGE = 4000


# ---------------------------------------------------------------------------- source handling


def strip_magics(source: str) -> str:
    """Drop IPython line magics and shell escapes; a ``%%`` cell magic disables the cell."""
    if source.lstrip().startswith("%%"):
        return ""
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")):
            indent = line[: len(line) - len(stripped)]
            lines.append(indent + "pass")
        else:
            lines.append(line)
    return "\n".join(lines)


class _FakeOtterNotebook:
    """Stands in for ``otter.Notebook`` while grading: checks and exports do nothing."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


DEFERRED_PACKAGES = ("matplotlib", "seaborn", "IPython")


class _DeferredModule(types.ModuleType):
    """Stands in for a heavy plotting module until something is actually used from it."""

    def __getattr__(self, attr):
        if attr.startswith("__") and attr not in ("__path__", "__file__"):
            raise AttributeError(attr)
        sub = f"{self.__name__}.{attr}"
        if _is_submodule(sub):  # `from matplotlib import cm`: stay deferred
            import importlib

            return importlib.import_module(sub)
        return getattr(_materialise(self.__name__), attr)


def _is_submodule(fullname: str) -> bool:
    import importlib.machinery

    path = None
    for part_end in range(1, fullname.count(".") + 2):
        name = ".".join(fullname.split(".")[:part_end])
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None:
            return False
        path = spec.submodule_search_locations
    return True


class _DeferredFinder:
    """Imports of plotting packages cost nothing until used: grading rarely needs them."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] not in DEFERRED_PACKAGES:
            return None
        import importlib.machinery

        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        module = _DeferredModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


def _materialise(name: str):
    """Replace every deferred module by the real one and return the real ``name``."""
    import importlib

    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _DeferredFinder)]
    deferred = [k for k, v in sys.modules.items() if isinstance(v, _DeferredModule)]
    for k in deferred:
        del sys.modules[k]
    for k in sorted(deferred, key=len):
        try:
            importlib.import_module(k)
        except ImportError:
            pass
    return importlib.import_module(name)


def _install_fake_otter() -> None:
    fake = types.ModuleType("otter")
    fake.Notebook = _FakeOtterNotebook  # type: ignore[attr-defined]
    sys.modules["otter"] = fake


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


def run_cells(cells: list[str], namespace: dict, skip=(), progress=None) -> list[dict]:
    """Execute each cell in ``namespace``, one top-level statement at a time.

    An exception stops the rest of its cell (as in Jupyter) but not the next cell. ``skip``
    holds 1-based ``(cell, statement)`` pairs not to run (statements that killed or hung an
    earlier attempt; statement 0 skips the whole cell); ``progress(cell, statement, line)`` is
    called before each statement.
    """
    errors = []
    skip = {tuple(s) for s in skip}
    flags = 0  # ``from __future__`` imports carry over to the cell's later statements
    for i, source in enumerate(cells, start=1):
        if (i, 0) in skip:  # the whole cell (grading does not need it)
            continue
        try:
            tree = ast.parse(strip_magics(source), f"<cell {i}>")
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            errors.append({"cell": i, "error": short_traceback(exc)})
            continue
        for j, node in enumerate(tree.body, start=1):
            if (i, j) in skip:
                continue
            if progress is not None:
                progress(i, j, getattr(node, "lineno", 0))
            try:
                if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                    for alias in node.names:
                        feature = getattr(__future__, alias.name, None)
                        flags |= getattr(feature, "compiler_flag", 0)
                code = compile(ast.Module([node], type_ignores=[]), f"<cell {i}>", "exec",
                               flags=flags, dont_inherit=True)
                exec(code, namespace)  # noqa: S102 - this is the point of the sandbox
            except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001
                errors.append({"cell": i, "error": short_traceback(exc)})
                break
    return errors


# ---------------------------------------------------------------------------- calls


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
            return _view(arena, value)
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


def _view(arena, ref):
    """A writable ndarray over the shared arena (what the student's function receives)."""
    import numpy as np

    n = 1
    for d in ref.shape:
        n *= d
    if n == 0:
        return np.zeros(ref.shape, dtype=ref.dtype)
    if arena is None or ref.offset + ref.nbytes > len(arena):
        raise ValueError("an argument lies outside the shared arena")
    return np.frombuffer(arena, dtype=ref.dtype, count=n, offset=ref.offset).reshape(ref.shape)


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


# ---------------------------------------------------------------------------- main loop


def _receive_arena(fd_socket, size: int):
    """The memfd the grader sent for this call, mapped shared and writable."""
    _, fds, _, _ = socket.recv_fds(fd_socket, 16, 4)
    if not fds:
        raise EOFError("no arena")
    try:
        return mmap.mmap(fds[0], size, flags=mmap.MAP_SHARED,
                         prot=mmap.PROT_READ | mmap.PROT_WRITE)
    finally:
        for fd in fds:
            os.close(fd)


def serve(harness: Harness, rfile, wfile, fd_socket=None) -> None:
    while True:
        try:
            request = codec.read_frame(rfile, shared=True)
        except EOFError:
            return
        op = request.get("op")
        if op == "call":
            size = request.get("arena")
            # The mapping lives as long as the views on it (a cache may keep an argument).
            arena = _receive_arena(fd_socket, size) if size and fd_socket is not None else None
            response = harness.call(request, arena)
        elif op == "names":
            response = {"ok": True, "names": harness.callable_names()}
        elif op == "exit":
            return
        else:
            response = {"ok": False, "kind": "protocol", "message": f"unknown op {op!r}"}
        response["id"] = request.get("id")  # which request this answers
        codec.write_frame(wfile, response)


def main(request_fd: int, response_fd: int, confinement: list[str], fd_socket_fd: int = -1,
         ) -> None:
    """Entry point inside the sandbox (the process is already confined)."""
    rfile = os.fdopen(request_fd, "rb", buffering=0)
    wfile = os.fdopen(response_fd, "wb", buffering=0)
    fd_socket = socket.socket(fileno=fd_socket_fd) if fd_socket_fd >= 0 else None
    setup = codec.read_frame(rfile, shared=True)  # the grader's: a cell may be long
    token = setup.get("id")
    _install_fake_otter()
    sys.meta_path.insert(0, _DeferredFinder())
    sys.argv = ["submission"]
    sys.stdin = io.StringIO("")
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    errors = run_cells(
        list(setup["cells"]),
        namespace,
        skip=setup.get("skip", []),
        progress=lambda i, j, line: codec.write_frame(
            wfile, {"ok": True, "cell": i, "statement": j, "line": line, "id": token}),
    )
    codec.write_frame(wfile, {"ok": True, "loaded": True, "cell_errors": errors,
                              "confine": confinement, "id": token})
    serve(Harness(namespace), rfile, wfile, fd_socket)
    os._exit(0)


