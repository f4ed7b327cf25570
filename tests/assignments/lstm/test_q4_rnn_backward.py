"""q4: backpropagation through time for the vanilla RNN."""

import numpy as np

from autograder.testing import check, expect_close, expect_inputs_unchanged

from ._data import (
    BPTT_DESCRIBE,
    BPTT_HINTS,
    FD_ATOL,
    FD_RTOL,
    diagnose_grad,
    expect_forward_first,
    expect_gradients,
    fd_grads,
    from_models,
    lazy,
    rnn_problem,
    rnn_sequence,
    upstream,
)

RTOL, ATOL = 1e-9, 1e-11
KEYS = ("dx", "dh0", "dWx", "dWh", "db")
PARAMS = ("x", "h0", "Wx", "Wh", "b")
DESCRIBE = {
    **BPTT_DESCRIBE,
    "nocarry": "BPTT without the gradient carried from step t + 1 back to step t "
               "(each step sees only its own dh[:, t])",
}
HINTS = {
    **BPTT_HINTS,
    "nocarry": "h[:, t] also feeds step t + 1: add the dh_prev returned by step t + 1 to "
               "dh[:, t] before backpropagating through step t.",
}


def _diagnose(models, key):
    return diagnose_grad(from_models(models, key), over_time=key == "dx", hints=HINTS)


def _run(sub, p, dh):
    """The submission's forward (checked first), then its backward on that cache."""
    h, cache = sub.rnn_forward(*(p[k] for k in PARAMS))
    expect_forward_first(h, rnn_sequence(**p), name="h from rnn_forward", question="q3",
                         rtol=1e-10, atol=1e-12)
    return sub.rnn_backward(dh, cache)


def _fd(p, dh, **variant):
    """Central differences of sum(h * dh) for every input, under the names of the outputs."""
    g = fd_grads(lambda **a: float(np.sum(rnn_sequence(**a, **variant) * dh)), p, PARAMS)
    return {"d" + k: v for k, v in g.items()}


@check("q4", points=2)
def test_bptt_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h * dh), with a random dh on every
    step (N = 2, T = 4, D = 3, H = 4)."""
    p = rnn_problem(rng, 2, 4, 3, 4)
    dh = upstream(rng, 2, 4, 4)
    last = np.where(np.arange(4)[None, :, None] == 3, dh, 0.0)
    models = {
        "lastonly": (DESCRIBE["lastonly"], lazy(lambda: _fd(p, last))),
        "nocarry": (DESCRIBE["nocarry"], lazy(lambda: _fd(p, dh, frozen=rnn_sequence(**p)))),
    }
    got = _run(sub, p, dh)
    expect_gradients(got, _fd(p, dh), KEYS, fn="rnn_backward", rtol=FD_RTOL, atol=FD_ATOL,
                     diagnose=lambda k: _diagnose(models, k))


@check("q4", points=1)
def test_bptt_sends_gradients_only_backward_in_time(sub, rng):
    """With an upstream gradient on step 2 only, dx is zero after step 2 (h[:, 2] depends on
    x[:, :3] only) and matches central differences up to it."""
    p = rnn_problem(rng, 3, 5, 2, 3)
    dh = np.zeros((3, 5, 3))
    dh[:, 2] = upstream(rng, 3, 3)
    dx = _run(sub, p, dh)[0]
    expect_close(dx, _fd(p, dh)["dx"], name="dx from rnn_backward (upstream on step 2 only)",
                 rtol=FD_RTOL, atol=FD_ATOL, diagnose=diagnose_grad(over_time=True))


def _torch_case(sub, rng, N, T, D, H, scale=1.0):
    from ._torch import rnn_model, rnn_oracle

    p = rnn_problem(rng, N, T, D, H, scale=scale)
    dh = upstream(rng, N, T, H)
    args = tuple(p[k] for k in PARAMS) + (dh,)

    def model(**variant):
        return lazy(lambda: rnn_model(*args, **variant))

    models = {
        "lastonly": (DESCRIBE["lastonly"], model(upstream="last")),
        "nocarry": (DESCRIBE["nocarry"], model(carry=False)),
        "overwrite": (DESCRIBE["overwrite"], model(weights="first")),
        "overwrite_last": (DESCRIBE["overwrite_last"], model(weights="last")),
    }
    got = _run(sub, p, dh)
    expect_gradients(got, rnn_oracle(*args), KEYS,
                     fn=f"rnn_backward with (N, T, D, H) = {(N, T, D, H)}", rtol=RTOL,
                     atol=ATOL, diagnose=lambda k: _diagnose(models, k))


@check("q4", points=3, hidden=True)
def test_bptt_matches_torch_rnn(sub, rng):
    """Every gradient equals autograd through torch.nn.RNN (float64), random dh on every step."""
    for N, T, D, H in [(3, 6, 4, 5), (2, 8, 5, 3)]:
        _torch_case(sub, rng, N, T, D, H)


@check("q4", points=1, hidden=True)
def test_bptt_on_one_step_and_on_long_sequences(sub, rng):
    """T = 1, and T = 30 with small and with large recurrent weights, against torch.nn.RNN."""
    for N, T, D, H, scale in [(3, 1, 2, 4, 1.0), (2, 30, 3, 4, 0.5), (2, 30, 3, 4, 2.0)]:
        _torch_case(sub, rng, N, T, D, H, scale)


@check("q4", points=1, hidden=True)
def test_bptt_leaves_dh_and_the_cache_alone(sub, rng):
    """rnn_backward modifies neither dh nor the cache."""
    p = rnn_problem(rng, 2, 5, 3, 4)
    _, cache = sub.rnn_forward(*(p[k] for k in PARAMS))
    result = sub.call("rnn_backward", upstream(rng, 2, 5, 4), cache)
    expect_inputs_unchanged(result, name="rnn_backward")
