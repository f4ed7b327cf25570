"""The sandboxed child: plain data back, limits enforced, every failure reported."""

import time

import numpy as np
import pytest

from autograder.core.contract import parse_contract
from autograder.core.submission import StudentCodeError
from autograder.sandbox.modes import MODES, Limits, detect
from autograder.sandbox.proxy import SandboxedSubmission

CONTRACT = parse_contract({"f": "array", "fwd": "(out: array, cache: cache)", "bwd": "array",
                           "g": "float"})


def available_modes():
    out = []
    for m in MODES:
        try:
            out.append(detect(m))
        except RuntimeError:
            pass
    return out


@pytest.fixture(params=[m.name for m in available_modes()])
def mode(request):
    return detect(request.param)


def sandbox(cells, mode, **limits):
    return SandboxedSubmission(cells, CONTRACT, mode=mode, limits=Limits(**limits))


def test_calls_return_plain_data_and_caches_stay_inside(mode):
    cells = ["import numpy as np",
             "def fwd(x):\n    return x * 2, {'x': x, 'obj': object()}\n"
             "def bwd(d, cache):\n    return d * cache['x']"]
    with sandbox(cells, mode) as sub:
        out, cache = sub.fwd(np.array([1.0, 2.0]))
        assert type(out) is np.ndarray and out.tolist() == [2.0, 4.0]
        assert repr(cache).startswith("<opaque object")
        assert sub.bwd(np.array([3.0, 4.0]), cache).tolist() == [3.0, 8.0]


def test_mutated_inputs_are_reported(mode):
    with sandbox(["def f(x):\n    x += 1\n    return x"], mode) as sub:
        x = np.zeros(3)
        result = sub.call("f", x)
        assert result.mutated == ["x"]
        assert x.tolist() == [0.0, 0.0, 0.0]  # the grader's copy is untouched


def test_only_the_modified_container_is_reported(mode):
    cells = ["def f(a, b, c):\n    b.insert(0, 1)\n    c['k'] = 2\n    return 1.0"]
    with sandbox(cells, mode) as sub:
        assert sub.call("f", [3, 4], [5, 6], {"k": 1}).mutated == ["b", "c"]
        assert sub.call("f", [3, 4], [5, 6], c={}).mutated == ["b", "c"]


def test_missing_function_suggests_the_closest_name(mode):
    with sandbox(["def gg(): return 1.0"], mode) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.g()
    assert exc.value.kind == "missing" and "`gg`" in exc.value.student_message()


def test_wrong_structure_is_explained(mode):
    with sandbox(["import numpy as np\ndef fwd(x):\n    return x"], mode) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.fwd(np.ones(2))
    assert exc.value.kind == "return" and "tuple (out, cache)" in exc.value.detail


def test_a_hanging_call_times_out_and_the_next_call_gets_a_fresh_child(mode):
    cells = ["import time\ndef f(x):\n    while True: pass", "def g():\n    return 2.0"]
    with sandbox(cells, mode, call_seconds=1.0) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.f(1)
        assert exc.value.kind == "timeout"
        assert sub.g() == 2.0


def test_a_crashing_call_is_reported(mode):
    cells = ["import os\ndef f():\n    os._exit(3)", "def g():\n    return 1.0"]
    with sandbox(cells, mode) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.f()
        assert exc.value.kind == "crash" and "exit code 3" in exc.value.detail
        assert sub.g() == 1.0


def test_a_cell_that_hangs_is_skipped_and_the_rest_still_loads(mode):
    cells = ["def g():\n    return 5.0", "while True:\n    pass", "def f(x):\n    return x"]
    with sandbox(cells, mode, load_seconds=1.5) as sub:
        assert sub.report.loaded and sub.report.skipped_cells == [2]
        assert sub.g() == 5.0 and sub.f(np.ones(1)).tolist() == [1.0]


def test_memory_limit(mode):
    cells = ["import numpy as np\ndef f():\n    return float(np.ones(2**30).sum())"]
    with sandbox(cells, mode, memory_bytes=1 << 30) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.f()
    assert exc.value.kind == "memory"


def test_cell_errors_do_not_stop_later_cells(mode):
    with sandbox(["1/0", "def g():\n    return 3.0"], mode) as sub:
        assert sub.report.cell_errors[0]["cell"] == 1
        assert "ZeroDivisionError" in sub.report.cell_errors[0]["error"]
        assert sub.g() == 3.0


def test_private_tmp_is_mounted_before_binds_that_may_live_under_it():
    from autograder.sandbox.modes import bwrap_command

    cmd = bwrap_command("bwrap", Limits(), extra_ro=["/tmp/checkout/.venv"])
    tmpfs = cmd.index("/tmp", cmd.index("--tmpfs"))
    bind = cmd.index("/tmp/checkout/.venv")
    assert tmpfs < bind


def test_plotting_imports_are_deferred_until_used(mode):
    cells = ["import sys\nimport matplotlib.pyplot as plt\nfrom matplotlib import cm",
             "def g():\n    return float('matplotlib.font_manager' in sys.modules)",
             "def f():\n    fig, ax = plt.subplots()\n    ax.plot([1.0, 2.0])\n"
             "    return float(len(ax.lines))"]
    with sandbox(cells, mode) as sub:
        assert sub.g() == 0.0  # imported, not loaded
        assert sub.f() == 1.0  # first use loads the real module
        assert sub.g() == 1.0


def test_the_wall_budget_counts_the_submissions_time_not_the_graders():
    cells = ["import time\ndef f(t):\n    time.sleep(t)\n    return 1.0"]
    with sandbox(cells, detect(), wall_seconds=5.0, call_seconds=4.0) as sub:
        for _ in range(3):
            assert sub.f(0.1) == 1.0
            time.sleep(2.0)  # the grader computing expected values: not the student's time
        assert sub.f(1.0) == 1.0
        with pytest.raises(StudentCodeError) as exc:
            sub.f(4.0)  # loading and the calls above used part of the 5 s: the budget binds
    assert exc.value.kind == "timeout" and "total time limit of 5 s" in exc.value.detail


def test_a_cell_longer_than_an_answer_may_be_still_runs(mode):
    from autograder.core.codec import MAX_STRING

    data = "DATA = " + repr("x" * MAX_STRING) + "\n"
    with sandbox([data + "def g():\n    return float(len(DATA))"], mode) as sub:
        assert sub.report.loaded and sub.g() == MAX_STRING


def test_not_implemented_keeps_the_students_own_text(mode):
    from autograder.testing.local import LocalSubmission

    cells = ["def f():\n    raise NotImplementedError('stride > 1 is not supported')\n"
             "def g():\n    raise NotImplementedError()\n"]
    namespace: dict = {}
    exec(cells[0], namespace)
    with sandbox(cells, mode) as sub:
        for s in (sub, LocalSubmission(namespace, CONTRACT)):
            with pytest.raises(StudentCodeError) as own:
                s.f()
            with pytest.raises(StudentCodeError) as bare:
                s.g()
            assert own.value.kind == bare.value.kind == "not_implemented"
            assert own.value.student_message().startswith(
                "`f` is not implemented yet: NotImplementedError: stride > 1 is not supported")
            assert bare.value.student_message() == (
                "`g` is not implemented yet (it raised NotImplementedError).")


@pytest.mark.parametrize("kind", ["script", "notebook"])
def test_locations_say_line_in_a_file_and_cell_and_line_in_a_notebook(mode, kind):
    cells = ["import os\ndef f():\n    return 1 / 0\nos._exit(0)\n"]
    if kind == "notebook":
        cells = ["x = 1", *cells]
    with SandboxedSubmission(cells, CONTRACT, mode=mode, kind=kind) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.f()
    where = "line 3" if kind == "script" else "cell 2, line 3"
    assert exc.value.detail.endswith(f"(in f, {where})")
    assert sub.report.events[0].startswith(
        f"Running {'line 4' if kind == 'script' else 'cell 2, line 4'} failed")


def test_a_syntax_error_says_where_in_the_students_words():
    from autograder.sandbox.harness import run_cells

    (script,) = run_cells(["x = 1\ny = (\n"], {}, kind="script")
    (notebook,) = run_cells(["x = 1", "y = (\n"], {}, kind="notebook")
    assert script["error"] == "SyntaxError: '(' was never closed (line 2)"
    assert notebook["error"] == "SyntaxError: '(' was never closed (cell 2, line 1)"
