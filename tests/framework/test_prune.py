"""Which cells grading runs: what the graded functions need, and nothing that could hide."""

from autograder.grading.prune import needed_cells

CELLS = [
    "import numpy as np\nimport matplotlib.pyplot as plt",      # 0 imports: always
    "SCALE = 2.0\nunused = 5",                                    # 1 defines SCALE (used by f)
    "def helper(x):\n    return x * SCALE",                       # 2 used by f
    "def f(x):\n    return helper(x) + OFFSET",                   # 3 a root
    "OFFSET = np.ones(1)",                                        # 4 used by f
    "plt.plot([1, 2])\nplt.show()",                               # 5 a demo
    "result = f(np.ones(3))\nprint(result)",                      # 6 a demo using f
    "def g():\n    return 1",                                     # 7 not needed
]


def test_only_what_the_roots_need_runs():
    assert needed_cells(CELLS, ["f"]) == [0, 1, 2, 3, 4]


def test_redefinitions_are_all_kept_in_order():
    cells = ["def f():\n    return 1", "print(f())", "def f():\n    return 2"]
    assert needed_cells(cells, ["f"]) == [0, 2]


def test_globals_assigned_inside_functions_count_as_definitions():
    cells = ["def setup():\n    global W\n    W = 3", "def f():\n    return W"]
    assert needed_cells(cells, ["f"]) == [0, 1]


def test_dynamic_code_or_syntax_errors_run_everything():
    assert needed_cells(["def f():\n    return 1", "globals()['x'] = 1"], ["f"]) is None
    assert needed_cells(["def f(:\n    pass"], ["f"]) is None
    assert needed_cells(["from math import *", "def f():\n    return pi"], ["f"]) is None


def test_magics_do_not_break_the_analysis():
    cells = ["%matplotlib inline\nimport numpy as np", "def f():\n    return np.pi", "!ls"]
    assert needed_cells(cells, ["f"]) == [0, 1]


def test_a_global_the_analysis_misses_falls_back_to_running_every_cell(tmp_path):
    import json
    from pathlib import Path

    from autograder.course import Course
    from autograder.grading.grade import grade_file
    from autograder.sandbox.modes import detect

    root = Path(__file__).resolve().parents[2]
    a = Course(root).assignment("ols")
    cells = ["import numpy as np",
             "def setup():\n    global HALF\n    HALF = 0.5",
             "setup()",  # not needed as far as the analysis can tell
             "def ols_cost(X, y, beta):\n    r = y - X @ beta\n    return HALF * float(r @ r)"]
    nb = {"cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": [],
                     "execution_count": None} for c in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "sub.ipynb"
    path.write_text(json.dumps(nb))
    outcome = grade_file(a, path, seed=3, mode=detect())
    assert outcome.question_score("q1") == a.points("q1")
