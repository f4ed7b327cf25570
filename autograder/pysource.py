"""Line spans of top-level definitions in Python source, comments included.

``ast`` ends a function at its last statement, so a trailing comment inside the body (such as
nbgrader's ``### END SOLUTION``) would be cut off; these spans run from the first decorator to
the last line that still belongs to the body (indented, or blank between indented lines).
"""

from __future__ import annotations

import ast


def spans(source: str) -> dict[str, tuple[int, int]]:
    """``{name: (first line, last line)}`` (1-based, inclusive) of top-level defs and classes."""
    tree = ast.parse(source)
    lines = source.splitlines()
    out = {}
    body = tree.body
    for i, node in enumerate(body):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        limit = len(lines)
        if i + 1 < len(body):
            nxt = body[i + 1]
            limit = min([nxt.lineno] + [d.lineno for d in getattr(nxt, "decorator_list", [])]) - 1
        end = node.end_lineno
        for k in range(node.end_lineno + 1, limit + 1):
            text = lines[k - 1]
            if text.strip() and not text[:1].isspace():
                break
            if text.strip():
                end = k
        out[node.name] = (start, end)
    return out


def segment(source: str, name: str) -> str:
    start, end = spans(source)[name]
    return "\n".join(source.splitlines()[start - 1 : end])


def replace(source: str, name: str, new: str) -> str:
    """``source`` with the top-level definition ``name`` replaced by ``new``."""
    start, end = spans(source)[name]
    lines = source.splitlines()
    return "\n".join(lines[: start - 1] + new.splitlines() + lines[end:])
