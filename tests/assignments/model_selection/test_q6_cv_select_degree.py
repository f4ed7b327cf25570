"""q6: the degree chosen by k-fold cross-validation: each degree's error is the mean over the
folds of the per-fold validation MSE; the best is the degree itself, ties to the first in
degrees (which may be unsorted)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, expect_int, fail

from ._calls import contract_folds, depends_on, folds_are_wrong
from ._data import cv_errors_polyfit, degree_problem

# fit_polynomial by any least-squares method keeps about 1e-10 here; an MSE of 1e-2 or more
# then keeps about 1e-9 relative.
RTOL, ATOL = 1e-7, 1e-10


def _cv_variant(x, y, degrees, k, kind):
    """A wrong cross-validation error (polyfit models on the contract's folds): ``pooled``
    (the MSE over all validation points together), ``train`` (the training MSE), ``rmse``
    (the mean of per-fold root MSEs)."""
    out = []
    for degree in degrees:
        per_fold, sse = [], 0.0
        for train, val in contract_folds(len(x), k):
            coefs = np.polyfit(x[train], y[train], degree)
            rows = train if kind == "train" else val
            r = np.polyval(coefs, x[rows]) - y[rows]
            per_fold.append(np.mean(r**2))
            sse += float(np.sum(r**2))
        if kind == "pooled":
            out.append(sse / len(x))
        elif kind == "rmse":
            out.append(np.mean(np.sqrt(per_fold)))
        else:
            out.append(np.mean(per_fold))
    return np.array(out)


def _diagnose_errors(x, y, degrees, k):
    order = np.argsort(degrees, kind="stable")
    return Diagnose(
        factors={"k": float(k), "1/k": 1.0 / k},
        hints={"k": "The error is the mean of the per-fold MSEs, not their sum."},
        wrong_formulas={
            "pooled": ("the MSE pooled over all validation points (every squared error over n): "
                       "the contract's error is the mean over the k folds of each fold's MSE, "
                       "which differs when the folds have different sizes",
                       lambda: _cv_variant(x, y, degrees, k, "pooled")),
            "train": ("the training MSE of each fold's fit: the error is measured on the "
                      "fold's validation points", lambda: _cv_variant(x, y, degrees, k, "train")),
            "rmse": ("the mean of the per-fold ROOT mean squared errors: average the MSEs",
                     lambda: _cv_variant(x, y, degrees, k, "rmse")),
            "sorted": ("the errors of the degrees sorted in increasing order: errors[j] is the "
                       "error of degrees[j], in the order given",
                       lambda: cv_errors_polyfit(x, y, np.asarray(degrees)[order], k)),
        },
        transpose=False,
    )


def _expect_best(best, want_errors, degrees, name):
    want = int(degrees[int(np.argmin(want_errors))])
    ties = [int(d) for d, e in zip(degrees, want_errors, strict=True) if e == np.min(want_errors)]
    if isinstance(best, (int, np.integer)) and not isinstance(best, bool) and int(best) != want:
        if len(ties) > 1 and int(best) in ties:
            fail(f"best from {name} is another of the degrees whose errors tie for the smallest: "
                 "on a tie the best is the one that comes FIRST in degrees.", "tie")
        j = int(np.argmin(want_errors))
        if int(best) == j and int(degrees[j]) != j:
            fail(f"best from {name} is the position of the best degree in degrees, not the "
                 "degree itself (return degrees[j]).", "formula:index")
    expect_int(best, want, name=f"best from {name}", diagnose=Diagnose(wrong_formulas={
        "smallest_degree": ("the smallest degree: the best degree has the smallest error",
                            lambda: min(degrees)),
    }))


def expect_selection(sub, x, y, degrees, k, want_errors, name):
    """cv_select_degree(x, y, degrees, k): errors, then best."""
    degree = max(degrees)

    def fit_is_wrong():
        w = sub.fit_polynomial(x, y, degree)
        return not (isinstance(w, np.ndarray) and w.shape == (degree + 1,)
                    and np.allclose(w, np.polyfit(x, y, degree)[::-1], rtol=1e-8, atol=1e-8))

    def features_are_wrong():
        Phi = sub.polynomial_features(x, degree)
        return not (isinstance(Phi, np.ndarray) and Phi.shape == (len(x), degree + 1)
                    and np.allclose(Phi, x[:, None] ** np.arange(degree + 1), rtol=1e-12))

    probes = [("q2", "kfold_indices", lambda: folds_are_wrong(sub, len(x), k)),
              ("q4", "polynomial_features", features_are_wrong),
              ("q5", "fit_polynomial", fit_is_wrong)]
    with depends_on("cv_select_degree", probes):
        got = sub.cv_select_degree(x, y, degrees, k)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            fail(f"{name} should return a tuple (best, errors).", "type")
        best, errors = got
        expect_close(errors, want_errors, name=f"errors from {name}", rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose_errors(x, y, degrees, k))
        _expect_best(best, want_errors, degrees, name)


@check("q6", points=1)
def test_degree_chosen_among_unsorted_candidates(sub, rng):
    """Fourteen noisy points of a cubic, the candidate degrees [4, 1, 3, 2] (unsorted) and
    k = 4 folds (of 4, 4, 3 and 3 points): errors[j] is the mean of the four per-fold
    validation MSEs of degree degrees[j] (polyfit on each fold agrees), and best is the degree
    with the smallest error (the degree, not its position)."""
    degrees = [4, 1, 3, 2]
    x, y = degree_problem(rng, 14, degrees, 4)
    expect_selection(sub, x, y, degrees, 4, cv_errors_polyfit(x, y, degrees, 4),
                     "cv_select_degree(x, y, [4, 1, 3, 2], 4)")


@check("q6", points=1)
def test_a_tie_goes_to_the_first_degree(sub, rng):
    """When y = 0 every degree fits exactly 0 and every error is exactly 0: with degrees
    [3, 1, 2] the tie goes to the first, 3. Beside it, a noisy cubic with degrees [1, 3]."""
    x, _ = degree_problem(rng, 11, [1, 3], 3)
    expect_selection(sub, x, np.zeros(11), [3, 1, 2], 3, np.zeros(3),
                     "cv_select_degree(x, zeros, [3, 1, 2], 3)")
    x, y = degree_problem(rng, 11, [1, 3], 3)
    expect_selection(sub, x, y, [1, 3], 3, cv_errors_polyfit(x, y, [1, 3], 3),
                     "cv_select_degree(x, y, [1, 3], 3)")


@check("q6", points=2, hidden=True)
def test_errors_match_an_independent_computation(sub, rng):
    """On 23 noisy points of a cubic, with the unsorted degrees [5, 2, 0, 3, 1] and k = 5
    (folds of 5, 5, 5, 4 and 4 points), the errors match an independent computation (the folds
    of scikit-learn's KFold, its PolynomialFeatures, SciPy's least squares), and best is the
    degree with the smallest error."""
    from ._oracles import polynomial_cv_errors

    degrees = [5, 2, 0, 3, 1]
    x, y = degree_problem(rng, 23, degrees, 5)
    expect_selection(sub, x, y, degrees, 5, polynomial_cv_errors(x, y, degrees, 5),
                     "cv_select_degree on 23 points with k = 5")


@check("q6", points=2, hidden=True)
def test_mean_of_fold_errors_and_ties(sub, rng):
    """With folds of unequal sizes (13 points, k = 4) the errors are the mean of the per-fold
    MSEs (not the pooled MSE), as scikit-learn's cross_val_score averages them; when y = 0
    every error is 0 and the tie goes to the first of [4, 2, 6, 1]."""
    from ._oracles import polynomial_cv_errors

    degrees = [2, 6, 3]
    x, y = degree_problem(rng, 13, degrees, 4)
    expect_selection(sub, x, y, degrees, 4, polynomial_cv_errors(x, y, degrees, 4),
                     "cv_select_degree on 13 points with k = 4")
    expect_selection(sub, x, np.zeros(13), [4, 2, 6, 1], 4, np.zeros(4),
                     "cv_select_degree with y = 0 and degrees [4, 2, 6, 1]")
