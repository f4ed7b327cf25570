"""The hidden checks' oracles: ``torch.nn.functional`` and autograd in float64, and central
differences of those forward passes.

PyTorch is imported inside each function (``autograder.testing.autograd``): importing this
module does not import torch, and nothing here reaches the students' public checks.
"""

import numpy as np

from autograder.testing.autograd import as_numpy, tensor, torch, vjp


def _activation(name, **params):
    """The torch function of a contract activation, with its parameters bound."""
    F = torch().nn.functional
    if name == "tanh":
        return torch().tanh
    if name == "leaky_relu":
        return lambda t: F.leaky_relu(t, negative_slope=params["alpha"])
    if name == "elu":
        return lambda t: F.elu(t, alpha=params["alpha"])
    if name == "gelu":
        return lambda t: F.gelu(t, approximate="none")
    if name == "swish":  # z sigmoid(beta z) = silu(beta z) / beta for beta > 0
        beta = params["beta"]
        return lambda t: F.silu(beta * t) / beta
    raise ValueError(name)


def activation(name, z, **params):
    """f(z) by torch.nn.functional in float64."""
    return as_numpy(_activation(name, **params)(tensor(z)))


def derivative(name, z, **params):
    """f'(z) elementwise by autograd: the gradient of sum(f(z)) (PyTorch's convention at the
    kinks: leaky ReLU and ELU take the z <= 0 branch at z = 0)."""
    _, (grad,) = vjp(_activation(name, **params), z, dout=np.ones(np.shape(z)))
    return grad


def central_difference(name, z, h=1e-6, **params):
    """(f(z + h) - f(z - h)) / 2h elementwise, f by torch in float64 (for z away from kinks)."""
    f = _activation(name, **params)
    z = np.asarray(z, dtype=float)
    return (as_numpy(f(tensor(z + h))) - as_numpy(f(tensor(z - h)))) / (2 * h)


def softmax(S):
    """torch.nn.functional.softmax along dim 1, in float64."""
    return as_numpy(torch().nn.functional.softmax(tensor(S), dim=1))


def log_softmax(S):
    """torch.nn.functional.log_softmax along dim 1, in float64."""
    return as_numpy(torch().nn.functional.log_softmax(tensor(S), dim=1))


def softmax_vjp(dout, S):
    """The gradient of sum(softmax(S) * dout) with respect to S, by autograd."""
    _, (dS,) = vjp(lambda t: torch().nn.functional.softmax(t, dim=1), S, dout=dout)
    return dS


def cross_entropy(S, y):
    """(loss, dS) by torch.nn.functional.cross_entropy (mean over the batch) and autograd."""
    targets = torch().as_tensor(np.asarray(y, dtype=np.int64))
    loss, (dS,) = vjp(lambda t: torch().nn.functional.cross_entropy(t, targets), S)
    return loss, dS


# ---------------------------------------------------------------------------- elementwise checks

# contract function: (torch activation, its parameter's name, the contract's default, f')
ELEMENTWISE = {
    "leaky_relu": ("leaky_relu", "alpha", 0.01, False),
    "leaky_relu_prime": ("leaky_relu", "alpha", 0.01, True),
    "elu": ("elu", "alpha", 1.0, False),
    "elu_prime": ("elu", "alpha", 1.0, True),
    "gelu": ("gelu", None, None, False),
    "gelu_prime": ("gelu", None, None, True),
    "swish": ("swish", "beta", 1.0, False),
    "swish_prime": ("swish", "beta", 1.0, True),
}


def expect_elementwise(sub, fn, z, param, diagnose, what, *, finite_differences=False):
    """``sub.fn(z[, param])`` matches torch (f or, for a derivative, autograd's f'); with
    ``finite_differences``, central differences of torch's f (z away from the kinks).

    ``diagnose(z, param)`` builds the Diagnose with ``param`` resolved to its default.
    """
    from autograder.testing import FD_ATOL, FD_RTOL, expect_close

    from ._data import ATOL, RTOL, call, described

    act, pname, default, prime = ELEMENTWISE[fn]
    p = default if param is None else param
    params = {pname: p} if pname else {}
    if finite_differences:
        want, rtol, atol = central_difference(act, z, **params), FD_RTOL, FD_ATOL
    else:
        want = derivative(act, z, **params) if prime else activation(act, z, **params)
        rtol, atol = RTOL, ATOL
    label = f"{fn} on {what}" + (f" with {described(pname, param, default)}" if pname else "")
    expect_close(call(sub, fn, z, param), want, name=label, rtol=rtol, atol=atol,
                 diagnose=diagnose(z, p))


def expect_on_random_inputs(sub, fn, rng, diagnose, cases, param, extra=()):
    """The hidden check of an elementwise function: ``fn`` matches torch on random arrays
    (``cases``: ``(shape, parameter)``, exact zeros included), on the ``extra`` inputs
    (``(z, what)``, with ``param``), on 800 <= |z| <= 1000 with ``param`` and, for a
    derivative, against central differences of torch's function away from 0 with ``param``."""
    from ._data import activation_inputs, away_from_zero, extreme_inputs

    for shape, p in cases:
        expect_elementwise(sub, fn, activation_inputs(rng, shape), p, diagnose,
                           f"a random input of shape {shape}")
    for z, what in extra:
        expect_elementwise(sub, fn, z, param, diagnose, what)
    expect_elementwise(sub, fn, extreme_inputs(rng, 8), param, diagnose,
                       "inputs with 800 <= |z| <= 1000")
    if ELEMENTWISE[fn][3]:
        expect_elementwise(sub, fn, away_from_zero(rng, 10), param, diagnose,
                           "random inputs away from 0 (central differences)",
                           finite_differences=True)
