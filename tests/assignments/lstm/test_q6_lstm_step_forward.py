"""q6: one LSTM step, gate blocks in the order i, f, g, o."""

import itertools

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs, once

from ._data import GATES, lstm_cell, lstm_step_problem, sigmoid

RTOL, ATOL = 1e-10, 1e-12


def _variants():
    """Wrong versions of the cell: (tag, description, keywords of lstm_cell)."""
    out = [
        ("fswap", "c_next = i * c_prev + f * g: the forget gate was applied to the candidate "
                  "(f scales c_prev, i scales g)", {"swap_fi": True}),
        ("notanh", "h_next = o * c_next without the tanh", {"squash": lambda c: c}),
        ("gsigmoid", "the candidate g = sigmoid(a_g); g uses tanh (it can be negative)",
         {"candidate": sigmoid}),
        ("hsigmoid", "h_next = o * sigmoid(c_next); the cell state is squashed with tanh",
         {"squash": sigmoid}),
    ]
    for order in itertools.permutations(GATES):
        order = "".join(order)
        if order != GATES:
            text = (f"the blocks of a read in the order {', '.join(order)}; the contract's "
                    f"order (PyTorch's) is i, f, g, o")
            out.append((f"order:{order}", text, {"order": order}))
    return out


def _diagnose(args, which):
    alternatives = {}
    for tag, text, variant in _variants():
        model = once(lambda variant=variant: lstm_cell(**args, **variant))
        alternatives[tag] = (text, lambda model=model: model()[which])
    return Diagnose(wrong_formulas=alternatives)


def _expect_step(sub, args, want_h, want_c, label):
    h_next, c_next, _ = sub.lstm_step_forward(*args.values())
    # The cell state first: a wrong c_next explains a wrong h_next.
    expect_outputs((c_next, h_next), {"c_next": want_c, "h_next": want_h},
                   fn=f"lstm_step_forward {label}", rtol=RTOL, atol=ATOL,
                   diagnose={"c_next": _diagnose(args, 1), "h_next": _diagnose(args, 0)})


@check("q6", points=1)
def test_lstm_step_gates_from_the_bias_alone(sub, rng):
    """With Wx = Wh = 0 each gate is the constant its bias block sets.

    i = sigmoid(0.5), f = sigmoid(2), g = tanh(-0.3), o = sigmoid(-1), so c_next = f c_prev +
    i g and h_next = o tanh(c_next) can be checked term by term."""
    args = lstm_step_problem(rng, 3, 4, 2)
    args["Wx"], args["Wh"] = np.zeros_like(args["Wx"]), np.zeros_like(args["Wh"])
    args["b"] = np.repeat([0.5, 2.0, -0.3, -1.0], 2)
    i, f, g, o = sigmoid(0.5), sigmoid(2.0), np.tanh(-0.3), sigmoid(-1.0)
    c = f * args["c_prev"] + i * g
    _expect_step(sub, args, o * np.tanh(c), c, "with Wx = Wh = 0")


@check("q6", points=1)
def test_lstm_step_matches_the_definition(sub, rng):
    """Random inputs with N = 3, D = 5, H = 4, non-zero h_prev and c_prev."""
    args = lstm_step_problem(rng, 3, 5, 4)
    _expect_step(sub, args, *lstm_cell(**args), "on random inputs")


@check("q6", points=4, hidden=True)
def test_lstm_step_matches_torch_lstm(sub, rng):
    """h_next and c_next equal one step of torch.nn.LSTM (float64) for several shapes."""
    from ._oracles import lstm_oracle

    for N, D, H in [(4, 3, 5), (2, 6, 3), (5, 2, 1)]:
        args = lstm_step_problem(rng, N, D, H)
        want = lstm_oracle(args["x"][:, None], *list(args.values())[1:], np.zeros((N, 1, H)))
        _expect_step(sub, args, want["h"][:, 0], want["c"], f"with (N, D, H) = {(N, D, H)}")

