"""The child side of a sandboxed submission: run the student's cells, then answer calls.

Started by :mod:`autograder.sandbox.spawn` as ``python -I -c ...`` inside the sandbox, which
confines the process (see :mod:`confine`) before this module and NumPy are imported. It then
executes the submission's code cells in one namespace, one top-level statement at a time
(reporting each before it runs, so the grader can skip exactly the statement that killed or
hung the process), and serves ``call`` requests: the arguments arrive as plain data (argument
arrays in a shared-memory arena the grader checks for writes itself), the student's function
runs (calling back to the grader for the test's callables it was given, see
:mod:`arguments`), and only plain data (see :mod:`codec`) goes back. Objects the contract keeps
(caches, functions, other objects) stay here and travel as handles.

Nothing in this process is trusted by the grader: it may lie, crash or hang, and the grader
treats every answer as a claim about what the student's functions compute.

This file runs as a top-level module in the child (its folder is bound read-only into the
sandbox), so it imports its siblings without the package prefix.
"""

from __future__ import annotations
import __future__

import ast
import builtins
import io
import os
import socket
import sys
import types

try:  # imported as part of the package (tests, the bench)
    from ..core import codec, dispatch
    from . import arena
except ImportError:  # running inside the sandbox, where core/ is on sys.path
    import arena  # type: ignore[no-redef]
    import codec  # type: ignore[no-redef]
    import dispatch  # type: ignore[no-redef]

Harness = dispatch.Harness
short_traceback = dispatch.short_traceback


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


def install_stand_ins() -> None:
    """Stand-ins for what grading does not need: ``otter`` (a notebook's ``grader.check``
    and export cells do nothing) and plotting packages (imported only when first used)."""
    fake = types.ModuleType("otter")
    fake.Notebook = _FakeOtterNotebook  # type: ignore[attr-defined]
    sys.modules["otter"] = fake
    if not any(isinstance(f, _DeferredFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _DeferredFinder())


def run_cells(cells: list[str], namespace: dict, skip=(), progress=None,
              kind: str = "notebook") -> list[dict]:
    """Execute each cell in ``namespace``, one top-level statement at a time.

    An exception stops the rest of its cell (as in Jupyter) but not the next cell. ``skip``
    holds 1-based ``(cell, statement)`` pairs not to run (statements that killed or hung an
    earlier attempt; statement 0 skips the whole cell); ``progress(cell, statement, line)`` is
    called before each statement. ``kind``: ``notebook`` or ``script`` (one cell, a .py file),
    for the locations in tracebacks (see :func:`dispatch.location`).
    """
    errors = []
    skip = {tuple(s) for s in skip}
    flags = 0  # ``from __future__`` imports carry over to the cell's later statements
    for i, source in enumerate(cells, start=1):
        if (i, 0) in skip:  # the whole cell (grading does not need it)
            continue
        filename = dispatch.source_name(kind, i)
        try:
            tree = ast.parse(strip_magics(source), filename)
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
                code = compile(ast.Module([node], type_ignores=[]), filename, "exec",
                               flags=flags, dont_inherit=True)
                exec(code, namespace)  # noqa: S102 - this is the point of the sandbox
            except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001
                errors.append({"cell": i, "error": short_traceback(exc)})
                break
    return errors


# ---------------------------------------------------------------------------- main loop


def serve(harness: Harness, rfile, wfile, fd_socket=None) -> None:
    def ask(data: bytes) -> dict:
        """A callback to one of the test's callables: its frame out, the grader's reply in."""
        wfile.write(codec.FRAME_PREFIX.pack(len(data)))
        wfile.write(data)
        return codec.read_frame(rfile, shared=True)

    while True:
        try:
            request = codec.read_frame(rfile, shared=True)
        except EOFError:
            return
        op = request.get("op")
        if op in ("call", "invoke"):
            size = request.get("arena")
            shared = arena.receive(fd_socket, size) if size and fd_socket is not None else None
            response = harness.call(request, shared, ask)
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
    install_stand_ins()
    sys.argv = ["submission"]
    sys.stdin = io.StringIO("")
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    errors = run_cells(
        list(setup["cells"]),
        namespace,
        skip=setup.get("skip", []),
        progress=lambda i, j, line: codec.write_frame(
            wfile, {"ok": True, "cell": i, "statement": j, "line": line, "id": token}),
        kind=setup.get("kind", "notebook"),
    )
    codec.write_frame(wfile, {"ok": True, "loaded": True, "cell_errors": errors,
                              "confine": confinement, "id": token})
    serve(Harness(namespace, setup.get("handles", 1)), rfile, wfile, fd_socket)
    os._exit(0)


