"""Which notebook cells grading needs to run.

A submission's notebook also contains demos: plots, training runs, printouts. The graded
functions need only the cells that define them, the cells defining the globals those use
(transitively), and the imports. Running just those makes grading as fast as the functions
themselves, and a demo cell that hangs or crashes cannot cost a student points.

A cell defining a top-level function whose name is close to a graded function that no cell
defines (``r2_scor`` for ``r2_score``) is run too, so that the missing-function message can
still ask "Did you mean `r2_scor`?".

The analysis is syntactic and conservative: a cell that uses ``globals``, ``vars``, ``exec``,
``eval``, ``setattr``, ``__builtins__`` or a star import, or that does not parse, makes the whole
notebook run. The grader also reruns a submission with every cell if a graded function fails
with a ``NameError`` (a global the analysis could not see).

What a cell reads is decided by Python's own scoping rules (:mod:`symtable`): a function's
parameters and local variables are not globals, so a demo cell that happens to assign a name
a function only uses locally (``lam``, ``cache``, ``k``) is not run for it.
"""

from __future__ import annotations

import ast
import difflib
import symtable
from collections.abc import Iterable

# What parsing a hostile cell may raise besides SyntaxError (deep nesting, null bytes).
UNPARSABLE = (SyntaxError, ValueError, RecursionError, MemoryError)

# As close as a name must be for the missing-function hint (core/submission.py) to name it.
HINT_CUTOFF = 0.6

DYNAMIC = {"globals", "vars", "exec", "eval", "setattr", "__builtins__", "__import__",
           "locals", "get_ipython"}


class _Names(ast.NodeVisitor):
    """Names a cell defines at top level, and every name it reads anywhere."""

    def __init__(self) -> None:
        self.defined: set[str] = set()
        self.functions: set[str] = set()  # top-level ``def`` names
        self.used: set[str] = set()
        self.imports = False
        self.dynamic = False
        self._depth = 0

    def _define(self, name: str) -> None:
        self.defined.add(name)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.used.add(node.id)
            if node.id in DYNAMIC:
                self.dynamic = True
        elif self._depth == 0:
            self._define(node.id)

    def visit_Global(self, node: ast.Global) -> None:
        for n in node.names:  # a function that assigns a global defines it for the notebook
            self._define(n)

    def _scope(self, node) -> None:
        if self._depth == 0:
            self._define(node.name)
            if not isinstance(node, ast.ClassDef):
                self.functions.add(node.name)
        for d in getattr(node, "decorator_list", []):
            self.visit(d)
        self._depth += 1
        for child in ast.iter_child_nodes(node):
            if child not in getattr(node, "decorator_list", []):
                self.visit(child)
        self._depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scope

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    def visit_Import(self, node: ast.Import) -> None:
        self.imports = True
        for a in node.names:
            self._define((a.asname or a.name).split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.imports = True
        for a in node.names:
            if a.name == "*":
                self.dynamic = True
            self._define(a.asname or a.name)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in DYNAMIC:
            self.dynamic = True
        self.generic_visit(node)


def global_reads(source: str) -> set[str]:
    """Names the cell's code reads as module globals, in any scope (Python's own rules)."""
    out: set[str] = set()
    top = symtable.symtable(source, "<cell>", "exec")
    todo = [top]
    while todo:
        table = todo.pop()
        for sym in table.get_symbols():
            if sym.is_referenced() and (table is top or sym.is_global()):
                out.add(sym.get_name())
        todo.extend(table.get_children())
    return out


def needed_cells(cells: list[str], roots: Iterable[str]) -> list[int] | None:
    """Indices (0-based, in order) of the cells to run, or None to run them all."""
    from autograder.sandbox.harness import strip_magics

    infos = []
    for source in cells:
        try:
            code = strip_magics(source)
            tree = ast.parse(code)
            v = _Names()
            v.visit(tree)
            reads = global_reads(code)
        except UNPARSABLE:
            return None
        if v.dynamic:
            return None
        v.used = reads
        infos.append(v)
    keep = {i for i, v in enumerate(infos) if v.imports}
    wanted = set(roots)
    defined = set().union(*(v.defined for v in infos))
    undefined = sorted(wanted - defined)
    for i, v in enumerate(infos):  # a misspelt graded function: keep it for the hint
        if undefined and any(difflib.get_close_matches(f, undefined, n=1, cutoff=HINT_CUTOFF)
                             for f in v.functions):
            keep.add(i)
    for i in keep:
        wanted |= infos[i].used
    seen: set[str] = set()
    while wanted - seen:
        name = (wanted - seen).pop()
        seen.add(name)
        for i, v in enumerate(infos):
            if i not in keep and name in v.defined:
                keep.add(i)
                wanted |= v.used
    return sorted(keep)
