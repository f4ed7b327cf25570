"""The code of ``public_tests.py`` (the build prepends the assignment's data to it): the part
of the runtime that runs in the student's notebook, so it lives with the runtime (a change to
it changes every ``public_tests.py``).

It runs in a student's own environment (NumPy, Matplotlib, Otter; no ``autograder`` package,
which it embeds) and in the instructors' kernels (nbgrader), never in the sandboxed grader:

- the public checks: :func:`public_check` (one check, for the notebook's Otter tests: it raises
  :class:`CheckFailed` with the check's message, so Otter shows the title, passed or failed and
  that message, and scores the case) and :func:`check` (a whole question, printed), each with
  a time limit (:data:`TIME_LIMIT`);
- :class:`NotebookHelpers`, an Otter plugin the notebook's first cell starts
  (``grader.run_plugin``) and its export cell asks for files (``grader.add_plugin_files``): a
  cell that needs a function whose stub is not finished prints one line and is skipped, the
  notebook is saved before it is exported (and refused if the saved file is not the code that
  ran), and the written answers are exported as an HTML file in the zip.

Only the standard library is imported at module level: NumPy, IPython and nbconvert are imported
where they are needed, so ``import public_tests`` costs nothing. In the sandboxed grader Otter
is a stand-in, so neither plugin event runs there.
"""
# ruff: noqa: E402 - the build replaces the data block, which stays first in public_tests.py

# --- data: replaced by the build (see autograder.build.public_bundle) ---
ASSIGNMENT = ""
PUBLIC_SEED = 0
CONTRACT: dict = {}
QUESTIONS: dict = {}
WRITTEN: dict = {}
_LIBRARY: list = []
_TESTS: dict = {}
# --- end of data ---

import ast as _ast
import contextlib as _contextlib
import os as _os
import sys as _sys
import textwrap as _textwrap
import types as _types

TIME_LIMIT = 30.0  # seconds per public check; a student's infinite loop stops there
WIDTH = 80  # messages are wrapped at word boundaries (Jupyter would cut words)
SAVE_WAIT = 10.0  # seconds the export waits for Jupyter to save a notebook that is stale
FRESH_SAVE_WAIT = 1.0  # ... and for a save of markdown edits it cannot see


# ---------------------------------------------------------------------------- the checks


def _install_library():
    """Install the embedded copy of the check library under its private name (the build
    rewrote this file's and the checks' ``autograder`` imports to it), whatever else the
    kernel has: the same code runs the public checks everywhere."""
    if any(name in _sys.modules for name, _, _ in _LIBRARY[:1]):
        return
    for name, is_package, source in _LIBRARY:
        module = _types.ModuleType(name)
        module.__file__ = "<public_tests: " + name + ">"
        module.__package__ = name if is_package else name.rpartition(".")[0]
        if is_package:
            module.__path__ = []
        _sys.modules[name] = module
        exec(compile(source, module.__file__, "exec"), module.__dict__)


def _install_tests():
    package = "agpublic_" + ASSIGNMENT
    root = _types.ModuleType(package)
    root.__path__ = []
    root.__package__ = package
    _sys.modules[package] = root
    modules = []
    for stem, source in sorted(_TESTS.items(), key=lambda kv: not kv[0].startswith("_")):
        module = _types.ModuleType(package + "." + stem)
        module.__file__ = "<public_tests: " + stem + ">"
        module.__package__ = package
        _sys.modules[module.__name__] = module
        exec(compile(source, module.__file__, "exec"), module.__dict__)
        if not stem.startswith("_"):
            modules.append(module)
    return modules


_CHECKS = None


def _checks():
    global _CHECKS
    if _CHECKS is None:
        _install_library()
        modules = _install_tests()
        from autograder.testing.registry import collect

        _CHECKS = [c for m in modules for c in collect(m)]
    return _CHECKS


def _submission(env):
    from autograder.core.contract import parse_contract
    from autograder.testing.local import LocalSubmission

    return LocalSubmission(env, parse_contract(CONTRACT))


class CheckTimeout(BaseException):
    """Raised by the timer inside a check that runs too long (a BaseException, so that neither
    the student's ``except Exception`` nor the check library mistakes it for an error)."""


def _running_function(frame, codes):
    """The innermost of the student's contract functions (``codes``: their code objects) on
    the stack of ``frame``, if any."""
    while frame is not None:
        if frame.f_code in codes:
            return codes[frame.f_code]
        frame = frame.f_back
    return None


@_contextlib.contextmanager
def _time_limit(seconds, codes=None):
    """Raise :class:`CheckTimeout` in the main thread after ``seconds`` (and every second after
    that, in case the student's code swallows it). Where there is no SIGALRM (Windows) or off
    the main thread, there is no limit."""
    import signal
    import threading
    import time

    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expired(signum, frame):
        raise CheckTimeout(_running_function(frame, codes or {}))

    previous = signal.signal(signal.SIGALRM, expired)
    start = time.monotonic()
    earlier, interval = signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if earlier:  # someone else's timer (pytest-timeout, say): give it back what is left
            left = max(earlier - (time.monotonic() - start), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


def _run(found, env):
    """Run one check against ``env``; return ``(passed, message)``."""
    from autograder.testing.runner import run_check as _run_check

    try:
        codes = {getattr(env.get(fn), "__code__", None): fn for fn in CONTRACT}
        with _time_limit(TIME_LIMIT, codes):
            result = _run_check(found, _submission(env), PUBLIC_SEED)
    except CheckTimeout as exc:
        where = f" (it was running `{exc.args[0]}`)" if exc.args and exc.args[0] else ""
        return False, (f"check {found.info.description!r} did not finish within "
                       f"{TIME_LIMIT:g} s{where}: look for an infinite loop, or a loop that "
                       "runs far more often than it should.")
    return result.passed, result.message


def wrap(text, indent="", first=0):
    """``text`` wrapped at :data:`WIDTH` columns between words, each line kept; ``first``
    columns of the first line are taken by what is printed before it."""
    lines = []
    for i, line in enumerate(text.splitlines()):
        shift = i == 0 and first > 0
        lead = " " * first if shift else indent
        filled = _textwrap.fill(line, WIDTH, initial_indent=lead, subsequent_indent=indent,
                                break_long_words=False, break_on_hyphens=False)
        lines.append(filled[len(lead):] if shift else filled)
    return "\n".join(lines)


class CheckFailed(Exception):
    """A public check failed; the message says why (Otter shows it under the check's title)."""


def public_check(name, env):
    """Run the public check ``name`` against the functions in ``env``; raise
    :class:`CheckFailed` with its message if it fails (the notebook's Otter tests call this)."""
    (found,) = [c for c in _checks() if c.info.name == name]
    passed, message = _run(found, env)
    if not passed:
        raise CheckFailed(wrap(message, first=len(CheckFailed.__name__) + 2))


def check(question, env=None):
    """Run every public check of ``question``, print one line each (and why a check failed);
    return True if all pass."""
    if env is None:
        env = _sys._getframe(1).f_globals
    results = [(c, *_run(c, env)) for c in _checks() if c.info.question == question]
    for c, passed, message in results:
        pts = f"{c.info.points:g} pt" + ("s" if c.info.points != 1 else "")
        print(f"{'✓' if passed else '✗'} [{pts}] {c.info.description}")
        if not passed:
            print(wrap(message, "    "))
    return all(passed for _, passed, _ in results)


# ---------------------------------------------------------------------------- the notebook


class _SkipUnfinished:
    """An IPython AST transformer: a cell that calls a stub prints one line and stops there.

    A cell is wrapped in ``try: ... except NotImplementedError:`` unless it defines a contract
    function (a solution cell), calls ``grader.check`` or ``grader.export``, or imports from
    ``__future__``. The handler lets the error through unless it was raised by a contract
    function's own body with no message, as the stubs do (``raise NotImplementedError()``), so
    a real error in a finished function is never hidden. The cell's last expression is still
    displayed. What a skipped cell would have defined is remembered: a later cell that stops
    on a ``NameError`` for one of those names is skipped the same way, with the same reason
    (a plot of ``w_star`` after the cell computing ``w_star`` was skipped).
    """

    NAME = "__public_tests_unfinished__"

    def __init__(self, shell):
        self.shell = shell
        self.held = None
        self.missing = {}  # name a skipped cell would have defined -> why it was skipped

    # IPython calls ``visit`` on each cell's module (an ``ast.NodeTransformer``'s interface).
    def visit(self, module):
        if not self._wrappable(module):
            return module
        body = list(module.body)
        after = []
        if isinstance(body[-1], _ast.Expr):
            body[-1] = _ast.Expr(self._call("hold", [body[-1].value]))
            after = [_ast.Expr(self._call("release", []))]
        names = _ast.Tuple([_ast.Constant(n) for n in sorted(_assigned(module))], _ast.Load())
        handlers = [
            _ast.ExceptHandler(
                type=_ast.Name(error, _ast.Load()), name=None,
                body=[_ast.If(test=_ast.UnaryOp(_ast.Not(), self._call(method, [names])),
                              body=[_ast.Raise()], orelse=[])])
            for error, method in (("NotImplementedError", "skip"), ("NameError", "skip_missing"))]
        wrapped = _ast.Try(body=body, handlers=handlers, orelse=[], finalbody=[])
        _ast.copy_location(wrapped, module.body[0])
        self.shell.user_ns[self.NAME] = self
        new = _ast.Module(body=[wrapped, *after], type_ignores=[])
        return _ast.fix_missing_locations(new)

    def _call(self, method, args):
        func = _ast.Attribute(_ast.Name(self.NAME, _ast.Load()), method, _ast.Load())
        return _ast.Call(func=func, args=args, keywords=[])

    @staticmethod
    def _wrappable(module):
        if not module.body:
            return False
        calls = False
        for node in _ast.walk(module):
            if isinstance(node, _ast.ImportFrom) and node.module == "__future__":
                return False
            if isinstance(node, _ast.Call):
                calls = True
                f = node.func
                if isinstance(f, _ast.Attribute) and f.attr in ("check", "export", "check_all"):
                    return False
        defined = {n.name for n in module.body if isinstance(n, _ast.FunctionDef)}
        return calls and not (defined & set(CONTRACT))

    def hold(self, value):
        self.held = value

    def release(self):
        value, self.held = self.held, None
        return value

    def skip(self, names=()):
        exc = _sys.exc_info()[1]
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        fn = tb.tb_frame.f_code.co_name if tb is not None else None
        if exc.args or fn not in CONTRACT or tb.tb_frame.f_globals is not self.shell.user_ns:
            return False
        question = QUESTIONS.get(fn)
        return self._skipped(f"skipped: finish `{fn}`" + (f" ({question})" if question else "")
                             + " first", names)

    def skip_missing(self, names=()):
        """A ``NameError`` for a name only a skipped cell would have defined."""
        exc = _sys.exc_info()[1]
        missing = getattr(exc, "name", None)
        if missing not in self.missing or missing in self.shell.user_ns:
            return False
        return self._skipped(self.missing[missing], names)

    def _skipped(self, reason, names):
        self.held = None
        for name in names:
            if name not in self.shell.user_ns:
                self.missing[name] = reason
        print(reason)
        return True


def _assigned(module):
    """Names a cell binds at its top level (assignments, loops, imports, definitions)."""
    found = set()
    for node in module.body:
        if isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, (_ast.Import, _ast.ImportFrom)):
            found.update((a.asname or a.name).split(".")[0] for a in node.names)
        else:
            for sub in _ast.walk(node):
                if isinstance(sub, _ast.Name) and isinstance(sub.ctx, _ast.Store):
                    found.add(sub.id)
    return found


class ExportRefused(Exception):
    """The export cell stops: the saved notebook is not the code that ran."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [str(self)]


class NotebookHelpers:
    """An Otter plugin for the student's notebook (Otter's ``run_plugin`` and
    ``add_plugin_files`` load it by name: ``public_tests.NotebookHelpers``)."""

    def __init__(self, submission_path=None, submission_metadata=None, plugin_config=None):
        self.path = submission_path or f"{ASSIGNMENT}.ipynb"
        self.exported = False

    # ``grader.run_plugin("public_tests.NotebookHelpers")``: the notebook's first cell.
    def from_notebook(self, *args, **kwargs):
        import warnings

        # grader.export(run_tests=True) re-raises whatever its fresh kernel wrote to stderr as
        # a RuntimeWarning; recent ipykernels always write a notice about their TCP connection.
        warnings.filterwarnings("ignore", r"\[IPKernelApp\] WARNING \| Kernel is running over TCP",
                                RuntimeWarning)
        shell = _ipython()
        if shell is not None and not any(isinstance(t, _SkipUnfinished)
                                         for t in shell.ast_transformers):
            shell.ast_transformers.append(_SkipUnfinished(shell))

    # ``grader.add_plugin_files("public_tests.NotebookHelpers")``: the export cell, before
    # ``grader.export``. Returns the files to add to the zip (once: Otter keeps the list).
    def notebook_export(self, *args, **kwargs):
        import datetime

        shell = _ipython()
        stale = _stale_functions(shell, self.path)
        before = _mtime(self.path)
        if shell is not None and _request_save():
            wait = SAVE_WAIT if stale else FRESH_SAVE_WAIT
            _wait_for_change(self.path, before, wait)
            stale = _stale_functions(shell, self.path)
        if stale:
            names = ", ".join(f"`{fn}`" for fn in stale)
            raise ExportRefused(wrap(
                f"Not exported: the saved {self.path} is not the code you ran ({names} "
                "differs). Save the notebook (Ctrl+S, or File > Save Notebook) and run this "
                "cell again."))
        saved = datetime.datetime.fromtimestamp(_mtime(self.path)).strftime("%H:%M:%S")
        print(f"Exporting {self.path} as saved at {saved}.")
        files = []
        if WRITTEN:
            files.append(write_written_answers(self.path))
            print(wrap(f"Your written answers are also in {files[0]}: open it in your browser "
                       "and print it to PDF if your course collects them as a PDF (see the "
                       "Submission section)."))
        if self.exported:
            return []
        self.exported = True
        return files


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _mtime(path):
    try:
        return _os.path.getmtime(path)
    except OSError:
        return 0.0


def _request_save():
    """Ask JupyterLab or Notebook 7 to save the current notebook (through ipylab, as Otter's
    own ``force_save`` does); False where that cannot even be asked."""
    try:
        import ipylab

        ipylab.JupyterFrontEnd().commands.execute("docmanager:save")
    except Exception:  # noqa: BLE001 - no front end that can save
        return False
    return True


def _wait_for_change(path, before, seconds):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _mtime(path) > before and _os.path.getsize(path) > 0:
            time.sleep(0.2)  # let the writer finish
            return True
        time.sleep(0.1)
    return False


def _definitions(shell, sources):
    """``{contract function: its last definition's syntax tree (dumped)}`` in ``sources``."""
    found = {}
    for source in sources:
        try:
            tree = _ast.parse(shell.transform_cell(source) if shell is not None else source)
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, _ast.FunctionDef) and node.name in CONTRACT:
                found[node.name] = _ast.dump(node)
    return found


def _stale_functions(shell, path):
    """Contract functions whose last definition run in this kernel differs from the saved
    notebook's (by syntax tree: comments and spacing do not count)."""
    if shell is None:
        return []
    import json

    ran = _definitions(shell, shell.history_manager.input_hist_raw)
    try:
        with open(path, encoding="utf-8") as f:
            cells = json.load(f).get("cells", [])
    except (OSError, ValueError):
        return sorted(ran)
    saved = _definitions(shell, ["".join(c.get("source", "")) for c in cells
                                 if c.get("cell_type") == "code"])
    return sorted(fn for fn, tree in ran.items() if saved.get(fn) != tree)


def written_cells(nb):
    """The written questions' prompt and answer cells, in order (nbgrader's grade ids)."""
    out = []
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith(("prompt-", "answer-")) and grade_id.split("-", 1)[1] in WRITTEN:
            out.append(cell)
    return out


def write_written_answers(path):
    """Write ``<assignment>_written.html``: the written questions and the answers as saved,
    for a PDF (the browser's Print) or a grader's eyes. Returns its path."""
    import nbconvert
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cells = written_cells(nb)
    title = nbformat.v4.new_markdown_cell(
        f"# {ASSIGNMENT}: written answers\n\n" + "".join(
            f"- {w}: {WRITTEN[w]}\n" for w in WRITTEN))
    nb.cells = [title, *cells]
    nb.metadata["title"] = f"{ASSIGNMENT}: written answers"
    html, _ = nbconvert.HTMLExporter().from_notebook_node(nb)
    out = _os.path.splitext(path)[0] + "_written.html"
    with open(out, "w", encoding="utf-8") as f:
        f.write(html)
    return out
