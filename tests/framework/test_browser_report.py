"""What instructors see, in a real browser (headless Chromium): the report of a graded folder
and the students' feedback pages load nothing from the network and fit the window, a wide one
and a narrow one. (A module apart from test_browser.py, whose JupyterLab and browser live as
long as its module: Playwright's sync API runs one browser at a time in a thread.)

Screenshots go to artifacts/ (see docs/testing.md).
"""

from __future__ import annotations

import shutil

import pytest

from autograder.course import Course
from autograder.report import write_report

from .browser import artifact, chromium
from .conftest import ROOT, run_cli

NAMES = Course(ROOT).names()
pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("name", NAMES)
def test_report_renders_offline_and_fits_the_window(parity, name):
    report = write_report(parity.autograder_dirs[name], artifact(f"report-{name}.html"))
    requests = []
    with chromium() as page:
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        assert page.locator("svg rect").count() == 10
        box = page.locator("svg").first.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than the window"
        page.screenshot(path=artifact(f"report-{name}.png"), full_page=True)
    assert requests == [report.as_uri()], requests  # nothing but the page itself


def test_report_and_feedback_fit_a_narrow_window(tmp_path):
    """400 px (a phone, a split screen): text wraps and a table too wide scrolls inside its
    own box; the page itself never scrolls sideways."""
    from autograder.feedback_pages import write_feedback

    folder = tmp_path / "in"
    shutil.copytree(ROOT / "samples" / "ols", folder)
    shutil.copy(folder / "mistake-ols_cost-1.ipynb",
                folder / ("a-very-long-submission-file-name-without-any-break-" * 3 + ".ipynb"))
    out = tmp_path / "out"
    assert run_cli("grade", "ols", folder, "--out", out).returncode == 0
    pages = [write_report(out, artifact("report-narrow.html")),
             *write_feedback(out, tmp_path / "feedback")]
    with chromium() as page:
        for width in (400, 1400):
            page.set_viewport_size({"width": width, "height": 900})
            for html_page in pages:
                page.goto(html_page.as_uri())
                page.wait_for_load_state("load")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{html_page.name} is {overflow} px wider than {width} px"
        page.set_viewport_size({"width": 400, "height": 900})
        page.goto(pages[0].as_uri())
        page.screenshot(path=artifact("report-narrow.png"), full_page=True)
