"""Fixtures for the assignment checks when pytest runs them.

By default ``sub`` is the hidden reference solution, loaded in-process, so ``pytest`` proves the
reference earns every point of every check. ``--submission PATH`` grades a notebook or ``.py``
file instead, in the sandbox, exactly as ``autograder grade`` would. ``-m ols_q3`` selects one
question's checks.
"""

import pytest

from autograder.course import Course
from autograder.testing.registry import ATTR
from autograder.testing.runner import check_rng

_course = Course.find(__file__)


def pytest_addoption(parser):
    group = parser.getgroup("autograder")
    group.addoption("--seed", type=int, default=20261121, help="seed for every check's rng")
    group.addoption("--submission", default=None,
                    help="grade this .ipynb/.py in the sandbox instead of the reference")


def _assignment_of(item):
    parts = item.module.__name__.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["tests", "assignments"] else None


def pytest_collection_modifyitems(config, items):
    for item in items:
        name = _assignment_of(item)
        if name is None:
            continue
        info = getattr(item.function, ATTR, None)
        if info is None:
            raise pytest.UsageError(
                f"{item.nodeid}: every test under tests/assignments must be a @check"
            )
        marker = f"{name}_{info.question}"
        config.addinivalue_line("markers", f"{marker}: checks of {name} question {info.question}")
        item.add_marker(marker)
        if info.hidden:
            item.add_marker("hidden")


def pytest_configure(config):
    config.addinivalue_line("markers", "hidden: a hidden check")


@pytest.fixture(scope="session")
def _submissions(request):
    opened = {}
    yield opened
    for s in opened.values():
        s.close()


@pytest.fixture
def sub(request, _submissions):
    name = _assignment_of(request.node)
    if name not in _submissions:
        assignment = _course.assignment(name)
        path = request.config.getoption("--submission")
        if path is None:
            _submissions[name] = assignment.reference()
        else:
            from autograder.grading.load import load_submission
            from autograder.sandbox.modes import detect
            from autograder.sandbox.proxy import SandboxedSubmission

            cells = load_submission(path).cells
            s = SandboxedSubmission(cells, assignment.contract, mode=detect())
            s.start()
            _submissions[name] = s
    return _submissions[name]


@pytest.fixture
def rng(request):
    info = getattr(request.function, ATTR)
    return check_rng(request.config.getoption("--seed"), info)
