"""q8: the LSTM over whole sequences; c0 defaults to zeros."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import STEP, lstm_problem, lstm_sequence

RTOL, ATOL = 1e-10, 1e-12
PARAMS = ("x", "h0", "Wx", "Wh", "b", "c0")


def _diagnose(p):
    T = p["x"].shape[1]

    def seq(**changes):
        return lambda: lstm_sequence(**(p | changes))[0]

    return Diagnose(
        wrong_formulas={
            "zeroc0": ("the hidden states of a start from c0 = 0: the c0 argument was ignored",
                       seq(c0=np.zeros_like(p["c0"]))),
            "zeroh0": ("the hidden states of a start from h0 = 0: h0 was ignored",
                       seq(h0=np.zeros_like(p["h0"]))),
            "swaphc": ("a loop that swaps h and c (the step returns h_next, c_next in that "
                       "order): the cell states were recorded and carried as hidden states",
                       seq(swap_hc=True)),
            "nocarryc": ("every step started from c0 instead of the previous cell state (the "
                         "cell state is not carried)",
                         seq(frozen_c=np.repeat(p["c0"][:, None], T, axis=1))),
            "nocarryh": ("every step started from h0 instead of the previous hidden state",
                         seq(frozen_h=np.repeat(p["h0"][:, None], T, axis=1))),
            "cells": ("the cell states c; h holds the hidden states o * tanh(c)",
                      lambda: lstm_sequence(**p)[1]),
            "timemajor": ("the right hidden states stacked time first, (T, N, H); h must be "
                          "batch first, (N, T, H): stack along axis 1",
                          lambda: lstm_sequence(**p)[0].transpose(1, 0, 2)),
        },
        axis=(1, STEP),
    )


def _expect_forward(sub, p, want, label, pass_c0=True):
    args = [p[k] for k in PARAMS[:5]]
    h, _ = sub.lstm_forward(*args, p["c0"]) if pass_c0 else sub.lstm_forward(*args)
    expect_close(h, want, name=f"h from lstm_forward {label}", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(p))


@check("q8", points=2)
def test_lstm_forward_matches_the_definition(sub, rng):
    """h on random inputs: N = 2 sequences of T = 4 steps, D = 3, H = 5, non-zero h0 and c0."""
    p = lstm_problem(rng, 2, 4, 3, 5)
    _expect_forward(sub, p, lstm_sequence(**p)[0], "on random inputs")


@check("q8", points=1)
def test_lstm_forward_starts_from_a_zero_cell_state_by_default(sub, rng):
    """lstm_forward(x, h0, Wx, Wh, b) without c0 starts from c0 = 0."""
    p = lstm_problem(rng, 3, 5, 2, 4)
    p["c0"] = np.zeros_like(p["c0"])
    _expect_forward(sub, p, lstm_sequence(**p)[0], "without c0", pass_c0=False)


@check("q8", points=3, hidden=True)
def test_lstm_forward_matches_torch_lstm(sub, rng):
    """h equals torch.nn.LSTM (batch first, float64) on random inputs of several shapes."""
    from ._oracles import lstm_oracle

    for N, T, D, H in [(3, 6, 4, 5), (2, 3, 5, 2), (4, 7, 1, 3)]:
        p = lstm_problem(rng, N, T, D, H)
        want = lstm_oracle(*p.values(), np.zeros((N, T, H)))["h"]
        _expect_forward(sub, p, want, f"with (N, T, D, H) = {(N, T, D, H)}")


@check("q8", points=1, hidden=True)
def test_lstm_forward_on_one_step_long_sequences_and_default_c0(sub, rng):
    """T = 1, T = 40, and the default c0 = 0, against torch.nn.LSTM."""
    from ._oracles import lstm_oracle

    for N, T, D, H, pass_c0 in [(3, 1, 4, 2, True), (2, 40, 3, 4, True), (3, 5, 2, 4, False)]:
        p = lstm_problem(rng, N, T, D, H)
        if not pass_c0:
            p["c0"] = np.zeros((N, H))
        want = lstm_oracle(*p.values(), np.zeros((N, T, H)))["h"]
        label = f"with T = {T}" + ("" if pass_c0 else " and no c0")
        _expect_forward(sub, p, want, label, pass_c0)

