"""q6: one Newton step, w - H^-1 g (graded on well-conditioned Hessians)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import classification_problem, random_problems, weights

RTOL, ATOL = 1e-8, 1e-10  # solve, inv, Cholesky, lstsq, a weighted least-squares solve


def _diagnose(X, y, w):
    n = X.shape[0]
    p = 1.0 / (1.0 + np.exp(-(X @ w)))
    g = X.T @ (p - y) / n
    H = (X * (p * (1 - p))[:, None]).T @ X / n
    step = np.linalg.solve(H, g)
    return Diagnose(
        wrong_formulas={
            "ascent": ("w + H^-1 g (the step is added: Newton subtracts it)", lambda: w + step),
            "step": ("-H^-1 g, the step alone (w is missing)", lambda: -step),
            "gd": ("w - g, a gradient step (the Hessian is missing)", lambda: w - g),
            "diag": ("w - g / diag(H) (only the diagonal of H)", lambda: w - g / np.diag(H)),
            "scale": ("w - (n H)^-1 g (the Hessian without its 1/n)", lambda: w - step / n),
        },
    )


@check("q6", points=1)
def test_newton_step_from_zero_is_a_least_squares_fit(sub, rng):
    """From w = 0, g = X^T (1/2 - y) / n and H = X^T X / (4 n), so the step lands on the
    least-squares fit of 4 (y - 1/2)."""
    X, y = classification_problem(rng, n=12, d=3)
    want = np.linalg.lstsq(X, 4 * (y - 0.5), rcond=None)[0]
    expect_close(sub.newton_step(X, y, np.zeros(3)), want, name="newton_step(X, y, zeros)",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(X, y, np.zeros(3)))


@check("q6", points=1)
def test_newton_step_from_a_random_point_solves_h_d_equals_g(sub, rng):
    """From a random w, the step is w - d where H d = g (the gradient and Hessian at w)."""
    X, y = classification_problem(rng, n=10, d=3)
    w = weights(rng, 3)
    p = 1 / (1 + np.exp(-(X @ w)))
    g = X.T @ (p - y) / 10
    H = X.T @ ((p * (1 - p))[:, None] * X) / 10
    expect_close(sub.newton_step(X, y, w), w - np.linalg.solve(H, g),
                 name="newton_step(X, y, w)", rtol=RTOL, atol=ATOL, diagnose=_diagnose(X, y, w))


@check("q6", points=3, hidden=True)
def test_newton_step_matches_autograd(sub, rng):
    """On random tall problems the step matches w - H^-1 g with PyTorch's gradient and
    Hessian."""
    from ._oracles import newton_oracle

    for label, X, y, w in random_problems(rng, [(16, 4), (12, 2)], scale=0.7):
        expect_close(sub.newton_step(X, y, w), newton_oracle(X, y, w),
                     name=f"newton_step on {label}", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(X, y, w))


@check("q6", points=1, hidden=True)
def test_newton_step_stays_at_the_optimum_and_is_right_near_it(sub, rng):
    """At scikit-learn's unpenalised fit the step leaves w where it is, and from a nearby
    point it matches w - H^-1 g."""
    from ._oracles import newton_oracle, sklearn_fit

    X, y = classification_problem(rng, n=24, d=3)
    w_star = sklearn_fit(X, y)
    expect_close(sub.newton_step(X, y, w_star), w_star, name="newton_step at the optimum",
                 rtol=1e-7, atol=1e-9, diagnose=_diagnose(X, y, w_star))
    w = w_star + 0.1 * weights(rng, 3)
    expect_close(sub.newton_step(X, y, w), newton_oracle(X, y, w),
                 name="newton_step near the optimum", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w))
