"""q8: class predictions, 1 where p > 1/2 (x w > 0) and 0 elsewhere, on the boundary too."""

import numpy as np

from autograder.testing import Diagnose, check, expect_array, expect_equal, fail

from ._data import boundary_problem, classification_problem, extreme_problem, weights


def _expect_labels(got, want, z, name):
    """Integer labels equal to ``want``; a wrong answer only on the boundary (x w = 0) or only
    at large scores is named as such."""
    got = expect_array(got, name=name, shape=want.shape, dtype="integer")
    bad = got != want
    if bad.any() and np.all(z[bad] == 0):
        fail(f"{name} is wrong at {int(bad.sum())} of {bad.size} rows, all exactly on the "
             "decision boundary (x w = 0, p = 1/2): the contract predicts 1 only where p > 1/2 "
             "(x w > 0), so a row on the boundary gets 0.", "tie")
    if bad.any() and np.all(np.abs(z[bad]) > 100):
        fail(f"{name} is wrong at {int(bad.sum())} of {bad.size} rows, all with scores |x w| "
             "of 1000: your probabilities are probably NaN there (exp(1000) overflows to inf, "
             "and inf / inf is NaN). Compare the scores x w with 0, or compute p stably.",
             "stability")
    expect_equal(got, want, name=name, diagnose=Diagnose(wrong_formulas={
        "flipped": ("the opposite labels (1 where x w < 0)", lambda: (z < 0).astype(int)),
        "half": ("1 where x w > 0.5 (1/2 is the threshold of p; the score's threshold is 0)",
                 lambda: (z > 0.5).astype(int)),
    }))


@check("q8", points=1)
def test_predictions_on_and_off_the_boundary(sub):
    """Scores 1.5, -0.25, 0, 0.25 and 0 give labels 1, 0, 0, 1 and 0: a row exactly on the
    boundary is predicted 0."""
    X = np.array([[2.0, 1.0], [1.0, 2.5], [1.0, 2.0], [1.5, 2.5], [-2.0, -4.0]])
    w = np.array([1.0, -0.5])
    z = X @ w  # exactly [1.5, -0.25, 0, 0.25, 0]
    _expect_labels(sub.predict(X, w), np.array([1, 0, 0, 1, 0]), z, "predict(X, w)")


@check("q8", points=1)
def test_predictions_at_scores_of_1000(sub):
    """Scores of 1000 and -1000 are predicted 1 and 0, like the moderate scores 0.5 and -2."""
    X = np.array([[1000.0, 0.0], [-1000.0, 0.0], [0.5, 0.0], [0.0, -4.0]])
    w = np.array([1.0, 0.5])
    _expect_labels(sub.predict(X, w), np.array([1, 0, 1, 0]), X @ w,
                   "predict with scores of +-1000")


@check("q8", points=2, hidden=True)
def test_predictions_with_exact_zeros_of_the_score(sub, rng):
    """On integer features with dyadic weights a third of the rows lie exactly on x w = 0 (label
    0); every other row gets the label of the sign of its score."""
    for n, d in [(12, 3), (9, 4)]:
        X, w = boundary_problem(rng, n=n, d=d)
        z = X @ w
        _expect_labels(sub.predict(X, w), (z > 0).astype(int), z,
                       f"predict on a ({n}, {d}) problem with rows on the boundary")


@check("q8", points=2, hidden=True)
def test_predictions_match_scipy_probabilities(sub, rng):
    """On a random problem and one with scores of +-1000 and +-40, the labels are those of
    SciPy's expit(X w) > 1/2."""
    from ._oracles import expit

    X, _ = classification_problem(rng, n=15, d=3)
    w = weights(rng, 3, scale=1.5)
    X_big, _, w_big, _ = extreme_problem(rng, d=3)
    for label, (A, v) in [("a random (15, 3) problem", (X, w)),
                          ("scores of +-1000 and +-40", (X_big, w_big))]:
        z = A @ v
        _expect_labels(sub.predict(A, v), (expit(z) > 0.5).astype(int), z,
                       f"predict on {label}")
