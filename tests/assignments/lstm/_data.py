"""Inputs, NumPy models and diagnoses for the lstm checks (public: shipped with the students'
public checks, so NumPy only).

The models are the forward passes written from their definitions, with switches for the
plausible wrong versions a diagnosis compares against (another gate order, a missing tanh,
a hidden state that is not carried, ...). Gradients in public checks come from central
differences of these forward passes (:func:`gradients`), never from a backward pass written
here. Inputs are named as the contract's arguments, so the gradient of input ``k`` is the
output ``"d" + k``.
"""

import numpy as np

from autograder.testing import Diagnose, finite_differences

GATES = "ifgo"  # the contract's (and PyTorch's) order of the four blocks of a = x Wx + h Wh + b
STEP = "time step"


# ---------------------------------------------------------------------------- inputs


def rnn_problem(rng, N, T, D, H, scale=1.0):
    """Random inputs for a vanilla RNN: non-zero h0, a non-symmetric Wh, pre-activations of
    order 1 (so that the tanh is neither linear nor saturated)."""
    return {
        "x": rng.standard_normal((N, T, D)),
        "h0": 0.8 * rng.standard_normal((N, H)),
        "Wx": scale * rng.standard_normal((D, H)) / np.sqrt(D),
        "Wh": scale * 0.9 * rng.standard_normal((H, H)) / np.sqrt(H),
        "b": 0.5 * rng.standard_normal(H),
    }


def lstm_problem(rng, N, T, D, H):
    """Random inputs for an LSTM: non-zero h0 and c0, and four gate blocks drawn separately,
    each with its own scale and bias offset, so that no two blocks look alike."""
    scales = rng.uniform(0.6, 1.4, 4)
    offsets = np.array([0.4, 1.0, -0.2, -0.6]) + 0.2 * rng.standard_normal(4)

    def blocks(rows, fan_in):
        return np.concatenate(
            [s * rng.standard_normal((rows, H)) / np.sqrt(fan_in) for s in scales], axis=1)

    return {
        "x": rng.standard_normal((N, T, D)),
        "h0": 0.7 * rng.standard_normal((N, H)),
        "c0": rng.standard_normal((N, H)),
        "Wx": blocks(D, D),
        "Wh": blocks(H, H),
        "b": np.concatenate([o + 0.3 * rng.standard_normal(H) for o in offsets]),
    }


def rnn_step_problem(rng, N, D, H):
    """The inputs of one RNN step, in the contract's order: x (N, D), h_prev (N, H), Wx, Wh,
    b."""
    p = rnn_problem(rng, N, 1, D, H)
    return {"x": p["x"][:, 0], "h_prev": p["h0"], "Wx": p["Wx"], "Wh": p["Wh"], "b": p["b"]}


def lstm_step_problem(rng, N, D, H):
    """The inputs of one LSTM step, in the contract's order: x (N, D), h_prev, c_prev (N, H),
    Wx, Wh, b."""
    p = lstm_problem(rng, N, 1, D, H)
    return {"x": p["x"][:, 0], "h_prev": p["h0"], "c_prev": p["c0"], "Wx": p["Wx"],
            "Wh": p["Wh"], "b": p["b"]}


def upstream(rng, *shape):
    """A random upstream gradient: every entry, every time step."""
    return rng.standard_normal(shape)


# ---------------------------------------------------------------------------- models


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def rnn_cell(x, h_prev, Wx, Wh, b, act=np.tanh, recurrent="Wh", bias=True):
    """One vanilla RNN step from its definition; the keywords select wrong versions."""
    Wr = Wh.T if recurrent == "Wh.T" else Wh
    a = x @ Wx + h_prev @ Wr + (b if bias else 0.0)
    return act(a)


def lstm_cell(x, h_prev, c_prev, Wx, Wh, b, order=GATES, candidate=np.tanh, squash=np.tanh,
              swap_fi=False):
    """One LSTM step from its definition; returns (h_next, c_next).

    ``order`` is the order in which the four blocks of a are read, ``candidate`` the
    nonlinearity of g, ``squash`` the one applied to the cell state before the output gate,
    ``swap_fi`` applies the forget gate to the candidate and the input gate to c_prev.
    """
    H = len(b) // 4
    a = b + x @ Wx + h_prev @ Wh
    block = {name: a[:, k * H:(k + 1) * H] for k, name in enumerate(order)}
    gi, gf, go = sigmoid(block["i"]), sigmoid(block["f"]), sigmoid(block["o"])
    cand = candidate(block["g"])
    memory = gi * c_prev + gf * cand if swap_fi else gf * c_prev + gi * cand
    return go * squash(memory), memory


def unroll(cell, x, state, keep=None):
    """Apply ``cell(x_t, state) -> state`` along the time axis; returns the list of states.

    ``keep(t, new_state)`` may replace what is carried into step t + 1 (the models of a
    gradient that is not carried use frozen copies of the states).
    """
    states = []
    for t in range(x.shape[1]):
        state = cell(x[:, t], state)
        states.append(state)
        if keep is not None:
            state = keep(t, state)
    return states


def rnn_sequence(x, h0, Wx, Wh, b, frozen=None, **variant):
    """All hidden states (N, T, H). ``frozen``: states used as the input of steps 1..T-1
    instead of the carried ones (then no gradient flows from one step to the previous)."""
    keep = None if frozen is None else (lambda t, s: frozen[:, t])
    states = unroll(lambda xt, h: rnn_cell(xt, h, Wx, Wh, b, **variant), x, h0, keep)
    return np.stack(states, axis=1)


def lstm_sequence(x, h0, c0, Wx, Wh, b, frozen_h=None, frozen_c=None, swap_hc=False,
                  **variant):
    """All hidden states (N, T, H), and all cell states, as a pair.

    ``frozen_h``/``frozen_c`` replace the carried h or c by constants (no gradient carried);
    ``swap_hc`` models a loop that unpacks ``c, h`` in the wrong order.
    """
    def cell(xt, state):
        h, c = state
        new_h, new_c = lstm_cell(xt, h, c, Wx, Wh, b, **variant)
        return (new_c, new_h) if swap_hc else (new_h, new_c)

    def keep(t, state):
        h, c = state
        return (h if frozen_h is None else frozen_h[:, t],
                c if frozen_c is None else frozen_c[:, t])

    states = unroll(cell, x, (h0, c0), keep)
    return np.stack([s[0] for s in states], axis=1), np.stack([s[1] for s in states], axis=1)


def gradients(model, inputs, dout):
    """Central differences of ``sum(model(**inputs) * dout)`` with respect to every input,
    named as the backward pass's outputs (``"d" + name``)."""
    return {"d" + k: v for k, v in finite_differences(model, inputs, list(inputs), dout).items()}


# ---------------------------------------------------------------------------- diagnoses

# Wrong backpropagations through time, shared by rnn_backward and lstm_backward.
BPTT_DESCRIBE = {
    "lastonly": "BPTT with only the last step's upstream gradient dh[:, -1]",
    "overwrite": "the gradient of the first step only: the weight gradients were overwritten "
                 "(=) at each step instead of summed (+=)",
    "overwrite_last": "the gradient of the last step only: the weight gradients were "
                      "overwritten (=) at each step instead of summed (+=)",
}
BPTT_HINTS = {
    "lastonly": "Every hidden state receives an upstream gradient: at step t use dh[:, t] "
                "plus the gradient carried back from step t + 1.",
    "overwrite": "The weights are shared by every step, so their gradient is the sum of the "
                 "per-step gradients.",
    "overwrite_last": "The weights are shared by every step, so their gradient is the sum of "
                      "the per-step gradients.",
}
GATE_OUTPUTS = ("dWx", "dWh", "db")  # the gradients whose last axis holds the four gate blocks


def gate_regions(H):
    """The four gate blocks of an output whose last axis has 4H entries."""
    return {f"the {name} block": (Ellipsis, slice(k * H, (k + 1) * H))
            for k, name in enumerate(GATES)}


def diagnose_gradients(models, *, H=None, sequence=False, hints=None):
    """The :class:`Diagnose` of each output of a backward pass, for ``expect_outputs``.

    ``models`` maps a tag to (description, model): ``model()`` (memoised with ``once``)
    returns every output of one wrong backward pass as a dict, and each output is compared
    with its own entry. Where an output is wrong: the gate block (``dWx``, ``dWh``, ``db``
    when ``H`` is given) and the time step (``dx`` when ``sequence``: shape (N, T, D)).
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
