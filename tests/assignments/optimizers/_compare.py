"""Comparisons shared by the checks of the update functions (public: NumPy and
autograder.testing only).

An update function returns ``(w, state)``; the contract fixes some keys of the state (``buf``,
``sq``, ``t``, ``m``, ``v``) and lets a submission keep more, so only those keys are read.
:func:`expect_step` compares the parameters and those keys in one go ("Wrong: state['m'].
Right: w, state['t'], state['v']."), and :func:`expect_steps` steps a submission beside an
oracle, feeding the submission its own ``w`` and ``state`` back as the contract's loop does,
and stops at the first step that is wrong.
"""

import numpy as np

from autograder.testing import (
    CheckFailure,
    Diagnose,
    StudentCodeError,
    expect_outputs,
    fail,
    once,
)

RTOL = 1e-9          # every correct ordering of the operations, PyTorch's lerp and addcdiv
ATOL_SCALE = 1e-12   # an entry may be off by 1e-12 times the largest entry of its output


def _tolerance(want, rtol):
    """(rtol, atol) for one output: atol scaled to the output's order of magnitude (a power of
    10, so that the message reveals no more than that), so that moments of 1e-20 (from
    gradients of 1e-9) are compared as carefully as parameters of size 1."""
    scale = float(np.max(np.abs(want))) if np.size(want) else 0.0
    if not scale > 0 or not np.isfinite(scale):
        return rtol, 1e-300
    return rtol, ATOL_SCALE * 10.0 ** np.floor(np.log10(scale))


def expect_step(got, want_w, want_state, *, fn, diagnose=None, rtol=RTOL):
    """``got`` = (w, state) from an update function must match ``want_w`` and, for each key
    of ``want_state`` (the contract's keys), ``state[key]``. Integer entries (Adam's ``t``)
    are compared exactly. ``diagnose``: {output name: Diagnose}, the names being ``w`` and
    ``state['key']``."""
    w, state = got
    if not isinstance(state, dict):
        fail(f"The state from {fn} should be a dict (the contract's keys: "
             f"{', '.join(repr(k) for k in want_state)}); got a {type(state).__name__}.", "type")
    missing = [k for k in want_state if k not in state]
    if missing:
        fail(f"The state from {fn} has no key {', '.join(repr(k) for k in missing)}: the "
             f"contract names the state's entries {', '.join(repr(k) for k in want_state)} "
             f"(so that states can be compared); your state has the keys "
             f"{sorted(map(str, state))}.", "keys")
    names = ["w"] + [f"state[{k!r}]" for k in want_state]
    want = dict(zip(names, [want_w, *want_state.values()], strict=True))
    exact = tuple(n for n, v in want.items() if isinstance(v, (int, np.integer)))
    tolerances = {n: _tolerance(v, rtol) for n, v in want.items() if n not in exact}
    expect_outputs((w, *[state[k] for k in want_state]), want, fn=fn, rtol=rtol,
                   atol=ATOL_SCALE, tolerances=tolerances, exact=exact, diagnose=diagnose)


def diagnoses(models, keys, hints=None):
    """{output name: Diagnose} for :func:`expect_step` from the wrong models of one step.

    ``models`` is {key: (description, thunk)}, each thunk returning what that mistake gives,
    ``(w, {state key: value})``; each model runs at most once, and only on a failure."""
    memo = {k: (text, once(thunk)) for k, (text, thunk) in models.items()}
    out = {"w": Diagnose(hints=hints or {}, wrong_formulas={
        k: (t, lambda m=m: m()[0]) for k, (t, m) in memo.items()})}
    for key in keys:
        out[f"state[{key!r}]"] = Diagnose(hints=hints or {}, wrong_formulas={
            k: (t, lambda m=m, key=key: m()[1][key]) for k, (t, m) in memo.items()})
    return out


def given(steps):
    """An oracle that returns the given (w, {key: value}) of each step in turn (the values a
    public check computes by hand)."""
    it = iter(steps)
    return lambda g, lr: next(it)


def expect_steps(step, oracle, w0, grads, lrs, *, fn, diagnose=None, show_lr=False,
                 state=None, numbered=True):
    """Step the submission beside an oracle and compare after every step.

    At step k the submission's update is called as ``step(w, grads[k], state, lrs[k])`` with
    its own ``w`` and ``state`` from step k - 1 (w0 and ``state``, by default {}, at the first
    step), and ``oracle(grads[k], lrs[k])`` gives the right ``(w, {key: value})``.
    ``diagnose(w, g, state, lr)`` gives the :class:`Diagnose` of each output for the inputs of
    the step that failed. ``numbered``: name the step ("at step 2 of 6") in messages.
    Returns the last (w, state)."""
    w, state = np.array(w0, dtype=float), ({} if state is None else state)
    n = len(grads)
    for k in range(n):
        g, lr = grads[k], float(lrs[k])
        got = step(w, g, state, lr)
        want_w, want_state = oracle(g, lr)
        where = fn + (f" at step {k + 1} of {n}" if numbered else "")
        where += f" (lr = {lr:g})" if show_lr else ""
        try:
            expect_step(got, want_w, want_state, fn=where,
                        diagnose=diagnose(w, g, state, lr) if diagnose else None)
        except CheckFailure:
            expect_same_again(step, (w, g, state, lr), got, fn=where)
            raise
        w, state = got
    return w, state


def expect_same_again(step, args, got, *, fn):
    """A second call with the same inputs must return what the first returned: an update is a
    function of (w, g, state, lr) alone. When it is not, the cause of a wrong step is state
    kept outside the state dict (a global, a function attribute, a mutable default)."""
    try:
        again = step(*args)
    except StudentCodeError:
        return  # the first failure stands
    if not _same(got, again):
        fail(f"{fn} is wrong, and calling it again with the same w, g, state and lr gives "
             "another result: your update keeps something outside the state dict (a global "
             "variable, an attribute of the function, a mutable default argument). Everything "
             "an update remembers goes into the state it returns, and it reads it back only "
             "from the state it is given.", "formula:hidden_state")


def _same(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f" == b.dtype.kind)))
    return type(a) is type(b) and (a == b or (a != a and b != b))
