"""What students and instructors see, in a real browser (headless Chromium).

- A student opens the release notebook in JupyterLab, types the reference solution into every
  stub and, without saving, runs every cell from the Run menu: every public check passes, no
  cell errors, and the export cell saves the notebook and writes the zip to upload (with the
  solutions as typed and the written answers' page: graded, it earns every point). The
  notebook's kernel is the student's own environment (``release/requirements.txt`` alone: see
  student_env.py); JupyterLab itself is this interpreter's. One JupyterLab and one browser
  serve every assignment, each in a folder of its own, as a student's course folder would.
(An instructor's report in a browser: test_browser_report.py.)

Screenshots go to artifacts/ (see the README).
"""

from __future__ import annotations

import json
import re
import shutil
import time
import zipfile

import nbformat
import pytest

from autograder.build.source import read_solution
from autograder.course import Course

from .browser import artifact, chromium, jupyterlab
from .conftest import ROOT, run_cli

NAMES = Course(ROOT).names()
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _wait_until(predicate, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def _on_disk(page, path) -> dict | None:
    """The notebook as saved, once JupyterLab has finished saving it. (Read from disk: a read
    through the contents API racing the server's atomic write makes the server set the new
    file aside as ``.invalid`` and restore the old one.)"""
    if page.locator(".lm-TabBar-tab.jp-mod-dirty").count():
        return None
    try:
        return nbformat.reads(path.read_text(), as_version=4)  # sources as strings
    except (OSError, ValueError):
        return None


def _solve_in_the_browser(page, lab, name, release, stubs) -> dict:
    """Fill, save, run all, inspect and save again; return the saved notebook."""
    # A workspace of its own (reset): only this notebook open, whatever the lab showed before.
    page.goto(lab.url(f"/lab/workspaces/{name}/tree/{name}/{name}.ipynb?reset"))
    cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    cells.first.wait_for(timeout=180_000)
    _wait_until(lambda: cells.count() == len(release.cells), 60, "every cell to render")

    # Type the solution into each stub: click into its editor, select the stub, insert the
    # text as one input (as a paste does: no auto-indent or bracket closing on the way).
    for i, code in stubs.items():
        cells.nth(i).scroll_into_view_if_needed()
        editor = cells.nth(i).locator(".cm-content")
        editor.wait_for(timeout=60_000)
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(code)
    page.keyboard.press("Escape")
    assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count()  # typed in, not saved

    # Run every cell from the menu, as a student would before exporting, without saving first:
    # the export cell saves the notebook itself (or refuses a stale file), so the zip holds
    # the solutions as typed.
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.get_by_text("Your submission has been exported").wait_for(timeout=600_000)
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    _wait_until(lambda: idle.count() > 0, 120, "the kernel to be idle")

    check_cells = [i for i, c in enumerate(release.cells) if _grade_id(c).startswith("check-")]
    cells.nth(check_cells[0]).evaluate("el => el.scrollIntoView({block: 'center'})")
    page.screenshot(path=artifact(f"jupyterlab-{name}-checks.png"))
    cells.nth(len(release.cells) - 1).scroll_into_view_if_needed()
    page.screenshot(path=artifact(f"jupyterlab-{name}-export.png"))

    # In the page: no error or stderr output anywhere, every check cell says all passed.
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                        ).count() == 0
    for i in check_cells:  # Otter's HTML summary of grader.check("qN")
        q = _grade_id(release.cells[i]).removeprefix("check-")
        text = cells.nth(i).locator(".jp-OutputArea").inner_text()
        assert re.search(rf"{q}\s+passed!", text), text
    page.keyboard.press("Control+S")
    saved = _wait_until(lambda: (nb := _on_disk(page, lab.root / name / f"{name}.ipynb"))
                        and nb["cells"][check_cells[0]]["outputs"] and nb, 60,
                        "the executed notebook to be saved")
    # Close the notebook and stop its kernel before the next assignment's.
    for session in lab.api("/api/sessions"):
        lab.delete(f"/api/sessions/{session['id']}")
    page.goto("about:blank")
    return saved


@pytest.fixture(scope="module")
def lab_and_page(tmp_path_factory, student_env):
    """One JupyterLab (its notebooks' kernel: the student's environment) and one browser page
    for every assignment of this module."""
    home = tmp_path_factory.mktemp("course-folder")
    with (jupyterlab(home, tmp_path_factory.mktemp("jupyter"),
                     jupyter_path=student_env.jupyter_data) as lab, chromium() as page):
        spec = lab.api("/api/kernelspecs")["kernelspecs"]["python3"]["spec"]
        assert spec["argv"][0] == str(student_env.python), spec  # the student's kernel
        yield lab, page


@pytest.mark.parametrize("name", NAMES)
def test_student_solves_the_notebook_in_jupyterlab(tmp_path, course, lab_and_page, name):
    a = course.assignment(name)
    sol = read_solution(a)
    lab, page = lab_and_page
    home = lab.root / name
    shutil.copytree(ROOT / "release" / name, home)
    release = nbformat.read(home / f"{name}.ipynb", as_version=4)
    stubs = {i: sol.filled_source(tuple(_grade_id(c).removeprefix("solution-").split("-")))
             for i, c in enumerate(release.cells) if _grade_id(c).startswith("solution-")}
    assert stubs and all("raise NotImplementedError()" in release.cells[i].source for i in stubs)
    try:
        executed = _solve_in_the_browser(page, lab, name, release, stubs)
    except Exception:
        page.screenshot(path=artifact(f"jupyterlab-{name}-failure.png"))
        raise

    # The saved notebook: every code cell ran once, in order, and none raised.
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"
              or o.get("name") == "stderr"]
    assert not errors, json.dumps(errors)[:2000]
    texts = {}
    for cell in executed["cells"]:
        texts[_grade_id(cell)] = "".join(o.get("data", {}).get("text/plain", "") + o.get(
            "text", "") for o in cell.get("outputs", []))
        if _grade_id(cell).startswith("check-"):
            q = _grade_id(cell).removeprefix("check-")
            assert f"{q} results: All test cases passed!" in texts[_grade_id(cell)], texts
    assert "skipped:" not in "".join(texts.values())  # a finished notebook skips nothing
    export = texts["otter-export"]
    assert "Your submission received" in export, export
    assert export.count("All test cases passed!") == len(a.questions), export  # run_tests
    # The zip the export cell wrote holds the notebook, with the solutions in it; graded as
    # students upload it (the zip itself), it earns every point.
    (exported,) = home.glob(f"{name}_*.zip")
    out = tmp_path / "graded"
    with zipfile.ZipFile(exported) as z:
        assert f"{name}.ipynb" in z.namelist()
        assert (f"{name}_written.html" in z.namelist()) == bool(a.written), z.namelist()
    proc = run_cli("grade", name, exported, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / f"{exported.stem}.json").read_text())["score"] == a.max_points
