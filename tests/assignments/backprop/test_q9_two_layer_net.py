"""q9: the two-layer network's loss and gradients, with a sigmoid or a ReLU hidden layer."""

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_dict_keys,
    expect_outputs,
    finite_differences,
    once,
)

from ._data import net_forward, net_loss, net_problem, sigmoid_oracle, softplus

KEYS = ("W1", "b1", "W2", "b2")


def _problem(rng, N, D, H, hidden):
    """A problem whose ReLU pre-activations stay away from the kink (for finite differences)."""
    while True:
        X, y, params = net_problem(rng, N, D, H)
        z1 = net_forward(X, params)[0]
        if hidden == "sigmoid" or (np.abs(z1).min() > 1e-3 and (z1 > 0).any() and (z1 < 0).any()):
            return X, y, params


def _wrong_grads(X, y, params, hidden, *, dW2_from_z1=False, skip_act=False, twice=False):
    """The gradients with one backward step done wrong (the mistakes diagnosed below)."""
    z1, h, scores = net_forward(X, params, hidden)
    p = sigmoid_oracle(scores)
    ds = (p - y) / len(y)
    if twice:
        ds = ds * p * (1 - p)
    dh = ds[:, None] @ params["W2"].T
    local = h * (1 - h) if hidden == "sigmoid" else (z1 > 0)
    dz1 = dh if skip_act else dh * local
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0),
            "W2": (z1 if dW2_from_z1 else h).T @ ds[:, None], "b2": np.array([ds.sum()])}


def _diagnoses(X, y, params, hidden):
    n = X.shape[0]
    other = "sigmoid" if hidden == "relu" else "relu"
    variants = {
        "z1": ("dW2 from the pre-activation z1 = X W1 + b1; it is h.T @ dscores with the "
               "activation h", dict(dW2_from_z1=True)),
        "skip_act": (f"the backward pass without the {hidden} layer's derivative (dh used as "
                     "dz1)", dict(skip_act=True)),
        "twice": ("the output sigmoid's derivative counted twice: dscores = (sigmoid(s) - y) / N "
                  "already includes it", dict(twice=True)),
    }
    alternatives = {
        name: (text, once(lambda kw=kw: _wrong_grads(X, y, params, hidden, **kw)))
        for name, (text, kw) in variants.items()
    }
    alternatives["hidden"] = (f"the {other} network: use the activation named by `hidden`",
                              once(lambda: _wrong_grads(X, y, params, other)))
    factors = {"N": float(n), "1/N": 1.0 / n}
    hints = {"N": "The loss is a mean over the samples, so every gradient carries 1/N "
                  "(dscores = (sigmoid(s) - y) / N).",
             "1/N": "Sum the bias gradients over the batch (the 1/N is already in dscores).",
             "-1": "dscores = (sigmoid(s) - y) / N, not (y - sigmoid(s)) / N."}
    return {
        k: Diagnose(factors=factors, hints=hints, wrong_formulas={
            name: (text, lambda thunk=thunk, k=k: thunk()[k])
            for name, (text, thunk) in alternatives.items()})
        for k in KEYS
    }


def _broadcast_loss(X, y, params, hidden):
    s = net_forward(X, params, hidden)[2][:, None]  # (N, 1), as h @ W2 + b2
    return float(np.mean(softplus(s) - y * s))


def _diagnose_loss(X, y, params, hidden):
    other = "sigmoid" if hidden == "relu" else "relu"
    return Diagnose(
        factors={"N": float(X.shape[0])},
        hints={"N": "The loss is the mean over the samples, not the sum."},
        wrong_formulas={
            "hidden": (f"the loss of the {other} network: use the activation named by `hidden`",
                       lambda: net_loss(X, y, params, other)),
            "broadcast": ("the mean over an (N, N) array: the scores have shape (N, 1) and "
                          "broadcast against y of shape (N,); take the scores out[:, 0]",
                          lambda: _broadcast_loss(X, y, params, hidden)),
        },
    )


def _run(sub, X, y, params, hidden, default):
    if default:
        return sub.two_layer_net(X, y, params)
    return sub.two_layer_net(X, y, params, hidden=hidden)


def _expect_network(sub, X, y, params, hidden, want_loss, want_grads, *, name, rtol, atol,
                    default=False):
    """The loss and every gradient, compared in one go (``name`` is the call's description)."""
    loss, grads = _run(sub, X, y, params, hidden, default)
    expect_dict_keys(grads, set(KEYS), name=f"grads from {name}")
    want = {"loss": want_loss, **{k: want_grads[k] for k in KEYS}}
    diagnose = {"loss": _diagnose_loss(X, y, params, hidden), **_diagnoses(X, y, params, hidden)}
    expect_outputs((loss, *(grads[k] for k in KEYS)), want, fn=name, rtol=rtol, atol=atol,
                   diagnose=diagnose)


def _finite_differences(X, y, params, hidden):
    """Central differences of the mean loss with respect to each parameter."""
    def loss(**p):
        return net_loss(X, y, p, hidden)
    return finite_differences(loss, params, KEYS)


@check("q9", points=2)
def test_sigmoid_network_matches_finite_differences(sub, rng):
    """Sigmoid hidden layer, N = 6, D = 3, H = 4: loss and gradients, by central differences."""
    X, y, params = _problem(rng, 6, 3, 4, "sigmoid")
    _expect_network(sub, X, y, params, "sigmoid", net_loss(X, y, params),
                    _finite_differences(X, y, params, "sigmoid"),
                    name="two_layer_net(X, y, params)", rtol=FD_RTOL, atol=FD_ATOL, default=True)


@check("q9", points=1)
def test_relu_network_matches_finite_differences(sub, rng):
    """ReLU hidden layer, N = 5, D = 2, H = 3: the loss and every gradient."""
    X, y, params = _problem(rng, 5, 2, 3, "relu")
    _expect_network(sub, X, y, params, "relu", net_loss(X, y, params, "relu"),
                    _finite_differences(X, y, params, "relu"),
                    name="two_layer_net(X, y, params, hidden='relu')", rtol=FD_RTOL,
                    atol=FD_ATOL)


@check("q9", points=2, hidden=True)
def test_sigmoid_network_matches_torch(sub, rng):
    """Sigmoid hidden layer (the default), N = 10, D = 3, H = 5: PyTorch autograd."""
    from ._oracles import two_layer_net

    X, y, params = _problem(rng, 10, 3, 5, "sigmoid")
    loss, grads = two_layer_net(X, y, params, "sigmoid")
    _expect_network(sub, X, y, params, "sigmoid", loss, grads,
                    name="two_layer_net on a random sigmoid network", rtol=1e-9, atol=1e-12,
                    default=True)


@check("q9", points=3, hidden=True)
def test_relu_network_matches_torch(sub, rng):
    """ReLU hidden layer, N = 9, D = 4, H = 6: PyTorch autograd."""
    from ._oracles import two_layer_net

    X, y, params = _problem(rng, 9, 4, 6, "relu")
    loss, grads = two_layer_net(X, y, params, "relu")
    _expect_network(sub, X, y, params, "relu", loss, grads,
                    name="two_layer_net on a random ReLU network", rtol=1e-9, atol=1e-12)
