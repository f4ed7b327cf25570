"""q5: the affine layer out = x @ W + b, forward and backward."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, expect_inputs_unchanged, numerical_vjp

from ._data import expect_all_close

SHAPES = [(5, 3, 4), (2, 6, 3)]  # (N, D, M): N != D != M, so a wrong axis shows in the shape


def _layer(rng, N, D, M):
    return rng.standard_normal((N, D)), rng.standard_normal((D, M)), rng.standard_normal(M)


def _diagnose_forward(x, W, b):
    return Diagnose(wrong_formulas={
        "no_bias": ("x @ W: the bias is missing", lambda: x @ W),
    })


def _diagnoses_backward(x, W, dout):
    n = x.shape[0]
    batch = {"1/N": 1.0 / n, "N": float(n)}
    mean_hint = ("The layer's gradient is a sum over the batch; any 1/N belongs to the loss, "
                 "not to the layer.")
    return {
        "dx": Diagnose(factors=batch, hints={"1/N": mean_hint}),
        "dW": Diagnose(factors=batch, hints={"1/N": mean_hint, "transpose": "dW = x.T @ dout "
                                             "has the shape of W, (D, M)."}, wrong_formulas={
            "doutT_x": ("dout.T @ x, the transpose of dW = x.T @ dout", lambda: dout.T @ x),
        }),
        "db": Diagnose(factors=batch, hints={"1/N": "db sums dout over the batch (axis 0); "
                                             "it is not a mean."}, wrong_formulas={
            "unsummed": ("dout itself: db must sum dout over the batch axis, "
                         "db = dout.sum(axis=0)", lambda: dout),
            "axis1": ("dout summed over axis 1 instead of the batch axis 0",
                      lambda: dout.sum(axis=1)),
            "all": ("the sum of every entry of dout: sum over axis 0 only", lambda: dout.sum()),
        }),
    }


def _backward(sub, x, W, b, dout):
    _, cache = sub.affine_forward(x, W, b)
    dx, dW, db = sub.affine_backward(dout, cache)
    return {"dx": dx, "dW": dW, "db": db}


@check("q5", points=1)
def test_affine_forward_on_an_example(sub, rng):
    """out = x @ W + b for x (3, 4), W (4, 2), b (2,)."""
    x, W, b = _layer(rng, 3, 4, 2)
    out, _ = sub.affine_forward(x, W, b)
    want = np.einsum("nd,dm->nm", x, W) + b[None, :]
    expect_close(out, want, name="out from affine_forward(x, W, b)", rtol=1e-10, atol=1e-12,
                 diagnose=_diagnose_forward(x, W, b))


@check("q5", points=1)
def test_affine_backward_matches_finite_differences(sub, rng):
    """dx, dW, db match central differences of sum(out * dout), for a random dout."""
    N, D, M = 3, 4, 2
    x, W, b = _layer(rng, N, D, M)
    dout = rng.standard_normal((N, M))
    want = {
        "dx": numerical_vjp(lambda v: v @ W + b, x, dout),
        "dW": numerical_vjp(lambda v: x @ v + b, W, dout),
        "db": numerical_vjp(lambda v: x @ W + v, b, dout),
    }
    expect_all_close(_backward(sub, x, W, b, dout), want, name="affine_backward", rtol=1e-6,
                     atol=1e-8, diagnose=_diagnoses_backward(x, W, dout))


@check("q5", points=1, hidden=True)
def test_affine_forward_matches_torch(sub, rng):
    """out matches PyTorch on random layers of two shapes."""
    import torch

    for N, D, M in SHAPES:
        x, W, b = _layer(rng, N, D, M)
        want = torch.nn.functional.linear(torch.tensor(x), torch.tensor(W.T), torch.tensor(b))
        out, _ = sub.affine_forward(x, W, b)
        expect_close(out, want.numpy(), name=f"affine_forward with (N, D, M) = {(N, D, M)}",
                     rtol=1e-10, atol=1e-12, diagnose=_diagnose_forward(x, W, b))


@check("q5", points=3, hidden=True)
def test_affine_backward_matches_torch(sub, rng):
    """dx, dW, db match PyTorch autograd for random layers of two shapes and a random dout."""
    from ._torch import vjp

    for N, D, M in SHAPES:
        x, W, b = _layer(rng, N, D, M)
        dout = rng.standard_normal((N, M))
        _, (dx, dW, db) = vjp(lambda x, W, b: x @ W + b, x, W, b, dout=dout)
        expect_all_close(_backward(sub, x, W, b, dout), {"dx": dx, "dW": dW, "db": db},
                         name=f"affine_backward with (N, D, M) = {(N, D, M)}", rtol=1e-10,
                         atol=1e-12, diagnose=_diagnoses_backward(x, W, dout))


@check("q5", points=1, hidden=True)
def test_affine_layer_leaves_its_inputs_alone(sub, rng):
    """affine_forward does not modify x, W or b; affine_backward neither dout nor the cache."""
    x, W, b = _layer(rng, 4, 3, 2)
    forward = sub.call("affine_forward", x, W, b)
    expect_inputs_unchanged(forward, name="affine_forward")
    _, cache = forward.value
    backward = sub.call("affine_backward", rng.standard_normal((4, 2)), cache)
    expect_inputs_unchanged(backward, name="affine_backward")
