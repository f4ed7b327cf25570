"""`autograder validate` passes for every assignment, and its leak detector works."""

import shutil

import pytest

from autograder.course import Course
from autograder.validate import Report, artifact_lines, check_leaks, validate_assignments

from .conftest import ROOT


@pytest.mark.slow
@pytest.mark.parametrize("name", Course(ROOT).names())
def test_validate_passes(course, capsys, name):
    """Everything `autograder validate` proves (the reference notebooks' run top to bottom is
    proved in the student's own environment by test_student_env.py instead)."""
    from rich.console import Console

    assert validate_assignments(course, [name], seeds=2, run_notebooks=False,
                                console=Console(width=200)), capsys.readouterr().out


def test_leak_detector_finds_a_planted_solution_line(tmp_path, course):
    name = course.names()[0]
    for part in ("assignments", "solutions", "tests", "release", "samples", "source"):
        shutil.copytree(ROOT / part, tmp_path / part)
    copy = Course(tmp_path).assignment(name)
    from autograder.build.source import read_solution, solution_lines

    secret = sorted(solution_lines(read_solution(copy)))[0]
    stub = tmp_path / "release" / name / "public_tests.py"
    stub.write_text(stub.read_text() + f"\n# {secret}\n{secret}\n")
    report = Report(name)
    check_leaks(copy, report)
    assert any("solution line" in f for f in report.failures), report.failures


def test_artifact_lines_of_a_python_file_that_does_not_parse(tmp_path):
    path = tmp_path / "public_tests.py"
    path.write_text('X = "inside a string"\n"W1": rng.standard_normal((D, H)),\n')
    assert '"W1": rng.standard_normal((D, H)),' in artifact_lines(path)


def test_a_formula_the_docstring_states_is_not_a_secret(tmp_path):
    from autograder.build.source import SolutionModule, solution_lines

    text = '''def step(c_prev, f, i, g):
    """The cell state's update:

        c_next = f * c_prev + i * g
    """
    ### BEGIN SOLUTION
    scaled_memory = f * c_prev
    c_next = f * c_prev + i * g
    return c_next
    ### END SOLUTION
'''
    sol = SolutionModule(tmp_path / "x.py", text, {}, "", {})
    assert solution_lines(sol) == {"scaled_memory = f * c_prev"}
