"""Reference solutions for the `lstm` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.

Conventions (the course contract): batch first, x (N, T, D) for a sequence and (N, D) for one
step, hidden size H; row vectors, so a linear map is ``x @ W + b`` with W of shape (in, out);
the LSTM's four gate blocks are stacked along the last axis in the order i, f, g, o
(PyTorch's order).
"""

import numpy as np


def rnn_step_forward(x, h_prev, Wx, Wh, b):
    """One step of a vanilla (Elman) RNN: h_next = tanh(x @ Wx + h_prev @ Wh + b).

    Inputs:
    - x: array of shape (N, D), the inputs at this time step for a batch of N sequences
    - h_prev: array of shape (N, H), the hidden state from the previous time step
    - Wx: array of shape (D, H), input-to-hidden weights
    - Wh: array of shape (H, H), hidden-to-hidden (recurrent) weights
    - b: array of shape (H,), the bias

    Returns a tuple (h_next, cache):
    - h_next: array of shape (N, H), the next hidden state
    - cache: whatever rnn_step_backward needs (your choice; the tests never look inside)
    """
    h_next = np.tanh(x @ Wx + h_prev @ Wh + b)
    cache = (x, h_prev, Wx, Wh, h_next)
    return h_next, cache


def rnn_step_backward(dh_next, cache):
    """Backward pass of one RNN step.

    Inputs:
    - dh_next: array of shape (N, H), the gradient of the loss with respect to h_next
    - cache: the cache returned by rnn_step_forward

    Returns a tuple (dx, dh_prev, dWx, dWh, db) of gradients with respect to x (N, D),
    h_prev (N, H), Wx (D, H), Wh (H, H) and b (H,).
    """
    x, h_prev, Wx, Wh, h_next = cache
    da = dh_next * (1.0 - h_next**2)  # tanh'(a) = 1 - tanh(a)^2
    dx = da @ Wx.T
    dh_prev = da @ Wh.T
    dWx = x.T @ da
    dWh = h_prev.T @ da
    db = da.sum(axis=0)
    return dx, dh_prev, dWx, dWh, db


def rnn_forward(x, h0, Wx, Wh, b):
    """Run a vanilla RNN over whole sequences, the same weights at every time step.

    Inputs:
    - x: array of shape (N, T, D), N sequences of T input vectors
    - h0: array of shape (N, H), the initial hidden state
    - Wx (D, H), Wh (H, H), b (H,): the parameters, as in rnn_step_forward

    Returns a tuple (h, cache):
    - h: array of shape (N, T, H), the hidden state at every time step (h[:, t] is h_{t+1}
      in the notes' numbering: the state after reading x[:, t]; h0 is not included)
    - cache: whatever rnn_backward needs
    """
    N, T, _ = x.shape
    h = np.empty((N, T, h0.shape[1]))
    caches = []
    h_t = h0
    for t in range(T):
        h_t, cache_t = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
        h[:, t] = h_t
        caches.append(cache_t)
    return h, caches


def rnn_backward(dh, cache):
    """Backpropagation through time for the vanilla RNN.

    Inputs:
    - dh: array of shape (N, T, H), the upstream gradient of the loss with respect to every
      hidden state h[:, t] (every time step may receive a gradient, not only the last)
    - cache: the cache returned by rnn_forward

    Returns a tuple (dx, dh0, dWx, dWh, db): gradients with respect to x (N, T, D),
    h0 (N, H), Wx (D, H), Wh (H, H) and b (H,). The weights are shared across time, so their
    gradients are sums over the time steps.
    """
    caches = cache
    N, T, H = dh.shape
    D = caches[0][0].shape[1]
    dx = np.empty((N, T, D))
    dWx, dWh, db = 0.0, 0.0, 0.0
    dh_prev = np.zeros((N, H))  # the gradient flowing back from the future
    for t in reversed(range(T)):
        dx_t, dh_prev, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + dh_prev, caches[t])
        dx[:, t] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return dx, dh_prev, dWx, dWh, db


def gradient_decay(Wh, T):
    """How much k steps of the linear recurrence h_k = h_{k-1} @ Wh can stretch a gradient.

    Inputs:
    - Wh: array of shape (H, H), a recurrent weight matrix
    - T: int >= 1, the number of steps

    Returns an array of shape (T,) whose entry k-1 is the spectral norm (the largest singular
    value) of the matrix power Wh^k, for k = 1, ..., T.
    """
    out = np.empty(T)
    power = np.eye(Wh.shape[0])
    for k in range(T):
        power = power @ Wh
        out[k] = np.linalg.svd(power, compute_uv=False)[0]
    return out


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """One step of an LSTM.

    a = x @ Wx + h_prev @ Wh + b has shape (N, 4H); split it along its last axis into four
    blocks of H columns, in the order i, f, g, o. Then
        i, f, o = sigmoid(a_i), sigmoid(a_f), sigmoid(a_o)    (input, forget, output gates)
        g = tanh(a_g)                                         (the candidate)
        c_next = f * c_prev + i * g
        h_next = o * tanh(c_next)

    Inputs:
    - x: array of shape (N, D); h_prev, c_prev: arrays of shape (N, H)
    - Wx: array of shape (D, 4H); Wh: array of shape (H, 4H); b: array of shape (4H,)

    Returns a tuple (h_next, c_next, cache): h_next and c_next of shape (N, H), and whatever
    lstm_step_backward needs.
    """
    H = h_prev.shape[1]
    a = x @ Wx + h_prev @ Wh + b
    sig = 0.5 * (1.0 + np.tanh(0.5 * a))  # sigmoid(a), without overflow for large |a|
    i, f, o = sig[:, :H], sig[:, H : 2 * H], sig[:, 3 * H :]
    g = np.tanh(a[:, 2 * H : 3 * H])
    c_next = f * c_prev + i * g
    tanh_c = np.tanh(c_next)
    h_next = o * tanh_c
    cache = (x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c)
    return h_next, c_next, cache


def lstm_step_backward(dh_next, dc_next, cache):
    """Backward pass of one LSTM step.

    Inputs:
    - dh_next, dc_next: arrays of shape (N, H), the gradients of the loss with respect to
      h_next and c_next
    - cache: the cache returned by lstm_step_forward

    Returns a tuple (dx, dh_prev, dc_prev, dWx, dWh, db): gradients with respect to x (N, D),
    h_prev (N, H), c_prev (N, H), Wx (D, 4H), Wh (H, 4H) and b (4H,).
    """
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tanh_c = cache
    dc = dc_next + dh_next * o * (1.0 - tanh_c**2)  # both paths into c_next
    do = dh_next * tanh_c
    di = dc * g
    df = dc * c_prev
    dg = dc * i
    dc_prev = dc * f
    da = np.concatenate(
        [di * i * (1.0 - i), df * f * (1.0 - f), dg * (1.0 - g**2), do * o * (1.0 - o)], axis=1
    )
    dx = da @ Wx.T
    dh_prev = da @ Wh.T
    dWx = x.T @ da
    dWh = h_prev.T @ da
    db = da.sum(axis=0)
    return dx, dh_prev, dc_prev, dWx, dWh, db


def lstm_forward(x, h0, Wx, Wh, b, c0=None):
    """Run an LSTM over whole sequences.

    Inputs:
    - x: array of shape (N, T, D); h0: array of shape (N, H), the initial hidden state
    - Wx (D, 4H), Wh (H, 4H), b (4H,): the parameters, as in lstm_step_forward
    - c0: array of shape (N, H), the initial cell state; zeros if None

    Returns a tuple (h, cache): h of shape (N, T, H), the hidden state at every time step
    (h0 not included), and whatever lstm_backward needs.
    """
    N, T, _ = x.shape
    h = np.empty((N, T, h0.shape[1]))
    caches = []
    h_t = h0
    c_t = np.zeros_like(h0, dtype=float) if c0 is None else c0
    for t in range(T):
        h_t, c_t, cache_t = lstm_step_forward(x[:, t], h_t, c_t, Wx, Wh, b)
        h[:, t] = h_t
        caches.append(cache_t)
    return h, caches


def lstm_backward(dh, cache):
    """Backpropagation through time for the LSTM.

    Inputs:
    - dh: array of shape (N, T, H), the upstream gradient with respect to every hidden state
    - cache: the cache returned by lstm_forward

    Returns a tuple (dx, dh0, dc0, dWx, dWh, db): gradients with respect to x (N, T, D),
    h0 (N, H), c0 (N, H), Wx (D, 4H), Wh (H, 4H) and b (4H,).
    """
    caches = cache
    N, T, H = dh.shape
    D = caches[0][0].shape[1]
    dx = np.empty((N, T, D))
    dWx, dWh, db = 0.0, 0.0, 0.0
    dh_prev = np.zeros((N, H))
    dc_prev = np.zeros((N, H))  # the cell state's gradient, carried back along c
    for t in reversed(range(T)):
        dx_t, dh_prev, dc_prev, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t] + dh_prev, dc_prev, caches[t]
        )
        dx[:, t] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return dx, dh_prev, dc_prev, dWx, dWh, db


WRITTEN_ANSWERS = {
    "w1": r"""
A feed-forward network maps one input to one output through layers with their own weights,
and keeps nothing between inputs. A recurrent network reads a sequence one step at a time and
carries a hidden state $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$ from each step to the next,
so its output at step $t$ can depend on everything it has read so far. The same weights
$W_x, W_h, b$ are used at every step (weight sharing), so the number of parameters does not
grow with the sequence length and the network handles sequences of any length. Unrolled in
time, an RNN is a very deep feed-forward network with tied weights: one layer per time step.
Training it is backpropagation on that unrolled graph (BPTT), where the gradient of each shared
weight is the sum of its gradients at every step.
""",
    "w2": r"""
Backpropagating from step $T$ to step $t$ multiplies the gradient by $T - t$ Jacobians,
$\partial L/\partial h_{t-1} = (\partial L/\partial h_t \odot (1 - h_t^2))\, W_h^\top$, so the
gradient that reaches step $t$ is the upstream one times a product of $T - t$ matrices
$\operatorname{diag}(1 - h_k^2)\, W_h^\top$. In the linear regime that product is
$(W_h^\top)^{T-t}$, whose largest possible stretch is $\lVert W_h^{T-t} \rVert_2 =
\sigma_{\max}(W_h^{T-t}) \le \sigma_{\max}(W_h)^{T-t}$. If the largest singular value of $W_h$
is below 1 the gradient shrinks exponentially with the distance (vanishing gradients; the tanh
derivatives, at most 1, only add to it): the signal from distant steps is buried under nearby
ones, so the network cannot learn long-range dependencies. If $W_h$ has eigenvalues of modulus
above 1 the products grow exponentially (exploding gradients): huge, unstable updates, usually
tamed by gradient clipping. Eigenvalues alone mislead because for a non-normal $W_h$ the powers
can grow for many steps even when every eigenvalue is below 1 (only in the limit does
$\lVert W_h^k \rVert^{1/k}$ approach the spectral radius); the singular values of the powers
give the actual amplification.
""",
    "w3": r"""
The forget gate $f = \sigma(a_f)$ decides how much of the old cell state to keep
($c_t = f \odot c_{t-1} + i \odot g$): near 1 it keeps a memory, near 0 it erases it. The
candidate $g = \tanh(a_g)$ is the new content proposed from $x_t$ and $h_{t-1}$ (in
$(-1, 1)$, so it can add or subtract), and the input gate $i = \sigma(a_i)$ decides how much of
it is written into the cell. The output gate $o = \sigma(a_o)$ decides how much of the memory
is exposed as the hidden state $h_t = o \odot \tanh(c_t)$, which is what the next layer and the
next step see; a memory can be kept without being shown. The gates are sigmoids in $(0, 1)$,
computed from the current input and the previous hidden state, so the network learns when to
remember, write and read. With $f$ stuck at 0 the cell is wiped at every step
($c_t = i \odot g$): no memory beyond one step, and no gradient along the cell path. With $f$
stuck at 1 the cell never forgets: it can only accumulate, which lets gradients flow
unchanged but makes $c$ drift and $\tanh(c)$ saturate on long sequences, with no way to reset
the memory when the context changes.
""",
    "w4": r"""
"I grew up in France and lived there until I was twenty; then I moved to Berlin for work, where
I still live. I speak fluent ..." The next word, "French", depends on "France", dozens of words
earlier, with a distracting city in between. An LSTM can open its input gate when it reads
"France" to write "country = France" into a few cell units, keep those units' forget gates
near 1 and input gates near 0 while it reads the rest (so later words such as "Berlin" do not
overwrite them), and open their output gate when a language is predicted ("I speak fluent"),
so $h$ exposes the memory exactly where it is needed. The gradient that teaches this survives
because the cell update is additive: $\partial c_t / \partial c_{t-1} = \operatorname{diag}(f_t)$,
so along the cell path the error from "French" back to "France" is only scaled by the forget
gates (close to 1), instead of being multiplied at each step by $W_h^\top$ and tanh
derivatives as in a vanilla RNN, where it would vanish over that distance.
""",
}
