"""q6: Adam in PyTorch's form: t from 1, m and v from 0, bias-corrected m_hat and v_hat,
w - lr m_hat / (sqrt(v_hat) + eps)."""

import numpy as np

from autograder.testing import CheckFailure, StudentCodeError, check, expect_close, fail

from ._compare import diagnoses, expect_steps, given
from ._data import mixed, quadratic_problem, step_problem


def _models(w, g, state, lr, beta1, beta2, eps):
    """What common mistakes return for one step: {key: (description, thunk -> (w, state))},
    given the state the step received."""
    first = not state
    t0 = state.get("t", 0) if isinstance(state, dict) else 0
    zero = np.zeros_like(g)
    m0 = zero if first else state.get("m", zero)
    v0 = zero if first else state.get("v", zero)
    t = t0 + 1
    m = beta1 * m0 + (1 - beta1) * g
    v = beta2 * v0 + (1 - beta2) * g * g
    bc1, bc2 = 1 - beta1**t, 1 - beta2**t
    m_hat, v_hat = m / bc1, v / bc2
    right = {"t": t, "m": m, "v": v}

    def model(w_new, state=right):
        return lambda: (w_new(), state)

    def moments(ma, va):
        return lambda: w - lr * (ma / bc1) / (np.sqrt(va / bc2) + eps)

    models = {
        "no_bias": ("w - lr m / (sqrt(v) + eps), without the bias correction: m_hat = m / "
                    "(1 - beta1^t) and v_hat = v / (1 - beta2^t)",
                    model(lambda: w - lr * m / (np.sqrt(v) + eps))),
        "m_only": ("w - lr m_hat / (sqrt(v) + eps): v needs its bias correction too, "
                   "v_hat = v / (1 - beta2^t)",
                   model(lambda: w - lr * m_hat / (np.sqrt(v) + eps))),
        "v_only": ("w - lr m / (sqrt(v_hat) + eps): m needs its bias correction too, "
                   "m_hat = m / (1 - beta1^t)",
                   model(lambda: w - lr * m / (np.sqrt(v_hat) + eps))),
        "eps_inside": ("w - lr m_hat / sqrt(v_hat + eps), with eps inside the square root: "
                       "PyTorch adds it to the root, sqrt(v_hat) + eps, which matters when the "
                       "gradients are tiny",
                       model(lambda: w - lr * m_hat / np.sqrt(v_hat + eps))),
        "eps_step": ("w - (lr m_hat / sqrt(v_hat) + eps): eps belongs in the denominator, "
                     "sqrt(v_hat) + eps (mind the parentheses)",
                     model(lambda: w - (lr * m_hat / np.sqrt(v_hat) + eps))),
        "no_sqrt": ("w - lr m_hat / (v_hat + eps), without the square root of v_hat",
                    model(lambda: w - lr * m_hat / (v_hat + eps))),
        "stored_hat": ("a state holding the bias-corrected m_hat and v_hat: the state keeps "
                       "the moments m and v themselves (the correction is recomputed from t "
                       "at every step)",
                       model(lambda: w - lr * m_hat / (np.sqrt(v_hat) + eps),
                             {"t": t, "m": m_hat, "v": v_hat})),
        "swapped_betas": ("m averaged with beta2 and v with beta1: m = beta1 m + (1 - beta1) g "
                          "and v = beta2 v + (1 - beta2) g^2",
                          lambda: (moments(beta2 * m0 + (1 - beta2) * g,
                                           beta1 * v0 + (1 - beta1) * g * g)(),
                                   {"t": t, "m": beta2 * m0 + (1 - beta2) * g,
                                    "v": beta1 * v0 + (1 - beta1) * g * g})),
        "weights_swapped": ("m = (1 - beta1) m + beta1 g and v = (1 - beta2) v + beta2 g^2: "
                            "beta weighs the running average, m = beta1 m + (1 - beta1) g",
                            lambda: (moments((1 - beta1) * m0 + beta1 * g,
                                             (1 - beta2) * v0 + beta2 * g * g)(),
                                     {"t": t, "m": (1 - beta1) * m0 + beta1 * g,
                                      "v": (1 - beta2) * v0 + beta2 * g * g})),
        "t_before": ("t counting the updates before this one (0 after the first call): the "
                     "state's t is the number of updates taken, 1 after the first call, as "
                     "PyTorch's state['step']",
                     model(lambda: w - lr * m_hat / (np.sqrt(v_hat) + eps),
                           {"t": t0, "m": m, "v": v})),
    }
    if first:
        models["init_g"] = ("m and v started at g and g^2 instead of 0",
                            lambda: (moments(g, g * g)(), {"t": t, "m": g, "v": g * g}))
    return models


def _diagnose(beta1=0.9, beta2=0.999, eps=1e-8):
    def make(w, g, state, lr):
        return diagnoses(_models(w, g, state, lr, beta1, beta2, eps), ["t", "m", "v"])
    return make


def _numpy_oracle(w0, beta1, beta2, eps):
    """The contract's recurrence written out, step by step (public checks' oracle)."""
    w, m, v, t = np.array(w0, dtype=float), 0.0, 0.0, 0

    def step(g, lr):
        nonlocal w, m, v, t
        t += 1
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        w = w - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        return w, {"t": t, "m": m, "v": v}
    return step


@check("q6", points=1)
def test_the_first_step_moves_every_coordinate_by_about_lr(sub):
    """At t = 1 the bias correction gives m_hat = g and v_hat = g^2, so the first step is
    w - lr g / (|g| + eps), about lr in every coordinate, with t = 1, m = 0.1 g and
    v = 0.001 g^2 (the default betas)."""
    w0 = np.array([1.0, -1.0, 0.5, 2.0])
    g = np.array([2.0, -0.5, 4.0, -1e-3])
    want = (w0 - 0.1 * g / (np.abs(g) + 1e-8), {"t": 1, "m": 0.1 * g, "v": 0.001 * g**2})
    expect_steps(lambda w, g_, s, lr: sub.adam(w, g_, s, lr), given([want]), w0, g[None],
                 [0.1], fn="adam(w, g, {}, lr)", show_lr=True, numbered=False,
                 diagnose=_diagnose())


@check("q6", points=1)
def test_two_steps_by_hand(sub):
    """With beta1 = 0.5, beta2 = 0.75 and eps = 0: after g1 = (1, -2, 4), m = (0.5, -1, 2),
    v = (0.25, 1, 4) and w moves by -lr sign(g1); after g2 = (3, 2, -4), t = 2,
    m = (1.75, 0.5, -1), v = (2.4375, 1.75, 7), corrected by 1 - 0.5^2 and 1 - 0.75^2."""
    w0 = np.array([0.5, 1.0, -1.5])
    grads = np.array([[1.0, -2.0, 4.0], [3.0, 2.0, -4.0]])
    lrs = [0.2, 0.05]
    w1 = w0 - 0.2 * np.sign(grads[0])
    m2, v2 = np.array([1.75, 0.5, -1.0]), np.array([2.4375, 1.75, 7.0])
    w2 = w1 - 0.05 * (m2 / 0.75) / np.sqrt(v2 / 0.4375)
    steps = [(w1, {"t": 1, "m": np.array([0.5, -1.0, 2.0]), "v": np.array([0.25, 1.0, 4.0])}),
             (w2, {"t": 2, "m": m2, "v": v2})]
    expect_steps(lambda w, g, s, lr: sub.adam(w, g, s, lr, beta1=0.5, beta2=0.75, eps=0.0),
                 given(steps), w0, grads, lrs, show_lr=True,
                 fn="adam(w, g, state, lr, beta1=0.5, beta2=0.75, eps=0)",
                 diagnose=_diagnose(0.5, 0.75, 0.0))


@check("q6", points=1)
def test_the_defaults_over_four_steps(sub, rng):
    """Called without beta1, beta2 and eps, four steps follow the recurrence with
    beta1 = 0.9, beta2 = 0.999 and eps = 1e-8 (written out in the check)."""
    w0, grads, lrs = step_problem(rng, d=4, n_steps=4)
    expect_steps(lambda w, g, s, lr: sub.adam(w, g, s, lr), _numpy_oracle(w0, 0.9, 0.999, 1e-8),
                 w0, grads, lrs, fn="adam(w, g, state, lr)", show_lr=True, diagnose=_diagnose())


@check("q6", points=2, hidden=True)
def test_adam_matches_torch_with_a_changing_learning_rate(sub, rng):
    """Six steps beside torch.optim.Adam(betas=(0.8, 0.95), eps=1e-7) in float64, with a
    learning rate that changes at every step: the parameters and the state's t, m and v
    (PyTorch's step, exp_avg, exp_avg_sq) match after each step."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=5, n_steps=6)
    expect_steps(lambda w, g, s, lr: sub.adam(w, g, s, lr, beta1=0.8, beta2=0.95, eps=1e-7),
                 TorchOptimizer("Adam", w0, betas=(0.8, 0.95), eps=1e-7), w0, grads, lrs,
                 fn="adam(..., beta1=0.8, beta2=0.95, eps=1e-7)",
                 diagnose=_diagnose(0.8, 0.95, 1e-7))


@check("q6", points=1, hidden=True)
def test_the_first_steps_with_the_default_betas(sub, rng):
    """The first three steps with the default betas, where the bias correction changes most
    (1 - 0.999^t is 0.001, 0.002, 0.003), on gradients of very different sizes: they match
    torch.optim.Adam."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=5, n_steps=3)
    grads = grads * np.array([1.0, 100.0, 0.01])[:, None]
    expect_steps(lambda w, g, s, lr: sub.adam(w, g, s, lr), TorchOptimizer("Adam", w0), w0,
                 grads, lrs, fn="adam(w, g, state, lr)", diagnose=_diagnose())


@check("q6", points=1, hidden=True)
def test_adam_with_tiny_gradients_where_eps_matters(sub, rng):
    """With gradients of about 1e-9, sqrt(v_hat) is about 1e-9 and eps = 1e-8 dominates the
    denominator: four steps with the defaults match torch.optim.Adam."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=4, scale=1e-9)
    expect_steps(lambda w, g, s, lr: sub.adam(w, g, s, lr), TorchOptimizer("Adam", w0), w0,
                 grads, lrs, fn="adam with gradients of about 1e-9", diagnose=_diagnose())


@check("q6", points=1, hidden=True)
def test_adam_continues_from_a_given_state(sub, rng):
    """From a given state with t = 7 (as the seventh call would return), three steps use the
    bias corrections of t = 8, 9, 10 and match torch.optim.Adam started from the same step,
    exp_avg and exp_avg_sq."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=3)
    state = {"t": 7, "m": 0.5 * mixed(rng, 4, 0.3, 1.5), "v": 0.4 * mixed(rng, 4, 0.3, 1.5) ** 2}
    expect_steps(lambda w, g, s, lr: sub.adam(w, g, s, lr, beta2=0.99),
                 TorchOptimizer("Adam", w0, state=state, betas=(0.9, 0.99)), w0, grads, lrs,
                 state=state, fn="adam(..., beta2=0.99) from a state with t = 7",
                 diagnose=_diagnose(0.9, 0.99))


@check("q6", points=1, hidden=True)
def test_adam_on_two_parameters_stepped_alternately(sub, rng):
    """Two parameter vectors stepped alternately, each with its own state, then a step
    repeated from a state already used: every step matches its own torch.optim.Adam (the
    update reads only the state it is given, and leaves the given w, g and state unchanged)."""
    from ._oracles import TorchOptimizer

    problems = [step_problem(rng, d=3, n_steps=3), step_problem(rng, d=3, n_steps=3)]
    runs = [[TorchOptimizer("Adam", w0, betas=(0.7, 0.9)), w0.copy(), {}, grads, lrs]
            for w0, grads, lrs in problems]
    diagnose = _diagnose(0.7, 0.9)

    def adam(w, g, s, lr):
        return sub.adam(w, g, s, lr, beta1=0.7, beta2=0.9)

    for k in range(3):
        for name, run in zip(["first", "second"], runs, strict=True):
            oracle, w, state, grads, lrs = run
            want = oracle(grads[k], lrs[k])
            run[1], run[2] = expect_steps(
                adam, given([want]), w, grads[k:k + 1], lrs[k:k + 1], state=state,
                fn=f"adam on the {name} of two parameters at step {k + 1}", numbered=False,
                diagnose=diagnose)
            if k == 1:
                expect_steps(adam, given([want]), w, grads[k:k + 1], lrs[k:k + 1],
                             state=state, numbered=False, diagnose=diagnose,
                             fn=f"adam on the {name} parameter, step 2 again from the same state")


@check("q6", points=2, hidden=True)
def test_adam_through_run_optimizer_follows_torch_on_a_quadratic(sub, rng):
    """run_optimizer(adam, grad, w0, 30, lr=0.05, beta1=0.8) on an ill-conditioned quadratic
    (grad the test's own A w - b): adam's first step, then the 31 iterates, match
    torch.optim.Adam minimising the same quadratic by autograd (this check relies on
    run_optimizer, q2)."""
    from ._oracles import torch_trajectory

    A, b = quadratic_problem(rng, d=3, mu=0.2, L=8.0)
    w0 = mixed(rng, 3, 0.5, 2.0)

    def grad(w):
        return A @ w - b

    want = torch_trajectory("Adam", A, b, w0, 30, 0.05, betas=(0.8, 0.999))
    # adam's first step on its own first, so that an error in adam is reported as adam's
    expect_steps(lambda w, g, s, lr: sub.adam(w, g, s, lr, beta1=0.8), given([(want[1], {})]),
                 w0, [grad(w0)], [0.05], fn="adam(w0, grad(w0), {}, lr=0.05, beta1=0.8)",
                 numbered=False, diagnose=_diagnose(0.8))
    try:
        _, trajectory = sub.run_optimizer(sub.function("adam"), grad, w0, 30, lr=0.05,
                                          beta1=0.8)
        expect_close(trajectory, want, name="the trajectory of run_optimizer(adam, ...)",
                     rtol=1e-8, atol=1e-10)
    except (CheckFailure, StudentCodeError):
        _expect_run_optimizer_works(sub, A, b, w0)
        raise


def _expect_run_optimizer_works(sub, A, b, w0):
    """run_optimizer with a plain gradient step of the test's own, on the same problem: when it
    is wrong, the failure is q2's (tag depends:q2)."""
    def gd(w, g, state, lr):
        return w - lr * g, {}

    def grad(w):
        return A @ w - b

    want = [w0]
    for _ in range(3):
        want.append(want[-1] - 0.1 * grad(want[-1]))
    try:
        _, trajectory = sub.run_optimizer(gd, grad, w0, 3, lr=0.1)
        ok = (isinstance(trajectory, np.ndarray) and trajectory.shape == (4, len(w0))
              and np.allclose(trajectory, np.array(want), rtol=1e-10, atol=1e-12))
    except StudentCodeError:
        ok = False
    if not ok:
        fail("run_optimizer is wrong on these inputs (see q2), and this check runs adam "
             "through it: fix q2 first.", "depends:q2")
