"""Inputs, NumPy closed forms, the shared tolerance and the comparisons of the information
checks.

Public: the students' public checks use this module, so NumPy and the standard library only.
The hidden checks compare with SciPy, scikit-learn and PyTorch (``_oracles.py``).

Several results are legitimately infinite (the cross-entropy and the KL divergence when q = 0
where p > 0): :func:`expect_inf` checks those explicitly, and :func:`expect_value` keeps every
finite one on ``expect_close`` with a hint when the student's value is NaN or infinite.
"""

import math

import numpy as np

from autograder.testing import (
    CheckFailure,
    Diagnose,
    expect_close,
    expect_float,
    fail,
)
from autograder.testing import blame_earlier as toolkit_blame_earlier

# Every value is compared with |got - want| <= ATOL + RTOL |want|. Correct formulas differ by
# rounding only: p log p - p log q against p log(p / q), H(p, q) - H(p) against a direct sum,
# H(X) + H(Y) - H(X, Y) against the KL of the joint from the product of its marginals (all
# about 1e-15 absolute), solve against inv and the precision matrix for a covariance whose
# condition number is below 100 (about 1e-14). Every mistake of the catalogue is off by far
# more.
RTOL, ATOL = 1e-9, 1e-12

LN2, LN10 = math.log(2.0), math.log(10.0)


# ---------------------------------------------------------------------------- inputs


def distribution(rng, n, zeros=()):
    """A distribution over n outcomes, exactly 0 at the indices ``zeros`` and otherwise at
    least about 0.1 / n: uneven (not uniform), so no mistake is hidden by symmetry."""
    w = rng.uniform(0.2, 1.0, n) * rng.permutation(np.linspace(1.0, 3.0, n))
    w[list(zeros)] = 0.0
    return w / w.sum()


def pair(rng, n, p_zeros=(), q_zeros=()):
    """Two different distributions p and q over n outcomes with zeros where asked."""
    return distribution(rng, n, p_zeros), distribution(rng, n, q_zeros)


def count_table(rng, a, b, zeros=2):
    """An (a, b) table of integer counts from 1 to 9 with ``zeros`` cells set to 0 (never a
    whole row or column), far from independent."""
    counts = rng.integers(1, 10, (a, b)).astype(float)
    counts[0, :] *= np.arange(1, b + 1)  # a dependence the random counts cannot undo
    cells = rng.permutation(a * b)
    done = 0
    for c in cells:
        if done == zeros:
            break
        i, j = divmod(int(c), b)
        trial = counts.copy()
        trial[i, j] = 0.0
        if trial[i].any() and trial[:, j].any():
            counts, done = trial, done + 1
    return counts


def spd_matrix(rng, d):
    """A symmetric positive-definite (d, d) covariance with correlations of both signs,
    distinct variances and a condition number below 100."""
    A = rng.standard_normal((d, d))
    Q, _ = np.linalg.qr(A)
    eig = np.geomspace(0.5, 6.0, d) * rng.uniform(0.9, 1.1, d)
    S = (Q * eig) @ Q.T
    return (S + S.T) / 2


def gaussian(rng, d):
    """mu (d,) with mixed signs and an SPD Sigma (d, d)."""
    mu = rng.uniform(0.5, 3.0, d) * rng.choice([-1.0, 1.0], d)
    return mu, spd_matrix(rng, d)


# ---------------------------------------------------------------------------- closed forms


def xlogy_np(x, y):
    """x log y elementwise, with 0 where x = 0 (whatever y): the 0 log 0 = 0 convention."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    out = np.zeros_like(x)
    nz = x > 0
    with np.errstate(divide="ignore"):
        out[nz] = x[nz] * np.log(y[nz])
    return out


def entropy_np(p):
    return float(-np.sum(xlogy_np(p, p)))


def cross_entropy_np(p, q):
    return float(-np.sum(xlogy_np(p, q)))


def kl_np(p, q):
    """sum p log p - sum p log q (inf where q = 0 and p > 0)."""
    return float(np.sum(xlogy_np(p, p)) - np.sum(xlogy_np(p, q)))


def js_np(p, q):
    """JS as H(m) - (H(p) + H(q)) / 2, the entropy form (never infinite)."""
    return entropy_np((p + q) / 2) - (entropy_np(p) + entropy_np(q)) / 2


def mutual_information_np(joint):
    """H(X) + H(Y) - H(X, Y)."""
    return (entropy_np(joint.sum(axis=1)) + entropy_np(joint.sum(axis=0))
            - entropy_np(joint.ravel()))


def remaining(d, idx_given):
    """The indices not in ``idx_given``, increasing."""
    given = {int(i) for i in idx_given}
    return np.array([i for i in range(d) if i not in given], dtype=int)


def conditional_by_precision(mu, Sigma, idx_given, z):
    """The Gaussian conditional from the precision matrix L = Sigma^-1 (an algebraic form
    independent of the Schur complement): cov = (L_aa)^-1, mean = mu_a - cov L_ab (z - mu_b)."""
    given = np.array(idx_given, dtype=int)
    rest = remaining(len(mu), given)
    L = np.linalg.inv(Sigma)
    cov = np.linalg.inv(L[np.ix_(rest, rest)])
    mean = mu[rest] - cov @ (L[np.ix_(rest, given)] @ (z - mu[given]))
    return mean, (cov + cov.T) / 2


# ---------------------------------------------------------------------------- comparisons

# The floors a student may clip or smooth q (or p / q) with to avoid log 0: an impossible
# event then costs -log eps instead of inf.
EPSILONS = (1e-300, 1e-100, 1e-16, 1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6)


def as_number(got, name):
    """``got`` as a float, NaN and infinities included (expect_float's type and dtype checks,
    but not its finiteness)."""
    try:
        return expect_float(got, name=name)
    except CheckFailure as exc:
        if "not_finite" not in exc.tags:
            raise
        return float(got)


def expect_inf(got, *, name, why, wrong_formulas=None):
    """``got`` must be +inf, as the contract says when q = 0 where p > 0.

    ``why`` says in the student's terms why the value is infinite; ``wrong_formulas``
    (``{key: (description, thunk)}``, the thunk giving one value or several candidates) names
    what a finite result matches.
    """
    x = as_number(got, name)
    if x == math.inf:
        return
    head = f"{name} should be inf (float('inf') or np.inf): {why}"
    if x == -math.inf:
        fail(f"{head} Yours is -inf: check the sign (the terms are -p log q, and -log 0 is "
             "+inf).", "sign")
    if math.isnan(x):
        fail(f"{head} Yours is NaN: a term with p = 0 computed as 0 * log 0 or 0 * inf gives "
             "NaN; skip the terms where p = 0 (a mask p > 0) and let p > 0, q = 0 give inf.",
             "not_finite")
    for key, (description, thunk) in (wrong_formulas or {}).items():
        try:
            alts = np.atleast_1d(np.asarray(thunk(), dtype=float))
        except Exception:  # noqa: BLE001 - a formula that does not apply here
            continue
        if any(math.isfinite(a) and math.isclose(x, a, rel_tol=RTOL, abs_tol=ATOL)
               for a in alts):
            fail(f"{head} Yours is finite: it matches {description}.", f"formula:{key}")
    fail(f"{head} Yours is finite: an outcome with p > 0 and q = 0 must not be skipped, "
         "clipped or smoothed.", "value")


HINT_NAN = ("A term with p = 0 must count 0 (0 log 0 = 0), but NumPy gives 0 * log(0) = "
            "0 * (-inf) = NaN: keep only the terms where p > 0 (a boolean mask).")
HINT_INF = ("It is finite here: q is 0 only where p is 0, and those terms count 0. Take the "
            "logarithm of q, weighted by p, and only where p > 0.")


def expect_value(got, want, *, name, diagnose=None, rtol=RTOL, atol=ATOL, hint_inf=HINT_INF):
    """``got`` close to the finite ``want`` (``expect_close``), with a hint for a NaN result
    and ``hint_inf`` for an infinite one."""
    x = as_number(got, name)
    if not math.isfinite(x):
        fail(f"{name} is {x}. {HINT_NAN if math.isnan(x) else hint_inf}", "not_finite")
    expect_close(got, want, name=name, rtol=rtol, atol=atol, diagnose=diagnose)


def expect_results(got, wants, *, diagnose, why_inf="", wrong_finite=None, hint_inf=HINT_INF):
    """One result ``got`` compared with each ``(want, name)`` of ``wants`` (several oracles):
    :func:`expect_inf` where ``want`` is inf, else :func:`expect_value`."""
    for want, name in wants:
        if math.isinf(want):
            expect_inf(got, name=name, why=why_inf, wrong_formulas=wrong_finite)
        else:
            expect_value(got, want, name=name, diagnose=diagnose, hint_inf=hint_inf)


def finite_instead_of_inf(p, q, term):
    """What a finite H(p, q) or KL(p || q) matches where the right one is inf: the sum of
    ``term(p_i, q_i)`` skipping the outcomes where q = 0, or with q clipped or smoothed to one of
    :data:`EPSILONS`."""
    both, pos = (p > 0) & (q > 0), p > 0
    return {
        "drop": ("the sum over the outcomes with q > 0 only (an outcome with p > 0 and q = 0 "
                 "makes the whole sum infinite)", lambda: float(np.sum(term(p[both], q[both])))),
        "clip": ("the sum with q clipped (or smoothed) to a tiny eps: an impossible event costs "
                 "inf, not -log eps",
                 lambda: [np.sum(term(p[pos], f(q, e)[pos])) for e in EPSILONS
                          for f in (np.maximum, np.add)]),
    }


def log_diagnose(sign_hint, wrong_formulas, factors=None, hints=None):
    """A Diagnose that also names the wrong base of the logarithm (log2, log10) and the sign."""
    return Diagnose(
        factors={"1/ln 2": 1 / LN2, "1/ln 10": 1 / LN10, **(factors or {})},
        hints={"-1": sign_hint,
               "1/ln 2": "That is log2 (bits): use the natural logarithm (np.log).",
               "1/ln 10": "That is log10: use the natural logarithm (np.log).",
               **(hints or {})},
        wrong_formulas=wrong_formulas,
    )


def blame_earlier(sub, compare, earlier):
    """Run ``compare()``; if it fails, say which earlier function is also wrong on inputs of
    this check (a js_divergence that calls a wrong kl_divergence fails with it).

    ``earlier``: ``[(function, question, args, expected float)]``. The note names the function
    and the question, never a value.
    """
    def agrees(fn, args, want):
        x = as_number(getattr(sub, fn)(*args), fn)
        return x == want or math.isclose(x, want, rel_tol=RTOL, abs_tol=ATOL)

    toolkit_blame_earlier(compare, [(fn, question, lambda f=fn, a=args, w=want: agrees(f, a, w))
                                    for fn, question, args, want in earlier])
