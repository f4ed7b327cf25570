"""q1: the linear autoencoder's forward pass Z = X W1 + b1, X_hat = Z W2 + b2 and its loss
L = (1/n) sum_i ||x_i - x_hat_i||^2 (a sum over the d coordinates, a mean over the n rows)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_outputs, once

from ._data import HAND_AUTOENCODER, autoencoder_problem, exact_reconstruction
from ._models import ae_forward

RTOL, ATOL = 1e-10, 1e-12


def diagnoses(X, W1, b1, W2, b2):
    """Diagnoses of (X_hat, loss) from autoencoder_forward on these inputs."""
    n, d = X.shape

    def wrong(**switches):
        return once(lambda: ae_forward(X, W1, b1, W2, b2, **switches)[1])

    def loss_of(model):
        return lambda: float(np.sum((X - model()) ** 2) / n)

    no_b1, no_b2 = wrong(bias1=False), wrong(bias2=False)
    tied = wrong(decoder=W1.T)
    relu = wrong(act=lambda z: np.maximum(z, 0.0))
    X_hat = ae_forward(X, W1, b1, W2, b2)[1]
    R = X - X_hat
    models = {
        "no_b1": ("X W1 W2 + b2: the encoder's bias b1 is missing (Z = X W1 + b1)", no_b1),
        "no_b2": ("(X W1 + b1) W2: the decoder's bias b2 is missing", no_b2),
        "tied": ("(X W1 + b1) W1^T + b2: the decoder is W2, not the encoder's W1 transposed",
                 tied),
        "relu": ("a ReLU on the codes: this autoencoder is linear (X_hat = Z W2 + b2)", relu),
    }
    x_hat = Diagnose(wrong_formulas=dict(models))
    loss = Diagnose(
        factors={"1/d": 1.0 / d, "n": float(n), "1/n": 1.0 / n},
        hints={
            "1/d": "L sums the squared errors over the d coordinates of each row and averages "
                   "over the n rows only: divide by n, not by n d (np.mean over every entry "
                   "divides by n d).",
            "n": "L is a mean over the rows: divide the sum of squared errors by n.",
            "1/n": "Divide the sum of squared errors by n once.",
        },
        wrong_formulas={
            "norms": ("the mean of ||x_i - x_hat_i|| over the rows: the norms must be squared",
                      lambda: float(np.mean(np.linalg.norm(R, axis=1)))),
            "rmse": ("the square root of L", lambda: float(np.sqrt(np.sum(R * R) / n))),
            **{k: (f"the loss of {text}", loss_of(model)) for k, (text, model) in models.items()},
        },
    )
    return {"X_hat": x_hat, "loss": loss}


def expect_forward(sub, X, W1, b1, W2, b2, want_X_hat, want_loss, label, rtol=RTOL, atol=ATOL):
    """autoencoder_forward on these inputs returns (want_X_hat, want_loss)."""
    got = sub.autoencoder_forward(X, W1, b1, W2, b2)
    expect_outputs(got, {"X_hat": want_X_hat, "loss": want_loss},
                   fn=f"autoencoder_forward({label})", rtol=rtol, atol=atol,
                   diagnose=diagnoses(X, W1, b1, W2, b2))


@check("q1", points=1)
def test_forward_on_a_hand_example(sub):
    """On three 3-D rows with k = 2 the reconstructions are (1.5, 2.5, 0.5), (3.5, -9.5, 2.5)
    and (3.5, 0.5, 2.5), with squared errors 0.75, 84.75 and 6.75, so L = (0.75 + 84.75 +
    6.75) / 3 = 30.75 (a mean over all nine entries would give 10.25)."""
    X_hat = np.array([[1.5, 2.5, 0.5], [3.5, -9.5, 2.5], [3.5, 0.5, 2.5]])
    expect_forward(sub, *HAND_AUTOENCODER, X_hat, (0.75 + 84.75 + 6.75) / 3,
                   "X, W1, b1, W2, b2 of the hand example")


@check("q1", points=1)
def test_loss_is_zero_on_the_plane_the_decoder_spans_and_the_mean_squared_residual_off_it(
        sub, rng):
    """Data on the affine plane the autoencoder reproduces (W2 W1 = I) give X_hat = X and
    L = 0; moving them by residuals R orthogonal to the columns of W1 leaves X_hat unchanged
    and gives L = (1/n) sum_i ||r_i||^2."""
    X, W1, b1, W2, b2, R = exact_reconstruction(rng, 5, 4, 2)
    expect_forward(sub, X, W1, b1, W2, b2, X, 0.0, "X on the plane, W1, b1, W2, b2",
                   atol=1e-10)
    expect_forward(sub, X + R, W1, b1, W2, b2, X, float(np.sum(R * R)) / 5,
                   "X + R, W1, b1, W2, b2", atol=1e-10)


@check("q1", points=2, hidden=True)
def test_forward_matches_pytorch(sub, rng):
    """On random problems of three shapes (n = 9, d = 4, k = 1; n = 6, d = 7, k = 3; n = 5,
    d = 5, k = 2) X_hat and L match PyTorch's linear layers and mse_loss (a sum, divided by n)
    in float64."""
    from ._oracles import autoencoder_torch

    for n, d, k in [(9, 4, 1), (6, 7, 3), (5, 5, 2)]:
        X, W1, b1, W2, b2 = autoencoder_problem(rng, n, d, k)
        X_hat, loss, _ = autoencoder_torch(X, W1, b1, W2, b2)
        expect_forward(sub, X, W1, b1, W2, b2, X_hat, loss,
                       f"X ({n}, {d}), W1 ({d}, {k}), b1, W2, b2")


@check("q1", points=2, hidden=True)
def test_loss_sums_over_coordinates_and_averages_over_rows(sub, rng):
    """Duplicating every coordinate (X -> [X, X] with the decoder duplicated too) doubles L;
    duplicating every row (X -> [X; X]) leaves L unchanged; both match an exact summation
    (math.fsum)."""
    from ._oracles import autoencoder_loss_fsum, autoencoder_torch

    X, W1, b1, W2, b2 = autoencoder_problem(rng, 7, 4, 2)
    L = autoencoder_loss_fsum(X, W1, b1, W2, b2)
    X_hat = autoencoder_torch(X, W1, b1, W2, b2)[0]
    wide = (np.hstack([X, X]), np.vstack([W1, np.zeros_like(W1)]), b1, np.hstack([W2, W2]),
            np.concatenate([b2, b2]))
    expect_forward(sub, *wide, np.hstack([X_hat, X_hat]), 2.0 * L,
                   "[X, X] (7, 8) with the decoder duplicated")
    tall = (np.vstack([X, X]), W1, b1, W2, b2)
    expect_forward(sub, *tall, np.vstack([X_hat, X_hat]), L, "[X; X] (14, 4)")
