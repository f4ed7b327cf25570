"""q8: the joint probabilities P = (P_c + P_c^T) / (2n), with P_c the conditional probabilities
at the sigmas of the target perplexity."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import general_points
from ._models import cond_p, joint, sigma_bisect

RTOL, ATOL = 1e-6, 1e-12  # P inherits sigma's accuracy (1e-10 relative, or better)


def diagnose(Pc):
    """Diagnoses of joint_p whose conditional probabilities are Pc."""
    n = len(Pc)
    return Diagnose(
        factors={"n": float(n)},
        hints={"n": "Divide by 2n: each of the n rows of P_c sums to 1, so P_c + P_c^T sums "
                    "to 2n.",
               "2": "P = (P_c + P_c^T) / (2n): the sum of P_c and its transpose sums to 2n."},
        wrong_formulas={
            "unsymmetrised": ("P_c / n, not symmetrised: P = (P_c + P_c^T) / (2n)",
                              lambda: Pc / n),
            "precedence": ("P_c + P_c^T / (2n): put P_c + P_c^T in parentheses",
                           lambda: Pc + Pc.T / (2 * n)),
            "maximum": ("max(P_c, P_c^T) normalised: symmetrise by the mean of P_c and P_c^T",
                        lambda: np.maximum(Pc, Pc.T) / np.maximum(Pc, Pc.T).sum()),
            "rows": ("P_c + P_c^T with each row normalised to sum to 1: the whole matrix sums "
                     "to 1", lambda: (Pc + Pc.T) / (Pc + Pc.T).sum(axis=1, keepdims=True)),
        },
        transpose=False,
    )


def expect_joint(sub, X, target, Pc, label):
    """joint_p(X, target) equals (Pc + Pc^T) / (2n) entry by entry and sums to 1 (relative
    tolerance 1e-7)."""
    name = f"joint_p({label}, {target:g})"
    got = sub.joint_p(X, target)
    expect_close(got, joint(Pc), name=name, rtol=RTOL, atol=ATOL, diagnose=diagnose(Pc))
    expect_close(float(np.sum(got)), 1.0, name=f"the sum of {name}", rtol=1e-7, atol=0.0)


@check("q8", points=1)
def test_joint_p_on_random_points(sub, rng):
    """On 6 random points in 3-D with the target perplexity 2.5, P = (P_c + P_c^T) / (2n) with
    P_c from a bisection on beta: symmetric, zero diagonal, summing to 1."""
    X = general_points(rng, 6, 3)
    expect_joint(sub, X, 2.5, cond_p(X, sigma_bisect(X, 2.5)), "X (6, 3)")


@check("q8", points=1)
def test_joint_p_gives_an_outlier_its_share(sub, rng):
    """Seven points near the origin and one far away (target perplexity 2): no point picks the
    outlier as a neighbour, yet its row of P sums to more than 1/(2n) = 1/16, as
    (P_c + P_c^T) / (2n) says."""
    X = np.vstack([general_points(rng, 7, 2), [[25.0, -30.0]]])
    Pc = cond_p(X, sigma_bisect(X, 2.0))
    expect_joint(sub, X, 2.0, Pc, "X (8, 2) with an outlier")


@check("q8", points=2, hidden=True)
def test_joint_p_matches_scipy_and_scikit_learn(sub, rng):
    """On random points (n = 10, d = 4, target 3) P matches (P_c + P_c^T) / (2n) with sigma from
    SciPy's brentq and P_c from SciPy's softmax, and scikit-learn's joint probabilities
    (loosely: its binary search stops at 1e-5 in entropy)."""
    from ._oracles import conditional_p_softmax, joint_p_sklearn, sigma_brentq

    X = general_points(rng, 10, 4)
    expect_joint(sub, X, 3.0, conditional_p_softmax(X, sigma_brentq(X, 3.0)), "X (10, 4)")
    expect_close(sub.joint_p(X, 3.0), joint_p_sklearn(X, 3.0),
                 name="joint_p(X (10, 4), 3) against scikit-learn", rtol=1e-3, atol=1e-7)


@check("q8", points=2, hidden=True)
def test_joint_p_of_two_groups_of_different_density(sub, rng):
    """A tight group of 5 points and a loose group of 4 (n = 9, d = 5, target 4): P matches
    (P_c + P_c^T) / (2n) with sigma from SciPy's brentq and P_c from SciPy's softmax."""
    from ._oracles import conditional_p_softmax, sigma_brentq

    X = np.vstack([0.2 * general_points(rng, 5, 5), 3.0 * general_points(rng, 4, 5) + 6.0])
    X = X[rng.permutation(9)]
    expect_joint(sub, X, 4.0, conditional_p_softmax(X, sigma_brentq(X, 4.0)),
                 "X (9, 5), two groups")
