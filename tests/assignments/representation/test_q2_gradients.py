"""q2: the gradients of L = (1/n) sum_i ||x_i - x_hat_i||^2 with respect to W1, b1, W2 and b2,
from dL/dX_hat = (2/n) (X_hat - X)."""

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_outputs,
    numerical_gradient,
    once,
)

from ._data import HAND_AUTOENCODER, autoencoder_problem, exact_reconstruction
from ._models import ae_grads, ae_loss

RTOL, ATOL = 1e-9, 1e-11
KEYS = ("W1", "b1", "W2", "b2")


def diagnoses(X, W1, b1, W2, b2):
    """A function of the output's name giving its Diagnose, for the dict of gradients."""
    n, d = X.shape
    encoder = once(lambda: ae_grads(X, W1, b1, W2, b2, encoder_path=True))
    no_b1 = once(lambda: ae_grads(X, W1, b1, W2, b2, bias1=False))

    def for_key(key):
        formulas = {
            "no_b1": ("the gradients of an autoencoder without b1: the codes are Z = X W1 + b1, "
                      "with the bias", lambda: no_b1()[key]),
        }
        if key in ("W1", "b1"):
            formulas["encoder"] = ("a backward pass through W1 instead of W2^T: dL/dZ = "
                                   "dL/dX_hat W2^T", lambda: encoder()[key])
        # Where n = d, 1/n and 1/d coincide: a bias is more likely averaged over the rows, a
        # weight from a loss averaged over every entry.
        factors = ({"1/n": 1.0 / n, "1/d": 1.0 / d} if key.startswith("b")
                   else {"1/d": 1.0 / d, "1/n": 1.0 / n})
        return Diagnose(
            factors={**factors, "n": float(n)},
            hints={
                "1/2": "The derivative of ||x_i - x_hat_i||^2 is 2 (x_hat_i - x_i): keep the 2.",
                "-1": "dL/dX_hat = (2/n) (X_hat - X): the reconstruction minus the data.",
                "1/d": "L is a mean over the n rows of a sum over the d coordinates: "
                       "dL/dX_hat = (2/n) (X_hat - X), not divided by n d.",
                "n": "L is a mean over the rows: dL/dX_hat has the factor 1/n.",
                "1/n": "The bias gradients sum dL/dX_hat (or dL/dZ) over the rows; the 1/n is "
                       "already in dL/dX_hat.",
                "transpose": "dL/dW2 = Z^T dL/dX_hat has W2's shape (k, d); dL/dW1 = X^T dL/dZ "
                             "has W1's shape (d, k).",
            },
            wrong_formulas=formulas,
        )

    return for_key


def expect_gradients(sub, X, W1, b1, W2, b2, want, label, rtol=RTOL, atol=ATOL):
    """autoencoder_gradients on these inputs returns the dict ``want``."""
    got = sub.autoencoder_gradients(X, W1, b1, W2, b2)
    expect_outputs(got, {k: want[k] for k in KEYS}, fn=f"autoencoder_gradients({label})",
                   rtol=rtol, atol=atol, diagnose=diagnoses(X, W1, b1, W2, b2))


def central_differences(X, W1, b1, W2, b2):
    """The four gradients of L (the check's own formula) by central differences."""
    params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    out = {}
    for key, value in params.items():
        def loss(v, key=key):
            return ae_loss(X, **{**params, key: v})
        out[key] = numerical_gradient(loss, value)
    return out


@check("q2", points=1)
def test_gradients_on_the_hand_example_match_central_differences(sub):
    """On the hand example of q1 (n = 3, d = 3, k = 2) the four gradients are the chain rule's
    from dL/dX_hat = (2/n) (X_hat - X), and they match central differences of L (step 1e-6)."""
    expect_gradients(sub, *HAND_AUTOENCODER, ae_grads(*HAND_AUTOENCODER),
                     "the hand example of q1")
    expect_gradients(sub, *HAND_AUTOENCODER, central_differences(*HAND_AUTOENCODER),
                     "the hand example of q1 (central differences)", rtol=FD_RTOL, atol=FD_ATOL)


@check("q2", points=1)
def test_gradients_vanish_at_an_exact_reconstruction_and_match_central_differences_off_it(
        sub, rng):
    """On data the autoencoder reproduces exactly every gradient is 0; after moving the data
    off that plane (n = 6, d = 4, k = 2) they match central differences of L."""
    X, W1, b1, W2, b2, R = exact_reconstruction(rng, 6, 4, 2)
    zeros = {"W1": np.zeros_like(W1), "b1": np.zeros_like(b1), "W2": np.zeros_like(W2),
             "b2": np.zeros_like(b2)}
    expect_gradients(sub, X, W1, b1, W2, b2, zeros, "X on the plane, W1, b1, W2, b2",
                     atol=1e-9)
    params = (X + R, W1, b1, W2, b2)
    expect_gradients(sub, *params, central_differences(*params), "X + R, W1, b1, W2, b2",
                     rtol=FD_RTOL, atol=FD_ATOL)


@check("q2", points=3, hidden=True)
def test_gradients_match_autograd_and_central_differences(sub, rng):
    """On random problems of three shapes (n = 8, d = 5, k = 2; n = 4, d = 6, k = 3; n = 7,
    d = 3, k = 1) the gradients match PyTorch autograd in float64 and central differences of an
    exactly summed loss."""
    from ._oracles import autoencoder_fd, autoencoder_torch

    for n, d, k in [(8, 5, 2), (4, 6, 3), (7, 3, 1)]:
        params = autoencoder_problem(rng, n, d, k)
        label = f"X ({n}, {d}), W1 ({d}, {k}), b1, W2, b2"
        expect_gradients(sub, *params, autoencoder_torch(*params)[2], label)
        expect_gradients(sub, *params, autoencoder_fd(*params), label + " (central differences)",
                         rtol=FD_RTOL, atol=FD_ATOL)


@check("q2", points=2, hidden=True)
def test_gradients_of_a_single_row_and_of_far_data_match_autograd(sub, rng):
    """For a single sample (n = 1, d = 4, k = 2) and for data far from the origin (column
    means near 50, n = 10, d = 3, k = 2) the gradients match PyTorch autograd."""
    from ._oracles import autoencoder_torch

    X, *params = autoencoder_problem(rng, 1, 4, 2)
    expect_gradients(sub, X, *params, autoencoder_torch(X, *params)[2],
                     "X (1, 4), W1 (4, 2), b1, W2, b2")
    X, *params = autoencoder_problem(rng, 10, 3, 2)
    X = X + 50.0
    expect_gradients(sub, X, *params, autoencoder_torch(X, *params)[2],
                     "X (10, 3) far from the origin, W1 (3, 2), b1, W2, b2")
