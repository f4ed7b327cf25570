"""PyTorch oracles and wrong backward passes for the hidden gru checks (never shipped to
students).

Expected values come from ``torch.nn.GRUCell`` (one step) and ``torch.nn.GRU`` (sequences) in
float64, called with the contract's parameters through ``torch.func.functional_call``. PyTorch
stores ``weight_ih`` as (3H, D) and multiplies column vectors, so the module gets ``Wx.T`` and
``Wh.T``; its two biases are the contract's ``bx`` (``bias_ih``) and ``bh`` (``bias_hh``); its
blocks are in the same order, r, z, n, and its candidate is the contract's, n = tanh(W_in x +
b_in + r * (W_hn h + b_hn)). Autograd differentiates through that layout change, so the
gradients of ``sum(h * dh)`` come back in the contract's layout, with an upstream gradient on
every time step.

:func:`gru_model` unrolls the same cell by hand so that a diagnosis can ask autograd what a
*specific wrong* backward pass returns: a path with no gradient (a detached tensor), the
weight gradient of one step only (per-step copies of the weights), a derivative replaced by
another one (a straight-through term whose value is zero). It runs only when a check fails.
"""

import numpy as np

from autograder.testing.autograd import torch, vjp

GRU_GRADS = ("dx", "dh0", "dWx", "dWh", "dbx", "dbh")
STEP_GRADS = ("dx", "dh_prev", "dWx", "dWh", "dbx", "dbh")


def _params(Wx, Wh, bx, bh, suffix=""):
    """The contract's parameters (tensors) under a torch GRU's or GRUCell's names."""
    return {"weight_ih" + suffix: Wx.T, "weight_hh" + suffix: Wh.T, "bias_ih" + suffix: bx,
            "bias_hh" + suffix: bh}


def gru_cell_oracle(x, h_prev, Wx, Wh, bx, bh, dh_next):
    """torch.nn.GRUCell (float64): h_next (N, H) and the gradients of sum(h_next * dh_next)
    under the names of gru_step_backward's outputs."""
    t = torch()
    cell = t.nn.GRUCell(x.shape[1], h_prev.shape[1], dtype=t.float64)

    def run(x, h_prev, Wx, Wh, bx, bh):
        return t.func.functional_call(cell, _params(Wx, Wh, bx, bh), (x, h_prev))

    h_next, grads = vjp(run, x, h_prev, Wx, Wh, bx, bh, dout=dh_next)
    return {"h_next": h_next, **dict(zip(STEP_GRADS, grads, strict=True))}


def gru_oracle(x, h0, Wx, Wh, bx, bh, dh):
    """torch.nn.GRU (batch first, float64): h (N, T, H) and the gradients of sum(h * dh) under
    the names of gru_backward's outputs."""
    t = torch()
    gru = t.nn.GRU(x.shape[2], h0.shape[1], batch_first=True, dtype=t.float64)

    def run(x, h0, Wx, Wh, bx, bh):
        return t.func.functional_call(gru, _params(Wx, Wh, bx, bh, "_l0"), (x, h0[None]))[0]

    h, grads = vjp(run, x, h0, Wx, Wh, bx, bh, dout=dh)
    return {"h": h, **dict(zip(GRU_GRADS, grads, strict=True))}


def as_step(out):
    """A sequence of one step's results under gru_step_backward's names."""
    return {"dx": out["dx"][:, 0], "dh_prev": out["dh0"], "dWx": out["dWx"],
            "dWh": out["dWh"], "dbx": out["dbx"], "dbh": out["dbh"]}


# ---------------------------------------------------------------------------- wrong backward passes


def _with_derivative(value, a, derivative):
    """``value`` in the forward pass, but ``derivative`` (times the upstream) in the backward."""
    return value.detach() + (a - a.detach()) * derivative.detach()


def _reported(per_step, weights):
    """The parameter gradients (dWx, dWh, dbx, dbh) a backward pass reports, from those of the
    per-step copies [dWx_0, dWh_0, dbx_0, dbh_0, dWx_1, ...]: their sum over the steps
    (right), or only the first or last step processed (an ``=`` instead of ``+=``)."""
    steps = [per_step[k:k + 4] for k in range(0, len(per_step), 4)]
    chosen = {"first": steps[0], "last": steps[-1]}.get(weights)
    if chosen is None:
        chosen = [sum(g) for g in zip(*steps, strict=True)]
    return dict(zip(("dWx", "dWh", "dbx", "dbh"), chosen, strict=True))


def gru_model(x, h0, Wx, Wh, bx, bh, dh, *, carry=True, upstream="all", weights="shared",
              reset_grad=True, direct_grad=True, r_branch=True, dz_sign=1, n_grad="n",
              gate_grad="sigmoid", dbh="dbh"):
    """The gradients a GRU backward pass with one specific mistake returns.

    Sequence mistakes: ``carry=False`` (the gradient of h is not carried from step t to step
    t - 1), ``upstream="last"`` (only the last step's upstream gradient), ``weights="first"``/
    ``"last"`` (the parameter gradients of one step only).
    Step mistakes: ``reset_grad=False`` (no gradient through r), ``direct_grad=False`` (none
    along z * h_prev), ``r_branch=False`` (the recurrent branch of n differentiated without
    the factor r), ``dz_sign=-1`` (dz with the wrong sign), ``n_grad="h_next"`` (the
    candidate's tanh derivative taken at h_next), ``gate_grad="tanh"`` (the gates
    differentiated as 1 - s^2), ``dbh="dbx"`` (dbx reported as dbh).
    """
    t = torch()
    T = x.shape[1]
    H = h0.shape[1]

    def gate(a):
        s = t.sigmoid(a)
        return _with_derivative(s, a, 1 - s**2) if gate_grad == "tanh" else s

    def run(x, h, *copies):
        outs = []
        for s in range(T):
            Wx_s, Wh_s, bx_s, bh_s = copies[4 * s:4 * s + 4]
            h_in = h if (carry or s == 0) else h.detach()
            ax = x[:, s] @ Wx_s + bx_s
            ah = h_in @ Wh_s + bh_s
            r = gate(ax[:, :H] + ah[:, :H])
            z = gate(ax[:, H:2 * H] + ah[:, H:2 * H])
            if dz_sign < 0:
                z = z.detach() - (z - z.detach())
            r_used = r if reset_grad else r.detach()
            ah_n = ah[:, 2 * H:]
            # without r_branch, d(rec)/d(ah_n) is 1 instead of r; the value is unchanged
            rec = r_used * (ah_n if r_branch else ah_n.detach()) + (
                0.0 if r_branch else ah_n - ah_n.detach())
            a_n = ax[:, 2 * H:] + rec
            n = t.tanh(a_n)
            kept = h_in if direct_grad else h_in.detach()
            if n_grad == "h_next":
                h_value = ((1 - z) * n + z * h_in).detach()
                n = _with_derivative(n, a_n, 1 - h_value**2)
            h = (1 - z) * n + z * kept
            outs.append(h)
        return t.stack(outs, dim=1)

    dh = np.array(dh, dtype=np.float64)
    if upstream == "last":
        dh[:, :-1] = 0.0
    h, (dx, dh0, *per_step) = vjp(run, x, h0, *[Wx, Wh, bx, bh] * T, dout=dh)
    out = {"h": h, "dx": dx, "dh0": dh0, **_reported(per_step, weights)}
    if dbh == "dbx":
        out["dbh"] = out["dbx"]
    return out
