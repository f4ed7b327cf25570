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


def test_a_functions_own_variables_are_not_globals():
    """A demo assigning names that functions only use as parameters or locals is not run."""
    cells = ["import numpy as np",
             "def ridge(X, lam):\n    k = [lam * i for i in range(2)]\n    return X * k[1]",
             "lam = 3.0\nk = 2\nprint(ridge(np.ones(2), lam))",          # a demo
             "class Model:\n    scale = SCALE\n    def f(self):\n        return OFFSET",
             "SCALE = 2.0",
             "OFFSET = 1.0"]
    assert needed_cells(cells, ["ridge"]) == [0, 1]
    # A class body reads its globals; a method reads its own (class names are not in scope).
    assert needed_cells(cells, ["Model"]) == [0, 3, 4, 5]


def test_closures_read_their_enclosing_function_not_the_notebook():
    cells = ["def outer(x):\n    scale = 2\n    def inner():\n        return x * scale\n"
             "    return inner() + BIAS",
             "scale = 10",
             "BIAS = 1"]
    assert needed_cells(cells, ["outer"]) == [0, 2]


def test_cells_python_cannot_parse_run_everything():
    """Nesting too deep for the parser (MemoryError, RecursionError) is not a grader error."""
    for deep in ("-" * 5_000 + "1", "-" * 10_000 + "1"):  # RecursionError, MemoryError
        assert needed_cells(["def f():\n    return 1", deep], ["f"]) is None


def test_a_cell_too_deep_to_parse_is_graded_not_a_grader_error(tmp_path):
    import json
    from pathlib import Path

    from autograder.course import Course
    from autograder.grading.grade import grade_file
    from autograder.sandbox.modes import detect

    root = Path(__file__).resolve().parents[2]
    a = Course(root).assignment("ols")
    cells = [(root / "samples" / "ols" / "reference-script.py").read_text(), "-" * 10_000 + "1"]
    nb = {"cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": [],
                     "execution_count": None} for c in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "deep.ipynb"
    path.write_text(json.dumps(nb))
    outcome = grade_file(a, path, seed=3, mode=detect())
    assert outcome.status == "graded" and outcome.score == a.max_points, outcome.notes
