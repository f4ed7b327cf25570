"""Read an assignment's single source: the narrative (``notebook.md``) and the reference.

``notebook.md`` is a Jupytext Markdown notebook: prose becomes Markdown cells and each fenced
```` ```python ```` block a code cell. Three markers tie it to the rest of the assignment:

- a code cell ``# @solution fn_a fn_b`` is where the functions ``fn_a`` and ``fn_b`` of
  ``solutions/<name>.py`` go (the full solution in the instructor notebook, the stub in the
  student's);
- a code cell ``# @check q3`` is where question ``q3``'s checks run (``grader.check("q3")`` for
  students; public and hidden checks for nbgrader);
- a Markdown cell starting with ``<!-- @written w1 -->`` is the prompt of written question
  ``w1``; its answer cell follows it (the model answer comes from the reference's
  ``WRITTEN_ANSWERS``);
- a code cell ``# @helper _data.make_data`` shows the function ``make_data`` of the tests'
  helper module ``tests/assignments/<name>/_data.py``, followed by the rest of the cell: data
  the notebook and the checks share (a data set's generator, say) is written once, in the
  tests, and the notebook shows that very code.

The reference ``solutions/<name>.py`` is an ordinary module whose solution code sits between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` lines (nbgrader's markers); everything else in a
function (signature, docstring) is what the student's stub shows.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext

from autograder import pysource
from autograder.course import Assignment, CourseError

BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"
STUB_BODY = ["# YOUR CODE HERE", "raise NotImplementedError()"]  # nbgrader's own stub

_SOLUTION = re.compile(r"^#\s*@solution\s+(.+)$")
_CHECK = re.compile(r"^#\s*@check\s+(\S+)\s*$")
_WRITTEN = re.compile(r"^<!--\s*@written\s+(\S+)\s*-->\s*")
_HELPER = re.compile(r"^#\s*@helper\s+(.+)$")


@dataclass(frozen=True)
class SourceCell:
    kind: str  # markdown, code, solution, check, written
    text: str = ""
    names: tuple[str, ...] = ()  # functions of a solution cell; the question/written id


def read_notebook_source(a: Assignment) -> list[SourceCell]:
    path = a.notebook_source
    if not path.is_file():
        raise CourseError(f"{path}: missing (the assignment's narrative)")
    nb = jupytext.read(path, fmt="md")
    cells: list[SourceCell] = []
    for c in nb.cells:
        text = c.source.strip("\n")
        if c.cell_type == "code":
            first = text.strip().splitlines()[0] if text.strip() else ""
            if m := _SOLUTION.match(first):
                cells.append(SourceCell("solution", names=tuple(m.group(1).split())))
                continue
            if m := _CHECK.match(first):
                cells.append(SourceCell("check", names=(m.group(1),)))
                continue
            if m := _HELPER.match(first):
                rest = text.strip().split("\n", 1)[1:]
                cells.append(SourceCell("code", "\n\n".join(
                    [helper_source(a, m.group(1).split(), path)] + [r.strip() for r in rest])))
                continue
            cells.append(SourceCell("code", text))
        elif m := _WRITTEN.match(text):
            # Jupytext splits Markdown only at code cells or two blank lines: a prompt ends at
            # the next heading, which starts the next Markdown cell.
            prompt, heading, rest = _split_at_heading(text[m.end():])
            cells.append(SourceCell("written", prompt.strip(), (m.group(1),)))
            if heading:
                cells.append(SourceCell("markdown", (heading + rest).strip("\n")))
        else:
            cells.append(SourceCell("markdown", text))
    _validate(a, cells, path)
    return cells


def helper_source(a: Assignment, names: list[str], where: Path) -> str:
    """The source of test-helper functions named ``module.function`` (``_data.make_data``)."""
    parts = []
    for name in names:
        module, _, function = name.rpartition(".")
        helper = a.tests_dir / f"{module}.py"
        if not module or not module.isidentifier() or not helper.is_file():
            raise CourseError(f"{where}: @helper {name}: no helper module {helper}")
        text = helper.read_text()
        if function not in pysource.spans(text):
            raise CourseError(f"{where}: @helper {name}: {helper} defines no {function}")
        parts.append(pysource.segment(text, function))
    return "\n\n\n".join(parts)


def _split_at_heading(text: str) -> tuple[str, str, str]:
    match = re.search(r"^#{1,6} ", text, flags=re.MULTILINE)
    if not match:
        return text, "", ""
    return text[: match.start()], text[match.start() : match.end()], text[match.end() :]


# What the notebook's own code may import besides the standard library and the assignment's
# ``student_packages``: what students have with Otter (release/requirements.txt).
STUDENT_EXTRAS = ("otter", "mpl_toolkits", "IPython", "public_tests")


def notebook_imports(cells: list[SourceCell]) -> set[str]:
    """Top-level package names the narrative's code cells import."""
    import sys

    found = set()
    for c in cells:
        if c.kind != "code":
            continue
        try:
            tree = ast.parse(c.text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names}


def _validate(a: Assignment, cells: list[SourceCell], path: Path) -> None:
    placed = [n for c in cells if c.kind == "solution" for n in c.names]
    checks = [c.names[0] for c in cells if c.kind == "check"]
    written = [c.names[0] for c in cells if c.kind == "written"]
    problems = []
    for fn in a.contract:
        if placed.count(fn) != 1:
            problems.append(f"function {fn} must appear in exactly one @solution cell "
                            f"(found {placed.count(fn)})")
    problems += [f"@solution names {fn}, which is not in the contract"
                 for fn in placed if fn not in a.contract]
    for q in a.questions:
        if checks.count(q) != 1:
            problems.append(f"question {q} needs exactly one @check cell (found {checks.count(q)})")
    problems += [f"@check {q} is not a question of assignment.toml"
                 for q in checks if q not in a.questions]
    for w in a.written:
        if written.count(w) != 1:
            problems.append(f"written question {w} needs exactly one @written cell")
    problems += [f"@written {w} is not in assignment.toml" for w in written if w not in a.written]
    allowed = set(a.student_packages) | set(STUDENT_EXTRAS)
    problems += [f"a code cell imports {m}, which students do not have (they have "
                 f"{', '.join(sorted(a.student_packages))} and Otter; see student_packages in "
                 "assignment.toml)" for m in sorted(notebook_imports(cells) - allowed)]
    if problems:
        raise CourseError(f"{path}: " + "; ".join(problems))


# ---------------------------------------------------------------------------- the reference


@dataclass(frozen=True)
class SolutionModule:
    """The reference module split into the parts the builders need."""

    path: Path
    text: str
    functions: dict[str, str]  # name -> source with markers (decorators included)
    header: str  # imports and constants before the first function
    written: dict[str, str]

    def solution_source(self, names: tuple[str, ...]) -> str:
        """The functions with their solution markers (for nbgrader's source notebook)."""
        return "\n\n\n".join(self.functions[n] for n in names)

    def filled_source(self, names: tuple[str, ...]) -> str:
        """The functions as a student who solved them would write them (no markers)."""
        return strip_markers(self.solution_source(names))

    def stub_source(self, names: tuple[str, ...]) -> str:
        return stub(self.solution_source(names))


def read_solution(a: Assignment) -> SolutionModule:
    path = a.solution_path
    if not path.is_file():
        raise CourseError(f"{path}: missing (the hidden reference for {a.name})")
    text = path.read_text()
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        raise CourseError(f"{path}: {exc}") from None
    lines = text.splitlines()
    spans = pysource.spans(text)
    functions = {
        node.name: "\n".join(lines[spans[node.name][0] - 1 : spans[node.name][1]])
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }
    first_def = min((s for s, _ in spans.values()), default=None)
    missing = [fn for fn in a.contract if fn not in functions]
    if missing:
        raise CourseError(f"{path}: the reference does not define {', '.join(missing)}")
    for fn in a.contract:
        if BEGIN not in functions[fn]:
            raise CourseError(f"{path}: {fn} has no '### {BEGIN}' marker, so its stub would "
                              "ship the solution")
    header_end = (first_def or len(lines) + 1) - 1
    header_lines = [ln for ln in lines[:header_end]]
    header = _drop_docstring("\n".join(header_lines)).strip()
    namespace: dict = {}
    written = {}
    if a.written:
        exec(compile(text, str(path), "exec"), namespace)  # noqa: S102 - our own reference
        written = {k: v.strip() for k, v in namespace.get("WRITTEN_ANSWERS", {}).items()}
        for w in a.written:
            if w not in written:
                raise CourseError(f"{path}: WRITTEN_ANSWERS has no model answer for {w}")
    return SolutionModule(path, text, functions, header, written)


def _drop_docstring(text: str) -> str:
    tree = ast.parse(text or "\n")
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(
        getattr(tree.body[0], "value", None), ast.Constant
    ):
        lines = text.splitlines()
        return "\n".join(lines[tree.body[0].end_lineno :])
    return text


def strip_markers(source: str) -> str:
    return "\n".join(ln for ln in source.splitlines() if BEGIN not in ln and END not in ln)


def stub(source: str) -> str:
    """Replace each solution region by nbgrader's stub, indented like the marker."""
    out, inside = [], False
    for line in source.splitlines():
        if BEGIN in line:
            if inside:
                raise CourseError("nested solution markers")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(indent + s for s in STUB_BODY)
        elif END in line:
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise CourseError("a solution region is not closed")
    return "\n".join(out)


def solution_lines(sol: SolutionModule) -> set[str]:
    """Non-trivial lines inside solution regions: none may appear in a student artifact.

    A line that also stands outside every solution region (a formula the docstring states,
    which the code then writes the same way) is shown to students by design, not a secret.
    """
    found, public, inside = set(), set(), False
    for line in sol.text.splitlines():
        s = line.strip()
        if BEGIN in line:
            inside = True
        elif END in line:
            inside = False
        elif not inside:
            public.add(s)
        elif len(s) >= 16 and not s.startswith("#"):
            found.add(s)
    return found - public
