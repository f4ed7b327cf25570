"""Common mistakes in the lstm assignment, one per entry (see autograder.catalogue).

Each entry is a complete wrong version of one contract function, written as a student would
write it; the rest of the submission is the reference (so a wrong step function also breaks
the sequence functions built on it, as it would for a student).
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 rnn_step_forward


@mistake("q1", cause="formula:sigmoid")
def rnn_step_forward(x, h_prev, Wx, Wh, b):
    """Squashes with a sigmoid instead of tanh."""
    h_next = 1.0 / (1.0 + np.exp(-(x @ Wx + h_prev @ Wh + b)))
    return h_next, (x, h_prev, Wx, Wh, h_next)


@mistake("q1", cause="formula:whT")
def rnn_step_forward(x, h_prev, Wx, Wh, b):
    """Writes the recurrent term in the column-vector convention, (Wh @ h_prev.T).T."""
    h_next = np.tanh(x @ Wx + (Wh @ h_prev.T).T + b)
    return h_next, (x, h_prev, Wx, Wh, h_next)


@mistake("q1", cause="formula:nobias")
def rnn_step_forward(x, h_prev, Wx, Wh, b):
    """Forgets the bias."""
    h_next = np.tanh(x @ Wx + h_prev @ Wh)
    return h_next, (x, h_prev, Wx, Wh, h_next)


# ---------------------------------------------------------------------------- q2 rnn_step_backward


@mistake("q2", cause="formula:notanh")
def rnn_step_backward(dh_next, cache):
    """Forgets tanh's derivative: backpropagates dh_next straight into the affine map."""
    x, h_prev, Wx, Wh, h_next = cache
    da = dh_next
    return da @ Wx.T, da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0)


@mistake("q2", cause="formula:hprev")
def rnn_step_backward(dh_next, cache):
    """Takes tanh's derivative at the previous hidden state: 1 - h_prev**2."""
    x, h_prev, Wx, Wh, h_next = cache
    da = dh_next * (1 - h_prev**2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0)


@mistake("q2", cause="transpose")
def rnn_step_backward(dh_next, cache):
    """Returns dWh transposed: da.T @ h_prev."""
    x, h_prev, Wx, Wh, h_next = cache
    da = dh_next * (1 - h_next**2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, da.T @ h_prev, da.sum(axis=0)


@mistake("q2", cause="formula:whT")
def rnn_step_backward(dh_next, cache):
    """Forgets the transpose in dh_prev = da @ Wh.T (Wh is square, so the shapes still fit)."""
    x, h_prev, Wx, Wh, h_next = cache
    da = dh_next * (1 - h_next**2)
    return da @ Wx.T, da @ Wh, x.T @ da, h_prev.T @ da, da.sum(axis=0)


# ---------------------------------------------------------------------------- q3 rnn_forward


@mistake("q3", cause="formula:zeroh0")
def rnn_forward(x, h0, Wx, Wh, b):
    """Starts every sequence from zeros instead of h0."""
    N, T, _ = x.shape
    h_t = np.zeros_like(h0)
    hs, caches = [], []
    for t in range(T):
        h_t, cache_t = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
        hs.append(h_t)
        caches.append(cache_t)
    return np.stack(hs, axis=1), caches


@mistake("q3", cause="formula:nocarry")
def rnn_forward(x, h0, Wx, Wh, b):
    """Feeds h0 to every step: the hidden state is never carried forward."""
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    for t in range(T):
        h[:, t], cache_t = rnn_step_forward(x[:, t], h0, Wx, Wh, b)
        caches.append(cache_t)
    return h, caches


@mistake("q3", cause="formula:timemajor")
def rnn_forward(x, h0, Wx, Wh, b):
    """Returns np.stack(hs), which is time first: (T, N, H)."""
    hs, caches = [], []
    h_t = h0
    for t in range(x.shape[1]):
        h_t, cache_t = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
        hs.append(h_t)
        caches.append(cache_t)
    return np.stack(hs), caches


# ---------------------------------------------------------------------------- q4 rnn_backward


@mistake("q4", cause="formula:lastonly", sample=True)
def rnn_backward(dh, cache):
    """Backpropagates only the last step's upstream gradient, as if the loss read h[:, -1]."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0, 0, 0
    dh_t = dh[:, -1]
    for t in reversed(range(T)):
        dx[:, t], dh_t, dWx_t, dWh_t, db_t = rnn_step_backward(dh_t, cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dh_t, dWx, dWh, db


@mistake("q4", cause="formula:overwrite")
def rnn_backward(dh, cache):
    """Overwrites the weight gradients at every step (= instead of +=)."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dh_prev = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dh_prev, dWx, dWh, db = rnn_step_backward(dh[:, t] + dh_prev, cache[t])
    return dx, dh_prev, dWx, dWh, db


@mistake("q4", cause="formula:nocarry")
def rnn_backward(dh, cache):
    """Drops the gradient carried back from step t + 1: each step sees only dh[:, t]."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0, 0, 0
    for t in reversed(range(T)):
        dx[:, t], dh0, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t], cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dh0, dWx, dWh, db


@mistake("q4", cause="mutated")
def rnn_backward(dh, cache):
    """Adds the carried gradient into dh in place, modifying the caller's array."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0, 0, 0
    dh_prev = np.zeros((N, H))
    for t in reversed(range(T)):
        dh[:, t] += dh_prev
        dx[:, t], dh_prev, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t], cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dh_prev, dWx, dWh, db


# ---------------------------------------------------------------------------- q5 gradient_decay


@mistake("q5", cause="formula:eig", sample=True)
def gradient_decay(Wh, T):
    """Uses the largest eigenvalue modulus of Wh^k instead of its largest singular value."""
    return np.array([np.max(np.abs(np.linalg.eigvals(np.linalg.matrix_power(Wh, k))))
                     for k in range(1, T + 1)])


@mistake("q5", cause="formula:normpow")
def gradient_decay(Wh, T):
    """Raises the spectral norm of Wh to the k-th power (the bound, not the norm of Wh^k)."""
    return np.linalg.norm(Wh, 2) ** np.arange(1, T + 1)


@mistake("q5", cause="formula:elementwise")
def gradient_decay(Wh, T):
    """Takes elementwise powers Wh ** k instead of matrix powers."""
    return np.array([np.linalg.norm(Wh**k, 2) for k in range(1, T + 1)])


@mistake("q5", cause="formula:fro")
def gradient_decay(Wh, T):
    """Uses np.linalg.norm's default (the Frobenius norm) instead of the spectral norm."""
    return np.array([np.linalg.norm(np.linalg.matrix_power(Wh, k)) for k in range(1, T + 1)])


@mistake("q5", cause="formula:offbyone")
def gradient_decay(Wh, T):
    """Records the norm before multiplying: the powers 0..T-1 instead of 1..T."""
    out, power = [], np.eye(Wh.shape[0])
    for _ in range(T):
        out.append(np.linalg.norm(power, 2))
        power = power @ Wh
    return np.array(out)


# ---------------------------------------------------------------------------- q6 lstm_step_forward


@mistake("q6", cause="formula:order:ifog", sample=True)
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """Reads the gate blocks in the order i, f, o, g (CS231n's order) instead of i, f, g, o."""
    H = h_prev.shape[1]
    a = x @ Wx + h_prev @ Wh + b
    i = 1 / (1 + np.exp(-a[:, :H]))
    f = 1 / (1 + np.exp(-a[:, H:2 * H]))
    o = 1 / (1 + np.exp(-a[:, 2 * H:3 * H]))
    g = np.tanh(a[:, 3 * H:])
    c_next = f * c_prev + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, np.tanh(c_next))


@mistake("q6", cause="formula:order:igfo")
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """Reads the gate blocks in TensorFlow's LSTMBlockCell order i, g, f, o."""
    i, g, f, o = np.split(x @ Wx + h_prev @ Wh + b, 4, axis=1)
    i, f, o, g = 1 / (1 + np.exp(-i)), 1 / (1 + np.exp(-f)), 1 / (1 + np.exp(-o)), np.tanh(g)
    c_next = f * c_prev + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, np.tanh(c_next))


@mistake("q6", cause="formula:fswap")
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """Applies the forget gate to the candidate and the input gate to c_prev."""
    i, f, g, o = np.split(x @ Wx + h_prev @ Wh + b, 4, axis=1)
    i, f, o, g = 1 / (1 + np.exp(-i)), 1 / (1 + np.exp(-f)), 1 / (1 + np.exp(-o)), np.tanh(g)
    c_next = i * c_prev + f * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, np.tanh(c_next))


@mistake("q6", cause="formula:notanh")
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """Outputs h_next = o * c_next, without the tanh."""
    i, f, g, o = np.split(x @ Wx + h_prev @ Wh + b, 4, axis=1)
    i, f, o, g = 1 / (1 + np.exp(-i)), 1 / (1 + np.exp(-f)), 1 / (1 + np.exp(-o)), np.tanh(g)
    c_next = f * c_prev + i * g
    h_next = o * c_next
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, np.tanh(c_next))


@mistake("q6", cause="formula:gsigmoid")
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """Applies a sigmoid to all four blocks, the candidate g included."""
    i, f, g, o = np.split(1 / (1 + np.exp(-(x @ Wx + h_prev @ Wh + b))), 4, axis=1)
    c_next = f * c_prev + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, np.tanh(c_next))


# ---------------------------------------------------------------------------- q7 lstm_step_backward


@mistake("q7", cause="formula:noforget")
def lstm_step_backward(dh_next, dc_next, cache):
    """Returns dc_prev = dc, forgetting the forget gate's factor f."""
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c = cache
    dc = dc_next + dh_next * o * (1 - tanh_c**2)
    do = dh_next * tanh_c
    da = np.hstack([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g**2),
                    do * o * (1 - o)])
    dx, dh_prev, dWx, dWh, db = da @ Wx.T, da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0)
    return dx, dh_prev, dc, dWx, dWh, db


@mistake("q7", cause="formula:nohc")
def lstm_step_backward(dh_next, dc_next, cache):
    """Uses only dc_next as the cell state's gradient, missing the path through h_next."""
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c = cache
    dc = dc_next
    do = dh_next * tanh_c
    da = np.hstack([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g**2),
                    do * o * (1 - o)])
    dx, dh_prev, dWx, dWh, db = da @ Wx.T, da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0)
    return dx, dh_prev, dc * f, dWx, dWh, db


@mistake("q7", cause="formula:ctanh")
def lstm_step_backward(dh_next, dc_next, cache):
    """Differentiates tanh(c_next) as 1 - c_next**2, the cell state instead of its tanh."""
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c = cache
    c_next = f * c_prev + i * g
    dc = dc_next + dh_next * o * (1 - c_next**2)
    do = dh_next * tanh_c
    da = np.hstack([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g**2),
                    do * o * (1 - o)])
    dx, dh_prev, dWx, dWh, db = da @ Wx.T, da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0)
    return dx, dh_prev, dc * f, dWx, dWh, db


@mistake("q7", cause="formula:doc")
def lstm_step_backward(dh_next, dc_next, cache):
    """Computes the output gate's gradient as dh_next * c_next instead of dh_next * tanh(c_next)."""
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c = cache
    dc = dc_next + dh_next * o * (1 - tanh_c**2)
    do = dh_next * (f * c_prev + i * g)
    da = np.hstack([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g**2),
                    do * o * (1 - o)])
    dx, dh_prev, dWx, dWh, db = da @ Wx.T, da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0)
    return dx, dh_prev, dc * f, dWx, dWh, db


@mistake("q7", cause="formula:gatetanh")
def lstm_step_backward(dh_next, dc_next, cache):
    """Differentiates the sigmoid gates with tanh's derivative, 1 - s**2."""
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c = cache
    dc = dc_next + dh_next * o * (1 - tanh_c**2)
    do = dh_next * tanh_c
    da = np.hstack([dc * g * (1 - i**2), dc * c_prev * (1 - f**2), dc * i * (1 - g**2),
                    do * (1 - o**2)])
    dx, dh_prev, dWx, dWh, db = da @ Wx.T, da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0)
    return dx, dh_prev, dc * f, dWx, dWh, db


# ---------------------------------------------------------------------------- q8 lstm_forward


@mistake("q8", cause="formula:zeroc0")
def lstm_forward(x, h0, Wx, Wh, b, c0=None):
    """Always starts from a zero cell state, ignoring c0."""
    N, T, _ = x.shape
    h_t, c_t = h0, np.zeros_like(h0)
    hs, caches = [], []
    for t in range(T):
        h_t, c_t, cache_t = lstm_step_forward(x[:, t], h_t, c_t, Wx, Wh, b)
        hs.append(h_t)
        caches.append(cache_t)
    return np.stack(hs, axis=1), caches


@mistake("q8", cause="formula:swaphc")
def lstm_forward(x, h0, Wx, Wh, b, c0=None):
    """Unpacks the step's result as (c, h, cache): h and c swapped."""
    N, T, _ = x.shape
    h_t = h0
    c_t = np.zeros_like(h0) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        c_t, h_t, cache_t = lstm_step_forward(x[:, t], h_t, c_t, Wx, Wh, b)
        hs.append(h_t)
        caches.append(cache_t)
    return np.stack(hs, axis=1), caches


@mistake("q8", cause="formula:nocarryc")
def lstm_forward(x, h0, Wx, Wh, b, c0=None):
    """Passes c0 to every step instead of the previous cell state."""
    N, T, _ = x.shape
    c0 = np.zeros_like(h0) if c0 is None else c0
    h_t = h0
    hs, caches = [], []
    for t in range(T):
        h_t, _, cache_t = lstm_step_forward(x[:, t], h_t, c0, Wx, Wh, b)
        hs.append(h_t)
        caches.append(cache_t)
    return np.stack(hs, axis=1), caches


# ---------------------------------------------------------------------------- q9 lstm_backward


@mistake("q9", cause="formula:nocarryc")
def lstm_backward(dh, cache):
    """Resets the cell-state gradient at every step: dc_next = 0 instead of the carried dc."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0, 0, 0
    dh_prev = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dh_prev, dc0, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t] + dh_prev, np.zeros((N, H)), cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dh_prev, dc0, dWx, dWh, db


@mistake("q9", cause="formula:lastonly")
def lstm_backward(dh, cache):
    """Backpropagates only the last step's upstream gradient."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0, 0, 0
    dh_t, dc_t = dh[:, -1], np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dh_t, dc_t, dWx_t, dWh_t, db_t = lstm_step_backward(dh_t, dc_t, cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dh_t, dc_t, dWx, dWh, db


@mistake("q9", cause="formula:overwrite")
def lstm_backward(dh, cache):
    """Overwrites the weight gradients at every step (= instead of +=)."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dh_prev, dc_prev = np.zeros((N, H)), np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dh_prev, dc_prev, dWx, dWh, db = lstm_step_backward(
            dh[:, t] + dh_prev, dc_prev, cache[t])
    return dx, dh_prev, dc_prev, dWx, dWh, db


@mistake("q9", cause="formula:nocarryh")
def lstm_backward(dh, cache):
    """Carries the cell-state gradient but drops the hidden-state one: each step gets dh[:, t]."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0, 0, 0
    dc_prev = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dh0, dc_prev, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t], dc_prev, cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dh0, dc_prev, dWx, dWh, db
