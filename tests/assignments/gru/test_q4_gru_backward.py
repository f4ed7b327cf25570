"""q4: backpropagation through time in a GRU."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, check, expect_depends_on, expect_outputs, once

from ._data import (
    BPTT_DESCRIBE,
    BPTT_HINTS,
    diagnose_gradients,
    gradients,
    gru_problem,
    gru_sequence,
    previous_states,
    upstream,
)

RTOL, ATOL = 1e-9, 1e-11


def _run(sub, p, dh):
    """The submission's forward (checked first), then its backward on that cache."""
    h, cache = sub.gru_forward(*p.values())
    expect_depends_on(h, gru_sequence(**p), name="h from gru_forward", question="q3",
                      rtol=1e-10, atol=1e-12)
    return sub.gru_backward(dh, cache)


def _fd(p, dh, **variant):
    """Central differences of sum(h * dh) for every input, named as gru_backward's outputs."""
    return gradients(lambda **a: gru_sequence(**a, **variant), p, dh)


def _models(p, dh):
    """The wrong backward passes a public check can name, by central differences of the
    sequence with one path held constant."""
    T = dh.shape[1]
    hs = gru_sequence(**p)

    def fd(upstream=dh, **variant):
        return once(lambda: _fd(p, upstream, **variant))

    models = {
        "lastonly": fd(np.where(np.arange(T)[None, :, None] == T - 1, dh, 0.0)),
        "nocarry": fd(frozen=hs),
        "overwrite": fd(weights_at=(0, p)),
        "overwrite_last": fd(weights_at=(T - 1, p)),
        "nodirect": fd(direct=previous_states(p["h0"], hs)),
    }
    return {tag: (BPTT_DESCRIBE[tag], model) for tag, model in models.items()}


@check("q4", points=2)
def test_gru_bptt_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h * dh), with a random dh on every
    step and a non-zero h0 (N = 2, T = 3, D = 3, H = 2)."""
    p = gru_problem(rng, 2, 3, 3, 2)
    dh = upstream(rng, 2, 3, 2)
    expect_outputs(_run(sub, p, dh), _fd(p, dh), fn="gru_backward", rtol=FD_RTOL,
                   atol=FD_ATOL, diagnose=diagnose_gradients(_models(p, dh), H=2, sequence=True,
                                                             hints=BPTT_HINTS))


@check("q4", points=1)
def test_gru_bptt_sends_gradients_only_backward_in_time(sub, rng):
    """With an upstream gradient on step 2 only, every gradient matches central differences:
    dx is zero after step 2 (h[:, 2] depends on x[:, :3] only) and non-zero up to it."""
    p = gru_problem(rng, 3, 5, 2, 3)
    dh = np.zeros((3, 5, 3))
    dh[:, 2] = upstream(rng, 3, 3)
    expect_outputs(_run(sub, p, dh), _fd(p, dh), fn="gru_backward (upstream on step 2 only)",
                   rtol=FD_RTOL, atol=FD_ATOL,
                   diagnose=diagnose_gradients(_models(p, dh), H=3, sequence=True,
                                               hints=BPTT_HINTS))


def _torch_case(sub, rng, N, T, D, H):
    from ._oracles import GRU_GRADS, gru_model, gru_oracle

    p = gru_problem(rng, N, T, D, H)
    dh = upstream(rng, N, T, H)
    args = (*p.values(), dh)

    def model(**variant):
        return once(lambda: gru_model(*args, **variant))

    models = {
        "lastonly": (BPTT_DESCRIBE["lastonly"], model(upstream="last")),
        "nocarry": (BPTT_DESCRIBE["nocarry"], model(carry=False)),
        "overwrite": (BPTT_DESCRIBE["overwrite"], model(weights="first")),
        "overwrite_last": (BPTT_DESCRIBE["overwrite_last"], model(weights="last")),
        "nodirect": (BPTT_DESCRIBE["nodirect"], model(direct_grad=False)),
    }
    want = gru_oracle(*args)
    expect_outputs(_run(sub, p, dh), {k: want[k] for k in GRU_GRADS},
                   fn=f"gru_backward with (N, T, D, H) = {(N, T, D, H)}", rtol=RTOL, atol=ATOL,
                   diagnose=diagnose_gradients(models, H=H, sequence=True, hints=BPTT_HINTS))


@check("q4", points=5, hidden=True)
def test_gru_bptt_matches_torch_gru(sub, rng):
    """Every gradient equals autograd through torch.nn.GRU (float64), random dh on every step."""
    for N, T, D, H in [(3, 6, 4, 5), (2, 8, 5, 3)]:
        _torch_case(sub, rng, N, T, D, H)


@check("q4", points=1, hidden=True)
def test_gru_bptt_on_one_step_and_on_long_sequences(sub, rng):
    """T = 1 and T = 30 against torch.nn.GRU."""
    for N, T, D, H in [(3, 1, 2, 4), (2, 30, 3, 4)]:
        _torch_case(sub, rng, N, T, D, H)
