"""q10: full-batch gradient descent on the XOR set, graded on behaviour.

Training is never compared with the reference's trained parameters. The checks ask that the
loss goes down and the XOR set is learned with the notebook's hyper-parameters, and that the
returned parameters and losses are those of gradient descent (PyTorch's gradients) started
from the submission's own initial parameters (``n_epochs = 0``), provided that start is a
random one (hidden units that differ: from equal units every step is the same for each, and a
zero or constant start would make the comparison say nothing). The initialisation itself, the
contract's draws from ``default_rng(seed)``, is checked on its own.
"""

import numpy as np

from autograder.testing import (
    Diagnose,
    check,
    expect_array,
    expect_dict_keys,
    expect_outputs,
    fail,
)

from ._data import initial_params, net_accuracy, xor_dataset

HIDDEN_DIM, LR, N_EPOCHS = 8, 1.0, 2000  # the notebook's hyper-parameters
# The public check trains for fewer epochs, so that a student's check stays well under 100 ms
# (2000 epochs of the reference take about 100 ms by themselves). Over 100 draws of the XOR set
# and 7 seeds the reference's worst run of 300 epochs ends at 14% of its first loss and 97.5%
# accuracy; the check asks for half and 90%. The hidden check asks the full 95% at 2000 epochs.
SHORT_EPOCHS, SHORT_ACCURACY = 300, 0.90
KEYS = ("W1", "b1", "W2", "b2")


def _expect_params(params, D, H, name):
    expect_dict_keys(params, set(KEYS), name=name)
    shapes = {"W1": (D, H), "b1": (H,), "W2": (H, 1), "b2": (1,)}
    return {k: expect_array(params[k], name=f"{name}[{k!r}]", shape=shapes[k]) for k in KEYS}


def _expect_units_differ(params, when):
    """Not every hidden unit has the same weights (the same column of W1 and entry of W2);
    ``when`` starts the message ("After training with ...")."""
    if np.allclose(params["W1"], params["W1"][:, :1]) and np.allclose(params["W2"],
                                                                      params["W2"][0]):
        fail(f"{when}, every hidden unit has the same weights: with equal initial weights "
             "every unit gets the same gradient and they never differ. Initialise W1 and W2 "
             "with rng.standard_normal, as the docstring says.", "init")


def _expect_learning(losses, n_epochs, name):
    losses = expect_array(losses, name=f"losses from {name}", shape=(n_epochs,))
    if not losses[-1] < 0.5 * losses[0]:
        fail(f"The loss from {name} does not go down: the last recorded loss should be well "
             "below the first (at most half of it). Check the sign of the update "
             "(params - lr * grads) and that each step uses the gradients at the current "
             "parameters.", "value")
    return losses


def _expect_solves(X, y, params, losses, name, n_epochs=N_EPOCHS, min_accuracy=0.95):
    params = _expect_params(params, 2, HIDDEN_DIM, f"params from {name}")
    _expect_units_differ(params, f"After training with {name}")
    _expect_learning(losses, n_epochs, name)
    accuracy = net_accuracy(X, y, params)
    if accuracy < min_accuracy:
        fail(f"After training with {name}, the network classifies {accuracy:.0%} of the XOR "
             f"set correctly; at least {min_accuracy:.0%} is expected (the predicted class is "
             "score > 0).", "value")


def _expect_seeded(P0, again, name):
    if any(not np.array_equal(P0[k], again[k]) for k in KEYS):
        fail(f"Two calls of {name} with the same seed return different parameters: draw the "
             "initial weights from rng = np.random.default_rng(seed), not from np.random or "
             "an unseeded generator.", "seed")


def _initial_params(sub, X, y, H, lr, seed, hidden="sigmoid", reveal=False):
    """(P0, name): the submission's parameters after 0 epochs, the same on a second call.

    ``seed`` None calls without a seed (the default); the name shows its value if ``reveal``."""
    kwargs = {} if seed is None else {"seed": seed}
    args = "" if seed is None else f", seed={seed}" if reveal else ", seed"
    args += f", hidden={hidden!r}" if hidden != "sigmoid" else ""
    name = f"train_two_layer_net(X, y, {H}, {lr}, 0{args})"
    D = X.shape[1]
    first = sub.train_two_layer_net(X, y, H, lr, 0, hidden=hidden, **kwargs)
    P0 = _expect_params(first[0], D, H, f"params from {name}")
    expect_array(first[1], name=f"losses from {name}", shape=(0,))
    again = sub.train_two_layer_net(X, y, H, lr, 0, hidden=hidden, **kwargs)
    _expect_seeded(P0, _expect_params(again[0], D, H, f"params from {name}"), name)
    _expect_units_differ(P0, f"In the initial parameters from {name}")
    return P0, name


def _diagnose_initialisation(D, H, seed):
    """What common ways to draw the weights other than the contract's give."""
    n = D * H + H

    def stream():
        return np.random.default_rng(seed).standard_normal(n)

    def w2_first():
        s = stream()
        return initial_params(D, H, seed, np.concatenate([s[H:], s[:H]]))

    def transposed():
        s = stream()
        return initial_params(D, H, seed, np.concatenate([s[: D * H].reshape(H, D).T.ravel(),
                                                          s[D * H :]]))

    def legacy():
        return initial_params(D, H, seed, np.random.RandomState(seed).standard_normal(n))

    draws = {
        "w2_first": ("W2 drawn before W1: draw W1 first, then W2, from the same generator",
                     w2_first),
        "transposed": ("W1 drawn with shape (hidden_dim, D) and transposed: draw it with shape "
                       "(D, hidden_dim)", transposed),
        "legacy": ("the legacy generator (np.random.seed(seed) with np.random.randn or "
                   "np.random.standard_normal): use rng = np.random.default_rng(seed)", legacy),
        "seed0": ("the draws of default_rng(0): pass the `seed` argument on to default_rng",
                  lambda: initial_params(D, H, 0)),
    }
    if seed == 0:
        del draws["seed0"]
    weights = {k: Diagnose(wrong_formulas={name: (text, lambda draw=draw, k=k: draw()[k])
                                           for name, (text, draw) in draws.items()})
               for k in ("W1", "W2")}
    biases = {k: Diagnose(hints={"offset": "The biases start at zero."}) for k in ("b1", "b2")}
    return {**weights, **biases}


def _expect_initialisation(sub, X, y, H, seed, reveal=False):
    """n_epochs = 0 gives the contract's initial parameters for ``seed`` (None: the default)."""
    D = X.shape[1]
    P0, name = _initial_params(sub, X, y, H, 0.1, seed, reveal=reveal)
    seed = 0 if seed is None else seed
    expect_outputs(P0, initial_params(D, H, seed), fn=name, rtol=1e-12, atol=0.0,
                   diagnose=_diagnose_initialisation(D, H, seed))


@check("q10", points=2)
def test_training_learns_the_xor_problem(sub, rng):
    """300 epochs with the notebook's hidden size and learning rate: the loss at least halves
    and >= 90% of XOR is learned (the full 2000 epochs and 95% are checked hidden)."""
    X, y = xor_dataset(rng)
    params, losses = sub.train_two_layer_net(X, y, HIDDEN_DIM, LR, SHORT_EPOCHS)
    _expect_solves(X, y, params, losses, f"train_two_layer_net(X, y, 8, 1.0, {SHORT_EPOCHS})",
                   n_epochs=SHORT_EPOCHS, min_accuracy=SHORT_ACCURACY)


@check("q10", points=1)
def test_zero_epochs_returns_the_initial_parameters(sub, rng):
    """n_epochs = 0, seed = 3: the contract's initial parameters and no losses.

    rng = np.random.default_rng(3), then W1 (3, 5) and W2 (5, 1) in that order; zero biases."""
    X = rng.standard_normal((7, 3))
    y = (rng.random(7) < 0.5).astype(float)
    _expect_initialisation(sub, X, y, 5, 3, reveal=True)


def _expect_descent(sub, rng, hidden, D, H, N, lr, n):
    """losses and params after n epochs match n steps of gradient descent (PyTorch's
    gradients) from the submission's own initial parameters for the same seed."""
    from ._oracles import descent_diagnoses, gradient_descent

    X = rng.standard_normal((N, D))
    y = (rng.random(N) < 0.5).astype(float)
    y[:2] = [0.0, 1.0]
    seed = int(rng.integers(1, 10**6))
    P0, _ = _initial_params(sub, X, y, H, lr, seed, hidden)
    params, losses = sub.train_two_layer_net(X, y, H, lr, n, seed=seed, hidden=hidden)
    name = f"train_two_layer_net(X, y, {H}, {lr}, {n}, seed, hidden={hidden!r})"
    params = _expect_params(params, D, H, f"params from {name}")
    want_params, want_losses = gradient_descent(X, y, P0, lr, n, hidden)
    expect_outputs((losses, *(params[k] for k in KEYS)),
                   {"losses": want_losses, **{k: want_params[k] for k in KEYS}}, fn=name,
                   rtol=1e-8, atol=1e-10,
                   diagnose=descent_diagnoses(X, y, P0, lr, n, hidden))


@check("q10", points=2, hidden=True)
def test_training_steps_are_gradient_descent(sub, rng):
    """Sigmoid network, 4 epochs: the losses and parameters of gradient descent (PyTorch).

    Gradient descent starts from the submission's own initial parameters for the same seed
    (n_epochs = 0), which must differ between hidden units; losses[t] is the loss before
    update t."""
    _expect_descent(sub, rng, "sigmoid", D=3, H=5, N=12, lr=0.5, n=4)


@check("q10", points=1, hidden=True)
def test_training_uses_the_hidden_activation(sub, rng):
    """ReLU network: 3 epochs give PyTorch's gradient descent losses and parameters."""
    _expect_descent(sub, rng, "relu", D=2, H=6, N=10, lr=0.3, n=3)


@check("q10", points=2, hidden=True)
def test_training_solves_a_fresh_xor_draw(sub, rng):
    """On a fresh draw of the XOR set the notebook's hyper-parameters reach >= 95%."""
    X, y = xor_dataset(rng)
    params, losses = sub.train_two_layer_net(X, y, HIDDEN_DIM, LR, N_EPOCHS)
    _expect_solves(X, y, params, losses, "train_two_layer_net on a fresh XOR set")


@check("q10", points=1, hidden=True)
def test_initialisation_follows_the_seed(sub, rng):
    """For a random seed and size, and for the default seed 0, n_epochs = 0 gives the
    contract's initial parameters."""
    D, H = int(rng.integers(2, 5)), int(rng.integers(3, 8))
    X = rng.standard_normal((6, D))
    y = (rng.random(6) < 0.5).astype(float)
    _expect_initialisation(sub, X, y, H, int(rng.integers(1, 10**6)))
    _expect_initialisation(sub, X, y, H, None)
