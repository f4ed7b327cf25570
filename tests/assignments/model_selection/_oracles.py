"""What only the hidden model_selection checks use: independent oracles, all scikit-learn
(never shipped to students; heavy libraries are imported inside the functions).

- ``KFold``, ``train_test_split`` (without shuffling), ``PolynomialFeatures``;
- ``cross_val_score`` with ``KFold(k)`` and the test's loss as a scorer, for cross_validate;
  KFold's folds, PolynomialFeatures and SciPy's least squares for cv_select_degree;
- ``learning_curve`` with one fixed split and ``shuffle=False``;
- ``mean_squared_error`` for the bias-variance terms;
- ``Ridge``: the model the hidden checks hand to the student's cross_validate and
  learning_curve, as the test's ``fit`` and ``predict``.
"""

import numpy as np


def kfold(n, k):
    """scikit-learn's KFold(k).split of n points: a list of (train_idx, val_idx)."""
    from sklearn.model_selection import KFold

    return list(KFold(n_splits=k).split(np.zeros((n, 1))))


def ridge(alpha):
    """The test's fit and predict around scikit-learn's Ridge(alpha), and an unfitted Ridge
    for the oracles (the same model, fitted by scikit-learn's own procedures)."""
    from sklearn.linear_model import Ridge

    def fit(X, y):
        return Ridge(alpha=alpha).fit(X, y)

    def predict(model, X):
        return model.predict(X)

    return fit, predict, Ridge(alpha=alpha)


def _scorer(loss):
    from sklearn.metrics import make_scorer

    return make_scorer(loss, greater_is_better=False)


def cross_val_losses(estimator, X, y, k, loss):
    """The per-fold losses of cross_val_score with KFold(k), the loss as a scorer (whose sign
    scikit-learn flips: greater is worse)."""
    from sklearn.model_selection import KFold, cross_val_score

    return -cross_val_score(estimator, X, y, cv=KFold(n_splits=k), scoring=_scorer(loss))


def polynomial_cv_errors(x, y, degrees, k):
    """For each degree, the mean over KFold(k)'s folds of the validation MSE of the
    least-squares fit (SciPy's lstsq) on scikit-learn's PolynomialFeatures(degree). (What
    cross_val_score gives for that pipeline, without its per-fold overhead.)"""
    import scipy.linalg
    from sklearn.preprocessing import PolynomialFeatures

    folds = kfold(len(x), k)
    errors = []
    for degree in degrees:
        Phi = PolynomialFeatures(degree).fit_transform(x[:, None])
        errors.append(np.mean([np.mean((Phi[val] @ scipy.linalg.lstsq(Phi[train], y[train])[0]
                                        - y[val]) ** 2) for train, val in folds]))
    return np.array(errors)


def learning_curve_losses(estimator, X, y, X_val, y_val, sizes, loss):
    """scikit-learn's learning_curve with one fixed split (train on X, validate on X_val),
    shuffle=False and the loss as a scorer: (train_loss, val_loss)."""
    from sklearn.model_selection import learning_curve

    n = len(X)
    split = [(np.arange(n), np.arange(n, n + len(X_val)))]
    _, train, val = learning_curve(estimator, np.concatenate([X, X_val]),
                                   np.concatenate([y, y_val]), train_sizes=np.asarray(sizes),
                                   cv=split, scoring=_scorer(loss), shuffle=False)
    return -train[:, 0], -val[:, 0]


def bias_variance_terms(preds, f_true, y_test):
    """(bias2, variance, noise, error) from scikit-learn's mean_squared_error and NumPy's var
    with ddof = 0."""
    from sklearn.metrics import mean_squared_error

    f_bar = np.mean(preds, axis=0)
    return (mean_squared_error(f_true, f_bar), float(np.mean(np.var(preds, axis=0, ddof=0))),
            mean_squared_error(y_test.ravel(), np.tile(f_true, len(y_test))),
            mean_squared_error(y_test.ravel(), preds.ravel()))
