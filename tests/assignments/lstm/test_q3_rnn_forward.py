"""q3: the vanilla RNN unrolled over whole sequences, the same weights at every step."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import STEP, rnn_problem, rnn_sequence

RTOL, ATOL = 1e-10, 1e-12
PARAMS = ("x", "h0", "Wx", "Wh", "b")


def _diagnose(p):
    N, T, _ = p["x"].shape
    h0 = p["h0"]

    def seq(**changes):
        return lambda: rnn_sequence(**(p | changes))

    return Diagnose(
        wrong_formulas={
            "zeroh0": ("the hidden states of a start from zeros: h0 was ignored",
                       seq(h0=np.zeros_like(h0))),
            "nocarry": ("every step computed from h0 instead of the previous step's state "
                        "(the hidden state is not carried)",
                        seq(frozen=np.repeat(h0[:, None], T, axis=1))),
            "timemajor": ("the right hidden states stacked time first, (T, N, H); h must be "
                          "batch first, (N, T, H): stack along axis 1",
                          lambda: rnn_sequence(**p).transpose(1, 0, 2)),
            "withh0": ("h0 followed by the T hidden states; h holds only the T states after "
                       "each input", lambda: np.concatenate([h0[:, None], rnn_sequence(**p)],
                                                            axis=1)),
        },
        axis=(1, STEP),
    )


def _expect_forward(sub, p, want, label):
    h, _ = sub.rnn_forward(*(p[k] for k in PARAMS))
    expect_close(h, want, name=f"h from rnn_forward {label}", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(p))


@check("q3", points=2)
def test_rnn_forward_matches_the_definition(sub, rng):
    """h on random inputs: N = 2 sequences of T = 4 steps, D = 3, H = 5, non-zero h0."""
    p = rnn_problem(rng, 2, 4, 3, 5)
    _expect_forward(sub, p, rnn_sequence(**p), "on random inputs")


@check("q3", points=1)
def test_rnn_forward_isolates_input_and_recurrence(sub, rng):
    """With Wh = 0 every step sees only its input; with x = 0 only the carried state."""
    p = rnn_problem(rng, 3, 5, 2, 4)
    no_recurrence = p | {"Wh": np.zeros_like(p["Wh"])}
    want = np.tanh(p["x"] @ p["Wx"] + p["b"])  # each step on its own
    _expect_forward(sub, no_recurrence, want, "with Wh = 0 (no recurrence)")
    no_input = p | {"x": np.zeros_like(p["x"])}
    _expect_forward(sub, no_input, rnn_sequence(**no_input), "with x = 0 (only the recurrence)")


@check("q3", points=3, hidden=True)
def test_rnn_forward_matches_torch_rnn(sub, rng):
    """h equals torch.nn.RNN (tanh, batch first, float64) on random inputs of several shapes."""
    from ._oracles import rnn_oracle

    for N, T, D, H in [(3, 6, 4, 5), (2, 3, 5, 2), (4, 7, 1, 3)]:
        p = rnn_problem(rng, N, T, D, H)
        want = rnn_oracle(*(p[k] for k in PARAMS), np.zeros((N, T, H)))["h"]
        _expect_forward(sub, p, want, f"with (N, T, D, H) = {(N, T, D, H)}")


@check("q3", points=1, hidden=True)
def test_rnn_forward_on_one_step_and_on_long_sequences(sub, rng):
    """T = 1 (a single step) and T = 40 (a long sequence) against torch.nn.RNN."""
    from ._oracles import rnn_oracle

    for N, T, D, H in [(3, 1, 4, 2), (2, 40, 3, 4)]:
        p = rnn_problem(rng, N, T, D, H)
        want = rnn_oracle(*(p[k] for k in PARAMS), np.zeros((N, T, H)))["h"]
        _expect_forward(sub, p, want, f"with T = {T}")

