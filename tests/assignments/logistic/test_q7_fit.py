"""q7: fitting from w = 0 by Newton's method (the default) or by gradient descent."""

import numpy as np

from autograder.testing import Diagnose, check, expect_array, expect_close, fail

from ._data import classification_problem, two_clouds

RTOL, ATOL = 1e-8, 1e-10


def _newton_diagnose(X, y, n_iters):
    from ._oracles import gd_path, newton_path

    d = X.shape[1]
    return Diagnose(
        wrong_formulas={
            "extra": (f"{n_iters + 1} Newton steps instead of {n_iters}",
                      lambda: newton_path(X, y, n_iters + 1)),
            "fewer": (f"{n_iters - 1} Newton steps instead of {n_iters}",
                      lambda: newton_path(X, y, n_iters - 1)),
            "ones": ("Newton steps from w = 1 (the fit starts from w = 0)",
                     lambda: newton_path(X, y, n_iters, np.ones(d))),
            "method": ("gradient descent: the default method is 'newton'",
                       lambda: gd_path(X, y, n_iters, 1.0)),
            "ascent": ("steps w + H^-1 g (Newton subtracts the step)",
                       lambda: newton_path(X, y, n_iters, sign=1.0)),
        },
    )


def _gd_diagnose(X, y, n_iters, lr):
    from ._oracles import gd_path, newton_path

    d = X.shape[1]
    return Diagnose(
        wrong_formulas={
            "extra": (f"{n_iters + 1} gradient steps instead of {n_iters}",
                      lambda: gd_path(X, y, n_iters + 1, lr)),
            "fewer": (f"{n_iters - 1} gradient steps instead of {n_iters}",
                      lambda: gd_path(X, y, n_iters - 1, lr)),
            "lr1": ("steps of size 1 (lr is not used)", lambda: gd_path(X, y, n_iters, 1.0)),
            "sum": ("steps along X^T (p - y) without the 1/n (the gradient of the summed loss)",
                    lambda: gd_path(X, y, n_iters, lr, scale=1.0)),
            "ones": ("gradient steps from w = 1 (the fit starts from w = 0)",
                     lambda: gd_path(X, y, n_iters, lr, np.ones(d))),
            "method": ("Newton steps: method='gd' asks for gradient descent",
                       lambda: newton_path(X, y, n_iters)),
            "ascent": ("steps w + lr g (uphill)", lambda: gd_path(X, y, n_iters, -lr)),
        },
    )


@check("q7", points=1)
def test_one_step_of_each_method_from_zero(sub, rng):
    """One step from w = 0: Newton lands on the least-squares fit of 4 (y - 1/2), and gradient
    descent with lr = 0.5 on 0.5 X^T (y - 1/2) / n."""
    X, y = classification_problem(rng, n=12, d=3)
    want = np.linalg.lstsq(X, 4 * (y - 0.5), rcond=None)[0]
    expect_close(sub.fit_logistic(X, y, "newton", 1), want,
                 name="fit_logistic(X, y, 'newton', 1)", rtol=RTOL, atol=ATOL)
    expect_close(sub.fit_logistic(X, y, method="gd", n_iters=1, lr=0.5),
                 0.5 * X.T @ (y - 0.5) / 12,
                 name="fit_logistic(X, y, method='gd', n_iters=1, lr=0.5)", rtol=RTOL, atol=ATOL)


@check("q7", points=1)
def test_the_default_fit_is_a_minimum(sub, rng):
    """After the default 25 Newton steps the gradient X^T (p - y) / n is below 1e-8 in every
    entry: a minimum of L."""
    X, y = classification_problem(rng, n=30, d=3)
    w = expect_array(sub.fit_logistic(X, y), name="fit_logistic(X, y)", shape=(3,))
    g = X.T @ (1 / (1 + np.exp(-np.clip(X @ w, -700, 700))) - y) / 30
    worst = float(np.max(np.abs(g)))
    if worst > 1e-8:
        fail(f"At w = fit_logistic(X, y) the gradient of L has an entry of size {worst:.2g}, "
             "above the tolerance 1e-8: this w is not the minimum. 25 Newton steps from w = 0 "
             "converge on this problem: check newton_step, the start and the loop.", "kkt")


@check("q7", points=3, hidden=True)
def test_newton_steps_that_have_not_converged(sub, rng):
    """Two and three steps of the default method from w = 0 match Newton's iteration written
    with SciPy (neither has converged, so a wrong count or start shows)."""
    from ._oracles import newton_path

    X, y = classification_problem(rng, n=28, d=4, scale=1.5)
    for k in (2, 3):
        expect_close(sub.fit_logistic(X, y, n_iters=k), newton_path(X, y, k),
                     name=f"fit_logistic(X, y, n_iters={k})", rtol=RTOL, atol=ATOL,
                     diagnose=_newton_diagnose(X, y, k))


@check("q7", points=3, hidden=True)
def test_gradient_descent_with_a_learning_rate_other_than_1(sub, rng):
    """Six steps of gradient descent with lr = 0.7, and four with lr = 2.5, from w = 0 match
    the iteration w - lr X^T (p - y) / n written with SciPy."""
    from ._oracles import gd_path

    X, y = classification_problem(rng, n=20, d=3)
    expect_close(sub.fit_logistic(X, y, method="gd", n_iters=6, lr=0.7), gd_path(X, y, 6, 0.7),
                 name="fit_logistic(X, y, method='gd', n_iters=6, lr=0.7)", rtol=RTOL,
                 atol=ATOL, diagnose=_gd_diagnose(X, y, 6, 0.7))
    expect_close(sub.fit_logistic(X, y, "gd", 4, 2.5), gd_path(X, y, 4, 2.5),
                 name="fit_logistic(X, y, 'gd', 4, 2.5)", rtol=RTOL, atol=ATOL,
                 diagnose=_gd_diagnose(X, y, 4, 2.5))


@check("q7", points=2, hidden=True)
def test_the_default_fit_matches_scikit_learn(sub, rng):
    """The default fit matches scikit-learn's LogisticRegression without a penalty on a random
    problem and on two overlapping clouds in the plane."""
    from ._oracles import sklearn_fit

    problems = [classification_problem(rng, n=40, d=4), two_clouds(rng, n=60)]
    for label, (X, y) in zip(["a random (40, 4) problem", "two clouds"], problems, strict=True):
        expect_close(sub.fit_logistic(X, y), sklearn_fit(X, y), name=f"fit_logistic on {label}",
                     rtol=1e-6, atol=1e-8)
