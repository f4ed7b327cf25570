"""Inputs, NumPy models and diagnoses for the gru checks (public: shipped with the students'
public checks, so NumPy only).

The models are the GRU written from its definition, with switches for the plausible wrong
versions a diagnosis compares against (another block order, r applied to h_prev before the
product with Wh_n, the roles of z and 1 - z swapped, ...) and for the wrong gradients of the
public checks: a reset gate or a direct path held constant has no gradient, so central
differences of such a model are what a backward pass that drops that path returns. Inputs are
named as the contract's arguments, so the gradient of input ``k`` is the output ``"d" + k``.
"""

import numpy as np

from autograder.testing import Diagnose, finite_differences

GATES = "rzn"  # the contract's (and PyTorch's) order of the three blocks
STEP = "time step"
GATE_OUTPUTS = ("dWx", "dWh", "dbx", "dbh")  # gradients whose last axis holds the 3 blocks


# ---------------------------------------------------------------------------- inputs


def gru_problem(rng, N, T, D, H):
    """Random inputs for a GRU over T steps: non-zero h0; the three blocks of Wx, Wh, bx and
    bh drawn separately, each with its own scale, and the two biases drawn independently
    (both non-zero, unequal), so that no two blocks and neither bias look like the other."""
    scales_x, scales_h = rng.uniform(0.6, 1.4, 3), rng.uniform(0.6, 1.4, 3)
    centre_x = np.array([0.3, -0.5, 0.2]) + 0.2 * rng.standard_normal(3)
    centre_h = np.array([-0.4, 0.6, 0.5]) + 0.2 * rng.standard_normal(3)

    def weights(rows, scales):
        return np.hstack([s * rng.standard_normal((rows, H)) / np.sqrt(rows) for s in scales])

    def bias(centres):
        return np.concatenate([c + 0.3 * rng.standard_normal(H) for c in centres])

    return {
        "x": rng.standard_normal((N, T, D)),
        "h0": 0.8 * rng.standard_normal((N, H)),
        "Wx": weights(D, scales_x),
        "Wh": weights(H, scales_h),
        "bx": bias(centre_x),
        "bh": bias(centre_h),
    }


def gru_step_problem(rng, N, D, H):
    """The inputs of one GRU step, in the contract's order: x (N, D), h_prev (N, H), Wx, Wh,
    bx, bh."""
    p = gru_problem(rng, N, 1, D, H)
    return {"x": p["x"][:, 0], "h_prev": p["h0"], "Wx": p["Wx"], "Wh": p["Wh"],
            "bx": p["bx"], "bh": p["bh"]}


def upstream(rng, *shape):
    """A random upstream gradient: every entry, every time step."""
    return rng.standard_normal(shape)


def step_to_sequence(args):
    """One step's inputs as a sequence of length 1, in gru_forward's order."""
    return (args["x"][:, None], args["h_prev"], args["Wx"], args["Wh"], args["bx"], args["bh"])


# ---------------------------------------------------------------------------- models


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gru_cell(x, h_prev, Wx, Wh, bx, bh, *, order=GATES, reset="after", swap_z=False,
             candidate=np.tanh, reset_gate=None, direct=None, branch_base=None, z_base=None):
    """One GRU step from its definition; the keywords select wrong versions.

    - ``order``: the order in which the three blocks are read;
    - ``reset``: where r acts on the candidate: ``"after"`` r * (h Wh_n + bh_n) (right),
      ``"before"`` (r * h) Wh_n + bh_n, ``"bias_outside"`` r * (h Wh_n) + bh_n, ``"all"``
      r * (the whole pre-activation), ``"none"`` no reset gate;
    - ``swap_z``: h_next = z * n + (1 - z) * h_prev;
    - ``candidate``: the nonlinearity of n;
    - ``reset_gate``, ``direct``: constants used for r and for the h_prev of z * h_prev (no
      gradient flows through a constant).

    Two switches keep the value at one point and change a derivative there, for the central
    differences of a wrong backward pass: with ``branch_base``, the value of ah_n = h_prev Wh_n
    + bh_n at that point, r * ah_n has the derivative 1 instead of r with respect to ah_n; with
    ``z_base``, the value of z at that point, every derivative with respect to z is reversed.
    """
    H = len(bx) // 3
    cols = {name: slice(k * H, (k + 1) * H) for k, name in enumerate(order)}
    from_x = {g: x @ Wx[:, c] + bx[c] for g, c in cols.items()}
    Wh_n, bh_n = Wh[:, cols["n"]], bh[cols["n"]]
    r = sigmoid(from_x["r"] + h_prev @ Wh[:, cols["r"]] + bh[cols["r"]])
    if reset_gate is not None:
        r = reset_gate
    z = sigmoid(from_x["z"] + h_prev @ Wh[:, cols["z"]] + bh[cols["z"]])
    if z_base is not None:
        z = 2 * z_base - z
    ah_n = h_prev @ Wh_n + bh_n
    recurrent = {
        "after": lambda: r * ah_n,
        "before": lambda: (r * h_prev) @ Wh_n + bh_n,
        "bias_outside": lambda: r * (h_prev @ Wh_n) + bh_n,
        "none": lambda: ah_n,
        "all": lambda: (r - 1) * from_x["n"] + r * ah_n,
    }[reset]()
    if branch_base is not None:
        recurrent = r * branch_base + (ah_n - branch_base)
    n = candidate(from_x["n"] + recurrent)
    kept = h_prev if direct is None else direct
    return z * n + (1 - z) * kept if swap_z else (1 - z) * n + z * kept


def gru_gates(x, h_prev, Wx, Wh, bx, bh):
    """(r, z, h_prev Wh_n + bh_n) of one step."""
    H = len(bx) // 3
    a = x @ Wx[:, :2 * H] + bx[:2 * H] + h_prev @ Wh[:, :2 * H] + bh[:2 * H]
    return sigmoid(a[:, :H]), sigmoid(a[:, H:]), h_prev @ Wh[:, 2 * H:] + bh[2 * H:]


def gru_sequence(x, h0, Wx, Wh, bx, bh, *, frozen=None, direct=None, weights_at=None,
                 **variant):
    """All hidden states (N, T, H) of the GRU over the sequence.

    ``frozen``: states used as the input of steps 1..T-1 instead of the carried ones (then no
    gradient flows from one step to the previous); ``direct``: (N, T, H) constants used as the
    h_prev of each step's z * h_prev term (no gradient along the direct path); ``weights_at``:
    (t, base) where only step t uses the parameters given and every other step those of the
    dict ``base`` (then the parameters' gradient is that of step t alone).
    """
    states, h = [], h0
    for t in range(x.shape[1]):
        params = (Wx, Wh, bx, bh)
        if weights_at is not None and t != weights_at[0]:
            params = tuple(weights_at[1][k] for k in ("Wx", "Wh", "bx", "bh"))
        kept = None if direct is None else direct[:, t]
        h = gru_cell(x[:, t], h, *params, direct=kept, **variant)
        states.append(h)
        if frozen is not None:
            h = frozen[:, t]
    return np.stack(states, axis=1)


def previous_states(h0, h):
    """The h_prev of every step, (N, T, H): h0 then h[:, :-1]."""
    return np.concatenate([h0[:, None], h[:, :-1]], axis=1)


def gradients(model, inputs, dout):
    """Central differences of ``sum(model(**inputs) * dout)`` with respect to every input,
    named as the backward pass's outputs (``"d" + name``)."""
    return {"d" + k: v for k, v in finite_differences(model, inputs, list(inputs), dout).items()}


def with_dbh_from_dbx(grads):
    """The gradients a backward pass returns when it reports dbx as dbh too."""
    return {**grads, "dbh": grads["dbx"]}


# ---------------------------------------------------------------------------- diagnoses

STEP_DESCRIBE = {
    "dbhdbx": "the gradients with dbh = dbx (dbh differs from dbx in the n block: the "
              "recurrent term h_prev Wh_n + bh_n is multiplied by r)",
    "noresetgrad": "the gradients without the path through the reset gate r (r treated as a "
                   "constant)",
    "nodirect": "the gradients where dh_prev misses the direct path through z * h_prev "
                "(the term dh_next * z)",
    "norbranch": "the gradients where the recurrent branch of n is not multiplied by r (dah_n "
                 "= dan instead of dan * r: dWh, dbh and dh_prev are wrong)",
    "dzsign": "the gradients with the sign of dz reversed: dh_next * (n - h_prev) instead of "
              "dh_next * (h_prev - n)",
    "tanhhnext": "the gradients with the candidate's tanh derivative taken at h_next "
                 "(1 - h_next**2) instead of at n (1 - n**2)",
    "gatetanh": "the gradients with the sigmoid gates differentiated as 1 - s**2 (tanh's "
                "derivative) instead of s * (1 - s)",
}
STEP_HINTS = {
    "dbhdbx": "ah = h_prev @ Wh + bh enters n as r * ah_n, so the n block of dbh is "
              "sum(dan * r) while that of dbx is sum(dan).",
    "noresetgrad": "r also depends on x and h_prev: dr = dan * (h_prev Wh_n + bh_n), then "
                   "through sigmoid's derivative.",
    "nodirect": "h_prev reaches h_next twice: through the gates and candidate, and directly "
                "in z * h_prev, which adds dh_next * z to dh_prev.",
    "norbranch": "The recurrent branch of n is r * (h_prev Wh_n + bh_n): its gradient is dan "
                 "* r.",
    "dzsign": "h_next = (1 - z) * n + z * h_prev, so dz = dh_next * (h_prev - n).",
}
BPTT_DESCRIBE = {
    "lastonly": "BPTT with only the last step's upstream gradient dh[:, -1]",
    "nocarry": "BPTT without the gradient carried from step t + 1 back to step t (each step "
               "sees only its own dh[:, t])",
    "overwrite": "the gradient of the first step only: the weight gradients were overwritten "
                 "(=) at each step instead of summed (+=)",
    "overwrite_last": "the gradient of the last step only: the weight gradients were "
                      "overwritten (=) at each step instead of summed (+=)",
    "nodirect": "BPTT where the gradient carried back misses the direct path through "
                "z * h_prev at every step",
}
BPTT_HINTS = {
    "lastonly": "Every hidden state receives an upstream gradient: at step t use dh[:, t] plus "
                "the gradient carried back from step t + 1.",
    "nocarry": "h[:, t] also feeds step t + 1: add the dh_prev returned by step t + 1 to "
               "dh[:, t] before backpropagating through step t.",
    "overwrite": "The weights are shared by every step, so their gradients are the sums of the "
                 "per-step gradients.",
    "overwrite_last": "The weights are shared by every step, so their gradients are the sums "
                      "of the per-step gradients.",
    "nodirect": "Each step's dh_prev includes dh_next * z, the path along which a GRU's "
                "gradient survives many steps.",
}


def gate_regions(H):
    """The three gate blocks of an output whose last axis has 3H entries."""
    return {f"the {name} block": (Ellipsis, slice(k * H, (k + 1) * H))
            for k, name in enumerate(GATES)}


def diagnose_gradients(models, *, H=None, sequence=False, hints=None):
    """The :class:`Diagnose` of each output of a backward pass, for ``expect_outputs``.

    ``models`` maps a tag to (description, model): ``model()`` (memoised with ``once``)
    returns every output of one wrong backward pass as a dict, and each output is compared
    with its own entry. Where an output is wrong: the gate block (the weight and bias
    gradients, when ``H`` is given) and the time step (``dx`` when ``sequence``).
    """
    def diagnose(key):
        return Diagnose(
            wrong_formulas={tag: (text, lambda model=model: model()[key])
                            for tag, (text, model) in models.items()},
            regions=gate_regions(H) if H is not None and key in GATE_OUTPUTS else {},
            axis=(1, STEP) if sequence and key == "dx" else None,
            hints=hints or {},
        )

    return diagnose
