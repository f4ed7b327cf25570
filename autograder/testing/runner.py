"""Run checks against a submission and report each one's outcome.

The runner is what the grader, the Otter plugin, the nbgrader bridge and the students' public
checks share: every check gets a fresh ``rng`` derived from the submission's seed and the
check's own name (so results do not depend on which other checks ran), hidden checks run with
values concealed, and any failure becomes one short message.
"""

from __future__ import annotations

import inspect
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from autograder.core.submission import StudentCodeError, Submission
from autograder.testing.expect import CheckFailure, revealing
from autograder.testing.registry import Check, CheckInfo

__all__ = ["CheckResult", "check_rng", "run_check", "run_checks"]


@dataclass
class CheckResult:
    info: CheckInfo
    passed: bool
    message: str = ""
    tags: tuple[str, ...] = ()
    seconds: float = 0.0
    internal_error: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def score(self) -> float:
        return self.info.points if self.passed else 0.0


def check_rng(seed: int, info: CheckInfo) -> np.random.Generator:
    return np.random.default_rng([int(seed) & (2**63 - 1), info.seed_salt()])


def fixtures_for(check: Check, sub: Submission, seed: int) -> dict:
    """The arguments a check declares: ``sub`` and/or ``rng`` (as pytest fixtures would)."""
    params = inspect.signature(check.func).parameters
    available = {"sub": lambda: sub, "rng": lambda: check_rng(seed, check.info)}
    unknown = [p for p in params if p not in available]
    if unknown:
        raise TypeError(f"check {check.info.name} asks for unknown fixtures {unknown}")
    return {p: available[p]() for p in params}


def run_check(check: Check, sub: Submission, seed: int) -> CheckResult:
    start = time.perf_counter()
    info = check.info
    try:
        with revealing(not info.hidden):
            check.func(**fixtures_for(check, sub, seed))
    except CheckFailure as exc:
        return CheckResult(info, False, str(exc), exc.tags, time.perf_counter() - start)
    except StudentCodeError as exc:
        tag = "mutated" if exc.kind == "mutated" else f"code:{exc.kind}"
        return CheckResult(info, False, exc.student_message(), (tag,),
                           time.perf_counter() - start, extra={"function": exc.fn})
    except AssertionError as exc:  # a plain assert in a check
        message = str(exc) or "a check failed"
        return CheckResult(info, False, message, (), time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - the check could not evaluate this output
        return CheckResult(
            info,
            False,
            f"The grader could not evaluate your output ({type(exc).__name__}). Check the "
            "types and shapes your functions return.",
            ("internal",),
            time.perf_counter() - start,
            internal_error="".join(traceback.format_exception(exc)),
        )
    return CheckResult(info, True, "", (), time.perf_counter() - start)


def run_checks(checks: Iterable[Check], sub: Submission, seed: int) -> Iterator[CheckResult]:
    for c in checks:
        yield run_check(c, sub, seed)
