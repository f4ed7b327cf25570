"""Other correct ways to write the model_selection functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.linalg

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1


@variant("q1", id="train_val_test_split-naive")
def train_val_test_split(X, y, perm, n_train, n_val):
    """Lists of rows filled by a loop over perm, stacked at the end."""
    parts = [([], []), ([], []), ([], [])]
    for position, i in enumerate(perm):
        part = 0 if position < n_train else 1 if position < n_train + n_val else 2
        parts[part][0].append(X[i])
        parts[part][1].append(y[i])
    out = []
    for rows, targets in parts:
        out.append(np.array(rows).reshape(len(rows), X.shape[1]))
        out.append(np.array(targets, dtype=y.dtype))
    return tuple(out)


@variant("q1")
def train_val_test_split(X, y, perm, n_train, n_val):
    """np.split of perm at the two cut points, then np.take."""
    train, val, test = np.split(perm, [n_train, n_train + n_val])
    return (np.take(X, train, axis=0), np.take(y, train), np.take(X, val, axis=0),
            np.take(y, val), np.take(X, test, axis=0), np.take(y, test))


@variant("q1")
def train_val_test_split(X, y, perm, n_train, n_val):
    """Permute once, then slice."""
    Xp, yp = X[perm], y[perm]
    cut = n_train + n_val
    return Xp[:n_train], yp[:n_train], Xp[n_train:cut], yp[n_train:cut], Xp[cut:], yp[cut:]


# ---------------------------------------------------------------------------- q2


@variant("q2", id="kfold_indices-naive")
def kfold_indices(n, k):
    """Plain loops over the indices, the block bounds counted by hand."""
    folds = []
    start = 0
    for j in range(k):
        size = n // k + (1 if j < n % k else 0)
        val = [i for i in range(start, start + size)]
        train = [i for i in range(n) if i < start or i >= start + size]
        folds.append((np.array(train, dtype=int), np.array(val, dtype=int)))
        start += size
    return folds


@variant("q2")
def kfold_indices(n, k):
    """np.array_split, whose first n % k pieces are one longer, and np.setdiff1d."""
    idx = np.arange(n)
    return [(np.setdiff1d(idx, val), val) for val in np.array_split(idx, k)]


@variant("q2")
def kfold_indices(n, k):
    """A boolean mask per fold."""
    bounds = np.concatenate([[0], np.cumsum([n // k + (j < n % k) for j in range(k)])])
    idx = np.arange(n)
    folds = []
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        mask = (idx >= start) & (idx < stop)
        folds.append((idx[~mask], idx[mask]))
    return folds


# ---------------------------------------------------------------------------- q3


@variant("q3", id="cross_validate-naive")
def cross_validate(X, y, k, fit, predict, loss):
    """Its own folds, a list of scores."""
    n = len(X)
    scores = []
    start = 0
    for j in range(k):
        size = n // k + (1 if j < n % k else 0)
        val = list(range(start, start + size))
        train = [i for i in range(n) if i not in val]
        model = fit(X[train], y[train])
        scores.append(loss(y[val], predict(model, X[val])))
        start += size
    return np.array(scores)


@variant("q3")
def cross_validate(X, y, k, fit, predict, loss):
    """Every model first, then every prediction, then every loss."""
    folds = kfold_indices(len(X), k)
    models = [fit(X[train], y[train]) for train, _ in folds]
    preds = [predict(m, X[val]) for m, (_, val) in zip(models, folds, strict=True)]
    return np.array([loss(y[val], p) for p, (_, val) in zip(preds, folds, strict=True)])


# ---------------------------------------------------------------------------- q4


@variant("q4", id="polynomial_features-naive")
def polynomial_features(x, degree):
    """Loops, each power a running product."""
    Phi = np.zeros((len(x), degree + 1))
    for i in range(len(x)):
        value = 1.0
        for p in range(degree + 1):
            Phi[i, p] = value
            value *= x[i]
    return Phi


@variant("q4")
def polynomial_features(x, degree):
    """np.vander with increasing powers."""
    return np.vander(x, degree + 1, increasing=True)


@variant("q4")
def polynomial_features(x, degree):
    """A cumulative product of columns [1, x, x, ..., x]."""
    columns = np.column_stack([np.ones_like(x)] + [x] * degree)
    return np.cumprod(columns, axis=1)


# ---------------------------------------------------------------------------- q5


@variant("q5", id="fit_polynomial-naive")
def fit_polynomial(x, y, degree):
    """The normal equations built with loops, solved with np.linalg.solve."""
    m = degree + 1
    A = np.zeros((m, m))
    b = np.zeros(m)
    for i in range(len(x)):
        for p in range(m):
            b[p] += x[i] ** p * y[i]
            for q in range(m):
                A[p, q] += x[i] ** (p + q)
    return np.linalg.solve(A, b)


@variant("q5")
def fit_polynomial(x, y, degree):
    """A QR factorisation of the features (SciPy), then a triangular solve."""
    Phi = polynomial_features(x, degree)
    Q, R = scipy.linalg.qr(Phi, mode="economic")
    return scipy.linalg.solve_triangular(R, Q.T @ y)


@variant("q5")
def fit_polynomial(x, y, degree):
    """NumPy's polyfit, reversed to increasing powers."""
    return np.polyfit(x, y, degree)[::-1]


@variant("q5")
def fit_polynomial(x, y, degree):
    """numpy.polynomial's least-squares fit (already in increasing powers)."""
    return np.polynomial.polynomial.polyfit(x, y, degree)


@variant("q5")
def fit_polynomial(x, y, degree):
    """The pseudo-inverse of the features."""
    return np.linalg.pinv(polynomial_features(x, degree)) @ y


# ---------------------------------------------------------------------------- q6


@variant("q6", id="cv_select_degree-naive")
def cv_select_degree(x, y, degrees, k):
    """Loops, a running minimum with a strict <."""
    errors = []
    for degree in degrees:
        total = 0.0
        for train, val in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            sse = 0.0
            for i in val:
                pred = sum(w[p] * x[i] ** p for p in range(degree + 1))
                sse += (y[i] - pred) ** 2
            total += sse / len(val)
        errors.append(total / k)
    best, best_error = degrees[0], errors[0]
    for degree, error in zip(degrees, errors, strict=True):
        if error < best_error:
            best, best_error = degree, error
    return best, np.array(errors)


@variant("q6")
def cv_select_degree(x, y, degrees, k):
    """Through the student's own cross_validate, with fit, predict and loss of its own."""
    def mse(y_true, y_pred):
        return float(np.mean((y_true - y_pred) ** 2))

    errors = np.array([
        np.mean(cross_validate(x, y, k, lambda xt, yt, d=d: fit_polynomial(xt, yt, d),
                               lambda w, xv: polynomial_features(xv, len(w) - 1) @ w, mse))
        for d in degrees])
    return int(np.asarray(degrees)[np.argmin(errors)]), errors


# ---------------------------------------------------------------------------- q7


@variant("q7", id="bias_variance-naive")
def bias_variance(preds, f_true, y_test):
    """Loops, with math.fsum."""
    R, m = preds.shape
    f_bar = [math.fsum(preds[r, i] for r in range(R)) / R for i in range(m)]
    bias2 = math.fsum((f_bar[i] - f_true[i]) ** 2 for i in range(m)) / m
    variance = math.fsum((preds[r, i] - f_bar[i]) ** 2 for r in range(R) for i in range(m))
    noise = math.fsum((y_test[r, i] - f_true[i]) ** 2 for r in range(R) for i in range(m))
    error = math.fsum((y_test[r, i] - preds[r, i]) ** 2 for r in range(R) for i in range(m))
    return bias2, variance / (R * m), noise / (R * m), error / (R * m)


@variant("q7")
def bias_variance(preds, f_true, y_test):
    """np.var with its default ddof = 0, and the variance as E[p^2] - f_bar^2."""
    f_bar = preds.mean(axis=0)
    variance = np.mean(np.mean(preds**2, axis=0) - f_bar**2)
    return (float(np.mean((f_bar - f_true) ** 2)), float(variance),
            float(np.var(y_test - f_true, axis=None) + np.mean(y_test - f_true) ** 2),
            float(np.mean(np.square(y_test - preds))))


# ---------------------------------------------------------------------------- q8


@variant("q8", id="learning_curve-naive")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Lists, the validation loss computed before the training loss."""
    train_loss, val_loss = [], []
    for s in list(sizes):
        model = fit(X[:s], y[:s])
        val_loss.append(loss(y_val, predict(model, X_val)))
        train_loss.append(loss(y[:s], predict(model, X[:s])))
    return np.array(train_loss, dtype=float), np.array(val_loss, dtype=float)


@variant("q8")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Models first, then all predictions, then the losses."""
    models = [fit(X[:s], y[:s]) for s in sizes]
    train = [loss(y[:s], predict(m, X[:s])) for m, s in zip(models, sizes, strict=True)]
    val = [loss(y_val, predict(m, X_val)) for m in models]
    return np.array(train), np.array(val)
