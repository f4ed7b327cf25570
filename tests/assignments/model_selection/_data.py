"""Inputs for the model_selection checks and the notebook (public: shipped with the students'
public checks, so NumPy only).

The generators build data with the properties the checks need: rows that are all distinct (so
a check can tell which rows the student's code passed to the test's ``fit``), targets with an
offset and mixed signs, labels that are not 0..k-1, points spread over [-1, 1] (so that every
least-squares method keeps about 1e-10 up to degree 6), and ensembles of predictions whose
bias and variance are both far from 0. Where a choice must be unique (the best degree), the
generator redraws until it is, by a margin, according to NumPy's own ``polyfit``.
"""

import numpy as np

# ---------------------------------------------------------------------------- rows and targets


def regression_rows(rng, n, d, noise=0.5):
    """X (n, d) and y (n,) of a noisy linear model with an intercept: the rows of X are
    distinct (random floats), the columns have different offsets, and y = X w + 1.5 + noise
    with weights of mixed signs, so every fitted model and every loss differ."""
    X = rng.standard_normal((n, d)) + rng.uniform(-1.0, 1.0, d)
    w = rng.uniform(0.5, 2.0, d) * rng.choice([-1.0, 1.0], d)
    y = X @ w + 1.5 + noise * rng.standard_normal(n)
    return X, y


def labelled_rows(rng, n, d, classes=(3, 5, 8)):
    """X (n, d) with distinct rows and integer labels y (n,) drawn from ``classes`` (not
    0..k-1), for the splits."""
    X = rng.standard_normal((n, d)) + rng.uniform(-1.0, 1.0, d)
    y = rng.choice(np.asarray(classes), size=n)
    return X, y


# ---------------------------------------------------------------------------- the notebook's curve


def true_curve(x):
    """The notebook's noiseless target f(x) = sin(pi x) + x / 2 on [-1, 1]: smooth but not a
    polynomial, so no degree fits it exactly."""
    return np.sin(np.pi * x) + 0.5 * x


def noisy_samples(rng, n, noise=0.35):
    """n points of the notebook's regression problem: x uniform on [-1, 1] (in random order)
    and y = true_curve(x) + Gaussian noise of standard deviation ``noise``."""
    x = rng.uniform(-1.0, 1.0, n)
    return x, true_curve(x) + noise * rng.normal(0.0, 1.0, n)


# ---------------------------------------------------------------------------- polynomials


def spread_points(rng, n, zero=False):
    """n distinct points of [-1, 1], in random order: a grid with a jitter of a third of its
    spacing, so no two points are close (every degree up to 6 is well determined by any
    half of them). With ``zero``, one of them is exactly 0.0."""
    grid = np.linspace(-1.0, 1.0, n)
    x = grid + rng.uniform(-1.0, 1.0, n) * (2.0 / (n - 1)) / 3.0
    x = np.clip(x, -1.0, 1.0)
    if zero:
        x[np.argmin(np.abs(x))] = 0.0
    return x[rng.permutation(n)]


def polynomial_samples(rng, n, coefs, noise=0.2):
    """x (n,) from :func:`spread_points` and y = sum_p coefs[p] x^p + noise (increasing
    powers)."""
    x = spread_points(rng, n)
    y = np.polynomial.polynomial.polyval(x, coefs) + noise * rng.standard_normal(n)
    return x, y


def cv_errors_polyfit(x, y, degrees, k):
    """The contract's cross-validation errors, by NumPy's ``polyfit``: folds from
    ``np.array_split`` of 0..n-1 (KFold's blocks), the mean over the folds of each fold's
    validation MSE, for each degree of ``degrees``."""
    idx = np.arange(len(x))
    errors = []
    for degree in degrees:
        fold_mse = []
        for val in np.array_split(idx, k):
            train = np.setdiff1d(idx, val)
            coefs = np.polyfit(x[train], y[train], degree)
            fold_mse.append(np.mean((np.polyval(coefs, x[val]) - y[val]) ** 2))
        errors.append(np.mean(fold_mse))
    return np.array(errors)


def degree_problem(rng, n, degrees, k, margin=0.05):
    """x, y (n,) of a noisy cubic (with a quadratic and a linear term), redrawn until the
    smallest cross-validation error over ``degrees`` is below every other by more than
    ``margin`` (relative), so the best degree is unique by a margin."""
    while True:
        coefs = np.array([0.5, -1.0, 0.8, 2.5]) * rng.uniform(0.8, 1.2, 4)
        x, y = polynomial_samples(rng, n, coefs, noise=0.25)
        errors = np.sort(cv_errors_polyfit(x, y, degrees, k))
        if errors[1] > (1.0 + margin) * errors[0]:
            return x, y


# ---------------------------------------------------------------------------- bias and variance


def prediction_ensemble(rng, R, m, noise=0.4):
    """What the bias-variance estimate gets: preds (R, m), the predictions of R models at m
    test points, off the truth by a smooth bias plus a spread of their own; f_true (m,), the
    noiseless target; y_test (R, m), f_true plus noise, a fresh draw for each model."""
    x = np.sort(rng.uniform(-1.0, 1.0, m))
    f_true = true_curve(x)
    bias = 0.3 * np.cos(2.0 * x) - 0.1
    preds = f_true + bias + 0.25 * rng.standard_normal((R, m)) * (1.0 + np.abs(x))
    y_test = f_true + noise * rng.standard_normal((R, m))
    return preds, f_true, y_test
