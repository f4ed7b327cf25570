"""q9: backpropagation through time in an LSTM."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, check, expect_depends_on, expect_outputs, once

from ._data import (
    BPTT_DESCRIBE,
    BPTT_HINTS,
    diagnose_gradients,
    gradients,
    lstm_problem,
    lstm_sequence,
    upstream,
)

RTOL, ATOL = 1e-9, 1e-11
DESCRIBE = {
    **BPTT_DESCRIBE,
    "nocarryc": "BPTT without the cell-state gradient carried from step t + 1 back to step t "
                "(dc_next = 0 at every step)",
    "nocarryh": "BPTT without the hidden-state gradient carried from step t + 1 back to step t "
                "(each step sees only its own dh[:, t])",
}
HINTS = {
    **BPTT_HINTS,
    "nocarryc": "c[:, t] feeds step t + 1: pass the dc_prev returned by step t + 1 as the "
                "dc_next of step t. This additive path is what lets LSTM gradients survive.",
    "nocarryh": "h[:, t] feeds step t + 1: add the dh_prev returned by step t + 1 to dh[:, t].",
}


def _run(sub, p, dh, pass_c0=True):
    """The submission's forward (checked first), then its backward on that cache."""
    args = [p[k] for k in ("x", "h0", "Wx", "Wh", "b")]
    h, cache = sub.lstm_forward(*args, p["c0"]) if pass_c0 else sub.lstm_forward(*args)
    expect_depends_on(h, lstm_sequence(**p)[0], name="h from lstm_forward", question="q8",
                      rtol=1e-10, atol=1e-12)
    return sub.lstm_backward(dh, cache)


def _fd(p, dh, **variant):
    """Central differences of sum(h * dh) for every input, named as lstm_backward's outputs."""
    return gradients(lambda **a: lstm_sequence(**a, **variant)[0], p, dh)


@check("q9", points=2)
def test_lstm_bptt_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h * dh), with a random dh on every
    step, non-zero h0 and c0 (N = 2, T = 3, D = 3, H = 2)."""
    p = lstm_problem(rng, 2, 3, 3, 2)
    dh = upstream(rng, 2, 3, 2)
    last = np.where(np.arange(3)[None, :, None] == 2, dh, 0.0)
    hs, cs = lstm_sequence(**p)
    models = {
        "lastonly": (DESCRIBE["lastonly"], once(lambda: _fd(p, last))),
        "nocarryc": (DESCRIBE["nocarryc"], once(lambda: _fd(p, dh, frozen_c=cs))),
        "nocarryh": (DESCRIBE["nocarryh"], once(lambda: _fd(p, dh, frozen_h=hs))),
    }
    expect_outputs(_run(sub, p, dh), _fd(p, dh), fn="lstm_backward", rtol=FD_RTOL,
                   atol=FD_ATOL,
                   diagnose=diagnose_gradients(models, H=2, sequence=True, hints=HINTS))


def _torch_case(sub, rng, N, T, D, H, pass_c0=True):
    from ._oracles import LSTM_GRADS, lstm_model, lstm_oracle

    p = lstm_problem(rng, N, T, D, H)
    if not pass_c0:
        p["c0"] = np.zeros((N, H))
    dh = upstream(rng, N, T, H)
    args = (*p.values(), dh)

    def model(**variant):
        return once(lambda: lstm_model(*args, **variant))

    models = {
        "lastonly": (DESCRIBE["lastonly"], model(upstream="last")),
        "nocarryc": (DESCRIBE["nocarryc"], model(carry_c=False)),
        "nocarryh": (DESCRIBE["nocarryh"], model(carry_h=False)),
        "overwrite": (DESCRIBE["overwrite"], model(weights="first")),
        "overwrite_last": (DESCRIBE["overwrite_last"], model(weights="last")),
    }
    want = lstm_oracle(*args)
    label = f"with (N, T, D, H) = {(N, T, D, H)}" + ("" if pass_c0 else " and no c0")
    expect_outputs(_run(sub, p, dh, pass_c0), {k: want[k] for k in LSTM_GRADS},
                   fn=f"lstm_backward {label}", rtol=RTOL, atol=ATOL,
                   diagnose=diagnose_gradients(models, H=H, sequence=True, hints=HINTS))


@check("q9", points=5, hidden=True)
def test_lstm_bptt_matches_torch_lstm(sub, rng):
    """Every gradient equals autograd through torch.nn.LSTM (float64), random dh on every step."""
    for N, T, D, H in [(3, 6, 4, 5), (2, 8, 5, 3)]:
        _torch_case(sub, rng, N, T, D, H)


@check("q9", points=1, hidden=True)
def test_lstm_bptt_on_one_step_long_sequences_and_default_c0(sub, rng):
    """T = 1, T = 30, and a forward pass without c0 (dc0 is then the gradient at c0 = 0)."""
    for N, T, D, H, pass_c0 in [(3, 1, 2, 4, True), (2, 30, 3, 4, True), (3, 5, 4, 2, False)]:
        _torch_case(sub, rng, N, T, D, H, pass_c0)
