"""Assemble the instructor notebook (nbgrader source, with Otter's student-side checks).

One notebook serves both ecosystems. nbgrader sees solution cells, locked grade cells with
hidden tests and manually graded answer cells; ``nbgrader generate_assignment`` turns it into
the student notebook. Otter sees an init cell (``grader = otter.Notebook(...)``), one
``grader.check("qN")`` per question, an export cell, and in the notebook metadata one OK-format
test per question whose cases run the public checks shipped in ``public_tests.py``.
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.build.public_bundle import public_check_names
from autograder.build.source import SolutionModule, SourceCell
from autograder.course import Assignment

NBGRADER_SCHEMA = 3
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _nbgrader(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": NBGRADER_SCHEMA, "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


# grader.export(run_tests=True) runs the notebook once more in a fresh kernel and re-raises
# whatever that kernel wrote to stderr as a RuntimeWarning; recent ipykernels always write a
# notice about their local TCP connection, which students would see as a red warning box.
EXPORT_NOISE = r"\[IPKernelApp\] WARNING \| Kernel is running over TCP"


def init_source(a: Assignment) -> str:
    return (
        "# Initialize Otter (the filter hides a harmless ipykernel notice that export echoes)\n"
        "import warnings\n"
        "import otter\n"
        f'warnings.filterwarnings("ignore", r"{EXPORT_NOISE}", RuntimeWarning)\n'
        f'grader = otter.Notebook("{a.name}.ipynb")'
    )


def check_source(a: Assignment, qid: str) -> str:
    """The grade cell: Otter's public check, plus nbgrader's hidden scoring."""
    return (
        f'grader.check("{qid}")\n'
        "### BEGIN HIDDEN TESTS\n"
        "from autograder.ecosystems.nbgrader_bridge import score as _autograder_score\n"
        f'_autograder_score("{a.name}", "{qid}", globals())\n'
        "### END HIDDEN TESTS"
    )


def otter_tests(a: Assignment) -> dict:
    """OK-format tests (in notebook metadata) that run each public check from public_tests.py."""
    tests = {}
    for qid in a.questions:
        cases = []
        for q, name, description in public_check_names(a):
            if q != qid:
                continue
            cases.append({
                "name": description,
                "code": (">>> from public_tests import run_check\n"
                         f">>> run_check({name!r}, globals())\n"),
                "hidden": False,
                "locked": False,
                "points": next(c.info.points for c in a.checks if c.info.name == name),
            })
        tests[qid] = {
            "name": qid,
            "points": sum(case["points"] for case in cases) or None,
            "suites": [{"cases": cases, "scored": True, "setup": "", "teardown": "",
                        "type": "doctest"}],
        }
    return tests


def source_notebook(
    a: Assignment, cells: list[SourceCell], sol: SolutionModule
) -> nbformat.NotebookNode:
    nb = new_notebook()
    out = []
    ids: dict[str, int] = {}

    def add(cell, key: str):
        n = ids.get(key, 0)
        ids[key] = n + 1
        cell["id"] = key if n == 0 else f"{key}-{n}"
        out.append(cell)

    init_done = False
    for i, c in enumerate(cells):
        if c.kind == "markdown":
            add(new_markdown_cell(c.text), f"md-{i}")
        elif c.kind == "code":
            add(new_code_cell(c.text), f"code-{i}")
        elif c.kind == "solution":
            grade_id = "solution-" + "-".join(c.names)
            cell = new_code_cell(sol.solution_source(c.names),
                                 metadata=_nbgrader(grade_id, solution=True))
            add(cell, grade_id)
        elif c.kind == "check":
            qid = c.names[0]
            cell = new_code_cell(check_source(a, qid), metadata=_nbgrader(
                f"check-{qid}", grade=True, locked=True, points=a.points(qid)))
            add(cell, f"check-{qid}")
        elif c.kind == "written":
            wid = c.names[0]
            w = a.written[wid]
            prompt = f"**Written question {wid} ({w.points:g} points): {w.title}.** {c.text}"
            add(new_markdown_cell(prompt, metadata=_nbgrader(f"prompt-{wid}", locked=True)),
                f"prompt-{wid}")
            add(new_markdown_cell(sol.written[wid], metadata=_nbgrader(
                f"answer-{wid}", grade=True, solution=True, points=w.points)), f"answer-{wid}")
        if not init_done and c.kind == "markdown":
            add(new_code_cell(init_source(a), metadata=_nbgrader("otter-init", locked=True)),
                "otter-init")
            init_done = True
    add(new_markdown_cell(
        "## Submission\n\nSave the notebook, then run the cell below. It runs the public checks "
        "one last time and writes a zip file to upload (the notebook inside it is what is "
        "graded)."), "submit-md")
    add(new_code_cell("grader.export(pdf=False, run_tests=True)",
                      metadata=_nbgrader("otter-export", locked=True)), "otter-export")
    nb.cells = out
    nb.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        "otter": {"OK_FORMAT": True, "assignment_name": a.name, "tests": otter_tests(a)},
    }
    return nb


def write_notebook(nb: nbformat.NotebookNode, path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
