"""q9: t-SNE's Q (a Student-t kernel normalised over all pairs), KL(P || Q) over the pairs with
P > 0, and its gradient 4 sum_j (P_ij - Q_ij) (y_i - y_j) (1 + ||y_i - y_j||^2)^-1."""

import math

import numpy as np

from autograder.testing import (
    FD_ATOL,
    FD_RTOL,
    Diagnose,
    check,
    expect_outputs,
    fail,
    numerical_gradient,
    once,
)

from ._data import embedding, symmetric_p
from ._models import tsne_parts

RTOL, ATOL = 1e-9, 1e-12


def diagnoses(P, Y):
    """Diagnoses of (Q, kl, grad) from tsne_kl_gradient(P, Y)."""
    models = {
        "rows": ("Q normalised over each row (sum over k != i of (1 + ||y_i - y_k||^2)^-1, "
                 "the lecture slide's form): t-SNE's Q is normalised over all pairs k != l",
                 once(lambda: tsne_parts(P, Y, q="rows"))),
        "diagonal": ("Q with the diagonal kept (1 for each i = j in the kernel): Q[i, i] = 0 "
                     "and the sum runs over k != l", once(lambda: tsne_parts(P, Y, q="diagonal"))),
        "gaussian": ("a Gaussian kernel exp(-||y_i - y_j||^2) in the embedding (SNE): t-SNE "
                     "uses the Student-t kernel (1 + ||y_i - y_j||^2)^-1",
                     once(lambda: tsne_parts(P, Y, kernel="gaussian"))),
    }

    def for_output(key):
        index = {"Q": 0, "kl": 1, "grad": 2}[key]
        formulas = {k: (text, lambda m=m: m()[index]) for k, (text, m) in models.items()}
        if key == "kl":
            formulas["reversed"] = ("KL(Q || P), the reverse divergence: kl = sum P log(P / Q)",
                                    lambda: tsne_parts(P, Y, kl="reversed")[1])
            return Diagnose(factors={"1/ln2": 1.0 / math.log(2.0)},
                            hints={"1/ln2": "Use the natural logarithm (np.log), not log2."},
                            wrong_formulas=formulas)
        if key == "grad":
            formulas["no_kernel"] = ("4 sum_j (P_ij - Q_ij) (y_i - y_j) without the factor "
                                     "(1 + ||y_i - y_j||^2)^-1",
                                     lambda: tsne_parts(P, Y, grad_kernel=False)[2])
            return Diagnose(factors={"1/4": 0.25, "n": float(len(Y)), "1/n": 1.0 / len(Y)},
                            hints={"1/4": "The gradient has a factor 4 (eq. 5).",
                                   "1/2": "The gradient has a factor 4 (eq. 5), not 2.",
                                   "-1": "The gradient is 4 sum_j (P_ij - Q_ij) (y_i - y_j) ...: "
                                         "P minus Q, y_i minus y_j."},
                            wrong_formulas=formulas)
        return Diagnose(factors={"2": 2.0},
                        hints={"2": "Normalise over all ordered pairs k != l (the full matrix "
                                    "sums to 1), not over the pairs k < l."},
                        wrong_formulas=formulas)

    return for_output


def expect_tsne(sub, P, Y, want, label, rtol=RTOL, atol=ATOL, tolerances=None):
    name = f"tsne_kl_gradient({label})"
    got = sub.tsne_kl_gradient(P, Y)
    if isinstance(got, (tuple, list)) and len(got) == 3:
        kl = got[1]
        if isinstance(kl, (float, np.floating)) and math.isnan(kl) and np.any(P == 0):
            fail(f"kl from {name} is NaN where P has zeros off the diagonal: sum P log(P / Q) "
                 "only over the pairs with P > 0 (0 log 0 = 0).", "not_finite")
    expect_outputs(got, {"Q": want[0], "kl": want[1], "grad": want[2]}, fn=name, rtol=rtol,
                   atol=atol, diagnose=diagnoses(P, Y), tolerances=tolerances)


@check("q9", points=1)
def test_q_kl_and_gradient_on_three_points_of_a_line(sub):
    """Points at 0, 1 and 3 with P = 1/4 on the pairs (0, 1) and (1, 2) and 0 on (0, 2): the
    kernels are 1/2, 1/10 and 1/5, their sum over the ordered pairs is 1.6, so Q[0, 1] = 0.5 /
    1.6 = 0.3125; kl = ln(1.6) / 2, and the gradient is (0.2, -0.325, 0.125)."""
    Y = np.array([[0.0], [1.0], [3.0]])
    P = np.array([[0.0, 0.25, 0.0], [0.25, 0.0, 0.25], [0.0, 0.25, 0.0]])
    K = np.array([[0.0, 0.5, 0.1], [0.5, 0.0, 0.2], [0.1, 0.2, 0.0]])
    want = (K / 1.6, math.log(1.6) / 2, np.array([[0.2], [-0.325], [0.125]]))
    expect_tsne(sub, P, Y, want, "P (3, 3), Y (3, 1)")


@check("q9", points=1)
def test_kl_and_gradient_vanish_at_p_equal_q_and_match_central_differences_elsewhere(sub, rng):
    """With P equal to the Q of the embedding (n = 6, e = 2), kl = 0 and the gradient is 0; with
    a random P that has zeros off the diagonal, the gradient matches central differences of the
    kl."""
    Y = embedding(rng, 6, 2)
    Q = tsne_parts(np.zeros((6, 6)), Y)[0]
    expect_tsne(sub, Q, Y, (Q, 0.0, np.zeros((6, 2))), "P = Q, Y (6, 2)")
    P = symmetric_p(rng, 6, zeros=3)
    want = tsne_parts(P, Y)
    grad = numerical_gradient(lambda Z: tsne_parts(P, Z)[1], Y)
    expect_tsne(sub, P, Y, (want[0], want[1], grad), "P with zeros (6, 6), Y (6, 2)",
                tolerances={"grad": (FD_RTOL, FD_ATOL)})


@check("q9", points=3, hidden=True)
def test_q_kl_and_gradient_match_autograd(sub, rng):
    """On random P with zeros off the diagonal (n = 9, e = 2) and without (n = 7, e = 3), Q and
    kl match their definitions in PyTorch and the gradient matches autograd, in float64."""
    from ._oracles import tsne_torch

    for n, e, zeros in [(9, 2, 4), (7, 3, 0)]:
        P, Y = symmetric_p(rng, n, zeros=zeros), embedding(rng, n, e)
        expect_tsne(sub, P, Y, tsne_torch(P, Y), f"P ({n}, {n}), Y ({n}, {e})")


@check("q9", points=2, hidden=True)
def test_kl_and_gradient_match_scikit_learn_on_a_spread_out_embedding(sub, rng):
    """On an embedding spread 20 times wider (n = 8, e = 2, P with zeros), kl and the gradient
    match scikit-learn's exact t-SNE objective, and Q matches PyTorch."""
    from ._oracles import tsne_sklearn, tsne_torch

    P, Y = symmetric_p(rng, 8, zeros=3), 20.0 * embedding(rng, 8, 2)
    Q = tsne_torch(P, Y)[0]
    kl, grad = tsne_sklearn(P, Y)
    expect_tsne(sub, P, Y, (Q, kl, grad), "P (8, 8), Y (8, 2) spread out", rtol=1e-8,
                atol=1e-14)
