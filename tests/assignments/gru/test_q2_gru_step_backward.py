"""q2: the backward pass of one GRU step, gate by gate; dbh is not dbx."""

from autograder.testing import FD_ATOL, FD_RTOL, check, expect_depends_on, expect_outputs, once

from ._data import (
    STEP_DESCRIBE,
    STEP_HINTS,
    diagnose_gradients,
    gradients,
    gru_cell,
    gru_gates,
    gru_step_problem,
    step_to_sequence,
    with_dbh_from_dbx,
)

RTOL, ATOL = 1e-9, 1e-11


def _run(sub, args, dh_next):
    """The submission's forward (checked first), then its backward on that cache."""
    h_next, cache = sub.gru_step_forward(*args.values())
    expect_depends_on(h_next, gru_cell(**args), name="h_next from gru_step_forward",
                      question="q1", rtol=1e-10, atol=1e-12)
    return sub.gru_step_backward(dh_next, cache)


def _fd(args, dh_next, **variant):
    """Central differences of sum(gru_cell(**args, **variant) * dh_next), named as the outputs
    of gru_step_backward."""
    return gradients(lambda **a: gru_cell(**a, **variant), args, dh_next)


@check("q2", points=2)
def test_gru_step_backward_matches_finite_differences(sub, rng):
    """Every gradient matches central differences of sum(h_next * dh_next), with a random
    dh_next (N = 2, D = 3, H = 2)."""
    args = gru_step_problem(rng, 2, 3, 2)
    dh_next = rng.standard_normal((2, 2))
    r, z, ah_n = gru_gates(**args)
    right = once(lambda: _fd(args, dh_next))

    def fd(**variant):
        return once(lambda: _fd(args, dh_next, **variant))

    models = {
        "dbhdbx": (STEP_DESCRIBE["dbhdbx"], once(lambda: with_dbh_from_dbx(right()))),
        "noresetgrad": (STEP_DESCRIBE["noresetgrad"], fd(reset_gate=r)),
        "nodirect": (STEP_DESCRIBE["nodirect"], fd(direct=args["h_prev"].copy())),
        "norbranch": (STEP_DESCRIBE["norbranch"], fd(branch_base=ah_n)),
        "dzsign": (STEP_DESCRIBE["dzsign"], fd(z_base=z)),
    }
    expect_outputs(_run(sub, args, dh_next), right(), fn="gru_step_backward", rtol=FD_RTOL,
                   atol=FD_ATOL, diagnose=diagnose_gradients(models, H=2, hints=STEP_HINTS))


def _torch_case(sub, args, dh_next, label):
    from ._oracles import as_step, gru_cell_oracle, gru_model

    seq = (*step_to_sequence(args), dh_next[:, None])
    H = dh_next.shape[1]

    def model(**variant):
        return once(lambda: as_step(gru_model(*seq, **variant)))

    models = {
        "dbhdbx": (STEP_DESCRIBE["dbhdbx"], model(dbh="dbx")),
        "noresetgrad": (STEP_DESCRIBE["noresetgrad"], model(reset_grad=False)),
        "nodirect": (STEP_DESCRIBE["nodirect"], model(direct_grad=False)),
        "norbranch": (STEP_DESCRIBE["norbranch"], model(r_branch=False)),
        "dzsign": (STEP_DESCRIBE["dzsign"], model(dz_sign=-1)),
        "tanhhnext": (STEP_DESCRIBE["tanhhnext"], model(n_grad="h_next")),
        "gatetanh": (STEP_DESCRIBE["gatetanh"], model(gate_grad="tanh")),
    }
    want = gru_cell_oracle(*args.values(), dh_next)
    expect_outputs(_run(sub, args, dh_next), {k: want[k] for k in want if k != "h_next"},
                   fn=f"gru_step_backward {label}", rtol=RTOL, atol=ATOL,
                   diagnose=diagnose_gradients(models, H=H, hints=STEP_HINTS))


@check("q2", points=4, hidden=True)
def test_gru_step_backward_matches_torch_gru_cell(sub, rng):
    """Every gradient equals autograd through torch.nn.GRUCell (float64), random dh_next."""
    for N, D, H in [(3, 5, 4), (4, 2, 3)]:
        args = gru_step_problem(rng, N, D, H)
        _torch_case(sub, args, rng.standard_normal((N, H)), f"with (N, D, H) = {(N, D, H)}")


@check("q2", points=1, hidden=True)
def test_gru_step_backward_with_each_bias_alone(sub, rng):
    """dbx and dbh are checked apart: every gradient equals torch.nn.GRUCell's with bh = 0 (bx
    alone) and with bx = 0 (bh alone)."""
    import numpy as np

    args = gru_step_problem(rng, 3, 4, 3)
    for label, zeroed in [("with bh = 0", "bh"), ("with bx = 0", "bx")]:
        case = args | {zeroed: np.zeros_like(args[zeroed])}
        _torch_case(sub, case, rng.standard_normal((3, 3)), label)
