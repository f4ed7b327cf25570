"""q5: RMSProp in PyTorch's form: sq = alpha sq + (1 - alpha) g^2 from sq = 0, then
w - lr g / (sqrt(sq) + eps)."""

import numpy as np

from autograder.testing import check

from ._compare import diagnoses, expect_steps, given
from ._data import mixed, step_problem


def _models(w, g, prev, lr, alpha, eps):
    """What common mistakes return for one step: {key: (description, thunk -> (w, state))}.
    ``prev`` is the sq the step was given (None on the first call)."""
    first = prev is None
    p = np.zeros_like(g) if first else prev
    sq = alpha * p + (1 - alpha) * g * g

    def out(w_new, sq_new):
        def model():
            with np.errstate(divide="ignore", invalid="ignore"):  # stale: sqrt(0) + eps = 0
                return w_new(), {"sq": sq_new}
        return model

    models = {
        "eps_inside": ("w - lr g / sqrt(sq + eps), with eps inside the square root (the cheat "
                       "sheet's form): PyTorch adds eps to the root, sqrt(sq) + eps, which "
                       "matters when the gradients are tiny",
                       out(lambda: w - lr * g / np.sqrt(sq + eps), sq)),
        "swapped": ("sq = (1 - alpha) sq + alpha g^2, alpha and 1 - alpha swapped: alpha weighs "
                    "the running average, sq = alpha sq + (1 - alpha) g^2",
                    out(lambda: w - lr * g / (np.sqrt((1 - alpha) * p + alpha * g * g) + eps),
                        (1 - alpha) * p + alpha * g * g)),
        "no_sqrt": ("w - lr g / (sq + eps), without the square root",
                    out(lambda: w - lr * g / (sq + eps), sq)),
        "stale": ("a step divided by the root of the previous sq (0 at first): update sq "
                  "first, then divide by sqrt(sq) + eps with the new sq",
                  out(lambda: w - lr * g / (np.sqrt(p) + eps), sq)),
    }
    if first:  # an average started at g^2 and AdaGrad's sum both give g^2 here
        models["init_g2"] = ("sq = g^2 after the first call (an average started at g^2, or "
                             "AdaGrad's sum sq + g^2): the running average starts at 0, so the "
                             "first sq is (1 - alpha) g^2",
                             out(lambda: w - lr * g / (np.sqrt(g * g) + eps), g * g))
    else:
        models["adagrad"] = ("AdaGrad's sum sq = sq + g^2: RMSProp decays it, sq = alpha sq + "
                             "(1 - alpha) g^2",
                             out(lambda: w - lr * g / (np.sqrt(p + g * g) + eps), p + g * g))
    return models


def _diagnose(alpha, eps):
    def make(w, g, state, lr):
        prev = state.get("sq") if isinstance(state, dict) else None
        return diagnoses(_models(w, g, prev, lr, alpha, eps), ["sq"])
    return make


def _numpy_oracle(w0, alpha, eps):
    """The contract's recurrence written out, step by step (public checks' oracle)."""
    w, sq = np.array(w0, dtype=float), [0.0]

    def step(g, lr):
        nonlocal w
        sq[0] = alpha * sq[0] + (1 - alpha) * g**2
        w = w - lr * g / (np.sqrt(sq[0]) + eps)
        return w, {"sq": sq[0]}
    return step


@check("q5", points=1)
def test_two_rmsprop_steps_by_hand(sub):
    """With alpha = 0.75, eps = 0 and g = (2, -4, 1): sq = 0.25 g^2 = (1, 4, 0.25), so the first
    step moves w by -lr g / sqrt(sq) = -2 lr sign(g); with g2 = (0, 4, -1), sq = (0.75, 7,
    0.4375)."""
    w0 = np.array([1.0, -1.0, 0.5])
    grads = np.array([[2.0, -4.0, 1.0], [0.0, 4.0, -1.0]])
    lrs = [0.1, 0.25]
    w1 = w0 - 0.1 * 2 * np.sign(grads[0])  # (0.8, -0.8, 0.3)
    sq2 = np.array([0.75, 7.0, 0.4375])
    w2 = w1 - 0.25 * grads[1] / np.sqrt(sq2)
    steps = [(w1, {"sq": np.array([1.0, 4.0, 0.25])}), (w2, {"sq": sq2})]
    expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr, alpha=0.75, eps=0.0),
                 given(steps), w0, grads, lrs, fn="rmsprop(w, g, state, lr, alpha=0.75, eps=0)",
                 show_lr=True, diagnose=_diagnose(0.75, 0.0))


@check("q5", points=1)
def test_the_defaults_alpha_0_99_and_eps_1e_8(sub, rng):
    """Called without alpha and eps, three steps follow sq = 0.99 sq + 0.01 g^2 and
    w - lr g / (sqrt(sq) + 1e-8) (the contract's recurrence written out in the check)."""
    w0, grads, lrs = step_problem(rng, d=4, n_steps=3)
    expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr), _numpy_oracle(w0, 0.99, 1e-8),
                 w0, grads, lrs, fn="rmsprop(w, g, state, lr)", show_lr=True,
                 diagnose=_diagnose(0.99, 1e-8))


@check("q5", points=2, hidden=True)
def test_rmsprop_matches_torch_with_a_changing_learning_rate(sub, rng):
    """Six steps beside torch.optim.RMSprop(alpha=0.9, eps=1e-6) in float64, with a learning rate
    that changes at every step: the parameters and state['sq'] (PyTorch's square_avg) match
    after each step."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=5, n_steps=6, lr=0.05)
    expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr, alpha=0.9, eps=1e-6),
                 TorchOptimizer("RMSprop", w0, alpha=0.9, eps=1e-6), w0, grads, lrs,
                 fn="rmsprop(..., alpha=0.9, eps=1e-6)", diagnose=_diagnose(0.9, 1e-6))


@check("q5", points=1, hidden=True)
def test_rmsprop_with_tiny_gradients_where_eps_matters(sub, rng):
    """With gradients of about 1e-9, sqrt(sq) is about 1e-10 and eps = 1e-8 dominates the
    denominator: four steps with the default alpha and eps match torch.optim.RMSprop."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=4, scale=1e-9)
    expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr), TorchOptimizer("RMSprop", w0),
                 w0, grads, lrs, fn="rmsprop with gradients of about 1e-9",
                 diagnose=_diagnose(0.99, 1e-8))


@check("q5", points=1, hidden=True)
def test_rmsprop_defaults_match_torch(sub, rng):
    """Called without alpha and eps, five steps match torch.optim.RMSprop's defaults
    (alpha = 0.99, eps = 1e-8)."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=5, lr=0.01)
    expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr), TorchOptimizer("RMSprop", w0),
                 w0, grads, lrs, fn="rmsprop(w, g, state, lr)", diagnose=_diagnose(0.99, 1e-8))


@check("q5", points=1, hidden=True)
def test_rmsprop_continues_from_a_given_state(sub, rng):
    """From a given state {'sq': ...} (as a previous call would return), three steps match
    torch.optim.RMSprop started from the same square_avg."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=3, lr=0.05)
    state = {"sq": mixed(rng, 4, 0.3, 1.5) ** 2}
    expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr, alpha=0.9),
                 TorchOptimizer("RMSprop", w0, state=state, alpha=0.9), w0, grads, lrs,
                 state=state, fn="rmsprop(..., alpha=0.9) from a given state",
                 diagnose=_diagnose(0.9, 1e-8))


@check("q5", points=1, hidden=True)
def test_a_state_stepped_twice_gives_the_same_step(sub, rng):
    """Two steps, then the second step again from the same given state: both second steps match
    torch.optim.RMSprop's (the update reads only the state it is given, and leaves the given w,
    g and state unchanged)."""
    from ._oracles import TorchOptimizer

    w0, grads, lrs = step_problem(rng, d=4, n_steps=2, lr=0.05)
    oracle = TorchOptimizer("RMSprop", w0, alpha=0.8)
    w1, s1 = expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr, alpha=0.8), oracle,
                          w0, grads[:1], lrs[:1], fn="rmsprop(..., alpha=0.8)", numbered=False)
    want = oracle(grads[1], lrs[1])
    for label in ("", " again from the same state"):
        expect_steps(lambda w, g, s, lr: sub.rmsprop(w, g, s, lr, alpha=0.8), given([want]),
                     w1, grads[1:], lrs[1:], fn=f"the second step of rmsprop{label}",
                     numbered=False, state=s1, diagnose=_diagnose(0.8, 1e-8))
