"""Build ``public_tests.py``: the public checks students run from their notebook.

The file is self-contained (NumPy and the standard library only): it embeds the check library
(``autograder.testing`` and the plain-data harness it shares with the sandbox) and, for each
test module, only the public checks and the module-level code they use, found by following
names through the module's syntax tree. Hidden checks, their helpers and anything that imports
a module students may not have (SciPy, scikit-learn, PyTorch) never enter it; a public check
that needs such a module is a build error.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import autograder
from autograder.course import Assignment, CourseError
from autograder.testing.registry import ATTR

PUBLIC_SEED = 2026
LIBRARY = [  # embedded in dependency order: (module name, is package)
    ("autograder", True),
    ("autograder.core", True),
    ("autograder.core.codec", False),
    ("autograder.core.arguments", False),
    ("autograder.core.contract", False),
    ("autograder.core.submission", False),
    ("autograder.core.dispatch", False),
    ("autograder.testing.tags", False),
    ("autograder.testing.diagnose", False),
    ("autograder.testing.expect", False),
    ("autograder.testing.outputs", False),
    ("autograder.testing.registry", False),
    ("autograder.testing.numeric", False),
    ("autograder.testing.runner", False),
    ("autograder.testing.local", False),
    ("autograder.testing", True),
]
ALLOWED_IMPORTS = ("numpy", "math", "autograder.testing", "__future__", "itertools",
                   "functools", "collections", "dataclasses", "typing")


def library_source(module: str, is_package: bool) -> str:
    root = Path(autograder.__file__).parent.parent
    rel = Path(*module.split("."))
    path = root / rel / "__init__.py" if is_package else root / rel.with_suffix(".py")
    if module in ("autograder", "autograder.core"):
        return ""  # only a namespace is needed
    return path.read_text()


def _defined(stmt: ast.stmt) -> set[str]:
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    names = set()
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _used(stmt: ast.stmt) -> set[str]:
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _segment(lines: list[str], stmt: ast.stmt) -> str:
    start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    return "\n".join(lines[start - 1 : stmt.end_lineno])


def extract(source: str, roots: set[str], where: str) -> tuple[str, dict[str, set[str]]]:
    """Keep the statements defining ``roots`` and what they use, transitively.

    Returns the reduced source and, for each relative import kept, the names it needs from
    that helper module.
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    body = tree.body
    doc = ""
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        doc = _segment(lines, body[0])
        body = body[1:]
    keep: list[bool] = [False] * len(body)
    wanted, seen = set(roots), set()
    while wanted - seen:
        name = (wanted - seen).pop()
        seen.add(name)
        for i, stmt in enumerate(body):
            if name in _defined(stmt) and not keep[i]:
                keep[i] = True
                wanted |= _used(stmt)
    helpers: dict[str, set[str]] = {}
    parts = [doc] if doc else []
    for stmt, k in zip(body, keep, strict=True):
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
            k = True
        if not k:
            continue
        if isinstance(stmt, ast.ImportFrom) and stmt.level:
            helpers.setdefault(stmt.module or "", set()).update(a.name for a in stmt.names)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            mods = [a.name for a in stmt.names] if isinstance(stmt, ast.Import) else [stmt.module]
            for m in mods:
                if not any(m == a or m.startswith(a + ".") for a in ALLOWED_IMPORTS):
                    raise CourseError(
                        f"{where}: a public check uses `{m}`, which students may not have; "
                        "public checks may import only NumPy, math and autograder.testing "
                        "(move the import inside a hidden check)"
                    )
        parts.append(_segment(lines, stmt))
    return "\n\n\n".join(parts) + "\n", helpers


def public_modules(a: Assignment) -> dict[str, str]:
    """``{relative module name: reduced source}`` for the test modules and their helpers."""
    out: dict[str, str] = {}
    helper_needs: dict[str, set[str]] = {}
    for module in a.test_modules():
        path = Path(module.__file__)
        roots = {
            name for name, value in vars(module).items()
            if getattr(value, ATTR, None) is not None and not getattr(value, ATTR).hidden
            and getattr(value, "__module__", None) == module.__name__
        }
        if not roots:
            continue
        text, helpers = extract(path.read_text(), roots, str(path))
        out[path.stem] = text
        for h, names in helpers.items():
            helper_needs.setdefault(h, set()).update(names)
    for h, names in sorted(helper_needs.items()):
        path = a.tests_dir / f"{h}.py"
        if not path.is_file():
            raise CourseError(f"{path}: public checks import it, but it does not exist")
        text, nested = extract(path.read_text(), names, str(path))
        if nested:
            raise CourseError(f"{path}: helper modules of public checks may not import other "
                              "helper modules")
        out[h] = text
    return out


HEADER = '''"""Public checks for the `{name}` assignment: run them from the notebook with
`grader.check("q1")` (or `check("q1")` after `from public_tests import check`).

Generated by `autograder build` from the course's tests; do not edit. Your notebook is graded
on these checks and on hidden ones that use other inputs.
"""

ASSIGNMENT = {name!r}
PUBLIC_SEED = {seed!r}
CONTRACT = {contract}
QUESTIONS = {questions}
WRITTEN = {written}
_LIBRARY = {library}
_TESTS = {tests}
'''
DATA_END = "# --- end of data ---\n"


def runtime_source() -> str:
    """The code of ``public_runtime.py`` after its data block (which :data:`HEADER` replaces)."""
    text = (Path(__file__).parents[1] / "ecosystems" / "public_runtime.py").read_text()
    return text[text.index(DATA_END) + len(DATA_END):]


# The embedded library lives under this private name in the student's kernel, never under
# ``autograder``: the public checks behave the same whatever else is installed (an instructor's
# kernel with the course's package, of any version, included).
PRIVATE_ROOT = "_agpublic"
_IMPORT = re.compile(r"^(\s*)(from|import)(\s+)autograder(?=[.\s])", flags=re.MULTILINE)


def privatise(source: str) -> str:
    """``source`` with every import of ``autograder...`` made an import of the private copy."""
    return _IMPORT.sub(rf"\1\2\3{PRIVATE_ROOT}", source)


def render(a: Assignment) -> str:
    library = [(PRIVATE_ROOT + name.removeprefix("autograder"), pkg,
                privatise(library_source(name, pkg))) for name, pkg in LIBRARY]
    contract = {fn: _spec_text(spec) for fn, spec in a.contract.items()}
    questions = {fn: q.id for q in a.questions.values() for fn in q.functions}
    written = {w.id: f"{w.title} ({w.points:g} points)" for w in a.written.values()}
    return HEADER.format(
        name=a.name,
        seed=PUBLIC_SEED,
        contract=json.dumps(contract, indent=4, sort_keys=True),
        questions=json.dumps(questions, indent=4),
        written=json.dumps(written, indent=4),
        library=_pylist(library),
        tests=_pydict({k: privatise(v) for k, v in public_modules(a).items()}),
    ) + privatise(runtime_source())


def _spec_text(spec) -> str:
    inner = ", ".join(f"{n}: {k}" for n, k in zip(spec.names, spec.kinds, strict=True))
    return f"({inner})" if spec.is_tuple else spec.kinds[0]


def _pylist(items) -> str:
    return "[\n" + "".join(f"    ({n!r}, {p!r}, {s!r}),\n" for n, p, s in items) + "]"


def _pydict(d: dict) -> str:
    return "{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in sorted(d.items())) + "}"


def public_check_names(a: Assignment) -> list[tuple[str, str, str]]:
    """``(question, check name, description)`` of every public check, in grading order."""
    return [(c.info.question, c.info.name, c.info.description)
            for c in a.checks if not c.info.hidden]
