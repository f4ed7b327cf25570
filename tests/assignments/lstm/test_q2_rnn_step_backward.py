"""q2: the backward pass of one RNN step."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, check, expect_depends_on, expect_outputs, once

from ._data import diagnose_gradients, gradients, rnn_cell, rnn_step_problem

RTOL, ATOL = 1e-9, 1e-11
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
    h_next, cache = sub.rnn_step_forward(*args.values())
    expect_depends_on(h_next, rnn_cell(**args), name="h_next from rnn_step_forward",
                      question="q1", rtol=1e-10, atol=1e-12)
    return sub.rnn_step_backward(dh_next, cache)


def _fd(args, dh_next, act=np.tanh):
    """Central differences of sum(rnn_cell(**args, act=act) * dh_next), named as the
    outputs of rnn_step_backward."""
    return gradients(lambda **a: rnn_cell(**a, act=act), args, dh_next)


@check("q2", points=2)
def test_rnn_step_backward_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h_next * dh_next), N = 2, D = 4, H = 3."""
    args = rnn_step_problem(rng, 2, 4, 3)
    dh_next = rng.standard_normal((2, 3))
    h_prev = args["h_prev"]
    models = {
        "notanh": (DESCRIBE["notanh"], once(lambda: _fd(args, dh_next, act=lambda a: a))),
        "hprev": (DESCRIBE["hprev"],
                  once(lambda: _fd(args, dh_next, act=lambda a: a * (1 - h_prev**2)))),
    }
    expect_outputs(_run(sub, args, dh_next), _fd(args, dh_next), fn="rnn_step_backward",
                   rtol=FD_RTOL, atol=FD_ATOL, diagnose=diagnose_gradients(models, hints=HINTS))


@check("q2", points=4, hidden=True)
def test_rnn_step_backward_matches_torch(sub, rng):
    """Every gradient equals autograd through one step of torch.nn.RNN (float64)."""
    from ._oracles import rnn_model, rnn_oracle

    def as_step(out):
        return {"dx": out["dx"][:, 0], "dh_prev": out["dh0"], "dWx": out["dWx"],
                "dWh": out["dWh"], "db": out["db"]}

    for N, D, H in [(3, 5, 4), (4, 2, 6)]:
        args = rnn_step_problem(rng, N, D, H)
        dh_next = rng.standard_normal((N, H))
        seq = (args["x"][:, None], args["h_prev"], args["Wx"], args["Wh"], args["b"],
               dh_next[:, None])

        def model(seq=seq, **variant):
            return once(lambda: as_step(rnn_model(*seq, **variant)))

        models = {
            "notanh": (DESCRIBE["notanh"], model(tanh_grad="none")),
            "hprev": (DESCRIBE["hprev"], model(tanh_grad="h_prev")),
            "whT": (DESCRIBE["whT"], model(recurrent_grad="Wh")),
        }
        expect_outputs(_run(sub, args, dh_next), as_step(rnn_oracle(*seq)),
                       fn=f"rnn_step_backward with (N, D, H) = {(N, D, H)}", rtol=RTOL,
                       atol=ATOL, diagnose=diagnose_gradients(models, hints=HINTS))
