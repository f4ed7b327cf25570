"""Inputs, NumPy oracles and diagnoses for the lstm checks (public: shipped with the students'
public checks, so NumPy only).

The oracles are the forward passes written from their definitions, with switches for the
plausible wrong versions a diagnosis compares against (another gate order, a missing tanh,
a hidden state that is not carried, ...). Gradients in public checks come from central
differences of these forward passes, never from a backward pass written here.
"""

import numpy as np

from autograder.testing import CheckFailure, Diagnose, expect_close, fail, numerical_gradient

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
    """Inputs of one RNN step, named as in rnn_cell: x (N, D), h (N, H), Wx, Wh, b."""
    p = rnn_problem(rng, N, 1, D, H)
    return {"x": p["x"][:, 0], "h": p["h0"], "Wx": p["Wx"], "Wh": p["Wh"], "b": p["b"]}


def lstm_step_problem(rng, N, D, H):
    """Inputs of one LSTM step, named as in lstm_cell: x (N, D), h, c (N, H), Wx, Wh, b."""
    p = lstm_problem(rng, N, 1, D, H)
    return {"x": p["x"][:, 0], "h": p["h0"], "c": p["c0"], "Wx": p["Wx"], "Wh": p["Wh"],
            "b": p["b"]}


def upstream(rng, *shape):
    """A random upstream gradient: every entry, every time step."""
    return rng.standard_normal(shape)


# ---------------------------------------------------------------------------- oracles


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def rnn_cell(x, h, Wx, Wh, b, act=np.tanh, recurrent="Wh", bias=True):
    """One vanilla RNN step from its definition; the keywords select wrong versions."""
    Wr = Wh.T if recurrent == "Wh.T" else Wh
    a = x @ Wx + h @ Wr + (b if bias else 0.0)
    return act(a)


def lstm_cell(x, h, c, Wx, Wh, b, order=GATES, candidate=np.tanh, squash=np.tanh,
              swap_fi=False):
    """One LSTM step from its definition; returns (h_next, c_next).

    ``order`` is the order in which the four blocks of a are read, ``candidate`` the
    nonlinearity of g, ``squash`` the one applied to the cell state before the output gate,
    ``swap_fi`` applies the forget gate to the candidate and the input gate to c_prev.
    """
    H = h.shape[1]
    a = x @ Wx + h @ Wh + b
    block = {name: a[:, k * H:(k + 1) * H] for k, name in enumerate(order)}
    gi, gf, go = sigmoid(block["i"]), sigmoid(block["f"]), sigmoid(block["o"])
    cand = candidate(block["g"])
    memory = gi * c + gf * cand if swap_fi else gf * c + gi * cand
    return go * squash(memory), memory


def unroll(cell, x, state, keep=None):
    """Apply ``cell(x_t, state) -> state`` along the time axis; returns the list of states.

    ``keep(t, new_state, frozen_state)`` may replace what is carried into step t + 1 (the
    models of a gradient that is not carried use frozen copies of the states).
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


# ---------------------------------------------------------------------------- gradients


def fd_grads(loss, args, names):
    """Central differences of the scalar ``loss(**args)`` with respect to each named input."""
    out = {}
    for name in names:
        def partial(value, name=name):
            return loss(**{**args, name: value})
        out[name] = numerical_gradient(partial, args[name])
    return out


FD_RTOL, FD_ATOL = 1e-6, 1e-8  # central differences of smooth float64 functions, step 1e-6


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


def gate_regions(H):
    """The four gate blocks of an output whose last axis has 4H entries."""
    return {f"the {name} block": (Ellipsis, slice(k * H, (k + 1) * H))
            for k, name in enumerate(GATES)}


def diagnose_grad(wrong_formulas=None, H=None, over_time=False, hints=None):
    """A Diagnose for one gradient: the gate blocks when the last axis has 4H entries, the
    time step for sequence gradients (axis 1), and the registered wrong formulas."""
    return Diagnose(
        wrong_formulas=wrong_formulas or {},
        regions=gate_regions(H) if H is not None else {},
        axis=(1, STEP) if over_time else None,
        hints=hints or {},
    )


def lazy(compute):
    """``compute()`` once, on first use (alternatives are evaluated only on failure)."""
    memo = []

    def get():
        if not memo:
            memo.append(compute())
        return memo[0]

    return get


def from_models(models, key):
    """Alternatives for output ``key``: ``models`` maps a tag to (description, lazy model)
    where the model returns a dict of every output of a wrong computation."""
    return {tag: (text, lambda model=model: model()[key]) for tag, (text, model) in models.items()}


def expect_forward_first(got, want, *, name, question, rtol, atol):
    """Backward passes are checked on the cache of the submission's own forward pass: when
    that forward pass is wrong, say so rather than blame the backward pass."""
    ok = (isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind in "biuf"
          and np.allclose(got, want, rtol=rtol, atol=atol))
    if not ok:
        fail(f"{name} is wrong on these inputs (see {question}), and this check runs your "
             f"backward pass on the cache it returns: fix {question} first.",
             f"depends:{question}")


def expect_gradients(got, want, keys, *, fn, rtol, atol, diagnose):
    """Compare the returned gradients with the expected ones, in the contract's order.

    ``diagnose(key)`` gives the Diagnose of each output. The first wrong output fails the
    check with its full diagnosis; the message then lists the other wrong outputs with where
    they are wrong (gate blocks, time steps), and the right ones.
    """
    first, others, right = None, [], []
    for key, value in zip(keys, got, strict=True):
        name = f"{key} from {fn}"
        d = diagnose(key)
        if first is not None:  # only where it is wrong: no alternatives to evaluate again
            d = Diagnose(regions=d.regions, axis=d.axis)
        try:
            expect_close(value, want[key], name=name, rtol=rtol, atol=atol, diagnose=d)
        except CheckFailure as exc:
            if first is None:
                first = exc
            else:
                others.append((key, value, d, exc.tags))
        else:
            right.append(key)
    if first is None:
        return
    text = str(first)
    if others:
        parts = []
        for key, value, d, _ in others:
            where = []
            if isinstance(value, np.ndarray) and value.shape == np.shape(want[key]):
                where = d.explain(value.astype(float), np.asarray(want[key], float), rtol, atol)
            parts.append(key + (f" ({' '.join(w.text for w in where)})" if where else ""))
        text += " Also wrong: " + "; ".join(parts) + "."
    if right:
        text += " Right: " + ", ".join(right) + "."
    raise CheckFailure(text, tuple(first.tags) + tuple(t for *_, tags in others for t in tags))
