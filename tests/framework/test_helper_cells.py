"""`# @helper` cells: the notebook shows a function of the tests' helper modules, verbatim."""

import textwrap

import pytest

from autograder.build.source import read_notebook_source
from autograder.course import CourseError, load_assignment

HELPER = '''"""Inputs for the checks."""

import numpy as np


def make_data(rng, n=4):
    """n points and their labels."""
    X = rng.standard_normal((n, 2))
    return X, (X[:, 0] > 0).astype(float)


def _private():
    return 1
'''


def _course(tmp_path, cell: str):
    (tmp_path / "assignments" / "demo").mkdir(parents=True)
    (tmp_path / "assignments" / "demo" / "assignment.toml").write_text(textwrap.dedent("""
        title = "Demo"
        [functions]
        f = "float"
        [questions.q1]
        title = "f"
        functions = ["f"]
    """))
    (tmp_path / "assignments" / "demo" / "notebook.md").write_text(
        "# Demo\n\n```python\n" + cell + "\n```\n\n```python\n# @solution f\n```\n\n"
        "```python\n# @check q1\n```\n")
    tests = tmp_path / "tests" / "assignments" / "demo"
    tests.mkdir(parents=True)
    (tests / "_data.py").write_text(HELPER)
    return load_assignment(tmp_path, "demo")


def test_a_helper_cell_shows_the_function_then_the_rest_of_the_cell(tmp_path):
    a = _course(tmp_path, "# @helper _data.make_data\nX, y = make_data(np.random.default_rng(0))")
    code = [c for c in read_notebook_source(a) if c.kind == "code"]
    assert len(code) == 1
    want = HELPER[HELPER.index("def make_data"):HELPER.index("\n\n\ndef _private")]
    assert code[0].text == want + "\n\nX, y = make_data(np.random.default_rng(0))"


@pytest.mark.parametrize("cell", ["# @helper _data.missing", "# @helper _nope.make_data",
                                  "# @helper make_data"])
def test_an_unknown_helper_is_a_course_error(tmp_path, cell):
    with pytest.raises(CourseError, match="@helper"):
        read_notebook_source(_course(tmp_path, cell))


def test_a_written_prompt_ends_at_the_next_heading(tmp_path):
    from autograder.build.source import SourceCell, _split_at_heading

    prompt, heading, rest = _split_at_heading("Explain why.\n\n## 7. Next section\n\nText.")
    assert prompt.strip() == "Explain why." and heading == "## " and rest.startswith("7. Next")
    assert _split_at_heading("No heading here.") == ("No heading here.", "", "")
    assert SourceCell("written", "x", ("w1",)).kind == "written"
