"""Inputs, NumPy closed forms and the shared tolerance of the activations checks.

Public: the students' public checks use this module, so NumPy and the standard library only.
The closed forms are written from the definitions, in forms that keep their digits where the
value is tiny (sech^2 from e^-2|z|, the Gaussian CDF from erfc, the sigmoid from e^-|x|); the
hidden checks compare with PyTorch (``_oracles.py``).
"""

import math

import numpy as np

from autograder.testing import CheckFailure, expect_close
from autograder.testing import blame_earlier as toolkit_blame_earlier

# Every value is compared with |got - want| <= ATOL + RTOL |want|. The relative part accepts
# every correct formula where the value is of normal size (S - max against S - logsumexp
# loses about 1e-13 at scores of 1000); the absolute floor accepts the formulas the contract
# names, which lose digits to cancellation where the value is tiny: 1 - tanh(z)^2 against
# sech(z)^2 for 8 < |z| < 25 (error about 4e-16), z (1 + erf(z / sqrt 2)) / 2 against
# z erfc(-z / sqrt 2) / 2 for -10 < z < -5 (about 1e-15), e^z - 1 against expm1(z) near 0
# (about 2e-16 alpha). Every mistake of the catalogue is off by far more.
RTOL, ATOL = 1e-9, 1e-12

_erf = np.vectorize(math.erf, otypes=[float])
_erfc = np.vectorize(math.erfc, otypes=[float])


# ---------------------------------------------------------------------------- closed forms


def sigmoid_np(x):
    """1 / (1 + e^-x), from e^-|x| <= 1 (no overflow, full relative accuracy)."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sech2(z):
    """sech(z)^2 = 4 e^-2|z| / (1 + e^-2|z|)^2: tanh'(z), accurate where it is tiny."""
    e = np.exp(-2.0 * np.abs(np.asarray(z, dtype=float)))
    return 4.0 * e / (1.0 + e) ** 2


def leaky_relu_np(z, alpha):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0) + alpha * np.minimum(z, 0.0)


def leaky_relu_prime_np(z, alpha):
    z = np.asarray(z, dtype=float)
    return alpha + (1.0 - alpha) * (z > 0)


def elu_np(z, alpha):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0) + alpha * np.expm1(np.minimum(z, 0.0))


def elu_prime_np(z, alpha):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha) * np.exp(np.minimum(z, 0.0))


def norm_cdf(z):
    """Phi(z) = erfc(-z / sqrt 2) / 2 (accurate in the lower tail)."""
    return 0.5 * _erfc(-np.asarray(z, dtype=float) / math.sqrt(2.0))


def norm_pdf(z):
    z = np.asarray(z, dtype=float)
    return np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


def gelu_np(z):
    return np.asarray(z, dtype=float) * norm_cdf(z)


def gelu_prime_np(z):
    return norm_cdf(z) + np.asarray(z, dtype=float) * norm_pdf(z)


def swish_np(z, beta):
    z = np.asarray(z, dtype=float)
    return z * sigmoid_np(beta * z)


def swish_prime_np(z, beta):
    z = np.asarray(z, dtype=float)
    return sigmoid_np(beta * z) + beta * z * sigmoid_np(beta * z) * sigmoid_np(-beta * z)


def logsumexp_rows(S):
    m = S.max(axis=1, keepdims=True)
    return m + np.log(np.exp(S - m).sum(axis=1, keepdims=True))


def log_softmax_np(S):
    return S - logsumexp_rows(S)


def softmax_np(S):
    return np.exp(log_softmax_np(S))


def softmax_vjp_np(dout, S):
    """dout_i^T J_i row by row, with the full Jacobian J_i = diag(s_i) - s_i s_i^T."""
    s = softmax_np(S)
    return np.stack([dout[i] @ (np.diag(s[i]) - np.outer(s[i], s[i])) for i in range(len(S))])


def cross_entropy_np(S, y):
    """(loss, dS): the mean of -log softmax(S)[i, y_i] and (softmax(S) - onehot(y)) / N."""
    N = S.shape[0]
    onehot = np.zeros_like(S)
    onehot[np.arange(N), y] = 1.0
    loss = -float(np.sum(log_softmax_np(S) * onehot)) / N
    return loss, (softmax_np(S) - onehot) / N


# ---------------------------------------------------------------------------- inputs


def activation_inputs(rng, shape, scale=3.0):
    """Mixed signs on the scale of real pre-activations, with exact zeros (the convention at
    z = 0) where the array has room for them."""
    z = scale * rng.standard_normal(shape)
    if z.size >= 4:
        flat = z.reshape(-1)
        flat[rng.choice(z.size, max(1, z.size // 6), replace=False)] = 0.0
    return z


def away_from_zero(rng, n, low=0.05, high=4.0):
    """n values with low <= |z| <= high, both signs: where central differences are valid."""
    return rng.uniform(low, high, n) * rng.choice([-1.0, 1.0], n)


def extreme_inputs(rng, n):
    """n values with 800 <= |z| <= 1000, both signs, among them -1000 and 1000 exactly."""
    z = rng.uniform(800.0, 1000.0, n) * rng.choice([-1.0, 1.0], n)
    z[:2] = [-1000.0, 1000.0]
    return z


def logits(rng, N, C, scales=(1.0,), offsets=(0.0,)):
    """(N, C) scores: row i is offsets[i] + scales[i] * noise (both lists cycled), so that rows
    can sit at +1000 and -1000 and on very different scales."""
    scale = np.resize(np.asarray(scales, dtype=float), N)[:, None]
    offset = np.resize(np.asarray(offsets, dtype=float), N)[:, None]
    return offset + scale * rng.standard_normal((N, C))


SCORE_SHAPES = [(3, 5), (6, 4), (2, 7), (5, 1)]  # (N, C), N != C, and a single class


def moderate_scores(rng, N, C):
    """(N, C) scores of ordinary size, rows shifted by 0, +3 and -2 in turn."""
    return logits(rng, N, C, scales=(2.0,), offsets=(0.0, 3.0, -2.0))


def large_scores(rng, N=6, C=5):
    """(N, C) scores with rows at +1000 and -1000, on the scales 1e-3, 300 and 1000, at 700."""
    return logits(rng, N, C, scales=(1.0, 2.0, 1e-3, 300.0, 1000.0, 1.0),
                  offsets=(1000.0, -1000.0, 0.0, 0.0, 0.0, 700.0))


def labels(rng, N, C):
    """N class indices in 0..C-1, drawn with repeats (never simply 0, 1, ..., N-1)."""
    y = rng.integers(0, C, N)
    while N <= C and np.array_equal(y, np.arange(N)):
        y = rng.integers(0, C, N)
    return y


def regions_of(z):
    """Where z < 0, z = 0 and z > 0 (the non-empty ones), to say where a result is wrong."""
    z = np.asarray(z, dtype=float)
    if z.ndim == 0:
        return {}
    masks = {"where z < 0": z < 0, "where z = 0": z == 0, "where z > 0": z > 0}
    return {k: m for k, m in masks.items() if m.any()}


# ---------------------------------------------------------------------------- messages

_EXP = ("np.exp overflows to inf above about 709 (and inf / inf or inf * 0 is NaN): ")
NOT_FINITE = {  # what a NaN or an infinity means, in each function's terms
    "tanh_prime": _EXP + "use np.tanh rather than tanh's definition with np.exp.",
    "elu": _EXP + "exponentiate np.minimum(z, 0) and pick the branch with np.where, not with "
                  "a mask you multiply by.",
    "elu_prime": _EXP + "exponentiate np.minimum(z, 0) and pick the branch with np.where.",
    "gelu": "Phi(z) is a probability in [0, 1]: compute it with erf, which never overflows.",
    "gelu_prime": "exp(-z^2 / 2) never overflows: check how you compute Phi(z) and phi(z).",
    "swish": _EXP + "compute sigmoid(beta z) from e^-|beta z| (or np.exp(-np.logaddexp(0, -x))).",
    "swish_prime": _EXP + "compute sigmoid(beta z) from e^-|beta z| (or "
                          "np.exp(-np.logaddexp(0, -x))).",
    "softmax": "Subtract each row's own maximum, S.max(axis=1, keepdims=True), before "
               "exponentiating (the maximum of the whole array is not enough).",
    "log_softmax": "Compute S - m - log(sum(exp(S - m))) with m each row's maximum: never take "
                   "the log of a softmax, which underflows to 0 (log 0 = -inf).",
    "softmax_backward": "Compute the softmax with each row's maximum subtracted.",
    "cross_entropy": "Use the log-softmax, S - m - log(sum(exp(S - m))), not log(softmax(S)): "
                     "a probability that underflows to 0 gives log 0 = -inf.",
}


def hint_not_finite(fn, compare):
    """Run ``compare()``; a NaN or an infinity in ``fn``'s result gets ``fn``'s hint."""
    try:
        compare()
    except CheckFailure as exc:
        if "not_finite" not in exc.tags:
            raise
        raise CheckFailure(f"{exc} {NOT_FINITE[fn]}", exc.tags) from None


def expect_value(fn, got, want, *, name, diagnose=None, rtol=RTOL, atol=ATOL):
    """``expect_close`` with the shared tolerance, and ``fn``'s hint for a non-finite result."""
    hint_not_finite(fn, lambda: expect_close(got, want, name=name, rtol=rtol, atol=atol,
                                             diagnose=diagnose))


# ---------------------------------------------------------------------------- earlier questions


def blame_earlier(sub, compare, earlier):
    """Run ``compare()``; if it fails, say which earlier function is also wrong on the same
    inputs (a softmax_backward or cross_entropy that calls a wrong softmax fails with it).

    ``earlier``: ``[(function, question, args, expected)]``. The note names the function and the
    question, never a value.
    """
    def agrees(fn, args, want):
        got = getattr(sub, fn)(*args)
        return (isinstance(got, np.ndarray) and got.shape == np.shape(want)
                and got.dtype.kind == "f" and bool(np.allclose(got, want, rtol=RTOL, atol=ATOL)))

    toolkit_blame_earlier(compare, [(fn, question, lambda f=fn, a=args, w=want: agrees(f, a, w))
                                    for fn, question, args, want in earlier])


# ---------------------------------------------------------------------------- calls


def call(sub, fn, z, param=None):
    """``sub.fn(z)`` when ``param`` is None (the contract's default), else ``sub.fn(z, param)``
    (positional, like the contract's signature)."""
    return getattr(sub, fn)(z) if param is None else getattr(sub, fn)(z, param)


def described(name, param, default):
    """How a message names a parameter without giving a hidden value."""
    if param is None:
        return f"the default {name}"
    if param == default:
        return f"{name} = {default:g} passed explicitly"
    return f"{name} = {param:g}" if param in (0.0, 1.0) else f"a non-default {name}"
