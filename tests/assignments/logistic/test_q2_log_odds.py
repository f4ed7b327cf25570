"""q2: odds and log-odds, log(p / (1 - p)), the inverse of the sigmoid."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

RTOL, ATOL = 1e-9, 1e-12  # log(p/(1-p)), log(p) - log1p(-p), -log(1/p - 1), 2 artanh(2p - 1)


def _diagnose(p):
    return Diagnose(
        factors={"1/ln 10": 1 / np.log(10), "1/ln 2": 1 / np.log(2)},
        hints={
            "-1": "The log-odds is log(p / (1 - p)): p on top.",
            "1/ln 10": "Use the natural logarithm (np.log), not log10.",
            "1/ln 2": "Use the natural logarithm (np.log), not log2.",
        },
        wrong_formulas={
            "odds": ("the odds p / (1 - p) (the logarithm is missing)", lambda: p / (1 - p)),
            "plus": ("log(p / (1 + p))", lambda: np.log(p / (1 + p))),
            "ratio": ("log(p) / log(1 - p) (a ratio of logarithms)",
                      lambda: np.log(p) / np.log(1 - p)),
        },
    )


@check("q2", points=1)
def test_log_odds_of_simple_probabilities(sub):
    """Log-odds of p = 0.5, 0.75, 0.2 and 0.9: log 1 = 0, log 3, log(1/4) and log 9."""
    p = np.array([0.5, 0.75, 0.2, 0.9])
    want = np.log([1.0, 3.0, 0.25, 9.0])
    expect_close(sub.log_odds(p), want, name="log_odds(p)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(p))


@check("q2", points=1)
def test_log_odds_undoes_the_sigmoid(sub):
    """log_odds(sigmoid(z)) gives back z for scores z between -6 and 6."""
    z = np.array([-6.0, -2.5, -0.75, 0.1, 1.0, 3.5, 6.0])
    p = 1 / (1 + np.exp(-z))
    expect_close(sub.log_odds(p), z, name="log_odds(sigmoid(z))", rtol=1e-8, atol=1e-10,
                 diagnose=_diagnose(p))


@check("q2", points=2, hidden=True)
def test_log_odds_match_scipy_logit_on_a_matrix(sub, rng):
    """On a (3, 5) array of probabilities in [1e-3, 1 - 1e-3] the result has p's shape and
    matches SciPy's logit."""
    from ._oracles import logit

    p = rng.uniform(1e-3, 1 - 1e-3, (3, 5))
    p[0, :2] = [1e-3, 1 - 1e-3]
    expect_close(sub.log_odds(p), logit(p), name="log_odds of a (3, 5) array", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(p))
