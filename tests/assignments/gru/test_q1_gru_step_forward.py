"""q1: one GRU step in PyTorch's convention, blocks r, z, n; r multiplies h_prev Wh_n + bh_n."""

import itertools

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import GATES, gru_cell, gru_step_problem, sigmoid

RTOL, ATOL = 1e-10, 1e-12


def _variants():
    """(tag, description, keywords of gru_cell) for each plausible wrong forward step."""
    out = [
        ("resetbefore", "n = tanh(x Wx_n + bx_n + (r * h_prev) Wh_n + bh_n): r applied to h_prev "
                        "before the product with Wh_n (the original paper's form; PyTorch's is "
                        "r * (h_prev Wh_n + bh_n))", {"reset": "before"}),
        ("bhoutside", "n = tanh(x Wx_n + bx_n + r * (h_prev Wh_n) + bh_n): bh_n added outside "
                      "the product with r", {"reset": "bias_outside"}),
        ("noreset", "n = tanh(x Wx_n + bx_n + h_prev Wh_n + bh_n), without the reset gate",
         {"reset": "none"}),
        ("resetall", "n = tanh(r * (x Wx_n + bx_n + h_prev Wh_n + bh_n)): r multiplies the "
                     "input term too", {"reset": "all"}),
        ("swapz", "h_next = z * n + (1 - z) * h_prev: the roles of z and 1 - z are swapped",
         {"swap_z": True}),
        ("nsigmoid", "the candidate n = sigmoid(...); n uses tanh (it can be negative)",
         {"candidate": sigmoid}),
    ]
    for order in itertools.permutations(GATES):
        order = "".join(order)
        if order != GATES:
            text = (f"the blocks read in the order {', '.join(order)}; the contract's order "
                    f"(PyTorch's) is r, z, n")
            out.append((f"order:{order}", text, {"order": order}))
    return out


NO_WH = {
    "rbias": ("n = tanh(bx_n + bh_n): with Wh = 0 this means bh_n is not multiplied by r (in "
              "PyTorch's convention r multiplies h_prev Wh_n + bh_n, bias included)",
              {"reset": "none"}),
}


def _diagnose(args, variants):
    return Diagnose(wrong_formulas={
        tag: (text, lambda variant=variant: gru_cell(**args, **variant))
        for tag, text, variant in variants
    } | {"nobh": ("the step without the recurrent bias bh",
                  lambda: gru_cell(**(args | {"bh": np.zeros_like(args["bh"])})))})


def _expect_step(sub, args, want, label, variants=None):
    h_next, _ = sub.gru_step_forward(*args.values())
    expect_close(h_next, want, name=f"h_next from gru_step_forward {label}", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(args, _variants() if variants is None else
                                               variants))


@check("q1", points=1)
def test_gru_step_gates_from_the_biases_alone(sub, rng):
    """With Wx = Wh = 0 every block is set by the two biases: r = sigmoid(bx_r + bh_r),
    z = sigmoid(bx_z + bh_z), n = tanh(bx_n + r * bh_n) (bx_n and bh_n differ)."""
    args = gru_step_problem(rng, 3, 4, 2)
    args["Wx"], args["Wh"] = np.zeros_like(args["Wx"]), np.zeros_like(args["Wh"])
    args["bx"] = np.repeat([0.5, -1.0, 0.3], 2)
    args["bh"] = np.repeat([1.0, 0.5, -0.8], 2)
    r, z = sigmoid(0.5 + 1.0), sigmoid(-1.0 + 0.5)
    n = np.tanh(0.3 + r * -0.8)
    # With Wh = 0, the three misplacements of r around h_prev Wh_n + bh_n give one value.
    variants = [v for v in _variants() if v[0] not in ("resetbefore", "bhoutside", "noreset")]
    variants += [(tag, text, kw) for tag, (text, kw) in NO_WH.items()]
    _expect_step(sub, args, (1 - z) * n + z * args["h_prev"], "with Wx = Wh = 0", variants)


@check("q1", points=1)
def test_gru_step_matches_the_definition(sub, rng):
    """Random inputs with N = 3, D = 5, H = 4, non-zero h_prev, both biases non-zero."""
    args = gru_step_problem(rng, 3, 5, 4)
    _expect_step(sub, args, gru_cell(**args), "on random inputs")


@check("q1", points=3, hidden=True)
def test_gru_step_matches_torch_gru_cell(sub, rng):
    """h_next equals torch.nn.GRUCell (float64) on random inputs of several shapes."""
    from ._oracles import gru_cell_oracle

    for N, D, H in [(4, 3, 5), (2, 6, 3), (5, 2, 1)]:
        args = gru_step_problem(rng, N, D, H)
        want = gru_cell_oracle(*args.values(), np.zeros((N, H)))["h_next"]
        _expect_step(sub, args, want, f"with (N, D, H) = {(N, D, H)}")


@check("q1", points=1, hidden=True)
def test_gru_step_with_each_bias_alone(sub, rng):
    """h_next equals torch.nn.GRUCell with bh = 0 (bx alone) and with bx = 0 (bh alone)."""
    from ._oracles import gru_cell_oracle

    args = gru_step_problem(rng, 3, 4, 3)
    for label, zeroed in [("with bh = 0", "bh"), ("with bx = 0", "bx")]:
        case = args | {zeroed: np.zeros_like(args[zeroed])}
        want = gru_cell_oracle(*case.values(), np.zeros((3, 3)))["h_next"]
        _expect_step(sub, case, want, label)
