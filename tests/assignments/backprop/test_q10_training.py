"""q10: full-batch gradient descent on the XOR set, graded on behaviour.

The checks never compare with the reference's random numbers: they check that the loss goes
down and the XOR set is learned with the notebook's hyper-parameters, and that the returned
parameters and losses are consistent with gradient descent started from the submission's own
initial parameters (``n_epochs = 0``).
"""

import numpy as np

from autograder.testing import (
    Diagnose,
    check,
    expect_array,
    expect_close,
    expect_dict_keys,
    expect_inputs_unchanged,
    fail,
)

from ._data import expect_all_close, net_accuracy, xor_dataset

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


def _expect_learning(losses, n_epochs, name):
    losses = expect_array(losses, name=f"losses from {name}", shape=(n_epochs,))
    if not losses[-1] < 0.5 * losses[0]:
        fail(f"The loss from {name} does not go down: the last recorded loss should be well "
             "below the first (at most half of it). Check the sign of the update "
             "(params - lr * grads) and that each step uses the gradients at the current "
             "parameters.", "no_learning")
    return losses


def _expect_solves(X, y, params, losses, name, n_epochs=N_EPOCHS, min_accuracy=0.95):
    params = _expect_params(params, 2, HIDDEN_DIM, f"params from {name}")
    if np.allclose(params["W1"], params["W1"][:, :1]):
        fail(f"After training with {name}, every hidden unit has the same weights: with equal "
             "initial weights every unit gets the same gradient and they never differ. "
             "Initialise W1 and W2 with rng.standard_normal, as the docstring says.", "init")
    _expect_learning(losses, n_epochs, name)
    accuracy = net_accuracy(X, y, params)
    if accuracy < min_accuracy:
        fail(f"After training with {name}, the network classifies {accuracy:.0%} of the XOR "
             f"set correctly; at least {min_accuracy:.0%} is expected (the predicted class is "
             "score > 0).", "accuracy")


def _expect_seeded(P0, again, name):
    if any(not np.array_equal(P0[k], again[k]) for k in KEYS):
        fail(f"Two calls of {name} with the same seed return different parameters: draw the "
             "initial weights from rng = np.random.default_rng(seed), not from np.random or "
             "an unseeded generator.", "seed")


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
    """n_epochs = 0: random weights of the right shapes, zero biases, no losses."""
    X = rng.standard_normal((7, 3))
    y = (rng.random(7) < 0.5).astype(float)
    params, losses = sub.train_two_layer_net(X, y, 5, 0.1, 0, seed=3)
    name = "train_two_layer_net(X, y, 5, 0.1, 0, seed=3)"
    params = _expect_params(params, 3, 5, f"params from {name}")
    expect_array(losses, name=f"losses from {name}", shape=(0,))
    for k in ("b1", "b2"):
        expect_close(params[k], np.zeros_like(params[k]), name=f"the initial {k}", rtol=0,
                     atol=0)
    for k in ("W1", "W2"):
        if np.ptp(params[k]) == 0:
            fail(f"The initial {k} has all its entries equal: draw it with "
                 f"rng.standard_normal, rng = np.random.default_rng(seed).", "init")


def _diagnose_losses(X, y, P0, lr, n, hidden):
    from ._torch import gradient_descent

    other = "sigmoid" if hidden == "relu" else "relu"
    return Diagnose(
        wrong_formulas={
            "after": ("the losses after each update; losses[t] is the loss before update t",
                      lambda: gradient_descent(X, y, P0, lr, n + 1, hidden)[1][1:]),
            "hidden": (f"the losses of the {other} network: pass `hidden` on to two_layer_net",
                       lambda: gradient_descent(X, y, P0, lr, n, other)[1]),
            "no_lr": ("the losses of steps without the learning rate (lr = 1)",
                      lambda: gradient_descent(X, y, P0, 1.0, n, hidden)[1]),
        },
        axis=(0, "epoch"),
    )


def _diagnoses_params(X, y, P0, lr, n, hidden):
    from ._torch import gradient_descent

    other = "sigmoid" if hidden == "relu" else "relu"
    variants = {
        "extra": (f"{n + 1} updates instead of {n}", lambda: gradient_descent(
            X, y, P0, lr, n + 1, hidden)[0]),
        "hidden": (f"training the {other} network: pass `hidden` on to two_layer_net",
                   lambda: gradient_descent(X, y, P0, lr, n, other)[0]),
        "no_lr": ("steps without the learning rate", lambda: gradient_descent(
            X, y, P0, 1.0, n, hidden)[0]),
        "initial": ("the initial parameter: it was never updated", lambda: P0),
    }
    return {k: Diagnose(wrong_formulas={name: (text, lambda thunk=thunk, k=k: thunk()[k])
                                      for name, (text, thunk) in variants.items()})
            for k in KEYS}


def _expect_descent(sub, rng, hidden, D, H, N, lr, n):
    """losses and params after n epochs match n steps of gradient descent (PyTorch's
    gradients) from the submission's own initial parameters for the same seed."""
    from ._torch import gradient_descent

    X = rng.standard_normal((N, D))
    y = (rng.random(N) < 0.5).astype(float)
    y[:2] = [0.0, 1.0]
    seed = int(rng.integers(1, 10**6))
    P0, _ = sub.train_two_layer_net(X, y, H, lr, 0, seed=seed, hidden=hidden)
    P0 = _expect_params(P0, D, H, "the initial params (n_epochs = 0)")
    again, _ = sub.train_two_layer_net(X, y, H, lr, 0, seed=seed, hidden=hidden)
    _expect_seeded(P0, _expect_params(again, D, H, "the initial params (n_epochs = 0)"),
                   "train_two_layer_net(..., n_epochs=0, seed)")
    params, losses = sub.train_two_layer_net(X, y, H, lr, n, seed=seed, hidden=hidden)
    name = f"train_two_layer_net(X, y, {H}, {lr}, {n}, seed, hidden={hidden!r})"
    params = _expect_params(params, D, H, f"params from {name}")
    want_params, want_losses = gradient_descent(X, y, P0, lr, n, hidden)
    expect_close(losses, want_losses, name=f"losses from {name}", rtol=1e-8, atol=1e-10,
                 diagnose=_diagnose_losses(X, y, P0, lr, n, hidden))
    expect_all_close(params, want_params, name=f"params from {name}", rtol=1e-8, atol=1e-10,
                     diagnose=_diagnoses_params(X, y, P0, lr, n, hidden))


@check("q10", points=2, hidden=True)
def test_training_steps_are_gradient_descent(sub, rng):
    """Sigmoid network, 4 epochs: the losses and parameters of gradient descent (PyTorch).

    Gradient descent starts from the submission's own initial parameters for the same seed
    (n_epochs = 0); losses[t] is the loss before update t."""
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
def test_training_is_reproducible_and_leaves_its_inputs_alone(sub, rng):
    """The seed fixes the initial parameters, and X and y are not modified.

    Same seed, same parameters; another seed, other parameters."""
    X = rng.standard_normal((8, 2))
    y = (rng.random(8) < 0.5).astype(float)
    first = sub.call("train_two_layer_net", X, y, 4, 0.5, 3, seed=7)
    expect_inputs_unchanged(first, name="train_two_layer_net")
    again, _ = sub.train_two_layer_net(X, y, 4, 0.5, 3, seed=7)
    other, _ = sub.train_two_layer_net(X, y, 4, 0.5, 3, seed=8)
    params = _expect_params(first.value[0], 2, 4, "params with seed=7")
    again = _expect_params(again, 2, 4, "params with seed=7, a second time")
    other = _expect_params(other, 2, 4, "params with seed=8")
    _expect_seeded(params, again, "train_two_layer_net(X, y, 4, 0.5, 3, seed=7)")
    if all(np.array_equal(params[k], other[k]) for k in KEYS):
        fail("Runs with different seeds return the same parameters: create the generator "
             "with the `seed` argument, rng = np.random.default_rng(seed).", "seed")
