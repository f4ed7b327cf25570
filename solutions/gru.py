"""Reference solutions for the `gru` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.

Conventions (the course contract): batch first, x (N, T, D) for a sequence and (N, D) for one
step, hidden size H; row vectors, so a linear map is ``x @ W + b`` with W of shape (in, out);
the GRU's three blocks are stacked along the last axis in the order r, z, n (PyTorch's order),
and, as in PyTorch, the input and the recurrent affine maps have their own biases bx and bh.
"""

import numpy as np


def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """One step of a GRU, in PyTorch's convention.

    ax = x @ Wx + bx and ah = h_prev @ Wh + bh both have shape (N, 3H); split each along its
    last axis into three blocks of H columns, in the order r, z, n. Then
        r = sigmoid(ax_r + ah_r)              (the reset gate)
        z = sigmoid(ax_z + ah_z)              (the update gate)
        n = tanh(ax_n + r * ah_n)             (the candidate; r multiplies h_prev Wh_n + bh_n)
        h_next = (1 - z) * n + z * h_prev

    Inputs:
    - x: array of shape (N, D), the inputs at this time step for a batch of N sequences
    - h_prev: array of shape (N, H), the hidden state from the previous time step
    - Wx: array of shape (D, 3H), input-to-hidden weights
    - Wh: array of shape (H, 3H), hidden-to-hidden (recurrent) weights
    - bx: array of shape (3H,), the bias of the input map
    - bh: array of shape (3H,), the bias of the recurrent map

    Returns a tuple (h_next, cache):
    - h_next: array of shape (N, H), the next hidden state
    - cache: whatever gru_step_backward needs (your choice; the tests never look inside)
    """
    ### BEGIN SOLUTION
    H = h_prev.shape[1]
    ax = x @ Wx + bx
    ah = h_prev @ Wh + bh
    gates = 0.5 * (1.0 + np.tanh(0.5 * (ax[:, : 2 * H] + ah[:, : 2 * H])))  # sigmoid, no overflow
    r, z = gates[:, :H], gates[:, H:]
    ah_n = ah[:, 2 * H :]
    n = np.tanh(ax[:, 2 * H :] + r * ah_n)
    h_next = (1.0 - z) * n + z * h_prev
    cache = (x, h_prev, Wx, Wh, r, z, n, ah_n)
    return h_next, cache
    ### END SOLUTION


def gru_step_backward(dh_next, cache):
    """Backward pass of one GRU step.

    Inputs:
    - dh_next: array of shape (N, H), the gradient of the loss with respect to h_next
    - cache: the cache returned by gru_step_forward

    Returns a tuple (dx, dh_prev, dWx, dWh, dbx, dbh) of gradients with respect to x (N, D),
    h_prev (N, H), Wx (D, 3H), Wh (H, 3H), bx (3H,) and bh (3H,). Note that dbh is not dbx:
    the n block of the recurrent map is multiplied by r.
    """
    ### BEGIN SOLUTION
    x, h_prev, Wx, Wh, r, z, n, ah_n = cache
    dn = dh_next * (1.0 - z)
    dz = dh_next * (h_prev - n)
    dan = dn * (1.0 - n**2)  # the gradient of n's pre-activation
    dr = dan * ah_n
    dar = dr * r * (1.0 - r)
    daz = dz * z * (1.0 - z)
    dax = np.concatenate([dar, daz, dan], axis=1)  # gradient of x @ Wx + bx
    dah = np.concatenate([dar, daz, dan * r], axis=1)  # gradient of h_prev @ Wh + bh
    dx = dax @ Wx.T
    dh_prev = dh_next * z + dah @ Wh.T  # the direct path through z * h_prev, and the gates
    dWx = x.T @ dax
    dWh = h_prev.T @ dah
    dbx = dax.sum(axis=0)
    dbh = dah.sum(axis=0)
    return dx, dh_prev, dWx, dWh, dbx, dbh
    ### END SOLUTION


def gru_forward(x, h0, Wx, Wh, bx, bh):
    """Run a GRU over whole sequences, the same weights at every time step.

    Inputs:
    - x: array of shape (N, T, D), N sequences of T input vectors
    - h0: array of shape (N, H), the initial hidden state
    - Wx (D, 3H), Wh (H, 3H), bx (3H,), bh (3H,): the parameters, as in gru_step_forward

    Returns a tuple (h, cache):
    - h: array of shape (N, T, H), the hidden state at every time step (h[:, t] is the state
      after reading x[:, t]; h0 is not included)
    - cache: whatever gru_backward needs
    """
    ### BEGIN SOLUTION
    N, T, _ = x.shape
    h = np.empty((N, T, h0.shape[1]))
    caches = []
    h_t = h0
    for t in range(T):
        h_t, cache_t = gru_step_forward(x[:, t], h_t, Wx, Wh, bx, bh)
        h[:, t] = h_t
        caches.append(cache_t)
    return h, caches
    ### END SOLUTION


def gru_backward(dh, cache):
    """Backpropagation through time for the GRU.

    Inputs:
    - dh: array of shape (N, T, H), the upstream gradient of the loss with respect to every
      hidden state h[:, t] (every time step may receive a gradient, not only the last)
    - cache: the cache returned by gru_forward

    Returns a tuple (dx, dh0, dWx, dWh, dbx, dbh): gradients with respect to x (N, T, D),
    h0 (N, H), Wx (D, 3H), Wh (H, 3H), bx (3H,) and bh (3H,). The weights are shared across
    time, so their gradients are sums over the time steps.
    """
    ### BEGIN SOLUTION
    caches = cache
    N, T, H = dh.shape
    D = caches[0][0].shape[1]
    dx = np.empty((N, T, D))
    dWx, dWh, dbx, dbh = 0.0, 0.0, 0.0, 0.0
    dh_carry = np.zeros((N, H))  # the gradient flowing back from the future
    for t in reversed(range(T)):
        dx_t, dh_carry, dWx_t, dWh_t, dbx_t, dbh_t = gru_step_backward(
            dh[:, t] + dh_carry, caches[t]
        )
        dx[:, t] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        dbx = dbx + dbx_t
        dbh = dbh + dbh_t
    return dx, dh_carry, dWx, dWh, dbx, dbh
    ### END SOLUTION


WRITTEN_ANSWERS = {
    "w1": r"""
The GRU merges the LSTM's cell state and hidden state into one state $h$, and its update gate
$z$ does the work of the LSTM's forget and input gates at once:
$h_t = z \odot h_{t-1} + (1 - z) \odot n$ is the LSTM's $c_t = f \odot c_{t-1} + i \odot g$
with $f = z$ and $i = 1 - z$ tied together, so whatever is kept of the old state is exactly
what is not written (a convex combination; the LSTM may keep and write independently). As in
the LSTM, the update is additive, and $\partial h_t / \partial h_{t-1}$ contains the direct
term $\operatorname{diag}(z)$ with no weight matrix and no tanh derivative, so the gradient
survives where $z \approx 1$. The reset gate $r$ has no LSTM counterpart in the cell update:
it decides how much of the previous state enters the candidate, $n = \tanh(x W_{x,n} + b_{x,n}
+ r \odot (h W_{h,n} + b_{h,n}))$, which plays the role of the LSTM's candidate $g$ with a
gate on its recurrent input; with $r \approx 0$ the candidate is computed from the input alone
(a fresh start). There is no output gate: the whole state is exposed, $h$ is both the memory
and the output (the LSTM's $o$ and $\tanh(c)$ are gone).

Parameters for input size $D$ and hidden size $H$: each block costs $DH + H^2$ weights plus
its biases. The LSTM has four blocks (i, f, g, o): $4(DH + H^2 + H)$ with one bias (PyTorch
keeps two, $4(DH + H^2 + 2H)$). The GRU has three (r, z, n): $3(DH + H^2 + 2H)$ in PyTorch's
convention, which needs both biases because $b_{h,n}$ sits inside the product with $r$. So a
GRU has about three quarters of the LSTM's parameters for the same $H$: one gate fewer (the
output gate, and the input gate merged into $1 - z$) and one state instead of two, so it is
also cheaper per step and needs less memory for backpropagation through time.
""",
}
