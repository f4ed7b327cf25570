"""q1: the logistic function, p = sigmoid(X w)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import classification_problem, extreme_problem, weights

RTOL, ATOL = 1e-10, 1e-14  # accepts 1/(1 + e^-z), e^z/(1 + e^z) for z < 0, (1 + tanh(z/2))/2


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _diagnose(X, w):
    z = X @ w
    return Diagnose(
        wrong_formulas={
            "minus": ("1 / (1 + exp(x w)) = 1 - p (the sign in the exponent)",
                      lambda: _sigmoid(-np.clip(z, -700, 700))),
            "tanh": ("(1 + tanh(x w)) / 2 (the half-angle form needs tanh(x w / 2))",
                     lambda: (1 + np.tanh(z)) / 2),
            "scores": ("the scores x w themselves (the sigmoid is missing)", lambda: z),
        },
    )


@check("q1", points=1)
def test_probabilities_on_a_small_example(sub):
    """sigmoid(X w) on a 3x2 example whose scores are 0, 2 and -1 (p is 1/2 at a score of 0)."""
    X = np.array([[1.0, 2.0], [2.0, 0.0], [0.5, 3.0]])
    w = np.array([1.0, -0.5])
    # X w = [0, 2, -1]
    want = np.array([0.5, 1 / (1 + np.exp(-2.0)), 1 / (1 + np.exp(1.0))])
    expect_close(sub.predict_proba(X, w), want, name="predict_proba(X, w)", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(X, w))


@check("q1", points=1)
def test_probabilities_are_finite_for_scores_of_1000(sub):
    """Scores of 1000, -1000, 40 and -40 give p = 1, 0, 1 - 4e-18 and 4e-18 (finite), beside
    moderate ones."""
    X = np.array([[1000.0, 0.0], [-1000.0, 0.0], [40.0, 0.0], [-40.0, 0.0], [0.5, 1.0],
                  [-1.0, 1.5]])
    w = np.array([1.0, 0.5])
    z = X @ w
    want = np.array([1.0, 0.0, 1.0, np.exp(-40.0), _sigmoid(z[4]), _sigmoid(z[5])])
    expect_close(sub.predict_proba(X, w), want, name="predict_proba with scores of +-1000",
                 rtol=RTOL, atol=ATOL, diagnose=_diagnose(X, w))


@check("q1", points=2, hidden=True)
def test_probabilities_match_scipy_expit(sub, rng):
    """On random tall problems (with and without an intercept column) p matches SciPy's
    expit(X w)."""
    from ._oracles import expit

    for n, d, intercept in [(13, 4, True), (8, 2, False)]:
        X, _ = classification_problem(rng, n=n, d=d, intercept=intercept)
        w = weights(rng, d, scale=1.5)
        expect_close(sub.predict_proba(X, w), expit(X @ w),
                     name=f"predict_proba on a random ({n}, {d}) problem", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(X, w))


@check("q1", points=2, hidden=True)
def test_probabilities_match_scipy_expit_at_extreme_scores(sub, rng):
    """With scores of +-1000 and +-40 among moderate ones, p is finite and matches SciPy's
    expit(X w)."""
    from ._oracles import expit

    X, _, w, _ = extreme_problem(rng, d=3)
    expect_close(sub.predict_proba(X, w), expit(X @ w),
                 name="predict_proba with scores of +-1000 and +-40", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, w))
