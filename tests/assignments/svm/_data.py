"""Data sets for the svm checks and the notebook (public: shipped with the students' public
checks, so NumPy only).

Labels are in {-1., +1.}. Features are on different scales, with mixed signs and a mean away
from 0, so that a forgotten bias, a swapped axis or a missing label shows.
"""

import numpy as np

from autograder.testing import Diagnose
from autograder.testing import blame_earlier as toolkit_blame_earlier


def _features(rng, n, d):
    """n points in R^d: columns on different scales, centred away from the origin."""
    return rng.standard_normal((n, d)) * np.linspace(0.7, 1.5, d) + rng.uniform(-0.8, 0.8, d)


def _direction(rng, d):
    """A unit vector with mixed signs, every entry away from 0."""
    v = rng.uniform(0.5, 1.5, d) * rng.choice([-1.0, 1.0], d)
    v[:2] = [abs(v[0]), -abs(v[1])] if d >= 2 else v[:2]
    return v / np.linalg.norm(v)


def separable_problem(rng, n=20, d=3, margin=0.3):
    """X (n, d) and y (n,) in {-1., +1.}, separated by the hyperplane x u + c = 0 (u a unit
    vector, c != 0) with every point at distance at least ``margin`` from it, both classes
    with at least a quarter of the points."""
    u = _direction(rng, d)
    while True:
        X = _features(rng, 4 * n, d)
        s = X @ u
        c = -float(np.median(s)) + rng.uniform(-0.2, 0.2)
        f = s + c
        keep = np.flatnonzero(np.abs(f) >= margin)[:n]
        if keep.size == n:
            y = np.where(f[keep] > 0, 1.0, -1.0)
            if min(np.sum(y > 0), np.sum(y < 0)) >= n // 4:
                return X[keep], y


def overlapping_problem(rng, n=30, d=3, noise=0.6):
    """X (n, d) and y (n,) in {-1., +1.} that no hyperplane separates: labels of a noisy
    linear model, with the two first points copied with the opposite label."""
    X = _features(rng, n - 2, d)
    s = X @ _direction(rng, d)
    y = np.where(s - np.median(s) + noise * rng.standard_normal(n - 2) > 0, 1.0, -1.0)
    X = np.vstack([X, X[:2]])
    y = np.concatenate([y, -y[:2]])
    order = rng.permutation(n)
    return X[order], y[order]


def parameters(rng, d, scale=1.0):
    """w (d,) with mixed signs, every entry away from 0, and a bias b away from 0."""
    w = scale * rng.uniform(0.4, 1.2, d) * rng.choice([-1.0, 1.0], d)
    b = float(rng.uniform(0.3, 1.0) * rng.choice([-1.0, 1.0]))
    return w, b


def margins_away_from_one(rng, n=12, d=3, gap=0.05, scale=1.0):
    """X, y, w, b of an overlapping problem whose margins y_i (x_i w + b) are all at least
    ``gap`` away from 1, with points on both sides of the kink and some misclassified (where
    the hinge loss is differentiable: central differences apply)."""
    while True:
        X, y = overlapping_problem(rng, n, d)
        w, b = parameters(rng, d, scale)
        m = y * (X @ w + b)
        if (np.all(np.abs(m - 1.0) > gap) and np.sum(m < 1) >= 3 and np.sum(m > 1) >= 2
                and np.any(m < 0)):
            return X, y, w, b


def kink_problem(rng, n=9, d=3, n_kink=3):
    """Integer data X (n, d), y (n,) and integer w (d,), b with margins y_i (x_i w + b)
    exactly 1 for ``n_kink`` points (at the kink of the hinge), and the others either below 1
    (some misclassified) or above it. Every margin is a small integer, so every formula
    computes it exactly. Returns X, y, w, b and the indices of the points at the kink."""
    while True:
        w = rng.integers(1, 4, d) * rng.choice([-1.0, 1.0], d)
        w[-1] = rng.choice([-1.0, 1.0])
        b = float(rng.choice([-2.0, -1.0, 1.0, 2.0]))
        X = rng.integers(-3, 4, (n, d)).astype(float)
        y = rng.choice([-1.0, 1.0], n)
        kink = rng.permutation(n)[:n_kink]
        # solve y_i (x_i w + b) = 1 for the last coordinate: exact, since w[-1] = +-1
        X[kink, -1] = 0.0
        X[kink, -1] = (y[kink] - b - X[kink] @ w) / w[-1]
        m = y * (X @ w + b)
        others = np.setdiff1d(np.arange(n), kink)
        if (np.all(m[kink] == 1.0) and np.sum(m[others] < 1) >= 2 and np.sum(m[others] > 1) >= 2
                and np.all(m[others] != 1.0) and np.any(m < 0)
                and np.abs(X).max() <= 12):
            return X, y, w, b, kink


def rings(rng, n=60, inner=1.0, outer=2.2, noise=0.15):
    """Two noisy concentric rings in the plane: X (n, 2), y (n,) with y = -1 on the inner
    ring and +1 on the outer one (half of the points each). No line separates them."""
    y = np.where(np.arange(n) < n // 2, -1.0, 1.0)
    radius = np.where(y < 0, inner, outer) + noise * rng.standard_normal(n)
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    order = rng.permutation(n)
    return X[order], y[order]


def subgradient_model(X, y, w, b, lam, *, kink=False, reg_bias=False, total=False,
                      sign=-1.0, reg=1.0, per_violator=False):
    """(gw, gb) with NumPy, and what a mistake computes: ``kink`` counts y f(x) = 1 as a
    violation, ``reg_bias`` adds lam b to gb, ``total`` sums instead of averaging, ``sign``
    +1 flips the data term, ``reg`` scales lam w, ``per_violator`` divides by their number."""
    n = X.shape[0]
    m = y * (X @ w + b)
    active = (m <= 1.0) if kink else (m < 1.0)
    ya = np.where(active, y, 0.0)
    scale = 1.0 if total else 1.0 / (max(int(active.sum()), 1) if per_violator else n)
    gw = reg * lam * w + sign * scale * (X.T @ ya)
    gb = sign * scale * float(np.sum(ya)) + (lam * b if reg_bias else 0.0)
    return gw, gb


def _agrees(got, want, rtol, atol):
    """``got`` is close to ``want`` (an array, a number, or a tuple of them)."""
    if isinstance(want, tuple):
        return (isinstance(got, (tuple, list)) and len(got) == len(want)
                and all(_agrees(g, w, rtol, atol) for g, w in zip(got, want, strict=True)))
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(want) and bool(np.allclose(got, want, rtol=rtol, atol=atol))


def blame_earlier(sub, compare, fn, question, args, want, rtol=1e-8, atol=1e-10):
    """Run ``compare()``; if it fails and the submission's ``fn`` (an earlier question's
    function, which this one may call) is also wrong on ``args``, say to fix that question
    first (tag ``depends:<question>``). The note names no value."""
    toolkit_blame_earlier(compare, [(fn, question, lambda: _agrees(getattr(sub, fn)(*args), want,
                                                                   rtol, atol))])


def per_output(wrong, names):
    """One Diagnose per output of a function that returns a tuple (``names`` in the contract's
    order), from ``wrong`` = {key: (description, thunk)} where ``thunk()`` gives the whole
    tuple a mistake returns (evaluated only when a comparison fails)."""
    return {name: Diagnose(wrong_formulas={key: (text, lambda f=f, k=k: f()[k])
                                           for key, (text, f) in wrong.items()},
                           transpose=False)
            for k, name in enumerate(names)}
