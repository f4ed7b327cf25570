"""`autograder report`: a self-contained HTML page that shows which question went wrong."""

import html
import json
import re

from autograder.grading.results import Outcome, to_gradescope, write_json_atomic
from autograder.report import common_failures, histogram, load_results, write_report
from autograder.testing.runner import CheckResult

from .conftest import run_cli


def _results(course, tmp_path):
    """Seven results: two perfect, three failing one hidden check (two with the same
    diagnosis), one whose checks ran but with a problem to report (wrong_shape), one that could
    not be run at all; one message quotes hostile HTML."""
    a = course.assignment(course.names()[0])
    target = next(c for c in a.checks if c.info.hidden)  # the check that goes wrong
    other = next(c for c in a.checks if c.info.question != target.info.question)

    def outcome(name, failing=(), status="graded", ran=True):
        o = Outcome(a, f"{name}.ipynb", status, 1, "0" * 64)
        if ran:
            for c in a.checks:
                fail = failing.get(c.info.name) if failing else None
                o.checks.append(CheckResult(c.info, fail is None, *(fail or ("", ()))))
        if status != "graded":
            o.message = "damaged notebook" if not ran else "the gradient has the wrong shape"
        return o

    sign = ("ols_gradient: the sign is wrong", ("sign",))
    outcomes = [
        outcome("alice"), outcome("bob"),
        outcome("carol", {target.info.name: sign}),
        outcome("dave", {target.info.name: sign}),
        outcome("erin", {other.info.name: ("<script>alert('x')</script> 1.5e-3 off", ())}),
        outcome("frank", status="corrupt_json", ran=False),
        outcome("gina", {target.info.name: ("wrong shape (3, 1)", ("shape",))},
                status="wrong_shape"),
    ]
    for o in outcomes:
        write_json_atomic(tmp_path / f"{o.file.removesuffix('.ipynb')}.json", to_gradescope(o))
    return a, target, other


def test_report_is_self_contained_and_escapes_what_it_quotes(tmp_path, course):
    a, target, _ = _results(course, tmp_path)
    path = write_report(tmp_path)
    assert path == tmp_path / "report.html"
    page = path.read_text()
    assert page.startswith("<!DOCTYPE html>")
    # Nothing to fetch: no scripts, stylesheets, images or fonts from anywhere.
    for needle in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
        assert needle not in page, needle
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<svg" in page and page.count("<rect") == 10  # the histogram's ten bins
    for q in a.questions.values():
        assert f"<b>{q.id}</b> {html.escape(q.title)}" in page
    assert "damaged notebook (invalid JSON)" in page  # the ungradable one, with its reason


def test_report_numbers(tmp_path, course):
    a, target, other = _results(course, tmp_path)
    (results,) = load_results(tmp_path).values()
    # Every submission whose checks ran counts, whatever its status (gina: wrong_shape).
    assert len(results.submissions) == 7 and len(results.ran) == 6
    assert [s.file for s in results.not_run] == ["frank.ipynb"]
    failures = common_failures(results)
    # The two identical diagnoses are one group, first; gina's shape and erin's untagged
    # failure are two more.
    assert (failures[0].check, failures[0].count, failures[0].tags) == (target.info.name, 2,
                                                                       ("sign",))
    assert failures[0].files == ["carol.ipynb", "dave.ipynb"]
    assert sorted((f.check, f.files[0]) for f in failures[1:]) == sorted(
        [(target.info.name, "gina.ipynb"), (other.info.name, "erin.ipynb")])
    page = write_report(tmp_path, tmp_path / "out" / "r.html").read_text()
    lost = {target.info.question: 3 * target.info.points, other.info.question: other.info.points}
    weakest = max(lost, key=lambda q: lost[q] / a.points(q))
    row = re.search(rf"<tr class=\"worst\"><td><b>{weakest}</b>.*?</tr>", page, re.S)
    assert row, "the question with the lowest mean is flagged"
    assert page.count('class="flag"') == 1
    row = re.search(rf"<tr[^>]*><td><b>{target.info.question}</b>.*?</tr>", page, re.S).group(0)
    assert "3/6 (50%)" in row  # full marks on it: alice, bob and erin, of 6 whose checks ran
    problems = page.split("Graded, with a problem to report")[1].split("</table>")[0]
    assert "gina.ipynb" in problems and "wrong_shape" in problems and "frank" not in problems
    not_run = page.split("Could not be run</h3>")[1].split("</table>")[0]
    assert "frank.ipynb" in not_run and "damaged notebook" in not_run and "gina" not in not_run
    assert "<b>6</b><span>graded</span>" in page
    scores = [json.loads(p.read_text())["score"] for p in tmp_path.glob("*.json")]
    assert sum(histogram(scores, a.max_points)) == 7
    assert histogram([0, 4.9, 5, 9.99, 10], 10, bins=2) == [2, 3]


def test_report_command(tmp_path, course):
    _results(course, tmp_path)
    proc = run_cli("report", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "report.html").is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_cli("report", empty)
    assert proc.returncode == 2 and "no results" in proc.stderr
