"""The test's fit, predict and loss for cross_validate and learning_curve, and the checks of
how the student's code calls them (public: NumPy only).

The contract fixes the calls as well as the values: once per fold (or per size) each, on
given rows of X and y, in increasing order, the true values first in the loss. A
:class:`Recorder` wraps a fit, a predict and a loss (NumPy ridge regression in the public
checks, scikit-learn's in the hidden ones) and logs every call with the arguments it received:
plain-data copies of what the student's code passed (the grader runs the test's functions, the
student's code gets stand-ins). For each fit the student's code receives a :class:`Fitted`
object, which is not plain data: it holds a reference it can only hand back to predict.
:func:`expect_cv_calls` and :func:`expect_curve_calls` compare the log with the calls the
contract makes: how many, which rows (found by value: the checks' rows are all distinct), in
which order, with which model. Hidden checks say how many rows, public ones also which.

The contract's folds (:func:`contract_folds`, built from their block sizes) and a probe of the
student's own ``kfold_indices`` (:func:`folds_are_wrong`, for :class:`depends_on`) are here too:
cross_validate and cv_select_degree rest on them.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.testing import CheckFailure, StudentCodeError, fail
from autograder.testing.expect import reveals

# ---------------------------------------------------------------------------- the test's functions


def ridge_fit(X, y, alpha=0.5):
    """Ridge regression with an intercept (the intercept not penalised), as scikit-learn's
    Ridge(alpha): the model (w, b) minimising ||X w + b - y||^2 + alpha ||w||^2."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] < 1:
        raise ValueError(f"fit(X, y) takes X of shape (m, d) and y of shape (m,) with m >= 1; "
                         f"got shapes {X.shape} and {y.shape}")
    mx, my = X.mean(axis=0), y.mean()
    Xc = X - mx
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y - my))
    return w, my - mx @ w


def ridge_predict(model, X):
    w, b = model
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != w.shape[0]:
        raise ValueError(f"predict(model, X) takes X of shape (m, {w.shape[0]}); got shape "
                         f"{X.shape}")
    return X @ w + b


def _same_shape(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("loss(y_true, y_pred) takes two non-empty arrays of the same shape "
                         f"(m,); got shapes {y_true.shape} and {y_pred.shape}")
    return y_true, y_pred


def mse(y_true, y_pred):
    """The mean squared error."""
    y_true, y_pred = _same_shape(y_true, y_pred)
    return float(np.mean((y_true - y_pred) ** 2))


def relative_squared_error(y_true, y_pred):
    """1 - R^2: the squared error relative to that of predicting the mean of y_true. Not
    symmetric in its arguments, so a swapped call gives another value."""
    y_true, y_pred = _same_shape(y_true, y_pred)
    return float(np.sum((y_true - y_pred) ** 2) / np.sum((y_true - y_true.mean()) ** 2))


# ---------------------------------------------------------------------------- recording


@dataclass
class Fitted:
    """What the recorded fit returns: the fitted model and which call to fit (0, 1, ...)
    made it."""

    model: Any
    serial: int

    def __repr__(self) -> str:
        return f"<the model of fit call {self.serial}>"


@dataclass
class Call:
    args: tuple
    result: Any


class Recorder:
    """``fit``, ``predict`` and ``loss`` for the student's code, which log their calls in
    ``fits``, ``predicts`` and ``losses``."""

    def __init__(self, fit_fn=ridge_fit, predict_fn=ridge_predict, loss_fn=mse):
        self.fits: list[Call] = []
        self.predicts: list[Call] = []
        self.losses: list[Call] = []

        def fit(X, y):
            fitted = Fitted(fit_fn(X, y), len(self.fits))
            self.fits.append(Call((X, y), fitted))
            return fitted

        def predict(model, X):
            if not isinstance(model, Fitted):
                raise TypeError("predict(model, X) takes, first, a model that fit returned; "
                                f"it was given a {type(model).__name__}")
            out = np.asarray(predict_fn(model.model, X), dtype=float)
            self.predicts.append(Call((model, X), out.copy()))
            return out

        def loss(y_true, y_pred):
            value = float(loss_fn(y_true, y_pred))
            self.losses.append(Call((y_true, y_pred), value))
            return value

        self.fit, self.predict, self.loss = fit, predict, loss


# ---------------------------------------------------------------------------- rows


def rows_in(A, pool):
    """The index in ``pool`` of each row of ``A`` (rows found by value), or None when ``A`` is
    not an array of rows of ``pool``."""
    A, pool = np.asarray(A), np.asarray(pool)
    if A.ndim != pool.ndim or A.shape[1:] != pool.shape[1:] or A.dtype.kind not in "biuf":
        return None
    where = {np.ascontiguousarray(row, dtype=float).tobytes(): i for i, row in enumerate(pool)}
    found = [where.get(np.ascontiguousarray(row, dtype=float).tobytes()) for row in A]
    if any(i is None for i in found):
        return None
    return np.array(found, dtype=int)


def _same(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.array_equal(a, b))


def _ranges(idx) -> str:
    idx = [int(i) for i in idx]
    parts, k = [], 0
    while k < len(idx):
        j = k
        while j + 1 < len(idx) and idx[j + 1] == idx[j] + 1:
            j += 1
        parts.append(str(idx[k]) if j == k else f"{idx[k]}-{idx[j]}")
        k = j + 1
    return ", ".join(parts) if parts else "none"


def rows_text(idx) -> str:
    """``n rows`` (and, in a public check, which ones)."""
    text = f"{len(idx)} row{'s' if len(idx) != 1 else ''}"
    return text + (f" ({_ranges(idx)})" if reveals() and len(idx) else "")


def ordinal(i: int) -> str:
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix}"


def _expect_count(calls, want, name, why):
    if len(calls) != want:
        fail(f"the test's `{name}` was called {len(calls)} time{'s' if len(calls) != 1 else ''};"
             f" it should be called {want} times ({why}). Call the `{name}` you are given, "
             "exactly as the contract says.", "count")


class _prefixed:
    """Failures inside the block start with "In <name>, " (the call the check made)."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if kind is not None and issubclass(kind, CheckFailure):
            raise CheckFailure(f"In {self.name}, {exc}", exc.tags) from None
        return False


def _expect_y(call, y, want, label):
    if not _same(call.args[1], y[want]):
        fail(f"{label} received the right rows of X but not the same rows of y: X[idx] goes "
             "with y[idx].", "formula:y_rows")


# ---------------------------------------------------------------------------- cross-validation


def expect_cv_calls(rec, X, y, folds, name):
    """The calls the contract's cross_validate makes, fold j = 0..k-1 in turn: fit(X[train_j],
    y[train_j]) once, predict(that model, X[val_j]) once, loss(y[val_j], those predictions)
    once (the calls of the three functions may interleave in any way). ``name`` says which
    call of cross_validate this was."""
    with _prefixed(name):
        _cv_calls(rec, X, y, folds)


def _cv_calls(rec, X, y, folds):
    k, n = len(folds), len(X)
    for j, call in enumerate(rec.fits):
        rows = rows_in(call.args[0], X)
        if rows is not None and len(rows) == n:
            fail(f"the {ordinal(j + 1)} call to fit received all {n} rows of X: the model is "
                 "then evaluated on rows it was fitted on. Fit each fold on its training rows "
                 "only.", "formula:leak")
    _expect_count(rec.fits, k, "fit", f"once per fold, k = {k}")
    for j, (call, (train, val)) in enumerate(zip(rec.fits, folds, strict=True)):
        label = f"the {ordinal(j + 1)} call to fit (fold {j})"
        rows = rows_in(call.args[0], X)
        if rows is None:
            fail(f"{label} received an X that is not made of rows of X: pass X[train_idx].",
                 "value")
        if not _same(rows, train):
            if np.isin(val, rows).any():
                fail(f"{label} received rows of the fold's validation block: a fold's model "
                     "must not be fitted on the rows it is evaluated on.", "formula:leak")
            if len(rows) == len(train) and _same(np.sort(rows), train):
                fail(f"{label} received the fold's training rows, but not in increasing order: "
                     "train_idx lists the other indices in increasing order.", "order")
            fail(f"{label} received {rows_text(rows)} of X; fold {j} trains on "
                 f"{rows_text(train)} (see kfold_indices).", "value")
        _expect_y(call, y, train, label)
    _expect_count(rec.predicts, k, "predict", f"once per fold, k = {k}")
    for j, (call, (train, val)) in enumerate(zip(rec.predicts, folds, strict=True)):
        label = f"the {ordinal(j + 1)} call to predict (fold {j})"
        model, rows = call.args[0], rows_in(call.args[1], X)
        if model.serial != j:
            fail(f"{label} received the model of the {ordinal(model.serial + 1)} call to fit: "
                 "predict each fold's validation rows with the model fitted on that fold.",
                 "formula:model")
        if rows is not None and _same(rows, val):
            continue
        if rows is not None and _same(np.sort(rows), train):
            fail(f"{label} received the fold's training rows: a fold's score is computed on "
                 "its validation rows X[val_idx].", "formula:train_rows")
        fail(f"{label} received {rows_text(rows) if rows is not None else 'rows not of X'}; "
             f"fold {j} validates on {rows_text(val)}.", "value")
    _expect_count(rec.losses, k, "loss", f"once per fold, k = {k}")
    for j, (call, (_, val), pred) in enumerate(zip(rec.losses, folds, rec.predicts,
                                                   strict=True)):
        label = f"the {ordinal(j + 1)} call to loss (fold {j})"
        y_true, y_pred = call.args
        if _same(y_true, y[val]) and _same(y_pred, pred.result):
            continue
        if _same(y_true, pred.result) and _same(y_pred, y[val]):
            fail(f"{label} received the predictions first and the true values second: the "
                 "contract calls loss(y_true, y_pred), the true values first (a loss need not "
                 "be symmetric).", "formula:swapped")
        if not _same(y_pred, pred.result):
            fail(f"{label} was not given, as y_pred, the predictions of the fold's call to "
                 "predict.", "value")
        fail(f"{label} was not given, as y_true, the fold's validation targets y[val_idx].",
             "value")


# ---------------------------------------------------------------------------- learning curves


def expect_curve_calls(rec, X, y, X_val, y_val, sizes, name):
    """The calls the contract's learning_curve makes, for each size s in turn: fit(X[:s],
    y[:s]) once; predict(that model, X[:s]) and predict(that model, X_val) once each;
    loss(y[:s], the first predictions) and loss(y_val, the second) once each. ``name`` says
    which call of learning_curve this was."""
    with _prefixed(name):
        _curve_calls(rec, X, y, X_val, y_val, sizes)


def _curve_calls(rec, X, y, X_val, y_val, sizes):
    n, S = len(X), len(sizes)
    pool = np.concatenate([X, X_val])
    val_rows = np.arange(n, n + len(X_val))
    _expect_count(rec.fits, S, "fit", f"once per size, {S} sizes")
    for i, (call, s) in enumerate(zip(rec.fits, sizes, strict=True)):
        s = int(s)
        label = f"the {ordinal(i + 1)} call to fit (size {s})"
        rows, want = rows_in(call.args[0], pool), np.arange(s)
        if rows is None:
            fail(f"{label} received an X that is not made of rows of X: pass X[:s].", "value")
        if _same(rows, want):
            _expect_y(call, y, want, label)
            continue
        if np.isin(val_rows, rows).any():
            fail(f"{label} received rows of the validation set: the model of size s is fitted "
                 "on the first s rows of X only.", "formula:leak")
        if len(rows) == s and _same(np.sort(rows), want):
            fail(f"{label} received the first {s} rows, but not in their order: pass X[:s].",
                 "order")
        if len(rows) == s:
            fail(f"{label} received {s} rows of X, but not the first {s}: the curve fits on "
                 "X[:s], the first s rows (not a random subset, no shuffling).",
                 "formula:subset")
        if len(rows) == n and s < n:
            fail(f"{label} received all {n} rows of X: the model of size s is fitted on the "
                 "first s rows only.", "formula:pool")
        if abs(len(rows) - s) == 1 and _same(rows, np.arange(len(rows))):
            fail(f"{label} received the first {len(rows)} rows of X, not the first {s}: an "
                 "off-by-one in X[:s].", "formula:off_by_one")
        fail(f"{label} received {rows_text(rows)} of X; it should receive the first {s} "
             "(X[:s]).", "value")
    _expect_count(rec.predicts, 2 * S, "predict",
                  f"twice per size, on X[:s] and on X_val; {S} sizes")
    expected = []  # (y_true, y_pred) of every loss call the contract makes
    for i, s in enumerate(int(s) for s in sizes):
        calls = [c for c in rec.predicts if c.args[0].serial == i]
        on = [rows_in(c.args[1], pool) for c in calls]
        train = [c for c, r in zip(calls, on, strict=True) if r is not None
                 and _same(r, np.arange(s))]
        val = [c for c, r in zip(calls, on, strict=True) if r is not None
               and _same(r, val_rows)]
        label = f"for size {s} (the model of the {ordinal(i + 1)} call to fit)"
        if len(calls) == 2 and train and val:
            expected += [(y[:s], train[0].result), (y_val, val[0].result)]
            continue
        if not train and len(val) >= 2:
            fail(f"{label}, predict was called on X_val twice and never on X[:s]: the training "
                 "loss is the loss on the s rows the model was fitted on, not on the validation "
                 "set.", "formula:train_on_val")
        if not train and any(r is not None and _same(r, np.arange(n)) for r in on) and s < n:
            fail(f"{label}, the training loss was computed on all {n} rows of X: it is the "
                 "loss on the s rows the model was fitted on (X[:s]).", "formula:pool")
        if not train:
            fail(f"{label}, predict was never called on X[:s], the rows the model was fitted "
                 "on (the training loss).", "value")
        if not val:
            fail(f"{label}, predict was never called on X_val (the validation loss).", "value")
        fail(f"{label}, predict was called {len(calls)} times; the contract calls it twice "
             "(on X[:s] and on X_val).", "count")
    _expect_count(rec.losses, 2 * S, "loss",
                  f"twice per size, the training and the validation loss; {S} sizes")
    for j, call in enumerate(rec.losses):
        y_true, y_pred = call.args
        match = next((m for m, e in enumerate(expected)
                      if _same(y_true, e[0]) and _same(y_pred, e[1])), None)
        if match is not None:
            del expected[match]
            continue
        label = f"the {ordinal(j + 1)} call to loss"
        if any(_same(y_true, e[1]) and _same(y_pred, e[0]) for e in expected):
            fail(f"{label} received the predictions first and the true values second: the "
                 "contract calls loss(y_true, y_pred), the true values first (a loss need not "
                 "be symmetric).", "formula:swapped")
        fail(f"{label} received arguments that are neither (y[:s], the predictions on X[:s]) "
             "nor (y_val, the predictions on X_val) of one size.", "value")


# ---------------------------------------------------------------------------- folds


def fold_blocks(n, sizes):
    """The folds of n points whose validation blocks have the given sizes, in order (sizes
    summing to n or less: the points past the last block are in no validation block): a
    list of (train_idx, val_idx), train_idx the other points in increasing order."""
    idx = np.arange(n)
    stops = np.cumsum(sizes).astype(int)
    return [(np.concatenate([idx[:stop - size], idx[stop:]]), idx[stop - size:stop])
            for size, stop in zip(sizes, stops, strict=True)]


def contract_folds(n, k):
    """The contract's k folds of n points: the first n % k blocks have n // k + 1 points,
    the others n // k."""
    return fold_blocks(n, [n // k + (j < n % k) for j in range(k)])


# ---------------------------------------------------------------------------- dependencies


class depends_on:
    """A block of checks of a function that uses the student's own earlier functions: when the
    block fails and one of ``probes`` (``(question, function name, thunk)``; the thunk calls
    the earlier function on inputs of the block and returns True when its answer is wrong)
    finds a wrong earlier function, the failure also says to fix that question first (tag
    ``depends:qN``)."""

    def __init__(self, fn, probes):
        self.fn, self.probes = fn, probes

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if kind is None or not issubclass(kind, CheckFailure):
            return False
        for question, name, wrong in self.probes:
            try:
                bad = wrong()
            except StudentCodeError:
                bad = False  # not implemented, or broken: the student may not use it here
            if bad:
                raise CheckFailure(f"{exc} Your `{name}` is wrong on these inputs too (see "
                                   f"{question}), and {self.fn} uses its answers: fix "
                                   f"{question} first.", (*exc.tags, f"depends:{question}"))
        return False


def folds_are_wrong(sub, n, k):
    """A probe for :class:`depends_on`: the student's kfold_indices(n, k) is not the
    contract's."""
    got = sub.kfold_indices(n, k)
    want = contract_folds(n, k)
    try:
        return not all(np.array_equal(a, b) and np.shape(a) == np.shape(b)
                       for pair, w in zip(got, want, strict=True)
                       for a, b in zip(pair, w, strict=True))
    except (TypeError, ValueError):
        return True
