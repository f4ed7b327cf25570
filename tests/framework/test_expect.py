"""Assertions for students: integers are explained like arrays and never reveal hidden values."""

import numpy as np
import pytest

from autograder.testing import CheckFailure, Diagnose, StudentCodeError, blame_earlier, expect_int
from autograder.testing.expect import revealing


def _diagnose():
    return Diagnose(wrong_formulas={"ceil": ("the rounded-up size", lambda: 5),
                                  "same": ("the right answer again", lambda: 4)})


def test_expect_int_accepts_python_and_numpy_integers():
    expect_int(4, 4, name="n")
    expect_int(np.int64(4), 4, name="n", diagnose=_diagnose())


def test_expect_int_rejects_floats_with_a_type_tag():
    with pytest.raises(CheckFailure) as exc:
        expect_int(4.0, 4, name="n", diagnose=_diagnose())
    assert exc.value.tags == ("type",) and "the float 4.0" in str(exc.value)


def test_expect_int_names_the_matching_alternative():
    with pytest.raises(CheckFailure) as exc:
        expect_int(5, 4, name="n", diagnose=_diagnose())
    assert exc.value.tags == ("value", "formula:ceil")
    assert "matches the rounded-up size" in str(exc.value)


def test_expect_int_in_a_hidden_check_conceals_both_values():
    with revealing(False), pytest.raises(CheckFailure) as exc:
        expect_int(7, 4, name="n", diagnose=_diagnose())
    assert exc.value.tags == ("value",)
    assert "7" not in str(exc.value) and "4" not in str(exc.value)


def test_blame_earlier_names_only_the_wrong_earlier_functions():
    def compare():
        raise CheckFailure("loss is wrong.", ("value",))

    def raises():
        raise StudentCodeError("sigmoid", "not_implemented")

    with pytest.raises(CheckFailure) as exc:
        blame_earlier(compare, [("softmax", "q6", lambda: False), ("relu", "q1", lambda: True),
                                ("sigmoid", "q2", raises)])
    assert exc.value.tags == ("value", "depends:q6", "depends:q2")
    assert "Your `softmax` (q6) is wrong" in str(exc.value) and "relu" not in str(exc.value)


def test_blame_earlier_passes_through_when_nothing_earlier_is_wrong():
    blame_earlier(lambda: None, [("softmax", "q6", lambda: False)])  # compare passed: no probe
    with pytest.raises(CheckFailure) as exc:
        blame_earlier(lambda: (_ for _ in ()).throw(CheckFailure("wrong.", ("value",))),
                      [("softmax", "q6", lambda: True)])
    assert exc.value.tags == ("value",) and str(exc.value) == "wrong."
