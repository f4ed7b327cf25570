"""The toolkit a check file imports: the check decorator, assertions with messages written
for students, diagnoses of common mistakes, and numeric helpers.

NumPy only, except :mod:`autograder.testing.autograd` (PyTorch oracles for hidden checks).
"""

from autograder.core.submission import CallResult, Handle, StudentCodeError, Submission
from autograder.testing.diagnose import Diagnose, once
from autograder.testing.expect import (
    CheckFailure,
    expect_array,
    expect_close,
    expect_dict_keys,
    expect_equal,
    expect_float,
    expect_int,
    expect_rel_error,
    expect_true,
    fail,
)
from autograder.testing.numeric import (
    FD_ATOL,
    FD_RTOL,
    finite_differences,
    numerical_gradient,
    numerical_vjp,
)
from autograder.testing.outputs import blame_earlier, expect_depends_on, expect_outputs
from autograder.testing.registry import check

__all__ = [
    "FD_ATOL",
    "FD_RTOL",
    "CallResult",
    "CheckFailure",
    "Diagnose",
    "Handle",
    "StudentCodeError",
    "Submission",
    "blame_earlier",
    "check",
    "expect_array",
    "expect_close",
    "expect_depends_on",
    "expect_dict_keys",
    "expect_equal",
    "expect_float",
    "expect_int",
    "expect_outputs",
    "expect_rel_error",
    "expect_true",
    "fail",
    "finite_differences",
    "numerical_gradient",
    "numerical_vjp",
    "once",
]
