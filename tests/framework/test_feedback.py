"""Feedback that diagnoses the mistake, and never shows a hidden expected value."""

import re

import numpy as np
import pytest

from autograder.testing import CheckFailure, Diagnose, expect_close, expect_float
from autograder.testing.expect import expect_array, revealing

rng = np.random.default_rng(0)
WANT = rng.standard_normal((3, 4))


def failure(got, want=WANT, hidden=False, **kw):
    kw.setdefault("rtol", 1e-8)
    kw.setdefault("atol", 1e-10)
    with revealing(not hidden), pytest.raises(CheckFailure) as exc:
        expect_close(got, want, name="out", **kw)
    return exc.value


@pytest.mark.parametrize("factor,tag", [(2.0, "factor:2"), (0.5, "factor:1/2"), (-1.0, "sign")])
def test_default_factors(factor, tag):
    assert tag in failure(factor * WANT).tags


def test_named_factors_and_hints():
    d = Diagnose(factors={"1/N": 1 / 3}, hints={"1/N": "Sum, not mean."})
    f = failure(WANT / 3, diagnose=d)
    assert f.tags == ("factor:1/N",) and "Sum, not mean." in str(f)


def test_transpose_square_and_not_square():
    square = rng.standard_normal((3, 3))
    assert "transpose" in failure(square.T, want=square).tags
    f = failure(WANT.T)  # (4, 3) instead of (3, 4)
    assert "transpose" in f.tags and "expected (3, 4), got (4, 3)" in str(f)


def test_registered_alternatives_are_named():
    flipped = WANT[:, ::-1]
    d = Diagnose(wrong_formulas={"flip": ("the kernel flipped", lambda: flipped)})
    f = failure(flipped.copy(), diagnose=d)
    assert f.tags == ("formula:flip",) and "the kernel flipped" in str(f)


def test_an_alternative_equal_to_the_right_answer_is_not_blamed():
    d = Diagnose(wrong_formulas={"same": ("the same thing", lambda: WANT)})
    assert "formula:same" not in failure(WANT + 1.0, diagnose=d).tags


def test_regions_and_axis_localise_the_error():
    got = WANT.copy()
    got[:, 2:] += 1.0
    d = Diagnose(regions={"left": (slice(None), slice(0, 2)),
                          "right": (slice(None), slice(2, 4))},
                 axis=(1, "time step"))
    f = failure(got, diagnose=d)
    assert "regions:right" in f.tags and "axis:time step:2-3" in f.tags
    assert "Wrong: right. Right: left." in str(f)


def test_offset():
    assert "offset" in failure(WANT + 0.25).tags


def test_hidden_checks_never_show_values():
    got = WANT.copy()
    got[1, 2] = 123.456
    public = str(failure(got))
    hidden = str(failure(got, hidden=True))
    assert "123.456" in public
    for text in (f"{WANT[1, 2]:.6g}", "123.456", "expected -", "got 1"):
        assert text not in hidden
    assert "rtol=1e-08" in hidden and "index (1, 2)" in hidden


def test_hidden_scalar_messages_never_show_values():
    with revealing(False), pytest.raises(CheckFailure) as exc:
        expect_close(4.25, 3.5, name="cost", rtol=1e-9, atol=0)
    assert not re.search(r"4\.25|3\.5", str(exc.value))


def test_shapes_types_and_non_finite_values():
    with pytest.raises(CheckFailure, match=r"flatten"):
        expect_array(np.ones((5, 1)), name="y", shape=(5,))
    with pytest.raises(CheckFailure, match=r"NumPy array of shape \(3,\); got a list"):
        expect_array([1.0, 2.0, 3.0], name="y", shape=(3,))
    with pytest.raises(CheckFailure) as exc:
        expect_close(np.array([1.0, np.nan]), np.ones(2), name="y", rtol=1e-8, atol=0)
    assert exc.value.tags == ("not_finite",) and "1 NaN" in str(exc.value)
    with pytest.raises(CheckFailure, match=r"\.item\(\)"):
        expect_float(np.ones(1), name="J")
    assert expect_float(np.float64(2.5), name="J") == 2.5
    assert expect_float(np.array(1.5), name="J") == 1.5


def test_mutated_inputs_are_named_on_the_call_that_changed_them():
    from autograder.core.contract import parse_contract
    from autograder.testing.local import LocalSubmission
    from autograder.testing.registry import check
    from autograder.testing.runner import run_check

    ns = {}
    exec("def f(x, y):\n    y[0] = 9.0\n    return x + y\n", ns)  # noqa: S102 - test code
    sub = LocalSubmission(ns, parse_contract({"f": "array"}))

    @check("q1")
    def test_f(sub):
        """f adds."""
        expect_close(sub.f(np.ones(2), np.zeros(2)), np.ones(2), name="f", rtol=0, atol=0)

    from autograder.testing.registry import ATTR, Check

    result = run_check(Check(getattr(test_f, ATTR), test_f), sub, 1)
    assert not result.passed and result.tags == ("mutated",)
    assert "`y`" in result.message and "`x`" not in result.message


def test_tolerances_accept_rounding_differences():
    expect_close(WANT * (1 + 1e-12), WANT, name="out", rtol=1e-10, atol=0)


def test_a_dtype_other_than_float64_is_named_before_values():
    with pytest.raises(CheckFailure, match="dtype float32") as exc:
        expect_close(WANT.astype(np.float32), WANT, name="out", rtol=1e-10, atol=0)
    assert exc.value.tags == ("dtype",) and "expected" not in str(exc.value).split("dtype")[0]
    with pytest.raises(CheckFailure, match="holds integers") as exc:
        expect_close(np.array([1, 2]), np.array([1.0, 2.0]), name="out", rtol=0, atol=0)
    assert exc.value.tags == ("dtype",)


def test_a_float32_number_from_a_student_is_named_as_such():
    from autograder.core.contract import parse_contract
    from autograder.testing.local import LocalSubmission

    ns = {}
    exec("import numpy as np\ndef f():\n    return np.float32(0.1)\n", ns)  # noqa: S102
    value = LocalSubmission(ns, parse_contract({"f": "float"})).f()
    with pytest.raises(CheckFailure, match="float32") as exc:
        expect_float(value, name="f()")
    assert exc.value.tags == ("dtype",)


def test_a_failing_call_reports_the_students_exception_and_own_text():
    from autograder.core.contract import parse_contract
    from autograder.core.submission import StudentCodeError
    from autograder.testing.local import LocalSubmission

    ns = {}
    exec("def f(x):\n    raise NotImplementedError('only 2-D inputs')\n"  # noqa: S102
         "def g(x):\n    return x[5]\n"
         "def h(x):\n    raise NotImplementedError()\n", ns)
    sub = LocalSubmission(ns, parse_contract({"f": "any", "g": "any", "h": "any"}))
    with pytest.raises(StudentCodeError) as exc:
        sub.f(np.zeros(2))
    assert "only 2-D inputs" in exc.value.student_message()
    with pytest.raises(StudentCodeError) as exc:
        sub.g(np.zeros(2))
    assert "IndexError" in exc.value.student_message() and "out of bounds" in \
        exc.value.student_message()
    with pytest.raises(StudentCodeError) as exc:
        sub.h(np.zeros(2))
    assert "is not implemented yet" in exc.value.student_message()
