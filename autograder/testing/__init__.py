"""What a test module imports: the check decorator, assertions, diagnoses and helpers."""

from autograder.core.submission import CallResult, Handle, StudentCodeError, Submission
from autograder.testing.diagnose import Diagnose
from autograder.testing.expect import (
    CheckFailure,
    expect_array,
    expect_close,
    expect_dict_keys,
    expect_float,
    expect_inputs_unchanged,
    expect_int,
    expect_rel_error,
    expect_true,
    fail,
)
from autograder.testing.numeric import numerical_gradient, numerical_vjp
from autograder.testing.registry import check

__all__ = [
    "CallResult",
    "CheckFailure",
    "Diagnose",
    "Handle",
    "StudentCodeError",
    "Submission",
    "check",
    "expect_array",
    "expect_close",
    "expect_dict_keys",
    "expect_float",
    "expect_inputs_unchanged",
    "expect_int",
    "expect_rel_error",
    "expect_true",
    "fail",
    "numerical_gradient",
    "numerical_vjp",
]
