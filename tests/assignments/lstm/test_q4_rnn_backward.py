"""q4: backpropagation through time for the vanilla RNN."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, check, expect_depends_on, expect_outputs, once

from ._data import (
    BPTT_DESCRIBE,
    BPTT_HINTS,
    diagnose_gradients,
    gradients,
    rnn_problem,
    rnn_sequence,
    upstream,
)

RTOL, ATOL = 1e-9, 1e-11
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


def _run(sub, p, dh):
    """The submission's forward (checked first), then its backward on that cache."""
    h, cache = sub.rnn_forward(*p.values())
    expect_depends_on(h, rnn_sequence(**p), name="h from rnn_forward", question="q3",
                      rtol=1e-10, atol=1e-12)
    return sub.rnn_backward(dh, cache)


def _fd(p, dh, **variant):
    """Central differences of sum(h * dh) for every input, named as rnn_backward's outputs."""
    return gradients(lambda **a: rnn_sequence(**a, **variant), p, dh)


@check("q4", points=2)
def test_bptt_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h * dh), with a random dh on every
    step (N = 2, T = 4, D = 3, H = 4)."""
    p = rnn_problem(rng, 2, 4, 3, 4)
    dh = upstream(rng, 2, 4, 4)
    last = np.where(np.arange(4)[None, :, None] == 3, dh, 0.0)
    models = {
        "lastonly": (DESCRIBE["lastonly"], once(lambda: _fd(p, last))),
        "nocarry": (DESCRIBE["nocarry"], once(lambda: _fd(p, dh, frozen=rnn_sequence(**p)))),
    }
    expect_outputs(_run(sub, p, dh), _fd(p, dh), fn="rnn_backward", rtol=FD_RTOL,
                   atol=FD_ATOL, diagnose=diagnose_gradients(models, sequence=True,
                                                             hints=HINTS))


@check("q4", points=1)
def test_bptt_sends_gradients_only_backward_in_time(sub, rng):
    """With an upstream gradient on step 2 only, every gradient matches central differences:
    dx is zero after step 2 (h[:, 2] depends on x[:, :3] only) and non-zero up to it."""
    p = rnn_problem(rng, 3, 5, 2, 3)
    dh = np.zeros((3, 5, 3))
    dh[:, 2] = upstream(rng, 3, 3)
    expect_outputs(_run(sub, p, dh), _fd(p, dh), fn="rnn_backward (upstream on step 2 only)",
                   rtol=FD_RTOL, atol=FD_ATOL,
                   diagnose=diagnose_gradients({}, sequence=True, hints=HINTS))


def _torch_case(sub, rng, N, T, D, H, scale=1.0):
    from ._oracles import RNN_GRADS, rnn_model, rnn_oracle

    p = rnn_problem(rng, N, T, D, H, scale=scale)
    dh = upstream(rng, N, T, H)
    args = (*p.values(), dh)

    def model(**variant):
        return once(lambda: rnn_model(*args, **variant))

    models = {
        "lastonly": (DESCRIBE["lastonly"], model(upstream="last")),
        "nocarry": (DESCRIBE["nocarry"], model(carry=False)),
        "overwrite": (DESCRIBE["overwrite"], model(weights="first")),
        "overwrite_last": (DESCRIBE["overwrite_last"], model(weights="last")),
    }
    want = rnn_oracle(*args)
    expect_outputs(_run(sub, p, dh), {k: want[k] for k in RNN_GRADS},
                   fn=f"rnn_backward with (N, T, D, H) = {(N, T, D, H)}", rtol=RTOL, atol=ATOL,
                   diagnose=diagnose_gradients(models, sequence=True, hints=HINTS))


@check("q4", points=4, hidden=True)
def test_bptt_matches_torch_rnn(sub, rng):
    """Every gradient equals autograd through torch.nn.RNN (float64), random dh on every step."""
    for N, T, D, H in [(3, 6, 4, 5), (2, 8, 5, 3)]:
        _torch_case(sub, rng, N, T, D, H)


@check("q4", points=1, hidden=True)
def test_bptt_on_one_step_and_on_long_sequences(sub, rng):
    """T = 1, and T = 30 with small and with large recurrent weights, against torch.nn.RNN."""
    for N, T, D, H, scale in [(3, 1, 2, 4, 1.0), (2, 30, 3, 4, 0.5), (2, 30, 3, 4, 2.0)]:
        _torch_case(sub, rng, N, T, D, H, scale)
