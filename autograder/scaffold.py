"""``autograder new NAME``: the files of a new assignment, ready to build and validate.

It writes the assignment's single source, with one worked example of each part to replace:

- ``assignments/<name>/assignment.toml``: title, the contract's return kinds, one question,
  one written question;
- ``assignments/<name>/notebook.md``: the narrative with ``@solution``, ``@check`` and
  ``@written`` markers;
- ``solutions/<name>.py``: the reference (solution code between nbgrader's markers) and the
  written questions' model answers;
- ``tests/assignments/<name>/``: ``_data.py`` (inputs and NumPy models, which public checks may
  use), ``_oracles.py`` (what only hidden checks use), one public and one hidden check for the
  question (``test_q1_<function>.py``), and an empty catalogue (``mistakes.py`` of wrong
  implementations, ``variants.py`` of other correct ones).

The example question is a complete one: its checks compare values on inputs where a hollow or
constant answer is wrong, so ``autograder build <name>`` and ``autograder validate <name>``
pass before anything is edited. ``docs/authoring.md`` walks through what to change.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path

from autograder.course import Course, CourseError

_NAME = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


def files_for(name: str, title: str) -> dict[str, str]:
    """Repository-relative paths and contents of a new assignment ``name``."""
    return {
        f"assignments/{name}/assignment.toml": ASSIGNMENT_TOML.format(name=name, title=title),
        f"assignments/{name}/notebook.md": NOTEBOOK_MD.format(name=name, title=title),
        f"solutions/{name}.py": SOLUTION_PY.format(name=name),
        f"tests/assignments/{name}/__init__.py": "",
        f"tests/assignments/{name}/_data.py": DATA_PY.format(name=name),
        f"tests/assignments/{name}/_oracles.py": ORACLES_PY.format(name=name),
        f"tests/assignments/{name}/test_q1_weighted_sum.py": TEST_PY.format(name=name),
        f"tests/assignments/{name}/mistakes.py": MISTAKES_PY.format(name=name),
        f"tests/assignments/{name}/variants.py": VARIANTS_PY.format(name=name),
    }


def new_assignment(course: Course, name: str, title: str | None = None) -> list[Path]:
    """Write the files of a new assignment; refuse a bad or taken name. Returns the paths."""
    if not _NAME.match(name) or keyword.iskeyword(name):
        raise CourseError(f"{name!r} is not a usable assignment name: use 2-32 lowercase "
                          "letters, digits and underscores, starting with a letter")
    if name in course.names():
        raise CourseError(f"assignment {name!r} already exists in {course.root}")
    files = files_for(name, title or name.replace("_", " ").capitalize())
    taken = [p for p in files if (course.root / p).exists()]
    if taken:
        raise CourseError(f"{', '.join(taken)}: already exist; remove them or choose another "
                          "name")
    written = []
    for rel, text in files.items():
        path = course.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


ASSIGNMENT_TOML = '''# The {name} assignment: what the grader needs besides the narrative and
# the tests.
title = "{title}"

# The function-level contract (../shared/spec/assignments.md): each function's return kind:
# float, int, array, dict, any, cache (an opaque object handed back to the same student's
# backward function), callable, opaque, or a tuple such as "(out: array, cache: cache)".
[functions]
weighted_sum = "float"

[questions.q1]
title = "A weighted sum"
functions = ["weighted_sum"]

[written.w1]
title = "Why a weighted sum"
points = 1
'''

NOTEBOOK_MD = '''# {title}

Replace this narrative with the assignment's: the notation and the order of topics follow the
course notes. Each function the students write goes in a `@solution` cell, each question's
checks run in a `@check` cell, and each written question starts with a `@written` marker.

```python
import numpy as np
```

## Question 1: a weighted sum

The weighted sum of a vector $x$ with weights $w$ is $s = \\sum_i w_i x_i$.

```python
# @solution weighted_sum
```

```python
# @check q1
```

<!-- @written w1 -->
Why does a linear model compute a weighted sum of its inputs? Answer in two sentences.
'''

SOLUTION_PY = '''"""Reference solutions for the `{name}` assignment (hidden: never part of a
student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def weighted_sum(x, w):
    """The weighted sum s = sum_i w_i x_i.

    Inputs:
    - x: array of shape (d,)
    - w: array of shape (d,), the weights

    Returns a float.
    """
    ### BEGIN SOLUTION
    return float(np.dot(w, x))
    ### END SOLUTION


WRITTEN_ANSWERS = {{
    "w1": """A linear model scores an input by how much each feature counts, which is exactly a
weighted sum; the weights are what training learns.""",
}}
'''

DATA_PY = '''"""Inputs and NumPy models for the {name} checks (public checks may use
them: NumPy only)."""

import numpy as np


def weighted_problem(rng, d=5):
    """x and w of length d with mixed signs, so no answer is 0 or a constant by accident."""
    x = rng.standard_normal(d) + np.linspace(-1.0, 1.0, d)
    w = rng.uniform(0.5, 2.0, d) * rng.choice([-1.0, 1.0], d)
    return x, w
'''

ORACLES_PY = '''"""What only the hidden {name} checks use: independent oracles (SciPy, scikit-learn,
PyTorch through ``autograder.testing.autograd``) and wrong formulas for diagnoses. Import heavy
libraries inside the functions."""


def weighted_sum_oracle(x, w):
    """s by math.fsum, an independent summation."""
    import math

    return math.fsum(float(a) * float(b) for a, b in zip(x, w, strict=True))
'''

TEST_PY = '''"""q1: the weighted sum s = sum_i w_i x_i."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import weighted_problem

RTOL, ATOL = 1e-12, 1e-12


def _diagnose(x, w):
    return Diagnose(
        factors={{"d": float(len(x)), "1/d": 1.0 / len(x)}},
        hints={{"1/d": "The weighted sum is a sum, not a mean."}},
        wrong_formulas={{"unweighted": ("the plain sum of x (the weights are missing)",
                                       lambda: float(np.sum(x)))}},
    )


@check("q1", points=1)
def test_weighted_sum_on_a_small_example(sub):
    """s on a 3-vector you can check by hand: 2 * 1 - 1 * 3 + 0.5 * 7 = 2.5."""
    x, w = np.array([1.0, 3.0, 7.0]), np.array([2.0, -1.0, 0.5])
    expect_close(sub.weighted_sum(x, w), 2.5, name="weighted_sum(x, w)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(x, w))


@check("q1", points=2, hidden=True)
def test_weighted_sum_matches_an_independent_sum(sub, rng):
    """s on random vectors of two lengths matches an independent summation."""
    from ._oracles import weighted_sum_oracle

    for d in (4, 9):
        x, w = weighted_problem(rng, d)
        expect_close(sub.weighted_sum(x, w), weighted_sum_oracle(x, w),
                     name=f"weighted_sum of length {{d}}", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(x, w))
'''

MISTAKES_PY = '''"""Common mistakes in the {name} assignment, one per entry (see
autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake


@mistake("q1", cause="formula:unweighted", sample=True)
def weighted_sum(x, w):
    """Forgets the weights."""
    return float(np.sum(x))
'''

VARIANTS_PY = '''"""Other correct ways to write the {name} functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

from autograder.catalogue import variant


@variant("q1", id="weighted_sum-naive")
def weighted_sum(x, w):
    """A plain loop."""
    total = 0.0
    for i in range(len(x)):
        total += w[i] * x[i]
    return total
'''
