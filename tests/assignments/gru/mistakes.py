"""Common mistakes in the gru assignment, one per entry (see autograder.catalogue).

Each entry is a complete wrong version of one contract function, written as a student would
write it; the rest of the submission is the reference (so a wrong step function also breaks
the sequence functions built on it, as it would for a student). Backward passes read the
reference's cache, (x, h_prev, Wx, Wh, r, z, n, ah_n).
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 gru_step_forward


@mistake("q1", cause="formula:order:zrn", sample=True)
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Reads the blocks in Keras's order z, r, n instead of PyTorch's r, z, n."""
    H = h_prev.shape[1]
    ax, ah = x @ Wx + bx, h_prev @ Wh + bh
    z = 1 / (1 + np.exp(-(ax[:, :H] + ah[:, :H])))
    r = 1 / (1 + np.exp(-(ax[:, H:2 * H] + ah[:, H:2 * H])))
    n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])
    return (1 - z) * n + z * h_prev, (x, h_prev, Wx, Wh, r, z, n, ah[:, 2 * H:])


@mistake("q1", cause="formula:resetbefore", sample=True)
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Applies r to h_prev before the product with Wh_n: (r * h_prev) @ Wh_n + bh_n."""
    H = h_prev.shape[1]
    ax = x @ Wx + bx
    ah_rz = h_prev @ Wh[:, :2 * H] + bh[:2 * H]
    r = 1 / (1 + np.exp(-(ax[:, :H] + ah_rz[:, :H])))
    z = 1 / (1 + np.exp(-(ax[:, H:2 * H] + ah_rz[:, H:])))
    ah_n = (r * h_prev) @ Wh[:, 2 * H:] + bh[2 * H:]
    n = np.tanh(ax[:, 2 * H:] + ah_n)
    return (1 - z) * n + z * h_prev, (x, h_prev, Wx, Wh, r, z, n, ah_n)


@mistake("q1", cause="formula:swapz")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Interpolates the other way: h_next = z * n + (1 - z) * h_prev."""
    H = h_prev.shape[1]
    ax, ah = x @ Wx + bx, h_prev @ Wh + bh
    r = 1 / (1 + np.exp(-(ax[:, :H] + ah[:, :H])))
    z = 1 / (1 + np.exp(-(ax[:, H:2 * H] + ah[:, H:2 * H])))
    n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])
    return z * n + (1 - z) * h_prev, (x, h_prev, Wx, Wh, r, z, n, ah[:, 2 * H:])


@mistake("q1", cause="formula:bhoutside")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Adds the recurrent bias outside the reset gate: r * (h_prev @ Wh_n) + bh_n."""
    H = h_prev.shape[1]
    a_rz = x @ Wx[:, :2 * H] + bx[:2 * H] + h_prev @ Wh[:, :2 * H] + bh[:2 * H]
    r, z = 1 / (1 + np.exp(-a_rz[:, :H])), 1 / (1 + np.exp(-a_rz[:, H:]))
    hWn = h_prev @ Wh[:, 2 * H:]
    n = np.tanh(x @ Wx[:, 2 * H:] + bx[2 * H:] + r * hWn + bh[2 * H:])
    return (1 - z) * n + z * h_prev, (x, h_prev, Wx, Wh, r, z, n, hWn + bh[2 * H:])


@mistake("q1", cause="formula:noreset")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Forgets the reset gate in the candidate: n = tanh(ax_n + ah_n)."""
    H = h_prev.shape[1]
    a = x @ Wx + bx + h_prev @ Wh + bh
    r, z = 1 / (1 + np.exp(-a[:, :H])), 1 / (1 + np.exp(-a[:, H:2 * H]))
    n = np.tanh(a[:, 2 * H:])
    ah_n = h_prev @ Wh[:, 2 * H:] + bh[2 * H:]
    return (1 - z) * n + z * h_prev, (x, h_prev, Wx, Wh, r, z, n, ah_n)


@mistake("q1", cause="formula:resetall")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Sums the two affine maps first, then multiplies the whole n block by r."""
    H = h_prev.shape[1]
    a = x @ Wx + bx + h_prev @ Wh + bh
    r, z = 1 / (1 + np.exp(-a[:, :H])), 1 / (1 + np.exp(-a[:, H:2 * H]))
    n = np.tanh(r * a[:, 2 * H:])
    ah_n = h_prev @ Wh[:, 2 * H:] + bh[2 * H:]
    return (1 - z) * n + z * h_prev, (x, h_prev, Wx, Wh, r, z, n, ah_n)


@mistake("q1", cause="formula:nsigmoid")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Squashes all three blocks with a sigmoid, the candidate included."""
    H = h_prev.shape[1]
    ax, ah = x @ Wx + bx, h_prev @ Wh + bh
    r = 1 / (1 + np.exp(-(ax[:, :H] + ah[:, :H])))
    z = 1 / (1 + np.exp(-(ax[:, H:2 * H] + ah[:, H:2 * H])))
    n = 1 / (1 + np.exp(-(ax[:, 2 * H:] + r * ah[:, 2 * H:])))
    return (1 - z) * n + z * h_prev, (x, h_prev, Wx, Wh, r, z, n, ah[:, 2 * H:])


@mistake("q1", cause="formula:nobh")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Uses a single bias, bx, as in the contract's LSTM: the recurrent bias bh is dropped."""
    H = h_prev.shape[1]
    ax, ah = x @ Wx + bx, h_prev @ Wh
    r = 1 / (1 + np.exp(-(ax[:, :H] + ah[:, :H])))
    z = 1 / (1 + np.exp(-(ax[:, H:2 * H] + ah[:, H:2 * H])))
    n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])
    return (1 - z) * n + z * h_prev, (x, h_prev, Wx, Wh, r, z, n, ah[:, 2 * H:])


# ---------------------------------------------------------------------------- q2 gru_step_backward


@mistake("q2", cause="formula:dbhdbx", sample=True)
def gru_step_backward(dh_next, cache):
    """Returns dbx for dbh too, as if both biases entered n the same way."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dan = dh_next * (1 - z) * (1 - n**2)
    dar = dan * ah_n * r * (1 - r)
    daz = dh_next * (h_prev - n) * z * (1 - z)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    dbx = dax.sum(axis=0)
    return dax @ Wx.T, dh_next * z + dah @ Wh.T, x.T @ dax, h_prev.T @ dah, dbx, dbx


@mistake("q2", cause="formula:noresetgrad")
def gru_step_backward(dh_next, cache):
    """Drops the gradient through the reset gate: r is treated as a constant."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dan = dh_next * (1 - z) * (1 - n**2)
    dar = np.zeros_like(r)
    daz = dh_next * (h_prev - n) * z * (1 - z)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    return (dax @ Wx.T, dh_next * z + dah @ Wh.T, x.T @ dax, h_prev.T @ dah, dax.sum(axis=0),
            dah.sum(axis=0))


@mistake("q2", cause="formula:nodirect")
def gru_step_backward(dh_next, cache):
    """Forgets the direct path z * h_prev in dh_prev (only the path through the gates)."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dan = dh_next * (1 - z) * (1 - n**2)
    dar = dan * ah_n * r * (1 - r)
    daz = dh_next * (h_prev - n) * z * (1 - z)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    return (dax @ Wx.T, dah @ Wh.T, x.T @ dax, h_prev.T @ dah, dax.sum(axis=0),
            dah.sum(axis=0))


@mistake("q2", cause="formula:norbranch")
def gru_step_backward(dh_next, cache):
    """Uses one pre-activation gradient for both affine maps: the factor r on h's branch is lost."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dan = dh_next * (1 - z) * (1 - n**2)
    dar = dan * ah_n * r * (1 - r)
    daz = dh_next * (h_prev - n) * z * (1 - z)
    da = np.concatenate([dar, daz, dan], axis=1)
    return (da @ Wx.T, dh_next * z + da @ Wh.T, x.T @ da, h_prev.T @ da, da.sum(axis=0),
            da.sum(axis=0))


@mistake("q2", cause="formula:dzsign")
def gru_step_backward(dh_next, cache):
    """Gets the sign of dz wrong: dh_next * (n - h_prev)."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dan = dh_next * (1 - z) * (1 - n**2)
    dar = dan * ah_n * r * (1 - r)
    daz = dh_next * (n - h_prev) * z * (1 - z)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    return (dax @ Wx.T, dh_next * z + dah @ Wh.T, x.T @ dax, h_prev.T @ dah, dax.sum(axis=0),
            dah.sum(axis=0))


@mistake("q2", cause="formula:tanhhnext")
def gru_step_backward(dh_next, cache):
    """Takes the candidate's tanh derivative at h_next, as in the vanilla RNN: 1 - h_next**2."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    h_next = (1 - z) * n + z * h_prev
    dan = dh_next * (1 - z) * (1 - h_next**2)
    dar = dan * ah_n * r * (1 - r)
    daz = dh_next * (h_prev - n) * z * (1 - z)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    return (dax @ Wx.T, dh_next * z + dah @ Wh.T, x.T @ dax, h_prev.T @ dah, dax.sum(axis=0),
            dah.sum(axis=0))


@mistake("q2", cause="formula:gatetanh")
def gru_step_backward(dh_next, cache):
    """Differentiates the sigmoid gates with tanh's derivative, 1 - s**2."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dan = dh_next * (1 - z) * (1 - n**2)
    dar = dan * ah_n * (1 - r**2)
    daz = dh_next * (h_prev - n) * (1 - z**2)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    return (dax @ Wx.T, dh_next * z + dah @ Wh.T, x.T @ dax, h_prev.T @ dah, dax.sum(axis=0),
            dah.sum(axis=0))


@mistake("q2", cause="transpose")
def gru_step_backward(dh_next, cache):
    """Returns dWh as dah.T @ h_prev, shape (3H, H) instead of (H, 3H)."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dan = dh_next * (1 - z) * (1 - n**2)
    dar = dan * ah_n * r * (1 - r)
    daz = dh_next * (h_prev - n) * z * (1 - z)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    return (dax @ Wx.T, dh_next * z + dah @ Wh.T, x.T @ dax, dah.T @ h_prev, dax.sum(axis=0),
            dah.sum(axis=0))


@mistake("q2", cause="mutated")
def gru_step_backward(dh_next, cache):
    """Scales dh_next in place to get dn, modifying the caller's upstream gradient."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    direct = dh_next * z
    daz = dh_next * (h_prev - n) * z * (1 - z)
    dh_next *= (1 - z) * (1 - n**2)
    dan = dh_next
    dar = dan * ah_n * r * (1 - r)
    dax = np.concatenate([dar, daz, dan], axis=1)
    dah = np.concatenate([dar, daz, dan * r], axis=1)
    return (dax @ Wx.T, direct + dah @ Wh.T, x.T @ dax, h_prev.T @ dah, dax.sum(axis=0),
            dah.sum(axis=0))


# ---------------------------------------------------------------------------- q3 gru_forward


@mistake("q3", cause="formula:zeroh0")
def gru_forward(x, h0, Wx, Wh, bx, bh):
    """Starts every sequence from zeros instead of h0."""
    N, T, _ = x.shape
    h_t = np.zeros_like(h0)
    hs, caches = [], []
    for t in range(T):
        h_t, cache_t = gru_step_forward(x[:, t], h_t, Wx, Wh, bx, bh)
        hs.append(h_t)
        caches.append(cache_t)
    return np.stack(hs, axis=1), caches


@mistake("q3", cause="formula:nocarry")
def gru_forward(x, h0, Wx, Wh, bx, bh):
    """Feeds h0 to every step: the hidden state is never carried forward."""
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    for t in range(T):
        h[:, t], cache_t = gru_step_forward(x[:, t], h0, Wx, Wh, bx, bh)
        caches.append(cache_t)
    return h, caches


@mistake("q3", cause="formula:timemajor")
def gru_forward(x, h0, Wx, Wh, bx, bh):
    """Returns np.array(hs), which is time first: (T, N, H)."""
    hs, caches, h_t = [], [], h0
    for t in range(x.shape[1]):
        h_t, cache_t = gru_step_forward(x[:, t], h_t, Wx, Wh, bx, bh)
        hs.append(h_t)
        caches.append(cache_t)
    return np.array(hs), caches


@mistake("q3", cause="formula:withh0")
def gru_forward(x, h0, Wx, Wh, bx, bh):
    """Keeps h0 as the first state: h has T + 1 steps."""
    hs, caches = [h0], []
    for t in range(x.shape[1]):
        h_t, cache_t = gru_step_forward(x[:, t], hs[-1], Wx, Wh, bx, bh)
        hs.append(h_t)
        caches.append(cache_t)
    return np.stack(hs, axis=1), caches


# ---------------------------------------------------------------------------- q4 gru_backward


@mistake("q4", cause="formula:lastonly", sample=True)
def gru_backward(dh, cache):
    """Backpropagates only the last step's upstream gradient, as if the loss read h[:, -1]."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx = dWh = dbx = dbh = 0
    dh_t = dh[:, -1]
    for t in reversed(range(T)):
        dx[:, t], dh_t, gWx, gWh, gbx, gbh = gru_step_backward(dh_t, cache[t])
        dWx, dWh, dbx, dbh = dWx + gWx, dWh + gWh, dbx + gbx, dbh + gbh
    return dx, dh_t, dWx, dWh, dbx, dbh


@mistake("q4", cause="formula:overwrite")
def gru_backward(dh, cache):
    """Overwrites the parameter gradients at every step (= instead of +=)."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dh_prev = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dh_prev, dWx, dWh, dbx, dbh = gru_step_backward(dh[:, t] + dh_prev, cache[t])
    return dx, dh_prev, dWx, dWh, dbx, dbh


@mistake("q4", cause="formula:nocarry")
def gru_backward(dh, cache):
    """Drops the gradient carried back from step t + 1: each step sees only dh[:, t]."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx = dWh = dbx = dbh = 0
    for t in reversed(range(T)):
        dx[:, t], dh0, gWx, gWh, gbx, gbh = gru_step_backward(dh[:, t], cache[t])
        dWx, dWh, dbx, dbh = dWx + gWx, dWh + gWh, dbx + gbx, dbh + gbh
    return dx, dh0, dWx, dWh, dbx, dbh


@mistake("q4", cause="formula:nodirect")
def gru_backward(dh, cache):
    """Written inline; the gradient carried back misses the direct path dh * z."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx = dWh = dbx = dbh = 0
    carry = np.zeros((N, H))
    for t in reversed(range(T)):
        x, h_prev, Wx, Wh, r, z, n, ah_n = cache[t]
        g = dh[:, t] + carry
        dan = g * (1 - z) * (1 - n**2)
        dar = dan * ah_n * r * (1 - r)
        daz = g * (h_prev - n) * z * (1 - z)
        dax = np.concatenate([dar, daz, dan], axis=1)
        dah = np.concatenate([dar, daz, dan * r], axis=1)
        dx[:, t] = dax @ Wx.T
        carry = dah @ Wh.T
        dWx, dWh = dWx + x.T @ dax, dWh + h_prev.T @ dah
        dbx, dbh = dbx + dax.sum(axis=0), dbh + dah.sum(axis=0)
    return dx, carry, dWx, dWh, dbx, dbh


@mistake("q4", cause="mutated")
def gru_backward(dh, cache):
    """Adds the carried gradient into dh in place, modifying the caller's array."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx = dWh = dbx = dbh = 0
    dh_prev = np.zeros((N, H))
    for t in reversed(range(T)):
        dh[:, t] += dh_prev
        dx[:, t], dh_prev, gWx, gWh, gbx, gbh = gru_step_backward(dh[:, t], cache[t])
        dWx, dWh, dbx, dbh = dWx + gWx, dWh + gWh, dbx + gbx, dbh + gbh
    return dx, dh_prev, dWx, dWh, dbx, dbh
