"""Other correct ways to write the gru functions: each must keep every point.

Each entry replaces one function of the reference, so backward passes read the reference's
cache layout, (x, h_prev, Wx, Wh, r, z, n, ah_n), and forward passes produce it. The variants
whose id ends in ``-naive`` are the plain loops a student writes first.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.special

from autograder.catalogue import variant


@variant("q1", id="gru_step_forward-naive")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """Every entry by plain loops over the batch, the units and the sums."""
    N, D = x.shape
    H = h_prev.shape[1]
    r, z, n, ah_n = (np.zeros((N, H)) for _ in range(4))
    h_next = np.zeros((N, H))
    for i in range(N):
        for j in range(H):
            ax = [bx[k * H + j] for k in range(3)]
            ah = [bh[k * H + j] for k in range(3)]
            for k in range(3):
                for d in range(D):
                    ax[k] += x[i, d] * Wx[d, k * H + j]
                for m in range(H):
                    ah[k] += h_prev[i, m] * Wh[m, k * H + j]
            r[i, j] = 1.0 / (1.0 + math.exp(-(ax[0] + ah[0])))
            z[i, j] = 1.0 / (1.0 + math.exp(-(ax[1] + ah[1])))
            ah_n[i, j] = ah[2]
            n[i, j] = math.tanh(ax[2] + r[i, j] * ah[2])
            h_next[i, j] = (1.0 - z[i, j]) * n[i, j] + z[i, j] * h_prev[i, j]
    return h_next, (x, h_prev, Wx, Wh, r, z, n, ah_n)


@variant("q1")
def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """np.split into blocks, SciPy's expit, and the interpolation written h + (1 - z)(n - h)."""
    ax_r, ax_z, ax_n = np.split(x @ Wx + bx, 3, axis=1)
    ah_r, ah_z, ah_n = np.split(h_prev @ Wh + bh, 3, axis=1)
    r = scipy.special.expit(ax_r + ah_r)
    z = scipy.special.expit(ax_z + ah_z)
    n = np.tanh(ax_n + r * ah_n)
    return h_prev + (1 - z) * (n - h_prev), (x, h_prev, Wx, Wh, r, z, n, ah_n)


@variant("q2", id="gru_step_backward-naive")
def gru_step_backward(dh_next, cache):
    """Plain loops: the local gradients unit by unit, then every product entry by entry."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    N, D = x.shape
    H = h_prev.shape[1]
    dax = np.zeros((N, 3 * H))
    dah = np.zeros((N, 3 * H))
    dh_prev = np.zeros((N, H))
    for i in range(N):
        for j in range(H):
            g = dh_next[i, j]
            dh_prev[i, j] = g * z[i, j]
            dan = g * (1 - z[i, j]) * (1 - n[i, j] ** 2)
            dar = dan * ah_n[i, j] * r[i, j] * (1 - r[i, j])
            daz = g * (h_prev[i, j] - n[i, j]) * z[i, j] * (1 - z[i, j])
            dax[i, j], dax[i, H + j], dax[i, 2 * H + j] = dar, daz, dan
            dah[i, j], dah[i, H + j], dah[i, 2 * H + j] = dar, daz, dan * r[i, j]
    dx = np.zeros((N, D))
    dWx = np.zeros((D, 3 * H))
    dWh = np.zeros((H, 3 * H))
    dbx = np.zeros(3 * H)
    dbh = np.zeros(3 * H)
    for i in range(N):
        for c in range(3 * H):
            dbx[c] += dax[i, c]
            dbh[c] += dah[i, c]
            for d in range(D):
                dx[i, d] += dax[i, c] * Wx[d, c]
                dWx[d, c] += x[i, d] * dax[i, c]
            for m in range(H):
                dh_prev[i, m] += dah[i, c] * Wh[m, c]
                dWh[m, c] += h_prev[i, m] * dah[i, c]
    return dx, dh_prev, dWx, dWh, dbx, dbh


@variant("q2")
def gru_step_backward(dh_next, cache):
    """einsum throughout, gate by gate, dz written -dh * (n - h_prev)."""
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    H = h_prev.shape[1]
    dan = dh_next * (1 - z) * (1 - n) * (1 + n)
    local = {"r": dan * ah_n * r * (1 - r), "z": -dh_next * (n - h_prev) * z * (1 - z)}
    dx = np.zeros_like(x)
    dh_prev = dh_next * z
    dWx, dWh = np.zeros_like(Wx), np.zeros_like(Wh)
    dbx, dbh = np.zeros(3 * H), np.zeros(3 * H)
    for k, (from_x, from_h) in enumerate([(local["r"], local["r"]), (local["z"], local["z"]),
                                          (dan, dan * r)]):
        cols = slice(k * H, (k + 1) * H)
        dx += np.einsum("nh,dh->nd", from_x, Wx[:, cols])
        dh_prev += np.einsum("nh,kh->nk", from_h, Wh[:, cols])
        dWx[:, cols] = np.einsum("nd,nh->dh", x, from_x)
        dWh[:, cols] = np.einsum("nk,nh->kh", h_prev, from_h)
        dbx[cols] = np.einsum("nh->h", from_x)
        dbh[cols] = np.einsum("nh->h", from_h)
    return dx, dh_prev, dWx, dWh, dbx, dbh


@variant("q3")
def gru_forward(x, h0, Wx, Wh, bx, bh):
    """The input map of every step at once, then the recurrence step by step inline."""
    N, T, _ = x.shape
    H = h0.shape[1]
    ax_all = np.einsum("ntd,dk->ntk", x, Wx) + bx
    states, caches, h = [], [], h0
    for xt, ax in zip(np.moveaxis(x, 1, 0), np.moveaxis(ax_all, 1, 0), strict=True):
        ah = h @ Wh + bh
        r = scipy.special.expit(ax[:, :H] + ah[:, :H])
        z = scipy.special.expit(ax[:, H:2 * H] + ah[:, H:2 * H])
        n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])
        caches.append((xt, h, Wx, Wh, r, z, n, ah[:, 2 * H:]))
        h = (1 - z) * n + z * h
        states.append(h)
    return np.stack(states, axis=1), caches


@variant("q4", id="gru_backward-naive")
def gru_backward(dh, cache):
    """Per-step gradients collected in lists and summed at the end, a while loop in time."""
    N, T, H = dh.shape
    dxs, grads = [None] * T, []
    carried = np.zeros((N, H))
    t = T - 1
    while t >= 0:
        dxs[t], carried, *per_step = gru_step_backward(dh[:, t] + carried, cache[t])
        grads.append(per_step)
        t -= 1
    sums = [sum(g[k] for g in grads) for k in range(4)]
    return (np.stack(dxs, axis=1), carried, *sums)


@variant("q4")
def gru_backward(dh, cache):
    """Inline step gradients; the weight gradients from all steps at once with einsum."""
    N, T, H = dh.shape
    Wx, Wh = cache[0][2], cache[0][3]
    dax_all = np.zeros((N, T, 3 * H))
    dah_all = np.zeros((N, T, 3 * H))
    carry = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        _, h_prev, _, _, r, z, n, ah_n = cache[t]
        g = dh[:, t] + carry
        dan = g * (1 - z) * (1 - n**2)
        dar = dan * ah_n * r * (1 - r)
        daz = g * (h_prev - n) * z * (1 - z)
        dax_all[:, t] = np.hstack([dar, daz, dan])
        dah_all[:, t] = np.hstack([dar, daz, dan * r])
        carry = g * z + dah_all[:, t] @ Wh.T
    xs = np.stack([c[0] for c in cache], axis=1)
    hs = np.stack([c[1] for c in cache], axis=1)
    return (dax_all @ Wx.T, carry, np.einsum("ntd,ntk->dk", xs, dax_all),
            np.einsum("nth,ntk->hk", hs, dah_all), dax_all.sum(axis=(0, 1)),
            dah_all.sum(axis=(0, 1)))
