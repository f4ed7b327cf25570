"""q3: the GRU unrolled over whole sequences, the same weights at every step."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import STEP, gru_problem, gru_sequence

RTOL, ATOL = 1e-10, 1e-12


def _diagnose(p):
    T = p["x"].shape[1]
    h0 = p["h0"]

    def seq(**changes):
        return lambda: gru_sequence(**(p | changes))

    return Diagnose(
        wrong_formulas={
            "zeroh0": ("the hidden states of a GRU started from zeros: h0 was ignored",
                       seq(h0=np.zeros_like(h0))),
            "nocarry": ("every step computed from h0 instead of the previous step's state "
                        "(the hidden state is not carried)",
                        seq(frozen=np.repeat(h0[:, None], T, axis=1))),
            "timemajor": ("the right hidden states stacked time first, (T, N, H); h must be "
                          "batch first, (N, T, H): stack along axis 1",
                          lambda: gru_sequence(**p).transpose(1, 0, 2)),
            "withh0": ("h0 followed by the T hidden states; h holds only the T states after "
                       "each input",
                       lambda: np.concatenate([h0[:, None], gru_sequence(**p)], axis=1)),
        },
        axis=(1, STEP),
    )


def _expect_forward(sub, p, want, label):
    h, _ = sub.gru_forward(*p.values())
    expect_close(h, want, name=f"h from gru_forward {label}", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(p))


@check("q3", points=2)
def test_gru_forward_matches_the_definition(sub, rng):
    """h on random inputs: N = 2 sequences of T = 4 steps, D = 3, H = 5, non-zero h0."""
    p = gru_problem(rng, 2, 4, 3, 5)
    _expect_forward(sub, p, gru_sequence(**p), "on random inputs")


@check("q3", points=1)
def test_gru_forward_isolates_the_input_and_the_recurrence(sub, rng):
    """With Wh = 0 and bh = 0 the gates and the candidate see x alone, yet the state is still
    carried (h_t = (1 - z_t) n_t + z_t h_(t-1), a running average with gated weights); with
    x = 0 only the recurrence drives the state."""
    p = gru_problem(rng, 3, 5, 2, 4)
    no_recurrence = p | {"Wh": np.zeros_like(p["Wh"]), "bh": np.zeros_like(p["bh"])}
    H = 4
    ax = p["x"] @ p["Wx"] + p["bx"]
    z = 1.0 / (1.0 + np.exp(-ax[..., H:2 * H]))
    n = np.tanh(ax[..., 2 * H:])
    want, h = [], p["h0"]
    for t in range(5):
        h = (1 - z[:, t]) * n[:, t] + z[:, t] * h
        want.append(h)
    _expect_forward(sub, no_recurrence, np.stack(want, axis=1), "with Wh = 0 and bh = 0")
    no_input = p | {"x": np.zeros_like(p["x"])}
    _expect_forward(sub, no_input, gru_sequence(**no_input), "with x = 0 (only the recurrence)")


@check("q3", points=3, hidden=True)
def test_gru_forward_matches_torch_gru(sub, rng):
    """h equals torch.nn.GRU (batch first, float64) on random inputs of several shapes."""
    from ._oracles import gru_oracle

    for N, T, D, H in [(3, 6, 4, 5), (2, 3, 5, 2), (4, 7, 1, 3)]:
        p = gru_problem(rng, N, T, D, H)
        want = gru_oracle(*p.values(), np.zeros((N, T, H)))["h"]
        _expect_forward(sub, p, want, f"with (N, T, D, H) = {(N, T, D, H)}")


@check("q3", points=1, hidden=True)
def test_gru_forward_on_one_step_and_on_long_sequences(sub, rng):
    """T = 1 (a single step) and T = 40 (a long sequence) against torch.nn.GRU."""
    from ._oracles import gru_oracle

    for N, T, D, H in [(3, 1, 4, 2), (2, 40, 3, 4)]:
        p = gru_problem(rng, N, T, D, H)
        want = gru_oracle(*p.values(), np.zeros((N, T, H)))["h"]
        _expect_forward(sub, p, want, f"with T = {T}")
