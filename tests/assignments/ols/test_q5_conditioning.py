"""q5: the step-size constant L and the condition number of X^T X."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import design_with_singular_values


def _diagnose_L(X):
    s = np.linalg.svd(X, compute_uv=False)
    return Diagnose(
        wrong_formulas={
            "sigma": ("the largest singular value of X; L is its square (an eigenvalue of "
                      "X^T X)", lambda: s[0]),
            "trace": ("the trace of X^T X (the sum of all eigenvalues, not the largest)",
                      lambda: np.sum(s**2)),
            "smallest": ("the smallest eigenvalue of X^T X", lambda: s[-1] ** 2),
        },
    )


def _diagnose_kappa(X):
    s = np.linalg.svd(X, compute_uv=False)
    return Diagnose(
        wrong_formulas={
            "condX": ("cond(X); the question asks for cond(X^T X) = cond(X)^2",
                      lambda: s[0] / s[-1]),
            "inverted": ("lambda_min / lambda_max (the ratio upside down)",
                         lambda: (s[-1] / s[0]) ** 2),
        },
    )


@check("q5", points=1)
def test_constants_of_a_known_design(sub, rng):
    """For X with singular values 3, 2, 0.5: L = 9 and kappa = 36."""
    X = design_with_singular_values(rng, 7, [3.0, 2.0, 0.5])
    diagnose_L = Diagnose(wrong_formulas={
        "sigma": ("the largest singular value of X; L is its square", lambda: 3.0),
        "trace": ("the trace of X^T X (the sum of the eigenvalues)", lambda: 13.25),
        "smallest": ("the smallest eigenvalue of X^T X", lambda: 0.25),
    })
    diagnose_kappa = Diagnose(wrong_formulas={
        "condX": ("cond(X); the question asks for cond(X^T X) = cond(X)^2", lambda: 6.0),
        "inverted": ("lambda_min / lambda_max (the ratio upside down)", lambda: 1 / 36),
    })
    expect_close(sub.lipschitz_constant(X), 9.0, name="lipschitz_constant(X)", rtol=1e-10,
                 atol=0, diagnose=diagnose_L)
    expect_close(sub.condition_number(X), 36.0, name="condition_number(X)", rtol=1e-8,
                 atol=0, diagnose=diagnose_kappa)


@check("q5", points=2, hidden=True)
def test_lipschitz_constant_matches_svd(sub, rng):
    """L equals the squared largest singular value of X on random designs."""
    import scipy.linalg

    for n, d in [(9, 4), (20, 7)]:
        X = rng.standard_normal((n, d)) * rng.uniform(0.2, 3.0, d)
        want = scipy.linalg.svdvals(X)[0] ** 2
        expect_close(sub.lipschitz_constant(X), want, name=f"lipschitz_constant of a ({n}, {d}) X",
                     rtol=1e-10, atol=0, diagnose=_diagnose_L(X))


@check("q5", points=3, hidden=True)
def test_condition_number_matches_svd(sub, rng):
    """kappa(X^T X) = (s_max / s_min)^2 on random designs with cond(X) up to 1e3."""
    import scipy.linalg

    for n, cond in [(10, 30.0), (25, 1e3)]:
        X = design_with_singular_values(rng, n, np.geomspace(2.0, 2.0 / cond, 5))
        s = scipy.linalg.svdvals(X)
        expect_close(sub.condition_number(X), (s[0] / s[-1]) ** 2,
                     name=f"condition_number with cond(X) = {cond:g}", rtol=1e-7, atol=0,
                     diagnose=_diagnose_kappa(X))
