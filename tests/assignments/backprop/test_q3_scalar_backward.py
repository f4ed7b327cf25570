"""q3: the chain rule on the scalar network, one parameter at a time."""

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_depends_on,
    expect_outputs,
    finite_differences,
)

from ._data import scalar_problem, scalar_values

KEYS = ("w1", "b1", "w2", "b2")
SIGNS = [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)]  # of z1 and z2


def _grads(v, dz2=None, w=None, dw1_by=None, dw2_by=None, hidden_derivative=True):
    """The gradients with one step of the chain rule done some (wrong) way."""
    dz2 = v["a2"] - v["y"] if dz2 is None else dz2
    a1 = v["a1"]
    dz1 = dz2 * (v["w2"] if w is None else w) * (a1 * (1 - a1) if hidden_derivative else 1.0)
    return {"w1": dz1 * (v["x"] if dw1_by is None else dw1_by), "b1": dz1,
            "w2": dz2 * (a1 if dw2_by is None else dw2_by), "b2": dz2}


def _diagnoses(x, params, y):
    v = dict(scalar_values(x, params, y), **params)
    a2 = v["a2"]
    variants = {
        "twice": ("the output sigmoid's derivative counted twice: dL/dz2 = a2 - y already "
                  "includes it, do not multiply by a2 (1 - a2) again",
                  _grads(v, dz2=(a2 - y) * a2 * (1 - a2))),
        "z1": ("dL/dz1 times z1 instead of x (dz1/dw1 = x)", _grads(v, dw1_by=v["z1"])),
        "z2": ("dL/dz1 times z2 instead of x (dz1/dw1 = x)", _grads(v, dw1_by=v["z2"])),
        "a1_w1": ("dL/dz1 times a1 instead of x (dz1/dw1 = x)", _grads(v, dw1_by=v["a1"])),
        "no_sigmoid": ("dL/dz1 = dL/da1 without the hidden sigmoid's derivative a1 (1 - a1)",
                       _grads(v, hidden_derivative=False)),
        "w1": ("dL/da1 = dL/dz2 * w1; it is dL/dz2 * w2 (a1 enters z2 through w2)",
               _grads(v, w=params["w1"])),
        "z1_w2": ("dL/dz2 times z1 instead of a1 (dz2/dw2 = a1)", _grads(v, dw2_by=v["z1"])),
        "dz2_a2": ("dL/dz2 = a2 (the label y is missing from a2 - y)", _grads(v, dz2=a2)),
    }
    return {
        k: Diagnose(
            wrong_formulas={name: (text, lambda g=g, k=k: g[k]) for name, (text, g) in
                          variants.items()},
            hints={"-1": "dL/dz2 = a2 - y (not y - a2)."},
        )
        for k in KEYS
    }


def _grads_of(sub, x, params, y):
    """The submission's gradients, from its own forward pass (which must be right: q2)."""
    a2, cache = sub.scalar_forward(x, params)
    expect_depends_on(np.asarray(a2), scalar_values(x, params, y)["a2"],
                      name="a2 from scalar_forward", question="q2", rtol=1e-10, atol=1e-12)
    return sub.scalar_backward(y, cache)


def _finite_differences(x, params, y):
    """Central differences of the loss L(w1, b1, w2, b2) at params."""
    def loss(**p):
        return scalar_values(x, p, y)["loss"]
    return finite_differences(loss, params, KEYS)


@check("q3", points=2)
def test_gradients_match_finite_differences(sub, rng):
    """dL/dw1, dL/db1, dL/dw2, dL/db2 match central differences of L on an example."""
    x, params, y = scalar_problem(rng, signs=(1.0, -1.0))
    expect_outputs(_grads_of(sub, x, params, y), _finite_differences(x, params, y),
                   fn="scalar_backward(y, cache)", rtol=FD_RTOL, atol=FD_ATOL,
                   diagnose=_diagnoses(x, params, y))


@check("q3", points=4, hidden=True)
def test_gradients_match_torch(sub, rng):
    """For z1 and z2 of every sign pattern, the gradients match PyTorch autograd.

    They are also compared with central differences of the loss."""
    from ._oracles import scalar_network

    for signs in SIGNS:
        x, params, y = scalar_problem(rng, signs)
        _, _, want = scalar_network(x, params, y)
        got = _grads_of(sub, x, params, y)
        fn = f"scalar_backward (signs of z1, z2: {signs})"
        expect_outputs(got, want, fn=fn, rtol=1e-9, atol=1e-12,
                       diagnose=_diagnoses(x, params, y))
        expect_outputs(got, _finite_differences(x, params, y), fn=fn + " (finite differences)",
                       rtol=FD_RTOL, atol=FD_ATOL)
