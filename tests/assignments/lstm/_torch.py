"""PyTorch oracles for the hidden lstm checks (never shipped to students).

Expected values come from ``torch.nn.RNN`` and ``torch.nn.LSTM`` in float64, after converting
the contract's layout to PyTorch's: the tests transpose the weights (PyTorch stores
``weight_ih`` as (H, D) or (4H, D) and multiplies column vectors), put the gate blocks in
PyTorch's order, split the bias into ``bias_ih`` and a zero ``bias_hh``, and give h0 and c0 a
leading layer axis. Gradients are autograd's, of ``sum(h * dh)`` with an upstream gradient on
every time step.

The ``*_model`` functions unroll the same cells by hand so that a diagnosis can ask autograd
what a *specific wrong* backward pass returns: a gradient not carried across time (a detached
state), the weight gradient of one step only (per-step copies of the weights), a derivative
replaced by another one (a straight-through term whose value is zero). They are evaluated only
when a check fails. ``torch`` is imported inside the functions: importing the test modules
(to list the checks, or to build the public bundle) does not need it.
"""

import numpy as np

from ._data import GATES

TORCH_GATES = "ifgo"  # PyTorch's order of the gate blocks in weight_ih, weight_hh and biases


def _torch():
    import torch

    # The problems are tiny: one thread is fastest, and parallel grading workers then do not
    # oversubscribe the machine with PyTorch's thread pools.
    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)
    return torch


def _leaf(a):
    torch = _torch()
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)


def _const(a):
    return _torch().tensor(np.asarray(a, dtype=np.float64))


def _np(t):
    return t.detach().numpy().copy()


def _grad(leaf):
    """A leaf's gradient; zeros when no path led from it to the loss."""
    return np.zeros(tuple(leaf.shape)) if leaf.grad is None else _np(leaf.grad)


def to_torch_blocks(W, H):
    """Reorder the gate blocks along the last axis from the contract's order to PyTorch's."""
    return np.concatenate([W[..., GATES.index(g) * H:(GATES.index(g) + 1) * H]
                           for g in TORCH_GATES], axis=-1)


def from_torch_blocks(W, H):
    return np.concatenate([W[..., TORCH_GATES.index(g) * H:(TORCH_GATES.index(g) + 1) * H]
                           for g in GATES], axis=-1)


def _load(module, Wx, Wh, b, H, gates):
    """Copy the contract's parameters into a torch module with PyTorch's layout."""
    torch = _torch()
    if gates:
        Wx, Wh, b = to_torch_blocks(Wx, H), to_torch_blocks(Wh, H), to_torch_blocks(b, H)
    with torch.no_grad():
        module.weight_ih_l0.copy_(_const(Wx.T))  # (D, H) row-vector weights -> (H, D)
        module.weight_hh_l0.copy_(_const(Wh.T))
        module.bias_ih_l0.copy_(_const(b))
        module.bias_hh_l0.zero_()  # PyTorch has two biases; the contract has one


def _weight_grads(module, H, gates):
    dWx = _np(module.weight_ih_l0.grad).T
    dWh = _np(module.weight_hh_l0.grad).T
    db = _np(module.bias_ih_l0.grad)
    if gates:
        dWx, dWh, db = (from_torch_blocks(g, H) for g in (dWx, dWh, db))
    return dWx, dWh, db


def rnn_oracle(x, h0, Wx, Wh, b, dh):
    """torch.nn.RNN (tanh, batch first, float64): h (N, T, H) and the gradients of sum(h * dh)."""
    torch = _torch()
    N, T, D = x.shape
    H = h0.shape[1]
    rnn = torch.nn.RNN(D, H, nonlinearity="tanh", batch_first=True, dtype=torch.float64)
    _load(rnn, Wx, Wh, b, H, gates=False)
    xt, h0t = _leaf(x), _leaf(h0[None])
    out, _ = rnn(xt, h0t)
    (out * _const(dh)).sum().backward()
    dWx, dWh, db = _weight_grads(rnn, H, gates=False)
    return {"h": _np(out), "dx": _np(xt.grad), "dh0": _np(h0t.grad[0]),
            "dWx": dWx, "dWh": dWh, "db": db}


def lstm_oracle(x, h0, c0, Wx, Wh, b, dh, dc_last=None):
    """torch.nn.LSTM (batch first, float64): h (N, T, H), the last cell state, and the
    gradients of sum(h * dh) + sum(c_T * dc_last)."""
    torch = _torch()
    N, T, D = x.shape
    H = h0.shape[1]
    lstm = torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64)
    _load(lstm, Wx, Wh, b, H, gates=True)
    xt, h0t, c0t = _leaf(x), _leaf(h0[None]), _leaf(c0[None])
    out, (_, c_last) = lstm(xt, (h0t, c0t))
    loss = (out * _const(dh)).sum()
    if dc_last is not None:
        loss = loss + (c_last[0] * _const(dc_last)).sum()
    loss.backward()
    dWx, dWh, db = _weight_grads(lstm, H, gates=True)
    return {"h": _np(out), "c": _np(c_last[0]), "dx": _np(xt.grad), "dh0": _np(h0t.grad[0]),
            "dc0": _np(c0t.grad[0]), "dWx": dWx, "dWh": dWh, "db": db}


# ---------------------------------------------------------------------------- wrong backward passes


def _with_derivative(value, a, derivative):
    """``value`` in the forward pass, but ``derivative`` (times the upstream) in the backward."""
    return value.detach() + (a - a.detach()) * derivative.detach()


def _per_step(params, T):
    """A copy of each parameter per time step, so each step's contribution is visible."""
    return [[_leaf(p) for p in params] for _ in range(T)]


def _reported(copies, weights):
    """The weight gradients a backward pass reports: the sum over the steps (right), or only
    the contribution of the first or last step processed (an ``=`` instead of ``+=``)."""
    grads = [[_grad(p) for p in step] for step in copies]
    if weights == "first":
        return grads[0]
    if weights == "last":
        return grads[-1]
    return [sum(g) for g in zip(*grads, strict=True)]


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
    torch = _torch()
    T = x.shape[1]
    xt, h = _leaf(x), _leaf(h0)
    h0t = h
    copies = _per_step((Wx, Wh, b), T)
    outs = []
    for t in range(T):
        Wx_t, Wh_t, b_t = copies[t]
        h_in = h if (carry or t == 0) else h.detach()
        if recurrent_grad == "Wh":
            rec = h_in.detach() @ Wh_t + (h_in - h_in.detach()) @ Wh_t.detach().T
        else:
            rec = h_in @ Wh_t
        a = xt[:, t] @ Wx_t + rec + b_t
        value = torch.tanh(a)
        if tanh_grad == "none":
            h = _with_derivative(value, a, torch.ones_like(a))
        elif tanh_grad == "h_prev":
            h = _with_derivative(value, a, 1 - h_in**2)
        else:
            h = value
        outs.append(h)
    out = torch.stack(outs, dim=1)
    (out * _const(_mask(dh, upstream))).sum().backward()
    dWx, dWh, db = _reported(copies, weights)
    return {"h": _np(out), "dx": _grad(xt), "dh0": _grad(h0t), "dWx": dWx, "dWh": dWh, "db": db}


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
    torch = _torch()
    T = x.shape[1]
    H = h0.shape[1]
    xt, h, c = _leaf(x), _leaf(h0), _leaf(c0)
    h0t, c0t = h, c
    copies = _per_step((Wx, Wh, b), T)

    def gate(z):
        s = torch.sigmoid(z)
        return _with_derivative(s, z, 1 - s**2) if gate_grad == "tanh" else s

    outs = []
    for t in range(T):
        Wx_t, Wh_t, b_t = copies[t]
        h_in = h if (carry_h or t == 0) else h.detach()
        c_in = c if (carry_c or t == 0) else c.detach()
        a = xt[:, t] @ Wx_t + h_in @ Wh_t + b_t
        blk = {name: a[:, k * H:(k + 1) * H] for k, name in enumerate(GATES)}
        i, f, o = gate(blk["i"]), gate(blk["f"]), gate(blk["o"])
        g = torch.tanh(blk["g"])
        # Without the forget gate's factor, c_prev's gradient is dc itself (value unchanged).
        kept = f * c_in if forget_grad else f * c_in.detach() + (c_in - c_in.detach())
        c = kept + i * g
        c_seen = c if h_to_c else c.detach()
        tc = torch.tanh(c_seen)
        if cell_tanh_grad == "c":
            tc = _with_derivative(tc, c_seen, 1 - c_seen**2)
        # do = dh * c instead of dh * tanh(c): the value stays o * tanh(c).
        h = o.detach() * tc + (o - o.detach()) * c.detach() if output_grad == "c" else o * tc
        outs.append(h)
    out = torch.stack(outs, dim=1)
    loss = (out * _const(_mask(dh, upstream))).sum()
    if dc_last is not None:
        loss = loss + (c * _const(dc_last)).sum()
    loss.backward()
    dWx, dWh, db = _reported(copies, weights)
    return {"h": _np(out), "dx": _grad(xt), "dh0": _grad(h0t), "dc0": _grad(c0t),
            "dWx": dWx, "dWh": dWh, "db": db}
