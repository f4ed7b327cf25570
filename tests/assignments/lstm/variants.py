"""Other correct ways to write the lstm functions: each must keep every point.

Each entry replaces one function of the reference, so backward passes read the reference's
cache layout and forward passes produce it.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np
import scipy.linalg
import scipy.special

from autograder.catalogue import variant


@variant("q1")
def rnn_step_forward(x, h_prev, Wx, Wh, b):
    """One matrix product on the concatenation [x, h_prev] and the stacked weights."""
    h_next = np.tanh(np.hstack([x, h_prev]) @ np.vstack([Wx, Wh]) + b)
    return h_next, (x, h_prev, Wx, Wh, h_next)


@variant("q2")
def rnn_step_backward(dh_next, cache):
    """einsum throughout, tanh's derivative written (1 - h)(1 + h)."""
    x, h_prev, Wx, Wh, h_next = cache
    da = dh_next * (1 - h_next) * (1 + h_next)
    return (np.einsum("nh,dh->nd", da, Wx), np.einsum("nh,kh->nk", da, Wh),
            np.einsum("nd,nh->dh", x, da), np.einsum("nk,nh->kh", h_prev, da),
            np.einsum("nh->h", da))


@variant("q3")
def rnn_forward(x, h0, Wx, Wh, b):
    """The step written inline; the states collected in a list and stacked on axis 1."""
    states, caches, h = [], [], h0
    for t in range(x.shape[1]):
        h_new = np.tanh(x[:, t] @ Wx + h @ Wh + b)
        caches.append((x[:, t].copy(), h.copy(), Wx, Wh, h_new))
        states.append(h_new)
        h = h_new
    return np.stack(states, axis=1), caches


@variant("q4")
def rnn_backward(dh, cache):
    """Preallocated accumulators updated in place, and a while loop backwards in time."""
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = np.zeros_like(cache[0][2]), np.zeros_like(cache[0][3]), np.zeros(H)
    carried = np.zeros((N, H))
    t = T - 1
    while t >= 0:
        dx[:, t], carried, gx, gh, gb = rnn_step_backward(dh[:, t] + carried, cache[t])
        dWx += gx
        dWh += gh
        db += gb
        t -= 1
    return dx, carried, dWx, dWh, db


@variant("q5")
def gradient_decay(Wh, T):
    """np.linalg.matrix_power and the matrix 2-norm."""
    return np.array([np.linalg.norm(np.linalg.matrix_power(Wh, k), 2) for k in range(1, T + 1)])


@variant("q5")
def gradient_decay(Wh, T):
    """SciPy's singular values of a running product."""
    out, P = [], Wh.copy()
    for _ in range(T):
        out.append(scipy.linalg.svdvals(P)[0])
        P = P @ Wh
    return np.array(out)


@variant("q5")
def gradient_decay(Wh, T):
    """The square root of the largest eigenvalue of (Wh^k)^T Wh^k."""
    out, P = np.empty(T), np.eye(len(Wh))
    for k in range(T):
        P = P @ Wh
        out[k] = np.sqrt(np.linalg.eigvalsh(P.T @ P)[-1])
    return out


@variant("q6")
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """np.split into the four blocks and SciPy's expit for the sigmoid."""
    a_i, a_f, a_g, a_o = np.split(x @ Wx + h_prev @ Wh + b, 4, axis=1)
    i, f, o = scipy.special.expit(a_i), scipy.special.expit(a_f), scipy.special.expit(a_o)
    g = np.tanh(a_g)
    c_next = f * c_prev + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, np.tanh(c_next))


@variant("q6")
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """One matrix product per gate, with a sigmoid written through exp."""
    H = h_prev.shape[1]

    def block(k):
        cols = slice(k * H, (k + 1) * H)
        return x @ Wx[:, cols] + h_prev @ Wh[:, cols] + b[cols]

    i, f, o = (np.exp(-np.logaddexp(0, -block(k))) for k in (0, 1, 3))
    g = np.tanh(block(2))
    c_next = c_prev * f + g * i
    tanh_c = np.tanh(c_next)
    return tanh_c * o, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c)


@variant("q7")
def lstm_step_backward(dh_next, dc_next, cache):
    """Gate by gate, filling the four column blocks of the weight gradients."""
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c = cache
    H = i.shape[1]
    dc = dc_next + dh_next * o * (1 - tanh_c * tanh_c)
    local = {0: dc * g * i * (1 - i), 1: dc * c_prev * f * (1 - f), 2: dc * i * (1 - g * g),
             3: dh_next * tanh_c * o * (1 - o)}
    dx, dh_prev = np.zeros_like(x), np.zeros_like(h_prev)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(4 * H)
    for k, da in local.items():
        cols = slice(k * H, (k + 1) * H)
        dx += da @ Wx[:, cols].T
        dh_prev += da @ Wh[:, cols].T
        dWx[:, cols] = x.T @ da
        dWh[:, cols] = h_prev.T @ da
        db[cols] = da.sum(axis=0)
    return dx, dh_prev, dc * f, dWx, dWh, db


@variant("q8")
def lstm_forward(x, h0, Wx, Wh, b, c0=None):
    """Explicit zeros of shape (N, H) when c0 is None; states stacked at the end."""
    N, H = h0.shape
    h, c = h0, (np.zeros((N, H)) if c0 is None else c0)
    hs, caches = [], []
    for xt in np.moveaxis(x, 1, 0):
        h, c, cache_t = lstm_step_forward(xt, h, c, Wx, Wh, b)
        hs.append(h)
        caches.append(cache_t)
    return np.stack(hs, axis=1), caches


@variant("q9")
def lstm_backward(dh, cache):
    """Per-step gradients collected in lists and summed at the end."""
    N, T, H = dh.shape
    dxs, gWx, gWh, gb = [None] * T, [], [], []
    dh_carry, dc_carry = np.zeros((N, H)), np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        dxs[t], dh_carry, dc_carry, a, c, d = lstm_step_backward(
            dh[:, t] + dh_carry, dc_carry, cache[t])
        gWx.append(a)
        gWh.append(c)
        gb.append(d)
    return (np.stack(dxs, axis=1), dh_carry, dc_carry, np.sum(gWx, axis=0),
            np.sum(gWh, axis=0), np.sum(gb, axis=0))
