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


PLUGIN = "public_tests.NotebookHelpers"  # see autograder/ecosystems/public_runtime.py


def init_source(a: Assignment) -> str:
    return (
        "# Initialize Otter. The helpers of public_tests.py make a cell that needs a function\n"
        "# you have not finished say so in one line and let the rest of the notebook run.\n"
        "import otter\n"
        f'grader = otter.Notebook("{a.name}.ipynb")\n'
        f'grader.run_plugin("{PLUGIN}")'
    )


def export_source(a: Assignment) -> str:
    """The export cell: save (or refuse a stale file), then Otter's zip, with the written
    answers as an HTML file when there are written questions."""
    return (f'grader.add_plugin_files("{PLUGIN}")  # saves the notebook; written answers\n'
            "grader.export(pdf=False, run_tests=True)")


def check_source(a: Assignment, qid: str) -> str:
    """The grade cell: Otter's public check, plus nbgrader's hidden scoring."""
    return (
        f'grader.check("{qid}")\n'
        "### BEGIN HIDDEN TESTS\n"
        "from autograder.ecosystems.nbgrader_bridge import score as _autograder_score\n"
        f'_autograder_score("{a.name}", "{qid}", globals())\n'
        "### END HIDDEN TESTS"
    )


def otter_tests(a: Assignment) -> dict[str, str]:
    """Otter's exception-based tests (in the notebook metadata, ``OK_FORMAT`` false), one file
    per question with one case per public check. A case calls ``public_tests.public_check``,
    which raises the check's own message when it fails: Otter then shows the check's title,
    passed or failed, and that message (an OK-format doctest would show its transcript), and
    scores the case with the check's points."""
    tests = {}
    for qid in a.questions:
        cases = []
        for q, name, description in public_check_names(a):
            if q != qid:
                continue
            points = next(c.info.points for c in a.checks if c.info.name == name)
            cases.append(f"@test_case(name={description!r}, points={points!r}, hidden=False)\n"
                         f"def {name}(env):\n"
                         f"    public_check({name!r}, env)\n")
        header = ("from otter.test_files import test_case\n"
                  "from public_tests import public_check\n\n"
                  "OK_FORMAT = False\n\n"
                  f"name = {qid!r}\n"
                  f"points = {sum(_case_points(a, qid)) or None!r}\n")
        tests[qid] = header + "".join("\n\n" + c for c in cases)
    return tests


def _case_points(a: Assignment, qid: str) -> list[float]:
    return [c.info.points for c in a.checks if c.info.question == qid and not c.info.hidden]


WRITTEN_NOTE = ("Write your answer in the cell below. The checks do not grade it: it is "
                "graded by hand, on Gradescope in the separate written assignment (see "
                "Submission at the end), on JupyterHub in nbgrader's formgrader.")


def submission_text(a: Assignment) -> str:
    text = ("## Submission\n\nRun the cell below (it saves the notebook first). It runs the "
            f"public checks one last time and writes `{a.name}_<date>.zip`: upload that zip "
            "to the programming assignment on Gradescope (the notebook inside it is what is "
            "graded).")
    if a.written:
        ids = ", ".join(a.written)
        text += (
            f"\n\n**Written answers** ({ids}) are graded by hand, not by the checks. The cell "
            f"also writes them to `{a.name}_written.html` (inside the zip too). On Gradescope: "
            "open that file in your browser, print it to PDF (Ctrl+P, *Save as PDF*) and "
            "upload the PDF to the separate written assignment, where they are graded. On "
            "JupyterHub (nbgrader) nothing else is needed: they are graded in the notebook "
            "you submit.")
    return text


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
            prompt = (f"**Written question {wid} ({w.points:g} points, graded by hand): "
                      f"{w.title}.** {c.text}\n\n*{WRITTEN_NOTE}*")
            add(new_markdown_cell(prompt, metadata=_nbgrader(f"prompt-{wid}", locked=True)),
                f"prompt-{wid}")
            add(new_markdown_cell(sol.written[wid], metadata=_nbgrader(
                f"answer-{wid}", grade=True, solution=True, points=w.points)), f"answer-{wid}")
        if not init_done and c.kind == "markdown":
            add(new_code_cell(init_source(a), metadata=_nbgrader("otter-init", locked=True)),
                "otter-init")
            init_done = True
    add(new_markdown_cell(submission_text(a)), "submit-md")
    add(new_code_cell(export_source(a), metadata=_nbgrader("otter-export", locked=True)),
        "otter-export")
    nb.cells = out
    nb.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        "otter": {"OK_FORMAT": False, "assignment_name": a.name, "tests": otter_tests(a)},
    }
    return nb


def write_notebook(nb: nbformat.NotebookNode, path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
