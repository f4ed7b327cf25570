"""Arguments that are not plain data, and what the student's code returns that is not data:
the same behaviour in-process (LocalSubmission) and in every sandbox mode.

- a NumPy Generator argument is consumed as by a real call (its final state comes back);
- a test's callable runs in the grader; the student's code gets a proxy, and objects that are
  not data come back as references only the grader can resolve;
- functions the student's code returns (``callable``) and other objects (``opaque``) stay with
  it as handles; ``sub.invoke`` calls them, ``sub.function`` passes the student's own one.

Hostile children (sandbox only) that forge callback frames, flood them, or answer with
malformed generator states or references end exactly as any other forged frame does.
"""

from __future__ import annotations

import contextlib
import os
import time

import numpy as np
import pytest

from autograder.core import arguments
from autograder.core.contract import parse_contract
from autograder.core.submission import Handle, StudentCodeError
from autograder.sandbox.harness import run_cells
from autograder.sandbox.modes import MODES, Limits, detect
from autograder.sandbox.proxy import SandboxedSubmission
from autograder.testing.local import LocalSubmission

CONTRACT = parse_contract({
    "bootstrap_indices": "array", "draws": "any", "same": "any", "cross_validate": "float",
    "call_back": "any", "quadratic": "(f: callable, grad: callable)", "minimize": "array",
    "run": "array", "make_model": "opaque", "not_a_function": "(f: callable, g: callable)",
    "crash": "any", "g": "any", "reuse": "any", "make_step": "callable",
})

CELLS = ['''
import numpy as np

def bootstrap_indices(n, rng):
    return rng.integers(0, n, size=n)

def draws(config):
    a = config["rngs"][0].standard_normal(3)
    b = config["rngs"][1].random(2)
    if config.get("fail"):
        raise ValueError("after drawing")
    return [a, b]

def same(a, b):
    return a is b

def cross_validate(X, y, k, fit, predict, loss):
    folds = np.array_split(np.arange(len(y)), k)
    total = 0.0
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        model = fit(X[train], y[train])
        total += loss(predict(model, X[test]), y[test])
    return total / k

_kept = []

def call_back(fn, *args, keep=False, times=1):
    if keep:
        _kept.append(fn)
    try:
        for _ in range(times):
            out = fn(*args)
        return ["ok", out]
    except Exception as e:
        return [type(e).__name__, str(e)]

def quadratic(A, b):
    def f(x):
        return 0.5 * float(x @ A @ x) - float(b @ x)
    def grad(x):
        return A @ x - b
    return f, grad

def minimize(grad, x0, lr=0.1, steps=200):
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * grad(x)
    return x

def adam(x, g):
    return x - 0.5 * g

def run(step, x, g):
    return step(x, g)

class Model:
    def __init__(self, w):
        self.w = w
    def __call__(self, X):
        return X @ self.w

def make_model(w):
    return Model(np.asarray(w, dtype=float))

def not_a_function():
    return (lambda x: x), 3.0

def crash():
    import os
    os._exit(3)

def g():
    return 1.0

def reuse():
    try:
        _kept[0](1.0)
        return ["ok"]
    except Exception as e:
        return [type(e).__name__, str(e)]

def make_step():
    def step(x):
        x *= 2
        return float(x.sum())
    return step
''']


def _available():
    out = []
    for m in MODES:
        try:
            detect(m)
            out.append(m)
        except RuntimeError:
            pass
    return out


@contextlib.contextmanager
def _submission(where: str, cells=CELLS, **limits):
    if where == "in-process":
        namespace = {"__name__": "__main__"}
        assert run_cells(cells, namespace) == []
        yield LocalSubmission(namespace, CONTRACT)
    else:
        with SandboxedSubmission(cells, CONTRACT, mode=detect(where),
                                 limits=Limits(**limits)) as sub:
            assert sub.report.loaded, sub.report
            yield sub


@pytest.fixture(params=["in-process", *_available()])
def where(request):
    return request.param


SANDBOXES = [m for m in ("bwrap", "landlock") if m in _available()]


# ---------------------------------------------------------------------------- generators


def _same_state(a, b) -> bool:
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(
            _same_state(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and np.array_equal(a, b)
    return a == b


@pytest.mark.parametrize("bit", ["PCG64", "Philox", "SFC64", "MT19937"])
def test_a_generator_is_consumed_as_by_a_real_call(where, bit):
    def make():
        return np.random.Generator(getattr(np.random, bit)(7))

    g, reference = make(), make()
    with _submission(where) as sub:
        idx = sub.bootstrap_indices(10, g)
    assert np.array_equal(idx, reference.integers(0, 10, size=10))
    assert _same_state(g.bit_generator.state, reference.bit_generator.state)
    assert np.array_equal(g.random(4), reference.random(4))  # the same stream goes on


def test_the_issues_example(where):
    g = np.random.default_rng(7)
    with _submission(where) as sub:
        idx = sub.bootstrap_indices(10, g)
    r = np.random.default_rng(7)
    assert np.array_equal(idx, r.integers(0, 10, size=10))
    assert g.bit_generator.state == r.bit_generator.state


def test_generators_nested_in_arguments_are_consumed_even_when_the_call_raises(where):
    g1, g2 = np.random.default_rng(1), np.random.Generator(np.random.Philox(2))
    r1, r2 = np.random.default_rng(1), np.random.Generator(np.random.Philox(2))
    with _submission(where) as sub:
        a, b = sub.draws({"rngs": [g1, g2]})
        assert np.array_equal(a, r1.standard_normal(3)) and np.array_equal(b, r2.random(2))
        with pytest.raises(StudentCodeError) as exc:
            sub.draws({"rngs": (g1, g2), "fail": True})
        assert exc.value.kind == "exception"
        r1.standard_normal(3), r2.random(2)  # consumed before it raised, as in a real call
        assert np.array_equal(g1.random(2), r1.random(2))
        assert np.array_equal(g2.random(2), r2.random(2))
        g = np.random.default_rng(3)
        assert sub.same(g, g) is True and sub.same(g, np.random.default_rng(3)) is False


def test_a_generator_the_submission_cannot_rebuild_is_refused_before_the_call(where):
    class Wrapped(np.random.PCG64):
        pass

    with _submission(where) as sub, pytest.raises(TypeError, match="cannot be passed"):
        sub.bootstrap_indices(3, np.random.Generator(Wrapped(1)))


# ---------------------------------------------------------------------------- test callables


def test_the_tests_callables_run_in_the_grader_on_plain_copies(where):
    rng = np.random.default_rng(0)
    X, y, k = rng.standard_normal((12, 3)), rng.standard_normal(12), 3
    seen = []

    class Ridge:  # not data: the student's code may only hand it back
        def __init__(self, w):
            self.w = w

    def fit(Xt, yt):
        seen.append((os.getpid(), type(Xt), Xt.flags.writeable))
        return Ridge(np.linalg.lstsq(Xt, yt, rcond=None)[0])

    def predict(model, Xt):
        assert isinstance(model, Ridge)
        return Xt @ model.w

    def loss(p, t):
        return float(np.mean((p - t) ** 2))

    expected = 0.0
    for test in np.array_split(np.arange(12), k):
        train = np.setdiff1d(np.arange(12), test)
        w = np.linalg.lstsq(X[train], y[train], rcond=None)[0]
        expected += loss(X[test] @ w, y[test])
    with _submission(where) as sub:
        got = sub.cross_validate(X, y, k, fit, predict, loss)
    assert got == pytest.approx(expected / k, rel=1e-12)
    assert seen == [(os.getpid(), np.ndarray, True)] * k


def test_an_exception_in_a_tests_callable_reaches_the_students_code_briefly(where):
    def bad(x):
        raise ValueError("no fold " + "x" * 1000)

    with _submission(where) as sub:
        kind, message = sub.call_back(bad, 1.0)
    assert kind == "CallbackError"
    assert message.startswith("the test's `bad` raised ValueError: no fold xxx")
    assert len(message) < 400


def test_a_callback_is_valid_only_during_the_call_that_carried_it(where):
    with _submission(where) as sub:
        assert sub.call_back(lambda x: x + 1, 1.0, keep=True) == ["ok", 2.0]
        assert sub.reuse() == ["CallbackError", "the test's `<lambda>` can only be called "
                               "during the call it was passed to"]


def test_a_tests_callable_cannot_call_the_submission_it_serves(where):
    with _submission(where) as sub:
        kind, message = sub.call_back(lambda: sub.g())
        assert kind == "CallbackError" and "RuntimeError: a submission cannot be called" in message
        assert sub.g() == 1.0


def test_what_the_students_code_passes_to_a_callback_must_be_plain_data(where):
    with _submission(where) as sub:
        kind, message = sub.call_back(lambda s: s, sub.function("g"))  # one of its own
    assert kind == "TypeError" and "takes plain data" in message and "a function" in message


def test_a_big_result_passes_up_to_the_limit(where):
    big = np.arange((8 << 20) // 8, dtype=np.float64)
    huge = np.zeros((arguments.MAX_CALLBACK_BYTES // 8) + 1024)
    with _submission(where) as sub:
        kind, out = sub.call_back(lambda: big)
        assert kind == "ok" and np.array_equal(out, big)
        kind, message = sub.call_back(lambda: huge)
    assert kind == "CallbackError" and "too large" in message and "32 MiB" in message


def test_the_time_a_tests_callable_takes_is_not_the_students(where):
    if where == "in-process":
        pytest.skip("no time limit in-process")

    def slow(x):
        time.sleep(0.5)
        return x

    with _submission(where, call_seconds=1.0) as sub:
        assert sub.call_back(slow, 2.0, times=4) == ["ok", 2.0]  # 2 s in the test's callable


def test_callbacks_per_call_are_limited(where):
    with _submission(where) as sub:
        kind, message = sub.call_back(lambda: 1.0, times=arguments.MAX_CALLBACKS + 1)
    assert kind == "CallbackError" and f"more than {arguments.MAX_CALLBACKS} times" in message


# ---------------------------------------------------------------------------- returned functions


def test_functions_the_student_returns_are_called_through_handles(where):
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    x = np.array([0.5, 0.25])
    with _submission(where) as sub:
        f, grad = sub.quadratic(A, b)
        assert isinstance(f, Handle) and isinstance(grad, Handle)
        assert sub.invoke(f, x) == pytest.approx(0.5 * x @ A @ x - b @ x)
        assert np.allclose(sub.invoke(grad, x), A @ x - b)
        # The handle, passed to another of the student's functions, is the function itself.
        assert np.allclose(sub.minimize(grad, np.zeros(2)), np.linalg.solve(A, b), atol=1e-8)
        assert np.allclose(sub.run(sub.function("adam"), x, x), 0.5 * x)


def test_a_missing_function_passed_by_name_is_reported_by_its_name(where):
    with _submission(where) as sub, pytest.raises(StudentCodeError) as exc:
        sub.run(sub.function("adamm"), 1.0, 1.0)
    assert exc.value.kind == "missing"
    assert exc.value.student_message().startswith("`adamm` is not defined")
    assert "Did you mean `adam`?" in exc.value.student_message()


def test_a_callable_kind_that_is_not_callable_is_explained(where):
    with _submission(where) as sub, pytest.raises(StudentCodeError) as exc:
        sub.not_a_function()
    assert exc.value.kind == "return"
    assert "must return a function (a callable) as `g`; it returned a float" in exc.value.detail


def test_opaque_objects_stay_with_the_students_code(where):
    with _submission(where) as sub:
        model = sub.make_model([1.0, 2.0])
        assert isinstance(model, Handle)
        assert np.allclose(sub.invoke(model, np.eye(2)), [1.0, 2.0])


def test_invoking_a_handle_follows_the_mutation_rules(where):
    with _submission(where) as sub:
        step = sub.make_step()
        x = np.ones(3)
        result = sub.call(step, x)
    assert result.value == 6.0 and result.mutated == ["x"] and x.tolist() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("mode", SANDBOXES)
def test_a_handle_from_a_child_that_was_restarted_is_not_used(mode):
    A = np.eye(2)
    with _submission(mode) as sub:
        _, grad = sub.quadratic(A, np.zeros(2))
        with pytest.raises(StudentCodeError):
            sub.crash()
        with pytest.raises(StudentCodeError) as exc:
            sub.invoke(grad, np.ones(2))
    assert exc.value.kind == "budget" and "earlier run of your code" in exc.value.detail


# ---------------------------------------------------------------------------- hostile children

FIND_PIPES = '''
import gc, io, sys

def _pipes():
    found = [o for o in gc.get_objects() if isinstance(o, io.FileIO) and not o.closed
             and o.fileno() > 2]
    return ([o for o in found if o.mode == "wb"][0], [o for o in found if o.mode == "rb"][0])

def _request_id():
    frame = sys._getframe(1)
    while frame is not None and "request" not in frame.f_locals:
        frame = frame.f_back
    return frame.f_locals["request"].get("id")

def _send(frame):
    codec = sys.modules["codec"]
    _pipes()[0].write(codec.framed(frame))
'''


def _hostile(mode, body: str):
    return _submission(mode, cells=[CELLS[0] + FIND_PIPES + body], call_seconds=5.0)


def _crashes(sub, fn, *args) -> str:
    with pytest.raises(StudentCodeError) as exc:
        sub.call(fn, *args)
    assert exc.value.kind == "crash", exc.value
    assert sub.g() == 1.0  # a fresh child for the next call
    return exc.value.detail


@pytest.mark.parametrize("mode", SANDBOXES)
def test_a_callback_frame_with_an_unknown_id_ends_the_child(mode):
    body = '''
def forge(fn):
    _send({"callback": 123456789, "id": _request_id(), "args": [], "kwargs": {}})
    return _pipes() and fn()
'''
    with _hostile(mode, body) as sub:
        assert "not given" in _crashes(sub, "forge", lambda: 1.0)


@pytest.mark.parametrize("mode", SANDBOXES)
def test_a_callback_frame_out_of_a_call_ends_the_child(mode):
    body = '''
import threading, time

def later(fn):
    rid = _request_id()
    def go():
        time.sleep(0.3)
        _send({"callback": 1, "id": rid, "args": [], "kwargs": {}})
    threading.Thread(target=go).start()
    return 1.0

def wait():
    return 2.0
'''
    with _hostile(mode, body) as sub:
        assert sub.call("later", lambda: 1.0).value == 1.0
        time.sleep(0.8)
        assert "out of turn" in _crashes(sub, "wait")


@pytest.mark.parametrize("mode", SANDBOXES)
def test_a_flood_of_callbacks_past_the_limit_ends_the_child(mode, monkeypatch):
    monkeypatch.setattr(arguments, "MAX_CALLBACKS", 200)  # the grader's count
    body = '''
def flood(fn):
    sys.modules["arguments"].MAX_CALLBACKS = 10 ** 9  # the child's own count, bypassed
    for _ in range(1000):
        fn()
    return 1.0
'''
    with _hostile(mode, body) as sub:
        assert "more than 200 times" in _crashes(sub, "flood", lambda: 1.0)


@pytest.mark.parametrize("mode", SANDBOXES)
@pytest.mark.parametrize("state", [
    "{'bit_generator': 'PCG64', 'state': {'state': 'x', 'inc': 1}, 'has_uint32': 0, "
    "'uinteger': 0}",                                           # malformed
    "np.random.Philox(1).state",                                # foreign
    "{'bit_generator': 'PCG64', 'state': {'state': 2 ** 300, 'inc': 1}, 'has_uint32': 0, "
    "'uinteger': 0}",                                           # out of range
    "None",                                                     # missing
])
def test_a_malformed_generator_state_ends_the_child(mode, state):
    body = f'''
_call = sys.modules["dispatch"].Harness.call

def _lying_call(self, request, *args, **kwargs):
    response = _call(self, request, *args, **kwargs)
    if "generators" in response:
        response["generators"] = [{state}]
    return response

sys.modules["dispatch"].Harness.call = _lying_call
'''
    g = np.random.default_rng(5)
    before = g.bit_generator.state
    with _hostile(mode, body) as sub:
        assert "generator state" in _crashes(sub, "bootstrap_indices", 4, g)
    assert g.bit_generator.state == before  # left as it was


@pytest.mark.parametrize("mode", SANDBOXES)
def test_a_forged_reference_to_a_grader_held_object_ends_the_child(mode):
    body = '''
def forge(fn):
    codec = sys.modules["codec"]
    return fn(codec.HeldRef(987654321))
'''
    with _hostile(mode, body) as sub:
        assert "does not hold" in _crashes(sub, "forge", lambda x: 1.0)


def test_numpy_scalar_arguments_arrive_as_python_numbers(where):
    """A check may pass np.int64 or np.float64 scalars (a label, a learning rate): the student's
    function gets Python numbers, in-process and sandboxed alike."""
    cells = ["def same(x, y):\n    return [type(x).__name__, type(y).__name__, float(x * y)]\n"]
    with _submission(where, cells) as sub:
        assert sub.same(np.int64(3), np.float64(2.0)) == ["int", "float", 6.0]
