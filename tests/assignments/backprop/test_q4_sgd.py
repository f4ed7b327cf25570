"""q4: one gradient descent step, returning new parameters."""

from autograder.testing import Diagnose, check, expect_outputs

from ._data import net_params

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


def _expect_step(sub, params, grads, lr, fn):
    want = {k: params[k] - lr * grads[k] for k in params}
    expect_outputs(sub.sgd_step(params, grads, lr), want, fn=fn, rtol=RTOL, atol=ATOL,
                   diagnose=_diagnoses(params, grads, lr))


@check("q4", points=1)
def test_sgd_step_on_floats_and_arrays(sub, rng):
    """A step with lr = 0.1 on a dict of floats, then on a dict of arrays."""
    _expect_step(sub, {"w": 2.0, "b": -0.5}, {"w": 0.5, "b": -1.5}, 0.1,
                 "sgd_step(params, grads, 0.1)")
    _expect_step(sub, net_params(rng, 2, 3), net_params(rng, 2, 3), 0.1,
                 "sgd_step(params, grads, 0.1) with arrays")


@check("q4", points=2, hidden=True)
def test_sgd_step_on_random_parameters(sub, rng):
    """A step with a random learning rate on floats and on the two-layer network's parameters."""
    lr = float(rng.uniform(0.05, 2.0))
    floats = dict(zip(("w1", "b1", "w2", "b2"), rng.standard_normal(4).tolist(), strict=True))
    grads = dict(zip(floats, rng.standard_normal(4).tolist(), strict=True))
    _expect_step(sub, floats, grads, lr, "sgd_step(params, grads, lr) with floats")
    _expect_step(sub, net_params(rng, 4, 3), net_params(rng, 4, 3), lr,
                 "sgd_step(params, grads, lr) with arrays")
