"""q5: the affine layer out = x @ W + b, forward and backward."""

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_close,
    expect_outputs,
    finite_differences,
)

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


def _expect_backward(sub, x, W, b, dout, want, *, fn, rtol, atol):
    """affine_backward(dout, cache) with the cache of the submission's own forward pass."""
    _, cache = sub.affine_forward(x, W, b)
    expect_outputs(sub.affine_backward(dout, cache), want, fn=fn, rtol=rtol, atol=atol,
                   diagnose=_diagnoses_backward(x, W, dout))


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
    inputs = {"x": x, "W": W, "b": b}
    fd = finite_differences(lambda x, W, b: x @ W + b, inputs, list(inputs), dout)
    _expect_backward(sub, x, W, b, dout, {"dx": fd["x"], "dW": fd["W"], "db": fd["b"]},
                     fn="affine_backward", rtol=FD_RTOL, atol=FD_ATOL)


@check("q5", points=2, hidden=True)
def test_affine_forward_matches_torch(sub, rng):
    """out matches PyTorch on random layers of two shapes."""
    from ._oracles import linear

    for N, D, M in SHAPES:
        x, W, b = _layer(rng, N, D, M)
        want = linear(x, W, b)
        out, _ = sub.affine_forward(x, W, b)
        expect_close(out, want, name=f"affine_forward with (N, D, M) = {(N, D, M)}",
                     rtol=1e-10, atol=1e-12, diagnose=_diagnose_forward(x, W, b))


@check("q5", points=3, hidden=True)
def test_affine_backward_matches_torch(sub, rng):
    """dx, dW, db match PyTorch autograd for random layers of two shapes and a random dout."""
    from autograder.testing.autograd import vjp

    for N, D, M in SHAPES:
        x, W, b = _layer(rng, N, D, M)
        dout = rng.standard_normal((N, M))
        _, (dx, dW, db) = vjp(lambda x, W, b: x @ W + b, x, W, b, dout=dout)
        _expect_backward(sub, x, W, b, dout, {"dx": dx, "dW": dW, "db": db},
                         fn=f"affine_backward with (N, D, M) = {(N, D, M)}", rtol=1e-10,
                         atol=1e-12)
