"""q4: gradient descent, with its cost history."""

import numpy as np

from autograder.testing import (
    Diagnose,
    check,
    expect_array,
    expect_close,
    fail,
)

from ._data import ols_cost_oracle, regression_problem


def _trusted_descent(X, y, lr, n_iters, beta0):
    """Gradient descent written from the definition, for comparison."""
    beta = np.array(beta0, dtype=float)
    costs = [ols_cost_oracle(X, y, beta)]
    for _ in range(n_iters):
        beta = beta + lr * (X.T @ (y - X @ beta))
        costs.append(ols_cost_oracle(X, y, beta))
    return beta, np.array(costs)


def _lipschitz(X):
    return float(np.linalg.svd(X, compute_uv=False)[0] ** 2)


def _diagnose_beta(X, y, lr, n_iters, beta0):
    return Diagnose(
        wrong_formulas={
            "ascent": ("gradient ascent (the step goes uphill: beta + lr * grad J)",
                       lambda: _trusted_descent(X, y, -lr, n_iters, beta0)[0]),
            "offbyone": (f"{n_iters - 1} updates instead of {n_iters}",
                         lambda: _trusted_descent(X, y, lr, n_iters - 1, beta0)[0]),
            "extra": (f"{n_iters + 1} updates instead of {n_iters}",
                      lambda: _trusted_descent(X, y, lr, n_iters + 1, beta0)[0]),
            "zeros": ("a start from zeros (beta0 was ignored)",
                      lambda: _trusted_descent(X, y, lr, n_iters, np.zeros_like(beta0))[0]),
        },
    )


def _diagnose_costs(X, y, lr, n_iters, beta0):
    return Diagnose(
        factors={"2": 2.0},
        hints={"2": "costs[t] is J(beta_t) = 1/2 ||y - X beta_t||^2."},
        wrong_formulas={
            "zeros": ("the costs of a start from zeros (beta0 was ignored)",
                      lambda: _trusted_descent(X, y, lr, n_iters, np.zeros_like(beta0))[1]),
        },
        axis=(0, "t"),
    )


def _run(sub, X, y, lr, n_iters, beta0, label):
    beta0_arg = None if beta0 is None else beta0.copy()
    out = sub.gradient_descent(X, y, lr, n_iters, beta0_arg)
    start = np.zeros(X.shape[1]) if beta0 is None else beta0
    beta_want, costs_want = _trusted_descent(X, y, lr, n_iters, start)
    beta, costs = out
    beta = expect_array(beta, name=f"beta from {label}", shape=beta_want.shape)
    if isinstance(costs, np.ndarray) and costs.shape == (n_iters,):
        fail(f"costs from {label} has {n_iters} entries; it needs n_iters + 1 = {n_iters + 1}: "
             "J(beta_0) before the first update, then the cost after each update.", "shape")
    expect_close(costs, costs_want, name=f"costs from {label}", rtol=1e-9, atol=1e-10,
                 diagnose=_diagnose_costs(X, y, lr, n_iters, start))
    expect_close(beta, beta_want, name=f"beta from {label}", rtol=1e-9, atol=1e-10,
                 diagnose=_diagnose_beta(X, y, lr, n_iters, start))


@check("q4", points=1)
def test_descent_takes_the_right_steps(sub, rng):
    """Five steps of size 1/L from zero: beta and the cost history."""
    X, y = regression_problem(rng, n=8, d=3)
    _run(sub, X, y, 1.0 / _lipschitz(X), 5, None, "gradient_descent(X, y, 1/L, 5)")


@check("q4", points=1)
def test_descent_decreases_the_cost(sub, rng):
    """With lr = 1/L the recorded costs are J(beta_t), and they never increase."""
    X, y = regression_problem(rng, n=10, d=4)
    lr = 1.0 / _lipschitz(X)
    _, costs = sub.gradient_descent(X, y, lr, 20)
    costs = expect_array(costs, name="costs", shape=(21,))
    if np.any(np.diff(costs) > 1e-12 * max(1.0, abs(costs[0]))):
        fail("With lr = 1/L the cost must never increase, but your costs do. Check the sign "
             "of the update and the gradient.", "value")
    expect_close(costs, _trusted_descent(X, y, lr, 20, np.zeros(4))[1],
                 name="costs from gradient_descent(X, y, 1/L, 20)", rtol=1e-9, atol=1e-10,
                 diagnose=_diagnose_costs(X, y, lr, 20, np.zeros(4)))


@check("q4", points=3, hidden=True)
def test_descent_from_a_given_start(sub, rng):
    """From a non-zero beta0 with lr = 0.5/L, 25 steps: beta and every recorded cost."""
    X, y = regression_problem(rng, n=12, d=5)
    beta0 = rng.standard_normal(5)
    _run(sub, X, y, 0.5 / _lipschitz(X), 25, beta0, "gradient_descent(X, y, 0.5/L, 25, beta0)")


@check("q4", points=1, hidden=True)
def test_descent_converges_to_the_least_squares_solution(sub, rng):
    """After many steps of size 1/L on a well-conditioned problem, beta is the lstsq solution."""
    X, y = regression_problem(rng, n=40, d=3)
    beta, _ = sub.gradient_descent(X, y, 1.0 / _lipschitz(X), 3000)
    expect_close(beta, np.linalg.lstsq(X, y, rcond=None)[0],
                 name="beta after 3000 steps of size 1/L", rtol=1e-6, atol=1e-8)


@check("q4", points=1, hidden=True)
def test_descent_with_zero_iterations(sub, rng):
    """n_iters = 0 returns beta0 itself (as a copy) and the single cost J(beta0)."""
    X, y = regression_problem(rng, n=6, d=2)
    beta0 = rng.standard_normal(2)
    _run(sub, X, y, 0.1, 0, beta0, "gradient_descent(X, y, 0.1, 0, beta0)")
