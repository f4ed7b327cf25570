"""q6: the geometric margin min_i y_i (x_i w + b) / ||w||."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import overlapping_problem, parameters, separable_problem

RTOL, ATOL = 1e-10, 1e-12


def _diagnose(X, y, w, b):
    m = y * (X @ w + b)
    norm = np.sqrt(w @ w)
    return Diagnose(
        factors={"||w||": norm, "1/||w||": 1 / norm},
        hints={"||w||": "Divide the functional margin y (x w + b) by ||w||.",
               "1/||w||": "Divide by ||w|| once, not by ||w||^2."},
        wrong_formulas={
            "functional": ("the functional margin min y (x w + b), not divided by ||w||",
                           lambda: m.min()),
            "with_b": ("min y (x w + b) / ||(w, b)||: the norm is of w only",
                       lambda: m.min() / np.sqrt(w @ w + b * b)),
            "squared_norm": ("min y (x w + b) / ||w||^2: divide by the norm, not its square",
                             lambda: m.min() / (w @ w)),
            "abs": ("the smallest unsigned distance |x w + b| / ||w||: the margin is signed, "
                    "negative when a point is on the wrong side",
                    lambda: np.min(np.abs(X @ w + b)) / norm),
            "mean": ("the mean of y (x w + b) / ||w||: the margin is that of the WORST point, "
                     "the minimum", lambda: m.mean() / norm),
            "max": ("the largest y (x w + b) / ||w||: the margin is the minimum",
                    lambda: m.max() / norm),
            "no_label": ("min (x w + b) / ||w|| without the labels", lambda: np.min(X @ w + b)
                         / norm),
        },
    )


# Four points of the plane; at w = [3, 4], b = -1 their margins y (x w + b) are 10, 8, 8, 13.
HAND_X = np.array([[1.0, 2.0], [3.0, 0.0], [-1.0, -1.0], [0.0, -3.0]])
HAND_Y = np.array([1.0, 1.0, -1.0, -1.0])


@check("q6", points=1)
def test_margin_on_a_small_example_and_its_scale_invariance(sub):
    """With w = [3, 4] (||w|| = 5) and b = -1 the margins y (x w + b) are 10, 8, 8 and 13, so
    the geometric margin is 8 / 5 = 1.6; multiplying w and b by 3 leaves it unchanged."""
    w = np.array([3.0, 4.0])
    for scale in (1.0, 3.0):
        expect_close(sub.geometric_margin(HAND_X, HAND_Y, scale * w, scale * -1.0), 8 / 5,
                     name=f"geometric_margin(X, y, {scale:g} w, {scale:g} b)", rtol=RTOL,
                     atol=ATOL, diagnose=_diagnose(HAND_X, HAND_Y, scale * w, scale * -1.0))


@check("q6", points=1)
def test_a_misclassified_point_makes_the_margin_negative(sub):
    """A fifth point [1, 0.5] with label -1 has x w + b = 4 on the wrong side: the margin is
    -4 / 5 = -0.8."""
    X = np.vstack([HAND_X, [1.0, 0.5]])
    y = np.append(HAND_Y, -1.0)
    w = np.array([3.0, 4.0])
    expect_close(sub.geometric_margin(X, y, w, -1.0), -4 / 5,
                 name="geometric_margin with a misclassified point", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w, -1.0))


@check("q6", points=2, hidden=True)
def test_margin_matches_the_distance_to_the_hyperplane(sub, rng):
    """At random w and b, on overlapping data (some points misclassified) and on separable data
    with integer labels, the margin is the smallest signed distance of a point to the
    hyperplane, computed by projecting it onto the normal."""
    from ._oracles import margin_by_projection

    X, y = overlapping_problem(rng, n=14, d=3)
    w, b = parameters(rng, 3, scale=2.0)
    expect_close(sub.geometric_margin(X, y, w, b), margin_by_projection(X, y, w, b),
                 name="geometric_margin on overlapping data", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w, b))
    X, y = separable_problem(rng, n=12, d=4, margin=0.3)
    w, b = parameters(rng, 4, scale=0.5)
    expect_close(sub.geometric_margin(X, y.astype(np.int64), w, b),
                 margin_by_projection(X, y, w, b),
                 name="geometric_margin with integer labels", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w, b))


@check("q6", points=2, hidden=True)
def test_the_hard_margin_svm_has_margin_one_over_the_norm_of_w(sub, rng):
    """At the hard-margin SVM of random separable data (scikit-learn's linear SVC with a very
    large C, n = 16, d = 2), the margin is the projection distance and 1 / ||w|| (to 1e-5)."""
    from ._oracles import hard_margin_svc, margin_by_projection

    X, y = separable_problem(rng, n=16, d=2, margin=0.4)
    w, b = hard_margin_svc(X, y)
    got = sub.geometric_margin(X, y, w, b)
    name = "geometric_margin at the hard-margin SVM"
    expect_close(got, margin_by_projection(X, y, w, b), name=name, rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(X, y, w, b))
    expect_close(got, 1 / np.linalg.norm(w), name=name + " against 1 / ||w||", rtol=1e-5,
                 atol=0)
