"""q1: quadratic(A, b) returns two functions, f(w) = 1/2 w^T A w - b^T w and grad(w) = A w - b.

The functions stay with the student's code: the checks call them through the handles
(``sub.invoke``)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, fail

from ._data import mixed, quadratic_problem

RTOL, ATOL = 1e-10, 1e-12  # any order of the products (w @ A @ w, einsum, sums)


def _f_diagnose(A, b, w):
    q, lin = float(w @ A @ w), float(b @ w)
    return Diagnose(
        hints={"-1": "f is 1/2 w^T A w - b^T w: the quadratic term is positive."},
        wrong_formulas={
            "no_half": ("w^T A w - b^T w, without the 1/2 of the quadratic term",
                        lambda: q - lin),
            "plus_b": ("1/2 w^T A w + b^T w: the linear term is subtracted", lambda: 0.5 * q + lin),
            "half_both": ("1/2 (w^T A w - b^T w): the 1/2 is for the quadratic term only",
                          lambda: 0.5 * (q - lin)),
        },
    )


def _grad_diagnose(A, b, w):
    return Diagnose(wrong_formulas={
        "plus_b": ("A w + b: the gradient of - b^T w is - b", lambda: A @ w + b),
        "no_b": ("A w, without the - b of the linear term", lambda: A @ w),
        "half": ("1/2 A w - b: the gradient of 1/2 w^T A w is A w for a symmetric A (the 1/2 "
                 "cancels the 2 of the derivative)", lambda: 0.5 * A @ w - b),
        "two": ("2 A w - b: the gradient of 1/2 w^T A w is A w (the 1/2 cancels the 2)",
                lambda: 2 * A @ w - b),
    })


def expect_f(sub, f, A, b, w, want, *, name):
    """f(w) is the number ``want``; a gradient-shaped array that is the gradient means the
    two functions were returned in the wrong order."""
    value = sub.invoke(f, w)
    if (isinstance(value, np.ndarray) and value.shape == b.shape
            and np.allclose(value, A @ w - b, rtol=RTOL, atol=ATOL)):
        fail(f"{name} returns the gradient A w - b, not the number f(w): quadratic must return "
             "the two functions in the order (f, grad).", "formula:swapped")
    expect_close(value, want, name=name, rtol=RTOL, atol=ATOL, diagnose=_f_diagnose(A, b, w))


def expect_grad(sub, grad, A, b, w, want, *, name, rtol=RTOL, atol=ATOL):
    expect_close(sub.invoke(grad, w), want, name=name, rtol=rtol, atol=atol,
                 diagnose=_grad_diagnose(A, b, w))


@check("q1", points=1)
def test_f_and_grad_on_a_2x2_example(sub):
    """With A = [[2, 1], [1, 3]] and b = (1, -1): at w = (1, 2), f = 9 - (-1) = 10 and
    grad = (3, 8); at the minimiser w* = A^-1 b = (0.8, -0.6), f = -b^T w* / 2 = -0.7 and
    grad = 0."""
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    b = np.array([1.0, -1.0])
    f, grad = sub.quadratic(A, b)
    w = np.array([1.0, 2.0])
    expect_f(sub, f, A, b, w, 10.0, name="f(w) at w = (1, 2)")
    expect_grad(sub, grad, A, b, w, np.array([3.0, 8.0]), name="grad(w) at w = (1, 2)")
    w_star = np.array([0.8, -0.6])
    expect_f(sub, f, A, b, w_star, -0.7, name="f(w*) at w* = (0.8, -0.6)")
    expect_grad(sub, grad, A, b, w_star, np.zeros(2), name="grad(w*) at w* = (0.8, -0.6)")


@check("q1", points=2, hidden=True)
def test_f_and_grad_match_pytorch_autograd(sub, rng):
    """On a random 5-D quadratic (A not diagonal) at four points, f matches the quadratic
    written in PyTorch and grad matches its autograd gradient (and central differences)."""
    from autograder.testing import FD_ATOL, FD_RTOL, numerical_gradient

    from ._oracles import quadratic_torch

    A, b = quadratic_problem(rng, d=5, mu=0.3, L=5.0)
    f, grad = sub.quadratic(A, b)
    for k in range(4):
        w = mixed(rng, 5, 0.2, 2.0)
        want_f, want_grad = quadratic_torch(A, b, w)
        expect_f(sub, f, A, b, w, want_f, name=f"f at random point {k + 1}")
        expect_grad(sub, grad, A, b, w, want_grad, name=f"grad at random point {k + 1}")
        numeric = numerical_gradient(lambda v: 0.5 * v @ A @ v - b @ v, w)
        expect_grad(sub, grad, A, b, w, numeric, rtol=FD_RTOL, atol=FD_ATOL,
                    name=f"grad at random point {k + 1} (central differences)")


@check("q1", points=1, hidden=True)
def test_two_quadratics_keep_their_own_matrices(sub, rng):
    """Two 4-D quadratics made one after the other: each pair (f, grad) still computes with its
    own A and b (the functions capture them; nothing is shared between the two)."""
    from ._oracles import quadratic_torch

    problems = [quadratic_problem(rng, d=4, mu=0.5, L=4.0), quadratic_problem(rng, d=4)]
    handles = [sub.quadratic(A, b) for A, b in problems]
    for k, label in enumerate(["first", "second"]):
        (A, b), (f, grad), (A2, b2) = problems[k], handles[k], problems[1 - k]
        w = mixed(rng, 4, 0.2, 2.0)
        want_f, want_grad = quadratic_torch(A, b, w)
        other_f, other_grad = quadratic_torch(A2, b2, w)
        shared = ("the other quadratic's f: the functions must use the A and b of the call "
                  "of quadratic that made them (define f and grad inside quadratic, as "
                  "closures), not variables shared between calls")
        d_f, d_grad = _f_diagnose(A, b, w), _grad_diagnose(A, b, w)
        d_f.wrong_formulas["shared"] = (shared, lambda v=other_f: v)
        d_grad.wrong_formulas["shared"] = (shared.replace("'s f", "'s grad"),
                                           lambda v=other_grad: v)
        name = f"of the {label} quadratic, after both were made"
        expect_close(sub.invoke(f, w), want_f, name="f " + name, rtol=RTOL, atol=ATOL,
                     diagnose=d_f)
        expect_close(sub.invoke(grad, w), want_grad, name="grad " + name, rtol=RTOL,
                     atol=ATOL, diagnose=d_grad)
