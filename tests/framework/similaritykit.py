"""Synthetic submissions for `autograder similarity`: made from the reference, the catalogue's
mistakes and its correct variants, with copies disguised as a student hides a copy.

Nothing here is run: a function replaced by a catalogue entry goes in without the catalogue
module's imports (:func:`autograder.catalogue.apply` would add them to each cell, code that no
student writes and that would be shared by every synthetic submission).
"""

from __future__ import annotations

import copy
import dataclasses
import io
import keyword
import random
import tokenize
import zipfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from autograder import pysource
from autograder.build.notebooks import write_notebook
from autograder.build.pipeline import fill_solutions, mistake_notebook
from autograder.build.source import read_solution
from autograder.catalogue import Mistake, load_catalogue, load_variants
from autograder.course import Assignment
from autograder.similarity import release_notebook


def notebooks(a: Assignment) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The release notebook (the stub) and the reference filled into it."""
    release = nbformat.read(release_notebook(a), as_version=4)
    return release, fill_solutions(release, read_solution(a))


def is_solution(cell) -> bool:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
    return cell.cell_type == "code" and grade_id.startswith("solution-")


def with_functions(nb: nbformat.NotebookNode, entries: Iterable[Mistake]) -> nbformat.NotebookNode:
    """``nb`` with each entry's function replaced by the entry's code."""
    for m in entries:
        nb = mistake_notebook(nb, dataclasses.replace(m, imports=""))
    return nb


def disguise(source: str) -> str:
    """``source`` as a student hiding a copy rewrites it: every argument and assigned name
    renamed, every comment rewritten, a comment and blank lines added before each function."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    rename = {n: f"{n.lower().strip('_') or 'v'}_{i}" for i, n in enumerate(sorted(names))
              if not keyword.iskeyword(n)}
    edits, prev = [], None  # (row, start col, end col, new text), in source order
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.string in rename and not (
                prev is not None and prev.string == "."):
            edits.append((*tok.start, tok.end[1], rename[tok.string]))
        elif tok.type == tokenize.COMMENT:
            edits.append((*tok.start, tok.end[1], "# see my notes"))
        prev = tok
    lines = source.splitlines()
    for row, start, end, new in reversed(edits):
        lines[row - 1] = lines[row - 1][:start] + new + lines[row - 1][end:]
    text = "\n".join(lines)
    return "\n".join(f"\n# my own version\n{line}" if line.startswith("def ") else line
                     for line in text.splitlines())


def functions(nb: nbformat.NotebookNode) -> list[str]:
    """The top-level functions of ``nb``'s solution cells, in order."""
    out = []
    for cell in nb.cells:
        if is_solution(cell):
            out += [pysource.segment(cell.source, name) for name in pysource.spans(cell.source)]
    return out


def as_script(nb: nbformat.NotebookNode) -> str:
    """A disguised copy of ``nb`` as a ``.py`` file: the given code first, then every answer
    disguised, the functions in reverse order."""
    given = [c.source for c in nb.cells if c.cell_type == "code" and not is_solution(c)]
    answers = [disguise(f) for f in reversed(functions(nb))]
    return "\n\n\n".join(given + answers) + "\n"


def shuffled_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A disguised copy of ``nb`` as a notebook: each answer cell disguised, the answers pasted
    into the answer cells in reverse order."""
    out = copy.deepcopy(nb)
    cells = [c for c in out.cells if is_solution(c)]
    sources = [disguise(c.source) for c in cells]
    for cell, source in zip(cells, reversed(sources), strict=True):
        cell.source = source
    return out


def export_zip(nb: nbformat.NotebookNode, path: Path, name: str) -> Path:
    """What ``grader.export()`` writes: the notebook and ``public_tests.py`` in a zip."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}.ipynb", nbformat.writes(nb))
        zf.writestr("public_tests.py", "# the public checks\n")
    return path


def split_variants(variants: list[Mistake]) -> tuple[list[Mistake], list[Mistake]]:
    """Two different sets of correct variants: alternate functions go to one set or the
    other, and a function with several variants gives its last one to the other set."""
    groups: tuple[list[Mistake], list[Mistake]] = ([], [])
    fns = sorted({v.function for v in variants})
    for i, fn in enumerate(fns):
        of_fn = [v for v in variants if v.function == fn]
        groups[i % 2].append(of_fn[0])
        if len(of_fn) > 1:
            groups[(i + 1) % 2].append(of_fn[-1])
    return groups


def spread(catalogue: list[Mistake], n: int) -> list[Mistake]:
    """``n`` mistakes, one per function in turn (the first of each function, then the
    second...), so that they touch as many functions as possible."""
    by_fn: dict[str, list[Mistake]] = {}
    for m in catalogue:
        by_fn.setdefault(m.function, []).append(m)
    order = sorted(catalogue, key=lambda m: (by_fn[m.function].index(m),
                                             list(by_fn).index(m.function)))
    return order[:n]


def synthetic_folder(a: Assignment, dest: Path, n: int, seed: int = 0) -> list[Path]:
    """``n`` notebooks, each the reference with every function, at random, kept, replaced by
    one of its correct variants or by one of its catalogued mistakes (for the benchmark)."""
    rng = random.Random(seed)
    _, filled = notebooks(a)
    by_fn: dict[str, list[Mistake]] = {}
    for m in load_catalogue(a) + load_variants(a):
        by_fn.setdefault(m.function, []).append(m)
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        chosen = [rng.choice(options) for options in by_fn.values() if rng.random() < 0.6]
        path = dest / f"student{i:03d}.ipynb"
        write_notebook(with_functions(filled, chosen), path)
        paths.append(path)
    return paths
