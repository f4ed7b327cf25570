"""A point means a right answer: submissions derived from the reference that return the right
types and shapes but wrong values (all zeros; one constant everywhere) earn nothing, on every
question of every assignment, and input-unchanged conditions are verified on the very call
whose values a check compares."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.core.contract import parse_contract
from autograder.course import Course
from autograder.derived import CONSTANTS, HOLLOW, derived_submissions, fill
from autograder.testing import StudentCodeError
from autograder.testing.local import LocalSubmission
from autograder.testing.runner import run_check

from .conftest import ROOT

NAMES = Course(ROOT).names()


@pytest.mark.parametrize("name", NAMES)
def test_hollow_and_constant_submissions_earn_nothing(course, name):
    a = course.assignment(name)
    for label, sub in derived_submissions(a.reference):
        for seed in (1, 2026):
            passing = [f"{r.info.question} {r.info.name}" for r in
                       (run_check(c, sub, seed) for c in a.checks) if r.passed]
            assert not passing, f"{name}: the {label} submission (seed {seed}) passes {passing}"


def test_fill_keeps_structure_and_opaque_objects():
    from autograder.core.codec import Handle

    value = (np.arange(6.0).reshape(2, 3), Handle(3), {"w": np.array([1, 2]), "n": 4},
             [True, np.array([True, False])], 2.5, None)
    zero = fill(value, HOLLOW)
    assert zero[0].shape == (2, 3) and not zero[0].any() and zero[0].dtype == np.float64
    assert zero[1] == Handle(3)
    assert zero[2]["w"].dtype.kind == "i" and zero[2]["n"] == 0
    assert zero[3][0] is False and zero[4] == 0.0 and zero[5] is None
    one = fill(value, CONSTANTS[0])
    assert (one[0] == 1.0).all() and one[2]["n"] == 1 and one[3][0] is True


def test_a_value_read_from_a_call_that_changed_its_input_earns_nothing():
    ns = {}
    exec("def f(x):\n    x += 1\n    return x.sum()\n", ns)  # noqa: S102 - a test's own code
    sub = LocalSubmission(ns, parse_contract({"f": "float"}))
    with pytest.raises(StudentCodeError) as info:
        sub.f(np.zeros(3))
    assert info.value.kind == "mutated" and "`x`" in info.value.student_message()
    assert sub.call("f", np.zeros(3)).mutated == ["x"]
