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


def test_summary_groups_seeds_and_details_go_to_a_file(tmp_path):
    from rich.console import Console

    from autograder.validate_output import grouped, print_summary, write_details

    lines = ["reference earns 47/47 (seed 1)", "reference earns 47/47 (seed 2)", "stub earns 0"]
    assert grouped(lines) == ["reference earns 47/47 (seeds 1, 2)", "stub earns 0"]
    report = Report("ols")
    for line in lines:
        report.ok(line)
    report.fail("mistake x keeps all points:\nsecond line of the failure")
    from types import SimpleNamespace

    report.catalogue = [
        (SimpleNamespace(id="f-1", description="a | pipe", question="q1"), 1.0, 5.0, True,
         "msg one\nline two"),
        (SimpleNamespace(id="f-2", description="d", question="q2"), 5.0, 5.0, False, ""),
    ]
    console = Console(width=80, record=True, soft_wrap=True)  # as the command's
    print_summary(console, report, [1, 2], 0.8)
    text = console.export_text()
    # The header, two guarantees, the catalogue, a failure of two lines.
    assert len(text.strip().splitlines()) == 6, text
    assert "\n    second line of the failure" in text  # in full
    assert "catalogue: 1 of 2 mistakes lose points; the feedback names the cause of 1 (50%, " \
           "target 80%); not named: f-2" in text
    path = write_details(tmp_path / "d" / "details.md", [(report, [1, 2])],
                         [("ols", 2, 1, 0.5)])
    details = path.read_text()
    assert "| f-1: a \\| pipe | q1 | 1/5 | yes | msg one<br>line two |" in details
    assert "| f-2: d | q2 | 5/5 | **no** |  |" in details
    assert "| ols | 2 | 1 | 50% |" in details


def test_kernel_notices_are_silenced_and_the_rest_of_stderr_is_not(capfd):
    import subprocess
    import sys

    from autograder.validate_output import quiet_kernel_notices

    code = ("import sys; print('[IPKernelApp] WARNING | Kernel is running over TCP without "
            "encryption. All communication', file=sys.stderr); print('a real error', "
            "file=sys.stderr)")
    with quiet_kernel_notices():
        subprocess.run([sys.executable, "-c", code], check=True)
    err = capfd.readouterr().err
    assert "a real error" in err and "running over TCP" not in err


def test_validate_prints_a_short_summary(tmp_path):
    from .conftest import run_cli

    details = tmp_path / "details.md"
    proc = run_cli("validate", "ols", "--skip-notebooks", "--seeds", "2", "--details", details)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) < 25, proc.stdout  # not a 250-line table
    assert any(line.startswith("  ✓ reference earns") and "(seeds " in line for line in lines)
    assert any("✓ catalogue: " in line for line in lines)
    assert "### Mistake catalogue" in details.read_text()
    assert details.read_text().count("\n| ") >= 20  # one row per catalogued mistake
