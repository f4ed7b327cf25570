"""Seeds for hidden inputs: unpredictable by default, fixed by the instructor when wanted.

Every check draws its inputs from ``rng(seed, check)``, so one seed fixes every hidden input of
a submission. ``$AUTOGRADER_SEED`` is honoured by all three grading paths (``autograder grade``,
the Otter plugin on Gradescope or under ``otter run``, and nbgrader's grade cells), so the same
submission gets the same inputs, and hence the same scores, on each of them.
"""

from __future__ import annotations

import os
import secrets

SEED_ENV = "AUTOGRADER_SEED"


def new_seed() -> int:
    """A seed the student cannot predict (recorded in the result for an exact regrade)."""
    return secrets.randbits(63)


def parse_seed(value: str | int) -> int:
    try:
        seed = int(value, 0) if isinstance(value, str) else int(value)
    except ValueError:
        raise ValueError(f"a seed must be an integer, not {value!r}") from None
    return seed & (2**63 - 1)


def seed_from_env() -> int | None:
    """The seed fixed in ``$AUTOGRADER_SEED``, or None when it is unset or empty."""
    value = os.environ.get(SEED_ENV, "").strip()
    if not value:
        return None
    try:
        return parse_seed(value)
    except ValueError:
        raise ValueError(f"${SEED_ENV} must be an integer, not {value!r}") from None
