"""q2: run_optimizer(step, grad, w0, n_steps, **hyper): from w0 and state = {}, n_steps times
w, state = step(w, grad(w), state, **hyper); the trajectory (n_steps + 1, d) includes w0.

The checks pass step and grad functions of their own (they run in the grader, on copies of
what the student's code gives them) and record how they are called."""

import numpy as np

from autograder.testing import (
    Diagnose,
    StudentCodeError,
    check,
    expect_close,
    expect_outputs,
    fail,
)

from ._data import mixed, quadratic_problem

RTOL, ATOL = 1e-10, 1e-12


def recording_step(calls):
    """A stateful step of the test's: its learning rate decays with the number k of steps
    taken, and it moves along g + prev / 2, prev the previous call's gradient:

        w - lr / (1 + decay k) * (g + prev / 2),   state {'k': k + 1, 'prev': g}

    A run that loses the state, or starts from another one, goes elsewhere. Each call is
    recorded in ``calls``; hyper-parameters must come as keywords (lr=..., decay=...)."""
    def step(w, g, state, *positional, **hyper):
        calls.append({"state": state, "positional": positional, "hyper": dict(hyper)})
        if positional:
            raise TypeError("step() takes its hyper-parameters as keyword arguments "
                            "(step(w, g, state, **hyper))")
        if "lr" not in hyper or "decay" not in hyper:
            raise TypeError(f"step() needs the keyword arguments lr and decay; it got "
                            f"{sorted(hyper) or 'none'}")
        state = state if isinstance(state, dict) else {}
        k = state.get("k", 0)
        prev = state.get("prev", np.zeros_like(g))
        lr = hyper["lr"] / (1 + hyper["decay"] * k)
        return w - lr * (g + 0.5 * prev), {"k": k + 1, "prev": g}
    return step


def contract_loop(step, grad, w0, n_steps, hyper, *, reset=False, stale=False):
    """The contract's loop written out in the check (and two wrong loops: ``reset`` starts
    every step from state = {}, ``stale`` evaluates the gradient at w0 only)."""
    w, state, rows = np.array(w0, dtype=float), {}, [np.array(w0, dtype=float)]
    g0 = grad(w)
    while len(rows) < n_steps + 1:
        w, state = step(w, g0 if stale else grad(w), {} if reset else state, **hyper)
        rows.append(w)
    return np.stack(rows)


def _diagnose(step, grad, w0, n_steps, hyper, want):
    """Wrong trajectories a mistake gives, evaluated only on failure."""
    d = len(w0)

    def shifted():
        return np.vstack([want[1:], np.zeros((1, d))])

    return Diagnose(
        axis=(0, "row"),
        wrong_formulas={
            "no_w0": (f"the {n_steps} iterates w_1..w_{n_steps} without w0: the trajectory "
                      "starts with w0 (n_steps + 1 rows)", lambda: want[1:]),
            "fewer": (f"w_0..w_{n_steps - 1}, one step short: take n_steps steps",
                      lambda: want[:-1]),
            "extra": (f"{n_steps + 1} steps instead of {n_steps}",
                      lambda: contract_loop(step, grad, w0, n_steps + 1, hyper)),
            "index": ("the iterates one row too early (w_k in row k - 1, w0 overwritten, the "
                      "last row left empty): row k is w_k, row 0 is w0", shifted),
            "reset": ("steps that each start from state = {}: pass the state each step returns "
                      "to the next step", lambda: contract_loop(step, grad, w0, n_steps, hyper,
                                                                reset=True)),
            "stale": ("steps that all use the gradient at w0: evaluate grad at the current w "
                      "before each step", lambda: contract_loop(step, grad, w0, n_steps, hyper,
                                                                stale=True)),
            "aliased": ("every row equal to the last iterate: the rows are the same array, "
                        "changed in place (append a copy, or let step return a new array)",
                        lambda: np.repeat(want[-1:], n_steps + 1, axis=0)),
        },
    )


def _w_diagnose(want, trajectory):
    """w is the last row: the wrong trajectories' last rows, and two wrong rows."""
    formulas = {
        "first": ("w0: return the last iterate, w_{n_steps}", lambda: want[0]),
        "fewer": ("the iterate before the last one: take n_steps steps, and return the last "
                  "iterate", lambda: want[-2]),
    }
    for key, (text, thunk) in trajectory.wrong_formulas.items():
        if key in ("reset", "stale", "extra"):
            formulas[key] = (f"the last row of {text}", lambda thunk=thunk: thunk()[-1])
    return Diagnose(wrong_formulas=formulas)


def expect_run(sub, step, grad, w0, n_steps, hyper, want, *, name, calls=None):
    """run_optimizer's (w, trajectory) against ``want`` (the right trajectory), and, when
    ``calls`` records the test's step, the state it was first given."""
    try:
        got = sub.run_optimizer(step, grad, w0, n_steps, **hyper)
    except StudentCodeError as exc:
        if calls:
            _explain_calls(calls, hyper, name)
        raise exc from None
    if calls is not None:
        _explain_calls(calls, hyper, name)
    trajectory = _diagnose(step, grad, w0, n_steps, hyper, want)
    diagnose = {"trajectory": trajectory, "w": _w_diagnose(want, trajectory)}
    expect_outputs(got, {"w": want[-1], "trajectory": want}, fn=name, rtol=RTOL, atol=ATOL,
                   diagnose=diagnose)


def expect_stateful_run(sub, grad, w0, n_steps, hyper, *, name):
    """run_optimizer with the test's recording step against the contract's loop."""
    want = contract_loop(recording_step([]), grad, w0, n_steps, hyper)
    calls = []
    expect_run(sub, recording_step(calls), grad, w0, n_steps, hyper, want, calls=calls,
               name=name)


def _explain_calls(calls, hyper, name):
    """What the recorded calls of the test's step say about a wrong loop."""
    first = calls[0]
    if first["state"] != {}:
        fail(f"{name}: the first call of step was given the state {first['state']!r} (a "
             f"{type(first['state']).__name__}); the loop starts from state = {{}}, an empty "
             "dict, which the update functions test with state.get(...) or 'key' in state.",
             "init")
    for call in calls:
        if call["positional"] or set(call["hyper"]) != set(hyper):
            got = (f"{len(call['positional'])} positional value(s) and the keywords "
                   f"{sorted(call['hyper'])}")
            fail(f"{name}: step was called with {got}; pass the hyper-parameters on as "
                 f"keywords, step(w, grad(w), state, **hyper), here {sorted(hyper)}.",
                 "formula:hyper")


def _problem(rng, d, mu, L):
    """A random d-dimensional quadratic, a start w0 and the test's own gradient function."""
    A, b = quadratic_problem(rng, d=d, mu=mu, L=L)

    def grad(w):
        return A @ w - b

    return A, b, mixed(rng, d, 0.5, 2.0), grad


def _gd(w, g, state, lr):
    """Plain gradient descent as a step function (stateless)."""
    return w - lr * g, {}


A2 = np.array([[2.0, 1.0], [1.0, 3.0]])
B2 = np.array([1.0, -1.0])


def _grad2(w):
    return A2 @ w - B2


@check("q2", points=1)
def test_three_gradient_steps_and_no_step(sub):
    """Gradient descent (a step of the test's) with lr = 0.1 on A = [[2, 1], [1, 3]],
    b = (1, -1) from w0 = (1, 1): the trajectory is w0, (0.8, 0.5), (0.69, 0.17),
    (0.635, -0.05); with n_steps = 0 it is the single row w0, and w = w0."""
    w0 = np.array([1.0, 1.0])
    want = np.array([[1.0, 1.0], [0.8, 0.5], [0.69, 0.17], [0.635, -0.05]])
    expect_run(sub, _gd, _grad2, w0, 3, {"lr": 0.1}, want,
               name="run_optimizer(gd, grad, w0, 3, lr=0.1)")
    expect_run(sub, _gd, _grad2, w0, 0, {"lr": 0.1}, w0[None],
               name="run_optimizer(gd, grad, w0, 0, lr=0.1)")


@check("q2", points=1)
def test_the_state_goes_from_step_to_step(sub):
    """A stateful step of the test's (its learning rate decays with the step count it keeps in
    the state): four steps from state = {}, each given the state the previous one returned and
    the keywords lr = 0.2, decay = 0.5, match the contract's loop written out in the check."""
    expect_stateful_run(sub, _grad2, np.array([1.0, -0.5]), 4, {"lr": 0.2, "decay": 0.5},
                        name="run_optimizer(step, grad, w0, 4, lr=0.2, decay=0.5)")


@check("q2", points=2, hidden=True)
def test_gradient_descent_follows_its_closed_form(sub, rng):
    """Gradient descent with lr = 1/L on a random 4-D quadratic, eight steps: every row of the
    trajectory is w* + (I - A / L)^k (w0 - w*), computed from SciPy's eigendecomposition."""
    from ._oracles import extreme_eigenvalues, gd_closed_form

    A, b, w0, grad = _problem(rng, d=4, mu=0.5, L=6.0)
    lr = 1.0 / extreme_eigenvalues(A)[1]
    expect_run(sub, _gd, grad, w0, 8, {"lr": lr}, gd_closed_form(A, b, w0, lr, 8),
               name="run_optimizer(gd, grad, w0, 8, lr=1/L)")


@check("q2", points=2, hidden=True)
def test_a_stateful_step_with_hyper_parameters(sub, rng):
    """A stateful step of the test's with two hyper-parameters on a random 3-D quadratic, six
    steps: the trajectory and w match the contract's loop, and the first call of step gets
    state = {}."""
    _, _, w0, grad = _problem(rng, d=3, mu=0.5, L=4.0)
    hyper = {"lr": float(rng.uniform(0.1, 0.2)), "decay": float(rng.uniform(0.3, 1.0))}
    expect_stateful_run(sub, grad, w0, 6, hyper,
                        name="run_optimizer(step, grad, w0, 6, lr=..., decay=...)")


@check("q2", points=1, hidden=True)
def test_one_step_and_no_step(sub, rng):
    """One stateful step gives the two rows w0 and w1; no step gives the single row w0, and
    w0 itself (unchanged) as w."""
    _, _, w0, grad = _problem(rng, d=5, mu=1.0, L=3.0)
    hyper = {"lr": 0.3, "decay": 1.0}
    want = contract_loop(recording_step([]), grad, w0, 1, hyper)
    expect_run(sub, recording_step([]), grad, w0, 1, hyper, want,
               name="run_optimizer(step, grad, w0, 1, ...)")
    w, trajectory = sub.run_optimizer(recording_step([]), grad, w0, 0, **hyper)
    expect_close(trajectory, w0[None], name="the trajectory from run_optimizer(..., 0, ...)",
                 rtol=0.0, atol=0.0)
    expect_close(w, w0, name="w from run_optimizer(..., 0, ...)", rtol=0.0, atol=0.0)
