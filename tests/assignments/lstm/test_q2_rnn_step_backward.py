"""q2: the backward pass of one RNN step."""

import numpy as np

from autograder.testing import check, expect_inputs_unchanged

from ._data import (
    FD_ATOL,
    FD_RTOL,
    diagnose_grad,
    expect_forward_first,
    expect_gradients,
    fd_grads,
    from_models,
    lazy,
    rnn_cell,
    rnn_step_problem,
)

RTOL, ATOL = 1e-9, 1e-11
KEYS = ("dx", "dh_prev", "dWx", "dWh", "db")
ARGS = ("x", "h", "Wx", "Wh", "b")
DESCRIBE = {
    "notanh": "the gradients without tanh's derivative (da = dh_next)",
    "hprev": "the gradients with tanh's derivative taken at h_prev: 1 - h_prev**2",
    "whT": "dh_prev = da @ Wh (the transpose is missing)",
}
HINTS = {
    "notanh": "Multiply the upstream gradient by tanh's derivative, 1 - h_next**2, first.",
    "hprev": "tanh's derivative is taken at this step's output: 1 - h_next**2.",
    "whT": "h_prev @ Wh has the gradient da @ Wh.T with respect to h_prev.",
}


def _run(sub, args, dh_next):
    """The submission's forward (checked first), then its backward on that cache."""
    h_next, cache = sub.rnn_step_forward(*(args[k] for k in ARGS))
    expect_forward_first(h_next, rnn_cell(**args), name="h_next from rnn_step_forward",
                         question="q1", rtol=1e-10, atol=1e-12)
    return sub.rnn_step_backward(dh_next, cache)


def _fd(loss, args):
    """Central differences of ``loss`` for every input, under the names of the outputs."""
    g = fd_grads(loss, args, ARGS)
    return {key: g[arg] for key, arg in zip(KEYS, ARGS, strict=True)}


@check("q2", points=2)
def test_rnn_step_backward_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h_next * dh_next), N = 2, D = 4, H = 3."""
    args = rnn_step_problem(rng, 2, 4, 3)
    dh_next = rng.standard_normal((2, 3))
    h_prev = args["h"]

    def loss(**variant):
        return lambda **a: float(np.sum(rnn_cell(**a, **variant) * dh_next))

    models = {
        "notanh": (DESCRIBE["notanh"], lazy(lambda: _fd(loss(act=lambda a: a), args))),
        "hprev": (DESCRIBE["hprev"],
                  lazy(lambda: _fd(loss(act=lambda a: a * (1 - h_prev**2)), args))),
    }
    got = _run(sub, args, dh_next)
    expect_gradients(got, _fd(loss(), args), KEYS, fn="rnn_step_backward", rtol=FD_RTOL,
                     atol=FD_ATOL,
                     diagnose=lambda k: diagnose_grad(from_models(models, k), hints=HINTS))


@check("q2", points=3, hidden=True)
def test_rnn_step_backward_matches_torch(sub, rng):
    """Every gradient equals autograd through one step of torch.nn.RNN (float64)."""
    from ._torch import rnn_model, rnn_oracle

    def as_step(out):
        return out | {"dx": out["dx"][:, 0], "dh_prev": out["dh0"]}

    for N, D, H in [(3, 5, 4), (4, 2, 6)]:
        args = rnn_step_problem(rng, N, D, H)
        dh_next = rng.standard_normal((N, H))
        seq = (args["x"][:, None], args["h"], args["Wx"], args["Wh"], args["b"],
               dh_next[:, None])

        def model(seq=seq, **variant):
            return lazy(lambda: as_step(rnn_model(*seq, **variant)))

        models = {
            "notanh": (DESCRIBE["notanh"], model(tanh_grad="none")),
            "hprev": (DESCRIBE["hprev"], model(tanh_grad="h_prev")),
            "whT": (DESCRIBE["whT"], model(recurrent_grad="Wh")),
        }
        got = _run(sub, args, dh_next)
        expect_gradients(got, as_step(rnn_oracle(*seq)), KEYS,
                         fn=f"rnn_step_backward with (N, D, H) = {(N, D, H)}", rtol=RTOL,
                         atol=ATOL, diagnose=lambda k, models=models: diagnose_grad(
                             from_models(models, k), hints=HINTS))


@check("q2", points=1, hidden=True)
def test_rnn_step_backward_leaves_its_inputs_alone(sub, rng):
    """rnn_step_backward modifies neither dh_next nor the cache."""
    args = rnn_step_problem(rng, 3, 2, 4)
    _, cache = sub.rnn_step_forward(*(args[k] for k in ARGS))
    result = sub.call("rnn_step_backward", rng.standard_normal((3, 4)), cache)
    expect_inputs_unchanged(result, name="rnn_step_backward")
