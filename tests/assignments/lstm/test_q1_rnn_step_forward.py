"""q1: one step of a vanilla RNN, h_next = tanh(x @ Wx + h_prev @ Wh + b)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import rnn_cell, rnn_step_problem, sigmoid

RTOL, ATOL = 1e-10, 1e-12


def _step_inputs(rng, N, D, H):
    return tuple(rnn_step_problem(rng, N, D, H).values())


def _diagnose(x, h, Wx, Wh, b):
    def cell(**variant):
        return lambda: rnn_cell(x, h, Wx, Wh, b, **variant)

    return Diagnose(
        wrong_formulas={
            "sigmoid": ("sigmoid(x Wx + h_prev Wh + b); the vanilla RNN squashes with tanh",
                        cell(act=sigmoid)),
            "linear": ("x Wx + h_prev Wh + b without the tanh", cell(act=lambda a: a)),
            "whT": ("tanh(x Wx + h_prev Wh^T + b): with row vectors the recurrent term is "
                    "h_prev @ Wh (Wh @ h_prev is the column-vector convention)",
                    cell(recurrent="Wh.T")),
            "nobias": ("tanh(x Wx + h_prev Wh), without the bias b", cell(bias=False)),
            "noinput": ("tanh(h_prev Wh + b): the input term x Wx is missing",
                        lambda: np.tanh(h @ Wh + b)),
            "norecurrence": ("tanh(x Wx + b): the recurrent term h_prev Wh is missing",
                             lambda: np.tanh(x @ Wx + b)),
        },
    )


def _expect_step(sub, x, h, Wx, Wh, b, want, label):
    h_next, _ = sub.rnn_step_forward(x, h, Wx, Wh, b)
    expect_close(h_next, want, name=f"h_next from rnn_step_forward {label}", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(x, h, Wx, Wh, b))


@check("q1", points=1)
def test_rnn_step_on_a_small_example(sub):
    """A batch of 2, D = 3 inputs, H = 2 hidden units, inputs from np.linspace."""
    N, D, H = 2, 3, 2
    x = np.linspace(-0.4, 0.7, N * D).reshape(N, D)
    h = np.linspace(-0.2, 0.5, N * H).reshape(N, H)
    Wx = np.linspace(-0.1, 0.9, D * H).reshape(D, H)
    Wh = np.linspace(-0.3, 0.7, H * H).reshape(H, H)
    b = np.linspace(-0.2, 0.4, H)
    _expect_step(sub, x, h, Wx, Wh, b, rnn_cell(x, h, Wx, Wh, b), "on the small example")


@check("q1", points=1)
def test_rnn_step_isolates_each_term(sub, rng):
    """Each term alone: only x Wx, only h_prev Wh, only b (the others set to zero)."""
    x, h, Wx, Wh, b = _step_inputs(rng, 3, 4, 5)
    zero_h, zero_b = np.zeros_like(Wh), np.zeros_like(b)
    cases = [
        ("with Wh = 0 and b = 0 (only the input term x Wx)", x, h, Wx, zero_h, zero_b),
        ("with Wx = 0 and b = 0 (only the recurrent term h_prev Wh)",
         x, h, np.zeros_like(Wx), Wh, zero_b),
        ("with Wx = 0 and Wh = 0 (only the bias)", x, h, np.zeros_like(Wx), zero_h, b),
    ]
    for label, *args in cases:
        _expect_step(sub, *args, rnn_cell(*args), label)


@check("q1", points=1)
def test_rnn_step_matches_the_definition(sub, rng):
    """Random inputs with N = 3, D = 4, H = 5 and a non-symmetric Wh."""
    args = _step_inputs(rng, 3, 4, 5)
    _expect_step(sub, *args, rnn_cell(*args), "on random inputs")


@check("q1", points=3, hidden=True)
def test_rnn_step_matches_torch_rnn(sub, rng):
    """h_next equals one step of torch.nn.RNN (float64) on random inputs of several shapes."""
    from ._oracles import rnn_oracle

    for N, D, H in [(4, 3, 5), (2, 6, 3), (5, 2, 2)]:
        x, h, Wx, Wh, b = _step_inputs(rng, N, D, H)
        want = rnn_oracle(x[:, None], h, Wx, Wh, b, np.zeros((N, 1, H)))["h"][:, 0]
        _expect_step(sub, x, h, Wx, Wh, b, want, f"with (N, D, H) = {(N, D, H)}")

