"""q4: one gradient descent step, returning new parameters."""

from autograder.testing import Diagnose, check, expect_inputs_unchanged

from ._data import expect_all_close, net_params

RTOL, ATOL = 1e-12, 1e-14


def _diagnoses(params, grads, lr):
    return {
        k: Diagnose(wrong_formulas={
            "ascent": ("params + lr * grads: a step uphill (gradient ascent)",
                       lambda k=k: params[k] + lr * grads[k]),
            "no_lr": ("params - grads: the learning rate is missing",
                      lambda k=k: params[k] - grads[k]),
            "div_lr": ("params - grads / lr", lambda k=k: params[k] - grads[k] / lr),
            "unchanged": ("the parameter unchanged", lambda k=k: params[k]),
        })
        for k in params
    }


@check("q4", points=1)
def test_sgd_step_on_floats_and_arrays(sub, rng):
    """A step with lr = 0.1 on a dict of floats, then on a dict of arrays."""
    params, grads = {"w": 2.0, "b": -0.5}, {"w": 0.5, "b": -1.5}
    expect_all_close(sub.sgd_step(params, grads, 0.1), {"w": 1.95, "b": -0.35},
                     name="sgd_step(params, grads, 0.1)", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnoses(params, grads, 0.1))
    params, grads = net_params(rng, 2, 3), net_params(rng, 2, 3)
    want = {k: params[k] - 0.1 * grads[k] for k in params}
    expect_all_close(sub.sgd_step(params, grads, 0.1), want,
                     name="sgd_step(params, grads, 0.1) with arrays", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnoses(params, grads, 0.1))


@check("q4", points=1, hidden=True)
def test_sgd_step_on_random_parameters(sub, rng):
    """A step with a random learning rate on the two-layer network's parameters."""
    params, grads = net_params(rng, 4, 3), net_params(rng, 4, 3)
    lr = float(rng.uniform(0.05, 2.0))
    want = {k: params[k] - lr * grads[k] for k in params}
    expect_all_close(sub.sgd_step(params, grads, lr), want, name="sgd_step(params, grads, lr)",
                     rtol=RTOL, atol=ATOL, diagnose=_diagnoses(params, grads, lr))


@check("q4", points=1, hidden=True)
def test_sgd_step_leaves_params_and_grads_alone(sub, rng):
    """sgd_step returns a new dict and does not modify params or grads (floats and arrays)."""
    for params, grads in [({"w1": 0.3, "b1": -1.2}, {"w1": 0.1, "b1": 0.4}),
                          (net_params(rng, 3, 2), net_params(rng, 3, 2))]:
        expect_inputs_unchanged(sub.call("sgd_step", params, grads, 0.5), name="sgd_step")
