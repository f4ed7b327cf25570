"""q4: SGD with momentum in PyTorch's form: buf = g on the first call, then buf = mu buf + g;
w - lr buf, or w - lr (g + mu buf) with Nesterov."""

import numpy as np

from autograder.testing import check

from ._compare import diagnoses, expect_steps, given
from ._data import mixed, step_problem


def _models(w, g, prev, lr, mu, nesterov):
    """What common mistakes return for one step, as {key: (description, (w, buf))} thunks.

    ``prev`` is the buffer the step was given (None on the first call)."""
    first = prev is None
    zero = np.zeros_like(g)
    p = zero if first else prev

    def heavy_or_nesterov(buf):
        return w - lr * (g + mu * buf if nesterov else buf)

    def ema0():
        buf = mu * p + (1 - mu) * g
        return heavy_or_nesterov(buf), buf

    def ema():
        buf = g if first else mu * p + (1 - mu) * g
        return heavy_or_nesterov(buf), buf

    def velocity():
        v = mu * p - lr * g
        return (w + mu * v - lr * g if nesterov else w + v), v

    def lr_inside():
        buf = mu * p + lr * g
        return (w - (lr * g + mu * buf) if nesterov else w - buf), buf

    def stale():
        buf = g if first else mu * p + g
        return w - lr * p, buf

    def right_buf():
        return g if first else mu * p + g

    models = {
        "ema0": ("buf = mu buf + (1 - mu) g started at buf = 0: PyTorch's buffer has no "
                 "(1 - mu), buf = mu buf + g, and it is g on the first call", ema0),
        "ema": ("buf = mu buf + (1 - mu) g: PyTorch's buffer is buf = mu buf + g, without "
                "the (1 - mu)", ema),
        "velocity": ("the velocity form v = mu v - lr g, w + v, with v stored as buf: "
                     "PyTorch's buffer mu buf + g holds no learning rate, and the step is "
                     "w - lr buf, which differs from the velocity form as soon as lr changes",
                     velocity),
        "lr_inside": ("buf = mu buf + lr g and w - buf: the learning rate belongs in the step "
                      "w - lr buf, not in the buffer (they differ as soon as lr changes)",
                      lr_inside),
        "stale": ("a step w - lr buf with the buffer of the previous call (0 at first): "
                  "update buf = mu buf + g first, then step with the new buf", stale),
    }
    if nesterov:
        models.update({
            "nesterov_no_mu": ("w - lr (g + buf): the look-ahead adds mu times the buffer, "
                               "w - lr (g + mu buf)",
                               lambda: (w - lr * (g + right_buf()), right_buf())),
            "nesterov_swap": ("w - lr (buf + mu g): the look-ahead multiplies the buffer by "
                              "mu, w - lr (g + mu buf)",
                              lambda: (w - lr * (right_buf() + mu * g), right_buf())),
            "heavy_ball": ("the heavy-ball step w - lr buf (which a look-ahead with the "
                           "previous call's buffer, w - lr (g + mu buf_old), also gives): with "
                           "nesterov=True the step is w - lr (g + mu buf), with the buffer just "
                           "updated",
                           lambda: (w - lr * right_buf(), right_buf())),
        })
    else:
        models["nesterov"] = ("Nesterov's step w - lr (g + mu buf): with nesterov=False "
                              "(the default) the step is w - lr buf",
                              lambda: (w - lr * (g + mu * right_buf()), right_buf()))
    return models


def _diagnose(mu, nesterov):
    """diagnose(w, g, state, lr) for expect_steps: the wrong models for w and for buf."""
    def make(w, g, state, lr):
        prev = state.get("buf") if isinstance(state, dict) else None
        models = _models(w, g, prev, lr, mu, nesterov)
        return diagnoses({k: (text, lambda thunk=thunk: _as_state(thunk()))
                          for k, (text, thunk) in models.items()}, ["buf"])
    return make


def _as_state(result):
    w, buf = result
    return w, {"buf": buf}


def _numpy_oracle(w0, mu, nesterov):
    """The contract's recurrence written out, step by step (public checks' oracle)."""
    w, buf = np.array(w0, dtype=float), [None]

    def step(g, lr):
        nonlocal w
        buf[0] = g.copy() if buf[0] is None else mu * buf[0] + g
        w = w - lr * (g + mu * buf[0] if nesterov else buf[0])
        return w, {"buf": buf[0]}
    return step


W0 = np.array([1.0, -2.0, 0.5])
G = np.array([[0.5, 1.0, -2.0], [1.0, -1.0, 0.5]])
LRS = [0.1, 0.4]


@check("q4", points=1)
def test_two_heavy_ball_steps_by_hand(sub):
    """Two steps with mu = 0.5 and the learning rate going from 0.1 to 0.4: buf = g1 = (0.5, 1,
    -2) and w = (0.95, -2.1, 0.7), then buf = 0.5 g1 + g2 = (1.25, -0.5, -0.5) and
    w = (0.45, -1.9, 0.9)."""
    steps = [(np.array([0.95, -2.1, 0.7]), {"buf": np.array([0.5, 1.0, -2.0])}),
             (np.array([0.45, -1.9, 0.9]), {"buf": np.array([1.25, -0.5, -0.5])})]
    expect_steps(lambda w, g, s, lr: sub.sgd_momentum(w, g, s, lr, mu=0.5), given(steps), W0,
                 G, LRS, fn="sgd_momentum(w, g, state, lr, mu=0.5)", show_lr=True,
                 diagnose=_diagnose(0.5, False))


@check("q4", points=1)
def test_two_nesterov_steps_by_hand(sub):
    """The same two steps with nesterov=True: w - lr (g + mu buf) gives w = (0.925, -2.15, 0.8),
    then w = (0.275, -1.65, 0.7); the buffers are those of the heavy ball."""
    steps = [(np.array([0.925, -2.15, 0.8]), {"buf": np.array([0.5, 1.0, -2.0])}),
             (np.array([0.275, -1.65, 0.7]), {"buf": np.array([1.25, -0.5, -0.5])})]
    expect_steps(lambda w, g, s, lr: sub.sgd_momentum(w, g, s, lr, mu=0.5, nesterov=True),
                 given(steps), W0, G, LRS, show_lr=True,
                 fn="sgd_momentum(w, g, state, lr, mu=0.5, nesterov=True)",
                 diagnose=_diagnose(0.5, True))


@check("q4", points=1)
def test_the_defaults_are_mu_0_9_without_nesterov(sub, rng):
    """Called without mu and nesterov, three steps follow buf = 0.9 buf + g and w - lr buf
    (the contract's recurrence written out in the check)."""
    w0, grads, lrs = step_problem(rng, d=4, n_steps=3)
    expect_steps(lambda w, g, s, lr: sub.sgd_momentum(w, g, s, lr), _numpy_oracle(w0, 0.9, False),
                 w0, grads, lrs, fn="sgd_momentum(w, g, state, lr)", show_lr=True,
                 diagnose=_diagnose(0.9, False))


@check("q4", points=2, hidden=True)
def test_heavy_ball_matches_torch_sgd_with_a_changing_learning_rate(sub, rng):
    """Six steps beside torch.optim.SGD(momentum=0.8) in float64, with a learning rate that
    changes at every step: the parameters and state['buf'] (PyTorch's momentum_buffer) match
    after each step."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=5, n_steps=6)
    expect_steps(lambda w, g, s, lr: sub.sgd_momentum(w, g, s, lr, mu=0.8, nesterov=False),
                 TorchOptimizer("SGD", w0, momentum=0.8), w0, grads, lrs,
                 fn="sgd_momentum(..., mu=0.8)", diagnose=_diagnose(0.8, False))


@check("q4", points=2, hidden=True)
def test_nesterov_matches_torch_sgd_with_a_changing_learning_rate(sub, rng):
    """Six steps beside torch.optim.SGD(momentum=0.7, nesterov=True) in float64, with a
    learning rate that changes at every step: the parameters and state['buf'] match after each
    step."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=5, n_steps=6)
    expect_steps(lambda w, g, s, lr: sub.sgd_momentum(w, g, s, lr, mu=0.7, nesterov=True),
                 TorchOptimizer("SGD", w0, momentum=0.7, nesterov=True), w0, grads, lrs,
                 fn="sgd_momentum(..., mu=0.7, nesterov=True)", diagnose=_diagnose(0.7, True))


@check("q4", points=1, hidden=True)
def test_the_defaults_match_torch_sgd_with_momentum_0_9(sub, rng):
    """Called without mu and nesterov, five steps match torch.optim.SGD(momentum=0.9)."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=5)
    expect_steps(lambda w, g, s, lr: sub.sgd_momentum(w, g, s, lr),
                 TorchOptimizer("SGD", w0, momentum=0.9), w0, grads, lrs,
                 fn="sgd_momentum(w, g, state, lr)", diagnose=_diagnose(0.9, False))


@check("q4", points=1, hidden=True)
def test_nesterov_continues_from_a_given_buffer(sub, rng):
    """From a given state {'buf': ...} (as a previous call would return), three Nesterov steps
    match torch.optim.SGD(momentum=0.9, nesterov=True) started from the same momentum_buffer."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=3)
    state = {"buf": mixed(rng, 4, 0.5, 2.0)}
    expect_steps(lambda w, g, s, lr: sub.sgd_momentum(w, g, s, lr, nesterov=True),
                 TorchOptimizer("SGD", w0, state=state, momentum=0.9, nesterov=True), w0,
                 grads, lrs, state=state, fn="sgd_momentum(..., nesterov=True) from a given state",
                 diagnose=_diagnose(0.9, True))


@check("q4", points=1, hidden=True)
def test_momentum_on_two_parameters_stepped_alternately(sub, rng):
    """Two parameter vectors stepped alternately with Nesterov, each with its own state, both
    match their own torch.optim.SGD: the update reads only the state it is given (and, as on
    every call, leaves the given w, g and state unchanged)."""
    from ._oracles import TorchOptimizer

    problems = [step_problem(rng, d=3, n_steps=4), step_problem(rng, d=3, n_steps=4)]
    runs = []
    for w0, grads, lrs in problems:
        runs.append([TorchOptimizer("SGD", w0, momentum=0.6, nesterov=True), w0.copy(), {},
                     grads, lrs])
    diagnose = _diagnose(0.6, True)
    for k in range(4):
        for name, run in zip(["first", "second"], runs, strict=True):
            oracle, w, state, grads, lrs = run
            run[1], run[2] = expect_steps(
                lambda w_, g, s, lr: sub.sgd_momentum(w_, g, s, lr, mu=0.6, nesterov=True),
                given([oracle(grads[k], lrs[k])]), w, grads[k:k + 1], lrs[k:k + 1],
                fn=f"sgd_momentum on the {name} of two parameters at step {k + 1}",
                diagnose=diagnose, state=state, numbered=False)
