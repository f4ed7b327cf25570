"""q8: the softmax's vector-Jacobian product s * (dout - <s, dout>), row by row."""

import numpy as np

from autograder.testing import FD_ATOL, FD_RTOL, Diagnose, check, numerical_vjp

from ._data import (
    ATOL,
    RTOL,
    blame_earlier,
    expect_value,
    large_scores,
    logits,
    moderate_scores,
    softmax_np,
    softmax_vjp_np,
)

S_SMALL = np.array([[0.0, 1.0, 2.0, 3.0], [2.0, -1.0, 0.5, 0.5], [-3.0, 1.0, 4.0, 1.0]])


def _diagnose(dout, S):
    s = softmax_np(S)
    inner = (s * dout).sum(axis=1, keepdims=True)
    return Diagnose(wrong_formulas={
        "diagonal": ("softmax(S) * dout, the diagonal of the Jacobian only: every output s_j "
                     "depends on every score, so subtract <s, dout> row by row",
                     lambda: s * dout),
        "sigmoid_like": ("s (1 - s) * dout, the diagonal of the Jacobian only (the sigmoid's "
                         "rule): J = diag(s) - s s^T", lambda: s * (1.0 - s) * dout),
        "no_s": ("dout - <s, dout>: multiply by s, dS = s * (dout - <s, dout>)",
                 lambda: dout - inner),
        "axis0": ("s * (dout - sum(s * dout, axis=0)): the inner product <s, dout> is taken "
                  "along each row (axis=1, keepdims=True)",
                  lambda: s * (dout - (s * dout).sum(axis=0, keepdims=True))),
        "whole_sum": ("s * (dout - sum(s * dout)) with one sum over the whole array: take one "
                      "inner product per row (axis=1, keepdims=True)",
                      lambda: s * (dout - (s * dout).sum())),
        "outer": ("s * dout - s * sum(s): the inner product is <s, dout>, not the sum of s",
                  lambda: s * dout - s * s.sum(axis=1, keepdims=True)),
    }, transpose=False)


def _expect(sub, dout, S, want, name, rtol=RTOL, atol=ATOL):
    got = sub.softmax_backward(dout, S)
    blame_earlier(sub, lambda: expect_value("softmax_backward", got, want, name=name, rtol=rtol,
                                            atol=atol, diagnose=_diagnose(dout, S)),
                  [("softmax", "q6", (S,), softmax_np(S))])


@check("q8", points=1)
def test_softmax_backward_on_a_small_batch(sub):
    """softmax_backward(dout, S) on 3 samples and 4 classes equals dout_i^T J_i row by row,
    with the full Jacobian J_i = diag(s_i) - s_i s_i^T."""
    dout = np.array([[1.0, -2.0, 0.5, 0.0], [0.3, 0.3, -1.0, 2.0], [-0.5, 1.5, 1.0, -1.0]])
    _expect(sub, dout, S_SMALL, softmax_vjp_np(dout, S_SMALL),
            "softmax_backward(dout, S) for (3, 4) arrays")


@check("q8", points=1)
def test_softmax_backward_of_ones_is_zero_and_of_a_one_hot_is_a_jacobian_row(sub):
    """A dout of ones gives dS = 0 (softmax rows sum to 1), and a one-hot dout picks row j of
    the Jacobian: s_j (e_j - s)."""
    _expect(sub, np.ones((3, 4)), S_SMALL, np.zeros((3, 4)),
            "softmax_backward(ones, S)")
    dout = np.zeros((3, 4))
    dout[[0, 1, 2], [3, 0, 2]] = 1.0
    s = softmax_np(S_SMALL)
    _expect(sub, dout, S_SMALL, s * (dout - (s * dout).sum(axis=1, keepdims=True)),
            "softmax_backward(dout, S) for a one-hot dout")


@check("q8", points=3, hidden=True)
def test_softmax_backward_matches_autograd(sub, rng):
    """On random scores and random upstream gradients of several shapes (N != C),
    softmax_backward matches PyTorch autograd of torch.nn.functional.softmax (and central
    differences)."""
    from ._oracles import softmax_vjp

    for N, C in [(3, 5), (6, 4), (2, 7)]:
        S = moderate_scores(rng, N, C)
        dout = rng.standard_normal((N, C))
        _expect(sub, dout, S, softmax_vjp(dout, S),
                f"softmax_backward on random ({N}, {C}) arrays")
    S, dout = logits(rng, 3, 4), rng.standard_normal((3, 4))
    _expect(sub, dout, S, numerical_vjp(softmax_np, S, dout),
            "softmax_backward against central differences of the softmax", FD_RTOL, FD_ATOL)


@check("q8", points=1, hidden=True)
def test_softmax_backward_of_large_scores_matches_autograd(sub, rng):
    """On rows at +1000 and -1000 and on scales from 1e-3 to 1000, softmax_backward is finite
    and matches PyTorch autograd."""
    from ._oracles import softmax_vjp

    S = large_scores(rng, 5, 4)
    dout = rng.standard_normal((5, 4))
    _expect(sub, dout, S, softmax_vjp(dout, S),
            "softmax_backward on rows at +-1000 and on scales from 1e-3 to 1000")
