"""q7: the backward pass of one LSTM step."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, check, expect_depends_on, expect_outputs, once

from ._data import diagnose_gradients, gradients, lstm_cell, lstm_step_problem

RTOL, ATOL = 1e-9, 1e-11
DESCRIBE = {
    "nohc": "the gradients where dc ignores the path through h_next = o * tanh(c_next) "
            "(dc = dc_next only)",
    "noforget": "the gradients with dc_prev = dc, without the forget gate's factor f",
    "ctanh": "the gradients with tanh's derivative at the cell state written 1 - c_next**2 "
             "instead of 1 - tanh(c_next)**2",
    "doc": "the gradients with do = dh_next * c_next instead of dh_next * tanh(c_next)",
    "gatetanh": "the gradients with the sigmoid gates differentiated as 1 - s**2 (tanh's "
                "derivative) instead of s * (1 - s)",
}
HINTS = {
    "nohc": "c_next reaches the loss twice: through dc_next and through h_next, so "
            "dc = dc_next + dh_next * o * (1 - tanh(c_next)**2).",
    "noforget": "c_next = f * c_prev + i * g, so dc_prev = dc * f.",
}


def _run(sub, args, dh_next, dc_next):
    """The submission's forward (checked first), then its backward on that cache."""
    h_next, c_next, cache = sub.lstm_step_forward(*args.values())
    want_h, want_c = lstm_cell(**args)
    for got, want, name in [(c_next, want_c, "c_next"), (h_next, want_h, "h_next")]:
        expect_depends_on(got, want, name=f"{name} from lstm_step_forward", question="q6",
                          rtol=1e-10, atol=1e-12)
    return sub.lstm_step_backward(dh_next, dc_next, cache)


def _fd(args, dh_next, dc_next, **variant):
    """Central differences of sum(h_next * dh_next) + sum(c_next * dc_next), named as the
    outputs of lstm_step_backward."""
    return gradients(lambda **a: lstm_cell(**a, **variant), args, np.stack([dh_next, dc_next]))


@check("q7", points=2)
def test_lstm_step_backward_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h_next * dh_next) +
    sum(c_next * dc_next), with both upstream gradients random (N = 2, D = 3, H = 2)."""
    args = lstm_step_problem(rng, 2, 3, 2)
    dh_next, dc_next = rng.standard_normal((2, 2)), rng.standard_normal((2, 2))
    tanh_c = np.tanh(lstm_cell(**args)[1])
    models = {
        "nohc": (DESCRIBE["nohc"],
                 once(lambda: _fd(args, dh_next, dc_next, squash=lambda c: tanh_c))),
    }
    expect_outputs(_run(sub, args, dh_next, dc_next), _fd(args, dh_next, dc_next),
                   fn="lstm_step_backward", rtol=FD_RTOL, atol=FD_ATOL,
                   diagnose=diagnose_gradients(models, H=2, hints=HINTS))


@check("q7", points=4, hidden=True)
def test_lstm_step_backward_matches_torch(sub, rng):
    """Every gradient equals autograd through one step of torch.nn.LSTM (float64)."""
    from ._oracles import lstm_model, lstm_oracle

    def as_step(out):
        return {"dx": out["dx"][:, 0], "dh_prev": out["dh0"], "dc_prev": out["dc0"],
                "dWx": out["dWx"], "dWh": out["dWh"], "db": out["db"]}

    for N, D, H in [(3, 5, 4), (4, 2, 3)]:
        args = lstm_step_problem(rng, N, D, H)
        dh_next, dc_next = rng.standard_normal((N, H)), rng.standard_normal((N, H))
        seq = (args["x"][:, None], *list(args.values())[1:], dh_next[:, None], dc_next)

        def model(seq=seq, **variant):
            return once(lambda: as_step(lstm_model(*seq, **variant)))

        models = {
            "nohc": (DESCRIBE["nohc"], model(h_to_c=False)),
            "noforget": (DESCRIBE["noforget"], model(forget_grad=False)),
            "ctanh": (DESCRIBE["ctanh"], model(cell_tanh_grad="c")),
            "doc": (DESCRIBE["doc"], model(output_grad="c")),
            "gatetanh": (DESCRIBE["gatetanh"], model(gate_grad="tanh")),
        }
        expect_outputs(_run(sub, args, dh_next, dc_next), as_step(lstm_oracle(*seq)),
                       fn=f"lstm_step_backward with (N, D, H) = {(N, D, H)}", rtol=RTOL,
                       atol=ATOL, diagnose=diagnose_gradients(models, H=H, hints=HINTS))
