"""q7: sigma_i such that row i of conditional_p(X, sigma) has the target perplexity, to a
relative accuracy of 1e-10 (graded at 1e-7)."""

import math

import numpy as np

from autograder.testing import Diagnose, check, expect_close, fail

from ._data import general_points
from ._models import cond_p, perp, sigma_bisect

RTOL = 1e-7  # the contract's grading tolerance (the contract asks for 1e-10 or better)


def diagnose(X, target, want, got):
    """Diagnoses of find_sigma(X, target) whose right answer is ``want``; ``got`` is what the
    submission returned (for the capped-bracket diagnosis)."""
    n = len(X)

    def for_target(t):
        return (lambda: sigma_bisect(X, t)) if t < n - 1.5 else (lambda: None)

    def capped():
        """The right sigma, except where it lies above got's largest value, which got
        returns instead (a search capped by a fixed upper bound)."""
        g = np.asarray(got, dtype=float)
        if g.shape != want.shape:
            return None
        top = g.max()
        capped = np.isclose(g, top, rtol=1e-6) & (want > top)
        right = np.isclose(g, want, rtol=RTOL, atol=0.0)
        return np.where(capped, top, want) if capped.any() and (capped | right).all() else None

    return Diagnose(
        factors={"sqrt2": math.sqrt(2.0), "1/sqrt2": 1.0 / math.sqrt(2.0)},
        hints={"sqrt2": "With beta = 1 / (2 sigma^2), sigma = sqrt(1 / (2 beta)).",
               "1/sqrt2": "With beta = 1 / (2 sigma^2), sigma = sqrt(1 / (2 beta))."},
        wrong_formulas={
            "variance": ("sigma^2, the variance: return the standard deviation sigma",
                         lambda: want**2),
            "beta": ("beta = 1 / (2 sigma^2): return sigma = sqrt(1 / (2 beta))",
                     lambda: 1.0 / (2.0 * want**2)),
            "entropy_bits": ("the sigma whose entropy in bits equals the target: the target "
                             "is the perplexity 2^H", for_target(2.0**target)),
            "entropy_nats": ("the sigma whose entropy in nats equals the target: the target "
                             "is the perplexity e^H (H in nats)", for_target(math.exp(target))),
            "log_base": ("the sigma whose entropy in nats equals log2 of the target: compare "
                         "the entropy in nats with ln(target), or in bits with log2(target)",
                         for_target(target ** (1.0 / math.log(2.0)))),
            "self": ("the sigma for rows that include the point itself (exp(0) for j = i): "
                     "p_{i|i} = 0", lambda: sigma_bisect(X, target, self_term=True)),
            "bracket": ("the right sigma where it is small, but one same value wherever it is "
                        "larger: the search stops at a fixed bound. Start from a bracket that "
                        "scales with the distances (or widen it until the perplexity exceeds "
                        "the target)", capped),
        },
        transpose=False,
    )


def expect_sigma(sub, X, target, want, label):
    """find_sigma(X, target) equals ``want`` to the relative tolerance RTOL."""
    name = f"find_sigma({label}, {target:g})"
    got = sub.find_sigma(X, target)
    if (isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype == np.float64
            and np.all(np.isfinite(got)) and np.all(got > 0)):
        rel = float(np.max(np.abs(got / want - 1.0)))
        if RTOL < rel < 1e-3:
            fail(f"{name} is close but not accurate enough: a relative error of {rel:.0e} in "
                 f"sigma (tolerance {RTOL:g}). Keep bisecting until the bracket of sigma is "
                 "below 1e-10 relatively; a perplexity within a tolerance of the target is not "
                 "enough, and neither is a fixed small number of steps.", "accuracy")
    expect_close(got, want, name=name, rtol=RTOL, atol=0.0,
                 diagnose=diagnose(X, target, want, got))


@check("q7", points=1)
def test_sigma_gives_every_row_the_target_perplexity(sub, rng):
    """On 10 random points in 3-D with the target perplexity 3, sigma matches a bisection on
    beta = 1 / (2 sigma^2) (relative tolerance 1e-7), and every row of p_{j|i} then has
    perplexity 3."""
    X = general_points(rng, 10, 3)
    want = sigma_bisect(X, 3.0)
    expect_sigma(sub, X, 3.0, want, "X (10, 3)")
    got = sub.find_sigma(X, 3.0)
    expect_close(perp(cond_p(X, got)), np.full(10, 3.0),
                 name="the perplexity of each row of p_{j|i} at find_sigma(X, 3)", rtol=1e-9,
                 atol=0.0)


@check("q7", points=1)
def test_sigma_scales_with_the_data_and_grows_with_the_target(sub, rng):
    """Scaling 8 random points by 10 scales every sigma by 10 (target 2.5), and the larger
    target 4 gives larger sigmas; both match a bisection on beta."""
    X = general_points(rng, 8, 3)
    want = sigma_bisect(X, 2.5)
    expect_sigma(sub, 10.0 * X, 2.5, 10.0 * want, "10 X (8, 3)")
    larger = sigma_bisect(X, 4.0)
    expect_sigma(sub, X, 4.0, larger, "X (8, 3)")


@check("q7", points=3, hidden=True)
def test_sigma_matches_a_root_finder_and_scikit_learn(sub, rng):
    """On random points (n = 12, d = 4, target 3.5; n = 10, d = 6, target 2) sigma matches
    SciPy's brentq on log sigma (relative tolerance 1e-7), and the probabilities it gives match
    scikit-learn's binary search (loosely: its own tolerance is 1e-5 in entropy)."""
    from ._oracles import conditional_p_sklearn, conditional_p_softmax, sigma_brentq

    for n, d, target in [(12, 4, 3.5), (10, 6, 2.0)]:
        X = general_points(rng, n, d)
        label = f"X ({n}, {d})"
        expect_sigma(sub, X, target, sigma_brentq(X, target), label)
        got = sub.find_sigma(X, target)
        expect_close(conditional_p_softmax(X, got), conditional_p_sklearn(X, target),
                     name=f"p_(j|i) at find_sigma({label}, {target:g}) against scikit-learn",
                     rtol=1e-3, atol=1e-6)


@check("q7", points=2, hidden=True)
def test_sigma_for_far_and_spread_out_points(sub, rng):
    """For points spread 40 times wider and centred near 100 (n = 9, d = 3, target 4.5 =
    n / 2), sigma matches SciPy's brentq (relative tolerance 1e-7)."""
    from ._oracles import sigma_brentq

    X = 40.0 * general_points(rng, 9, 3) + 100.0
    expect_sigma(sub, X, 4.5, sigma_brentq(X, 4.5), "X (9, 3) spread out")
