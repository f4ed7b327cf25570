"""Data sets for the logistic checks and the notebook (public: shipped with the students'
public checks, so NumPy only).

Every classification problem here has overlapping classes: some input is recorded with both
labels, so no weight vector classifies every sample strictly correctly and the minimiser of
the loss exists (on separable data it does not: the weights grow without bound).
"""

import numpy as np


def classification_problem(rng, n=30, d=3, scale=1.0, intercept=True):
    """A tall problem X (n, d), y (n,) in {0., 1.} with overlapping classes.

    Columns on different scales (the first is all ones when ``intercept``), labels drawn from
    a logistic model with mixed-sign weights of size about ``scale``, and d of the rows
    recorded twice, with opposite labels. Those d rows span R^d, so for every w != 0 one of
    them is on the wrong side of x w = 0: the classes are not separable and the loss has a
    unique finite minimiser.
    """
    m = n - d
    if m < d:
        raise ValueError("classification_problem needs n >= 2 d")
    k = d - 1 if intercept else d
    features = rng.standard_normal((m, k)) * np.linspace(0.6, 1.6, k)
    X = np.column_stack([np.ones(m), features]) if intercept else features
    w_true = scale * rng.uniform(0.5, 1.5, d) * rng.choice([-1.0, 1.0], d)
    y = (rng.random(m) < 1.0 / (1.0 + np.exp(-(X @ w_true)))).astype(float)
    X = np.vstack([X, X[:d]])
    y = np.concatenate([y, 1.0 - y[:d]])
    order = rng.permutation(n)
    return X[order], y[order]


def weights(rng, d, scale=0.7):
    """A weight vector of mixed signs, every entry away from 0, with moderate scores."""
    return scale * rng.uniform(0.4, 1.0, d) * rng.choice([-1.0, 1.0], d)


def random_problems(rng, sizes, scale=1.2):
    """For each (n, d) in ``sizes``: a label for messages, and X, y, w of a random problem."""
    for n, d in sizes:
        X, y = classification_problem(rng, n=n, d=d)
        yield f"a random ({n}, {d}) problem", X, y, weights(rng, d, scale=scale)


def extreme_problem(rng, d=3, n_moderate=5):
    """X, y, w and the indices of the moderate rows: rows with scores of about
    +1000 and -1000 with both labels (one right and one wrong confident prediction each),
    +40 with label 0 and -40 with label 0 (where p rounds to 1 or is about 4e-18), and
    ``n_moderate`` rows with moderate scores, both labels among them. The moderate indices
    are those of the rows with |x w| < 30."""
    w = weights(rng, d)
    moderate = rng.standard_normal((n_moderate, d))
    targets = np.array([1000.0, 1000.0, -1000.0, -1000.0, 40.0, -40.0])
    directions = rng.standard_normal((targets.size, d))
    scores = directions @ w
    directions[np.abs(scores) < 0.3] += np.sign(w) * 0.5  # keep every score away from 0
    extreme = directions * (targets / (directions @ w))[:, None]
    X = np.vstack([extreme, moderate])
    y = np.concatenate([[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                        (rng.random(n_moderate) < 0.5).astype(float)])
    y[-2:] = [0.0, 1.0]  # both labels among the moderate rows
    order = rng.permutation(X.shape[0])
    X, y = X[order], y[order]
    return X, y, w, np.flatnonzero(np.abs(X @ w) < 30)


def boundary_problem(rng, n=12, d=3):
    """X, w with small integer features and dyadic weights (multiples of 1/4; the last a power
    of 2), so every score x w is computed exactly, in any order: a third of the rows lie
    exactly on the decision boundary (x w = 0), the others at least 1/4 away from it, on both
    sides."""
    w = rng.integers(1, 8, d) / 4.0 * rng.choice([-1.0, 1.0], d)
    w[-1] = rng.choice([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0])
    X = rng.integers(-4, 5, (n, d)).astype(float)
    on = rng.permutation(n)[: n // 3]
    X[on, -1] = 0.0
    X[on, -1] = -(X[on] @ w) / w[-1]
    scores = X @ w
    off = np.setdiff1d(np.arange(n), on)
    tiny = off[np.abs(scores[off]) < 0.25]
    X[tiny, -1] += 1.0  # a row that landed on the boundary by chance moves off it
    scores = X @ w
    if not (np.any(scores > 0) and np.any(scores < 0)):
        X[off[0]] = -X[off[0]]
    return X, w


def two_clouds(rng, n=100, gap=2.0, ambiguous=3):
    """A 2-D data set: X (n, 3) = [1, x1, x2] and y (n,) in {0., 1.}.

    Two round Gaussian clouds of unit spread, half of the points each, whose centres are
    ``gap`` apart along the direction (2, 1). ``ambiguous`` points near the middle are
    recorded with both labels (the last 2 * ambiguous rows): with ambiguous >= 3 the classes
    overlap and the fit exists; with ambiguous = 0 and a large gap they are separable.
    """
    m = n - 2 * ambiguous
    y = (np.arange(m) >= m // 2).astype(float)
    direction = np.array([2.0, 1.0]) / np.sqrt(5.0)
    centre = np.array([0.5, -0.25])
    points = centre + (y[:, None] - 0.5) * gap * direction + rng.standard_normal((m, 2))
    middle = centre + 0.5 * rng.standard_normal((ambiguous, 2))
    points = np.vstack([points, middle, middle])
    y = np.concatenate([y, np.ones(ambiguous), np.zeros(ambiguous)])
    return np.column_stack([np.ones(n), points]), y
