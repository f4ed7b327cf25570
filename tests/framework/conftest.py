"""Shared fixtures for the framework's own tests."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course import Course

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(ROOT)


def run_cli(*args, cwd=ROOT, timeout=600, env=None):
    """Run `python -m autograder ...` and return the completed process."""
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def require(tool: str) -> str:
    """A tool CI must have; locally a missing tool skips the test."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed")
    return path


def pytest_addoption(parser):
    parser.addoption("--parity-full", action="store_true", default=False,
                     help="grade every catalogue entry through Otter and nbgrader too "
                          "(make parity), not only the parity set")


@pytest.fixture(scope="session")
def parity(request, tmp_path_factory, course):
    """Every assignment's reference, stub and catalogue graded by `autograder grade`,
    `otter run` and nbgrader with one seed (see ecosystems.py); shared by the tests that
    compare or inspect them. ``$AUTOGRADER_PARITY_SEED`` replays a session's seed."""
    import secrets

    from . import ecosystems

    seed = int(os.environ.get("AUTOGRADER_PARITY_SEED") or secrets.randbits(63))
    full = request.config.getoption("--parity-full")
    return ecosystems.run_all(course, tmp_path_factory.mktemp("parity"), seed, full)


def pytest_terminal_summary(terminalreporter):
    from . import ecosystems

    if ecosystems.TIMINGS:
        terminalreporter.section("ecosystem timings")
        for what, seconds in ecosystems.TIMINGS:
            terminalreporter.write_line(f"{seconds:8.1f} s  {what}")


@pytest.fixture(scope="session")
def student_env():
    """The student's virtualenv (release/requirements.txt alone) and its kernel; built once,
    then cached by the file's hash (see student_env.py)."""
    from . import student_env as se

    return se.ensure()
