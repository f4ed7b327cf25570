"""The catalogue of common student mistakes, as runnable wrong implementations.

Each assignment's ``tests/assignments/<name>/mistakes.py`` defines wrong versions of contract
functions, one mistake each::

    @mistake("q1", cause="factor:2", sample=True)
    def ols_cost(X, y, beta):
        \"\"\"Forgets the 1/2 in J.\"\"\"
        r = y - X @ beta
        return float(r @ r)

A mistake is applied by replacing that function in the reference. CI proves that every entry
loses points on its question while the reference keeps them all, and measures whether the
feedback names ``cause`` (a diagnosis tag, or a prefix of one). ``sample=True`` also renders it
as a sample submission notebook for the demo.

``tests/assignments/<name>/variants.py`` holds the opposite: other *correct* ways to write
a function (loops instead of vectorised code, ``solve`` instead of ``lstsq``, ...), registered
with ``@variant("q3")``. CI proves each one keeps every point, so tolerances accept every
correct method. Variants whose id ends in ``-naive`` (the plain loops a student writes first)
are also graded all together, as a notebook through the sandbox with the default limits: the
test sizes must leave them enough time.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from autograder import pysource
from autograder.course import Assignment, CourseError
from autograder.testing.tags import is_known_cause

_REGISTRY: list[Mistake] = []


@dataclass(frozen=True)
class Mistake:
    id: str
    question: str
    function: str
    cause: tuple[str, ...]
    description: str
    source: str
    sample: bool = False
    imports: str = ""  # the catalogue module's imports, which the function may rely on


def variant(question: str, *, id: str | None = None) -> Callable:
    """Register a correct variant of a contract function (it must keep every point)."""
    return mistake(question, cause=(), id=id)


def mistake(question: str, *, cause: str | tuple[str, ...], id: str | None = None,
            sample: bool = False) -> Callable:
    def register(fn: Callable) -> Callable:
        src = textwrap.dedent(inspect.getsource(fn))
        tree = ast.parse(src)
        node = tree.body[0]
        assert isinstance(node, ast.FunctionDef)
        lines = src.splitlines()
        body = "\n".join(lines[node.lineno - 1 : node.end_lineno])  # without the decorator
        doc = inspect.getdoc(fn) or ""
        causes = (cause,) if isinstance(cause, str) else tuple(cause)
        unknown = [c for c in causes if not is_known_cause(c)]
        if unknown:
            raise CourseError(f"{fn.__code__.co_filename}: mistake {fn.__name__}: unknown "
                              f"cause(s) {unknown}; the diagnosis vocabulary is in "
                              "autograder/testing/tags.py")
        entry = Mistake(id or "", question, fn.__name__, causes, doc.splitlines()[0] if doc else "",
                        body, sample)
        _REGISTRY.append(entry)
        return fn

    return register


def load_variants(a: Assignment) -> list[Mistake]:
    """The assignment's correct variants (``variants.py``)."""
    return load_catalogue(a, module="variants")


def load_catalogue(a: Assignment, module: str = "mistakes") -> list[Mistake]:
    """The assignment's mistakes, with ids ``<function>-<n>`` unless given."""
    name = f"{a.tests_package}.{module}"
    path = a.tests_dir / f"{module}.py"
    if not path.is_file():
        return []
    import sys

    if str(a.root) not in sys.path:
        sys.path.insert(0, str(a.root))
    start = len(_REGISTRY)
    if name in sys.modules:
        del sys.modules[name]
    importlib.import_module(name)
    found = _REGISTRY[start:]
    del _REGISTRY[start:]
    imports = _module_imports(path.read_text())
    out, counts = [], {}
    for m in found:
        if m.function not in a.contract:
            raise CourseError(f"{path}: mistake for {m.function}, which is not in the contract")
        if m.question not in a.questions:
            raise CourseError(f"{path}: mistake {m.function} names unknown question {m.question}")
        counts[m.function] = counts.get(m.function, 0) + 1
        mid = m.id or f"{m.function}-{counts[m.function]}"
        out.append(Mistake(mid, m.question, m.function, m.cause, m.description, m.source,
                           m.sample, imports))
    ids = [m.id for m in out]
    if len(set(ids)) != len(ids):
        raise CourseError(f"{path}: mistake ids must be unique")
    return out


def parity_set(a: Assignment) -> list[list[Mistake]]:
    """The catalogue's fixed subset that every grading path must score alike in CI.

    For each question, its first catalogued mistake (in file order). They go into two
    submissions: the mistakes of the 1st, 3rd, 5th... questions into one, those of the 2nd,
    4th... into the other, so that each submission mixes right and wrong questions and every
    question loses points in one of them. A mistake goes into a submission of its own instead
    when its submission already replaces its function, or when, together there, it no longer
    loses points on its question (two mistakes that cancel: a Newton step that adds, with a
    gradient of the wrong sign). The whole catalogue goes through the sandboxed grader in CI;
    through Otter and nbgrader too with ``make parity``.
    """
    groups: list[list[Mistake]] = [[], []]
    catalogue = load_catalogue(a)
    for k, q in enumerate(a.questions):
        first = next((m for m in catalogue if m.question == q), None)
        if first is None:
            continue
        for group in groups[k % 2:]:
            if all(m.function != first.function for m in group) and \
                    _all_lose(a, [*group, first]):
                group.append(first)
                break
        else:
            groups.append([first])
    return [g for g in groups if g]


def _all_lose(a: Assignment, mistakes: list[Mistake], seeds: tuple[int, ...] = (1, 2)) -> bool:
    """Does every mistake lose points on its question with all of ``mistakes`` applied to the
    reference at once (in-process, a few seeds)?"""
    from autograder.build.source import read_solution, strip_markers
    from autograder.testing.local import LocalSubmission
    from autograder.testing.runner import run_check

    source = strip_markers(read_solution(a).text)
    for m in mistakes:
        source = apply(source, m)
    namespace: dict = {"__name__": "<parity set>"}
    exec(compile(source, "<parity set>", "exec"), namespace)  # noqa: S102 - course code
    sub = LocalSubmission(namespace, a.contract)
    for seed in seeds:
        for m in mistakes:
            results = [run_check(c, sub, seed) for c in a.checks if c.info.question == m.question]
            if all(r.passed for r in results):
                return False
    return True


def _module_imports(source: str) -> str:
    """The top-level imports of a catalogue module, except the catalogue's own."""
    tree = ast.parse(source)
    lines = source.splitlines()
    keep = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("autograder"):
                continue
            keep.append("\n".join(lines[node.lineno - 1 : node.end_lineno]))
    return "\n".join(keep)


def apply(module_source: str, m: Mistake) -> str:
    """The reference module's source with ``m.function`` replaced by the mistake.

    The catalogue module's imports are added after the reference's own, as a student would
    import what their function uses at the top of the notebook.
    """
    if m.function not in pysource.spans(module_source):
        raise CourseError(f"the reference has no function {m.function}")
    replaced = pysource.replace(module_source, m.function, m.source)
    if not m.imports:
        return replaced
    first = min(start for start, _ in pysource.spans(replaced).values())
    lines = replaced.splitlines()
    return "\n".join(lines[: first - 1] + m.imports.splitlines() + [""] + lines[first - 1 :])
