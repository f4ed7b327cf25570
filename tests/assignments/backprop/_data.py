"""Inputs and NumPy oracles for the backprop checks (public: shipped with the public checks).

``xor_dataset`` is also the course's XOR set in the notebook (a ``# @helper`` cell shows this
very function), so the data students train on and the data the checks use are one definition.
"""

import numpy as np


def xor_dataset(rng, n_per_corner=50, noise=0.3):
    """The noisy XOR set: n_per_corner points around each corner (+-1, +-1).

    Each point is its corner plus Gaussian noise of standard deviation `noise`; its label is
    1 where the two coordinates have opposite signs (the corners (1, -1) and (-1, 1)), else 0.
    Returns X (4 * n_per_corner, 2) and y (4 * n_per_corner,) with values 0.0 and 1.0.
    """
    corners = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    X = np.repeat(corners, n_per_corner, axis=0)
    X = X + noise * rng.standard_normal(X.shape)
    y = (X[:, 0] * X[:, 1] < 0).astype(float)
    return X, y


# ---------------------------------------------------------------------------- oracles


def sigmoid_oracle(z):
    """sigmoid(z) = (1 + tanh(z / 2)) / 2: another formula, finite for every z."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def softplus(s):
    """log(1 + exp(s)), stably."""
    return np.logaddexp(0.0, s)


def scalar_values(x, params, y):
    """Every intermediate value of the scalar network, and the gradients, from the definition."""
    w1, b1, w2, b2 = (params[k] for k in ("w1", "b1", "w2", "b2"))
    v = {"x": x, "y": y}
    v["z1"] = w1 * x + b1
    v["a1"] = float(sigmoid_oracle(v["z1"]))
    v["z2"] = w2 * v["a1"] + b2
    v["a2"] = float(sigmoid_oracle(v["z2"]))
    # L = softplus(z2) - y z2 is the same loss written with the pre-activation.
    v["loss"] = float(softplus(v["z2"]) - y * v["z2"])
    dz2 = v["a2"] - y
    dz1 = dz2 * w2 * v["a1"] * (1.0 - v["a1"])
    v["grads"] = {"w1": dz1 * x, "b1": dz1, "w2": dz2 * v["a1"], "b2": dz2}
    return v


def scalar_problem(rng, signs=None):
    """x, params, y for the scalar network with nothing degenerate about them.

    |x| is in [0.3, 0.8] or [1.3, 2]; |w1| and |w2| are in [0.5, 2] and differ by at least
    0.3; the pre-activations z1 and z2 have sizes in [0.3, 2.5] and the signs ``signs`` (random
    if None); y is the label far from a2 (|a2 - y| > 0.5).
    """
    x = float(rng.choice([rng.uniform(0.3, 0.8), rng.uniform(1.3, 2.0)]) * rng.choice([-1, 1]))
    w1 = w2 = 0.0
    while abs(abs(w1) - abs(w2)) < 0.3:
        w1, w2 = rng.uniform(0.5, 2.0, 2) * rng.choice([-1.0, 1.0], 2)
    s1, s2 = signs if signs is not None else rng.choice([-1.0, 1.0], 2)
    z1 = float(s1 * rng.uniform(0.3, 2.5))
    z2 = float(s2 * rng.uniform(0.3, 2.5))
    a1 = float(sigmoid_oracle(z1))
    params = {"w1": float(w1), "b1": z1 - w1 * x, "w2": float(w2), "b2": z2 - w2 * a1}
    y = 0.0 if z2 > 0 else 1.0
    return x, params, y


def net_params(rng, D, H, scale=1.0):
    """Random parameters of the two-layer network (W1 (D, H), b1 (H,), W2 (H, 1), b2 (1,))."""
    return {
        "W1": scale * rng.standard_normal((D, H)),
        "b1": 0.5 * rng.standard_normal(H),
        "W2": scale * rng.standard_normal((H, 1)),
        "b2": 0.5 * rng.standard_normal(1),
    }


def net_problem(rng, N=6, D=3, H=4):
    """X (N, D), y (N,) with both labels, and random params (D != H, biases non-zero)."""
    X = rng.standard_normal((N, D))
    y = np.zeros(N)
    y[rng.permutation(N)[: N // 2]] = 1.0
    return X, y, net_params(rng, D, H)


def net_forward(X, params, hidden="sigmoid"):
    """The two-layer network's pre-activations z1 (N, H), activations h and scores (N,)."""
    z1 = X @ params["W1"] + params["b1"]
    h = sigmoid_oracle(z1) if hidden == "sigmoid" else np.maximum(z1, 0.0)
    return z1, h, (h @ params["W2"] + params["b2"])[:, 0]


def net_loss(X, y, params, hidden="sigmoid"):
    """The two-layer network's mean BCE-with-logits loss, from the definition."""
    scores = net_forward(X, params, hidden)[2]
    return float(np.mean(softplus(scores) - y * scores))


def net_accuracy(X, y, params, hidden="sigmoid"):
    """The share of points whose predicted class (score > 0) is the label."""
    return float(np.mean((net_forward(X, params, hidden)[2] > 0) == (y == 1.0)))


def initial_params(D, H, seed, draws=None):
    """The contract's initialisation: W1 (D, H), then W2 (H, 1), from default_rng(seed), and
    zero biases.

    The weights are the first D H + H numbers of the generator's standard normal stream, W1's
    in row-major order; ``draws`` (that many numbers) replaces the stream.
    """
    if draws is None:
        draws = np.random.default_rng(seed).standard_normal(D * H + H)
    return {"W1": draws[: D * H].reshape(D, H), "b1": np.zeros(H),
            "W2": draws[D * H :].reshape(H, 1), "b2": np.zeros(1)}
