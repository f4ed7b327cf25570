"""PyTorch oracles and wrong backward passes for the hidden lstm checks (never shipped to
students).

Expected values come from ``torch.nn.RNN`` and ``torch.nn.LSTM`` in float64, called with the
contract's parameters through ``torch.func.functional_call``: PyTorch stores ``weight_ih`` as
(H, D) or (4H, D) and multiplies column vectors, so the module gets ``Wx.T`` and ``Wh.T``,
the contract's bias as ``bias_ih`` and a zero ``bias_hh`` (PyTorch has two biases), and h0
and c0 with a leading layer axis. The gate blocks are in the same order, i, f, g, o, in both.
Autograd differentiates through that layout change, so the gradients come back in the
contract's layout: those of ``sum(h * dh)`` (plus ``sum(c_T * dc_last)``), with an upstream
gradient on every time step.

The ``*_model`` functions unroll the same cells by hand so that a diagnosis can ask autograd
what a *specific wrong* backward pass returns: a gradient not carried across time (a detached
state), the weight gradient of one step only (per-step copies of the weights), a derivative
replaced by another one (a straight-through term whose value is zero). They are evaluated only
when a check fails.
"""

import numpy as np

from autograder.testing.autograd import torch, vjp

from ._data import GATES

RNN_GRADS = ("dx", "dh0", "dWx", "dWh", "db")
LSTM_GRADS = ("dx", "dh0", "dc0", "dWx", "dWh", "db")


def _params(Wx, Wh, b):
    """The contract's parameters (tensors) as the layer-0 parameters of a torch module."""
    return {"weight_ih_l0": Wx.T, "weight_hh_l0": Wh.T, "bias_ih_l0": b,
            "bias_hh_l0": torch().zeros_like(b)}


def _with_last_cell(h, c):
    """h and the last cell state as one flat output (see :func:`_upstream`)."""
    return torch().cat([h.reshape(-1), c.reshape(-1)])


def _upstream(dh, dc_last, N, H):
    """The upstream gradient of :func:`_with_last_cell`'s output: the loss sum(h * dh) +
    sum(c_T * dc_last) as a single vector-Jacobian product."""
    dc = np.zeros((N, H)) if dc_last is None else dc_last
    return np.concatenate([np.ravel(dh), np.ravel(dc)])


def _split(flat, N, T, H):
    """h (N, T, H) and c_T (N, H) from :func:`_with_last_cell`'s flat output."""
    return flat[:N * T * H].reshape(N, T, H), flat[N * T * H:].reshape(N, H)


def rnn_oracle(x, h0, Wx, Wh, b, dh):
    """torch.nn.RNN (tanh, batch first, float64): h (N, T, H) and the gradients of
    sum(h * dh) under the names of rnn_backward's outputs."""
    t = torch()
    rnn = t.nn.RNN(x.shape[2], h0.shape[1], nonlinearity="tanh", batch_first=True,
                   dtype=t.float64)

    def run(x, h0, Wx, Wh, b):
        return t.func.functional_call(rnn, _params(Wx, Wh, b), (x, h0[None]))[0]

    h, grads = vjp(run, x, h0, Wx, Wh, b, dout=dh)
    return {"h": h, **dict(zip(RNN_GRADS, grads, strict=True))}


def lstm_oracle(x, h0, c0, Wx, Wh, b, dh, dc_last=None):
    """torch.nn.LSTM (batch first, float64): h (N, T, H), the last cell state c, and the
    gradients of sum(h * dh) + sum(c_T * dc_last) under the names of lstm_backward's
    outputs."""
    t = torch()
    N, T, D = x.shape
    H = h0.shape[1]
    lstm = t.nn.LSTM(D, H, batch_first=True, dtype=t.float64)

    def run(x, h0, c0, Wx, Wh, b):
        h, (_, c) = t.func.functional_call(lstm, _params(Wx, Wh, b), (x, (h0[None], c0[None])))
        return _with_last_cell(h, c[0])

    flat, grads = vjp(run, x, h0, c0, Wx, Wh, b, dout=_upstream(dh, dc_last, N, H))
    h, c = _split(flat, N, T, H)
    return {"h": h, "c": c, **dict(zip(LSTM_GRADS, grads, strict=True))}


# ---------------------------------------------------------------------------- wrong backward passes


def _with_derivative(value, a, derivative):
    """``value`` in the forward pass, but ``derivative`` (times the upstream) in the backward."""
    return value.detach() + (a - a.detach()) * derivative.detach()


def _reported(per_step, weights):
    """The weight gradients (dWx, dWh, db) a backward pass reports, from the gradients of the
    per-step copies [dWx_0, dWh_0, db_0, dWx_1, ...]: their sum over the steps (right), or
    only the first or last step processed (an ``=`` instead of ``+=``)."""
    steps = [per_step[k:k + 3] for k in range(0, len(per_step), 3)]
    chosen = {"first": steps[0], "last": steps[-1]}.get(weights)
    if chosen is None:
        chosen = [sum(g) for g in zip(*steps, strict=True)]
    return dict(zip(("dWx", "dWh", "db"), chosen, strict=True))


def _mask(dh, upstream):
    dh = np.array(dh, dtype=np.float64)
    if upstream == "last":
        dh[:, :-1] = 0.0
    return dh


def rnn_model(x, h0, Wx, Wh, b, dh, *, tanh_grad="tanh", carry=True, upstream="all",
              weights="shared", recurrent_grad="Wh.T"):
    """The gradients a backward pass with one specific mistake returns (see the module doc).

    - ``tanh_grad``: ``"tanh"`` (1 - h_next^2), ``"none"`` (no derivative) or ``"h_prev"``
      (1 - h_prev^2);
    - ``carry=False``: the gradient of h is not carried from step t to step t - 1;
    - ``upstream="last"``: only the last step's upstream gradient is used;
    - ``weights``: ``"shared"`` (sum over steps), ``"first"``/``"last"`` (one step only);
    - ``recurrent_grad="Wh"``: dh_prev = da @ Wh instead of da @ Wh^T.
    """
    t = torch()
    T = x.shape[1]

    def run(x, h, *copies):
        outs = []
        for s in range(T):
            Wx_s, Wh_s, b_s = copies[3 * s:3 * s + 3]
            h_in = h if (carry or s == 0) else h.detach()
            if recurrent_grad == "Wh":
                rec = h_in.detach() @ Wh_s + (h_in - h_in.detach()) @ Wh_s.detach().T
            else:
                rec = h_in @ Wh_s
            a = x[:, s] @ Wx_s + rec + b_s
            h = t.tanh(a)
            if tanh_grad == "none":
                h = _with_derivative(h, a, t.ones_like(a))
            elif tanh_grad == "h_prev":
                h = _with_derivative(h, a, 1 - h_in**2)
            outs.append(h)
        return t.stack(outs, dim=1)

    h, (dx, dh0, *per_step) = vjp(run, x, h0, *[Wx, Wh, b] * T, dout=_mask(dh, upstream))
    return {"h": h, "dx": dx, "dh0": dh0, **_reported(per_step, weights)}


def lstm_model(x, h0, c0, Wx, Wh, b, dh, dc_last=None, *, carry_h=True, carry_c=True,
               upstream="all", weights="shared", forget_grad=True, h_to_c=True,
               cell_tanh_grad="tanh", output_grad="tanh_c", gate_grad="sigmoid"):
    """The gradients an LSTM backward pass with one specific mistake returns.

    - ``carry_h``/``carry_c=False``: the gradient of h / c is not carried to the previous step;
    - ``upstream``, ``weights``: as in :func:`rnn_model`;
    - ``forget_grad=False``: dc_prev = dc (the forget gate is missing);
    - ``h_to_c=False``: dc ignores the path through h_next = o * tanh(c_next);
    - ``cell_tanh_grad="c"``: tanh'(c) computed as 1 - c^2 instead of 1 - tanh(c)^2;
    - ``output_grad="c"``: do = dh * c_next instead of dh * tanh(c_next);
    - ``gate_grad="tanh"``: the sigmoid gates differentiated as 1 - s^2.
    """
    t = torch()
    N, T, _ = x.shape
    H = h0.shape[1]

    def gate(z):
        s = t.sigmoid(z)
        return _with_derivative(s, z, 1 - s**2) if gate_grad == "tanh" else s

    def run(x, h, c, *copies):
        outs = []
        for s in range(T):
            Wx_s, Wh_s, b_s = copies[3 * s:3 * s + 3]
            h_in = h if (carry_h or s == 0) else h.detach()
            c_in = c if (carry_c or s == 0) else c.detach()
            a = x[:, s] @ Wx_s + h_in @ Wh_s + b_s
            blk = {name: a[:, k * H:(k + 1) * H] for k, name in enumerate(GATES)}
            i, f, o = gate(blk["i"]), gate(blk["f"]), gate(blk["o"])
            g = t.tanh(blk["g"])
            # Without the forget gate's factor, c_prev's gradient is dc itself (value unchanged).
            kept = f * c_in if forget_grad else f * c_in.detach() + (c_in - c_in.detach())
            c = kept + i * g
            c_seen = c if h_to_c else c.detach()
            tc = t.tanh(c_seen)
            if cell_tanh_grad == "c":
                tc = _with_derivative(tc, c_seen, 1 - c_seen**2)
            # do = dh * c instead of dh * tanh(c): the value stays o * tanh(c).
            h = o.detach() * tc + (o - o.detach()) * c.detach() if output_grad == "c" else o * tc
            outs.append(h)
        return _with_last_cell(t.stack(outs, dim=1), c)

    flat, (dx, dh0, dc0, *per_step) = vjp(run, x, h0, c0, *[Wx, Wh, b] * T,
                                          dout=_upstream(_mask(dh, upstream), dc_last, N, H))
    return {"h": _split(flat, N, T, H)[0], "dx": dx, "dh0": dh0, "dc0": dc0,
            **_reported(per_step, weights)}
