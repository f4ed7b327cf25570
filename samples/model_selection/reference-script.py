"""Reference solutions for the `model_selection` assignment (hidden: never part of a
student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def train_val_test_split(X, y, perm, n_train, n_val):
    """Split a data set into a training, a validation and a test set, along a permutation.

    The first n_train indices of perm are the training set, the next n_val the validation
    set, and the rest the test set. Each set keeps the order of perm (do not sort the
    indices), and X and y are split alike: row i of X goes with y[i].

    Inputs:
    - X: array of shape (n, d), one sample per row
    - y: array of shape (n,), the targets (floats or integer labels)
    - perm: integer array of shape (n,), a permutation of 0..n-1
    - n_train, n_val: ints with n_train + n_val <= n

    Returns a tuple (X_train, y_train, X_val, y_val, X_test, y_test):
    - X_train: array of shape (n_train, d), the rows X[perm[0]], ..., X[perm[n_train - 1]]
    - y_train: array of shape (n_train,)
    - X_val, y_val: shapes (n_val, d) and (n_val,), the rows perm[n_train:n_train + n_val]
    - X_test, y_test: shapes (n - n_train - n_val, d) and (n - n_train - n_val,), the rest
    """
    train = perm[:n_train]
    val = perm[n_train:n_train + n_val]
    test = perm[n_train + n_val:]
    return X[train], y[train], X[val], y[val], X[test], y[test]


def kfold_indices(n, k):
    """The k folds of k-fold cross-validation on n points, without shuffling.

    Fold j validates on one contiguous block of indices, the blocks in order (fold 0 has the
    first block). When k does not divide n, the first n % k folds have n // k + 1 points and
    the others n // k. The training indices of fold j are all the other indices, in
    increasing order. (This is scikit-learn's KFold(k).split.)

    Inputs:
    - n: int, the number of points
    - k: int, the number of folds, 2 <= k <= n

    Returns a list of k pairs (train_idx, val_idx): integer arrays; val_idx of shape (n // k + 1,)
    for the first n % k folds and (n // k,) for the others, train_idx of shape
    (n - len(val_idx),).
    """
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    stops = np.cumsum(sizes)
    indices = np.arange(n)
    folds = []
    for start, stop in zip(stops - sizes, stops, strict=True):
        val_idx = indices[start:stop]
        train_idx = np.concatenate([indices[:start], indices[stop:]])
        folds.append((train_idx, val_idx))
    return folds


def cross_validate(X, y, k, fit, predict, loss):
    """k-fold cross-validation scores of a model, one per fold.

    With the folds of kfold_indices(len(X), k), fold j's score is

        scores[j] = loss(y[val_j], predict(fit(X[train_j], y[train_j]), X[val_j])).

    Call the functions exactly so: once per fold each, fit on the training rows of the fold
    (in increasing order, X and y alike), predict on its validation rows, and the loss with
    the true values first. The model that fit returns is opaque: only hand it to predict.

    Inputs:
    - X: array of shape (n, d); y: array of shape (n,)
    - k: int, the number of folds, 2 <= k <= n
    - fit: function fit(X_train, y_train) -> a model
    - predict: function predict(model, X) -> predictions, an array of shape (len(X),)
    - loss: function loss(y_true, y_pred) -> float

    Returns scores, an array of shape (k,).
    """
    scores = np.zeros(k)
    for j, (train_idx, val_idx) in enumerate(kfold_indices(len(X), k)):
        model = fit(X[train_idx], y[train_idx])
        scores[j] = loss(y[val_idx], predict(model, X[val_idx]))
    return scores


def polynomial_features(x, degree):
    """The polynomial features of a 1-D input, in increasing powers.

    Column p is x ** p, for p = 0, 1, ..., degree; column 0 is all ones, also where x = 0
    (0^0 = 1). (This is scikit-learn's PolynomialFeatures(degree) on x[:, None].)

    Inputs:
    - x: array of shape (n,)
    - degree: int >= 0

    Returns Phi, an array of shape (n, degree + 1) with Phi[i, p] = x[i] ** p.
    """
    return x[:, None] ** np.arange(degree + 1)


def fit_polynomial(x, y, degree):
    """The least-squares polynomial of a given degree through the points (x, y).

    The coefficients w minimise ||Phi w - y||^2 with Phi = polynomial_features(x, degree):
    the fitted polynomial is w[0] + w[1] x + ... + w[degree] x^degree. Any least-squares
    solver will do (np.linalg.lstsq, a QR factorisation, the normal equations); you are graded
    for degree <= 6 and x in [-1, 1], with more points than coefficients.

    Inputs:
    - x: array of shape (n,); y: array of shape (n,), n > degree
    - degree: int >= 0

    Returns w, an array of shape (degree + 1,), the coefficients in increasing powers.
    """
    Phi = polynomial_features(x, degree)
    return np.linalg.lstsq(Phi, y, rcond=None)[0]


def cv_select_degree(x, y, degrees, k):
    """Choose the degree of a polynomial by k-fold cross-validation.

    For each candidate degree, fit_polynomial on the training points of each fold of
    kfold_indices(len(x), k) (the data in the given order, not shuffled) and compute the mean
    squared error on the fold's validation points. The degree's error is the MEAN OVER THE k
    FOLDS of these per-fold MSEs (not the MSE pooled over all points: the two differ when the
    folds have different sizes). The best degree has the smallest error; on a tie, the one that
    comes first in degrees.

    Inputs:
    - x: array of shape (n,); y: array of shape (n,)
    - degrees: list of candidate degrees (ints >= 0, in any order)
    - k: int, the number of folds

    Returns a tuple (best, errors):
    - best: int, the chosen degree itself (an entry of degrees, not its index)
    - errors: array of shape (len(degrees),), errors[j] the error of degree degrees[j]
    """
    folds = kfold_indices(len(x), k)
    errors = np.zeros(len(degrees))
    for j, degree in enumerate(degrees):
        fold_mse = []
        for train_idx, val_idx in folds:
            w = fit_polynomial(x[train_idx], y[train_idx], degree)
            residual = y[val_idx] - polynomial_features(x[val_idx], degree) @ w
            fold_mse.append(np.mean(residual**2))
        errors[j] = np.mean(fold_mse)
    best = int(degrees[int(np.argmin(errors))])  # argmin: the first of equal errors
    return best, errors


def bias_variance(preds, f_true, y_test):
    """Estimate the bias-variance decomposition of the squared error from resampled fits.

    R models, each trained on its own resampled training set, predict at m test points. With
    f_bar = the mean of preds over the R models (shape (m,)):

        bias2    = mean over points of (f_bar - f_true)^2
        variance = mean over points of the mean over models of (preds - f_bar)^2   (ddof = 0)
        noise    = mean over models and points of (y_test - f_true)^2
        error    = mean over models and points of (y_test - preds)^2

    so that bias2 + variance = the mean of (preds - f_true)^2 exactly, and error is about
    bias2 + variance + noise.

    Inputs:
    - preds: array of shape (R, m), preds[r, i] the prediction of model r at test point i
    - f_true: array of shape (m,), the noiseless target at the test points
    - y_test: array of shape (R, m), noisy targets at the test points: row r is paired with
      model r

    Returns a tuple of four floats (bias2, variance, noise, error).
    """
    f_bar = preds.mean(axis=0)
    bias2 = np.mean((f_bar - f_true) ** 2)
    variance = np.mean((preds - f_bar) ** 2)
    noise = np.mean((y_test - f_true) ** 2)
    error = np.mean((y_test - preds) ** 2)
    return float(bias2), float(variance), float(noise), float(error)


def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """The training and validation losses of a model as the training set grows.

    For each s in sizes (in the given order): fit the model on the first s rows of (X, y),
    then compute its training loss on those s rows and its validation loss on (X_val, y_val):

        model = fit(X[:s], y[:s])
        train_loss[i] = loss(y[:s], predict(model, X[:s]))
        val_loss[i] = loss(y_val, predict(model, X_val))

    Call the functions exactly so: for each size one fit, two predicts and two losses (true
    values first). The model that fit returns is opaque: only hand it to predict.

    Inputs:
    - X: array of shape (n, d); y: array of shape (n,), the training pool
    - X_val: array of shape (n_val, d); y_val: array of shape (n_val,), the validation set
    - sizes: a list or an integer array of training-set sizes, each in 1..n
    - fit, predict, loss: as in cross_validate

    Returns a tuple (train_loss, val_loss) of arrays of shape (len(sizes),).
    """
    train_loss = np.zeros(len(sizes))
    val_loss = np.zeros(len(sizes))
    for i, s in enumerate(sizes):
        model = fit(X[:s], y[:s])
        train_loss[i] = loss(y[:s], predict(model, X[:s]))
        val_loss[i] = loss(y_val, predict(model, X_val))
    return train_loss, val_loss


WRITTEN_ANSWERS = {
    "w1": r"""
Choosing a model (a degree, a regularisation strength, an architecture, a threshold) is itself
a fit: among many candidates we keep the one whose error on some data is smallest, and that
error is then biased low, because the winner was chosen partly for fitting that data's noise.
If the test set does the choosing, its error is no longer an estimate of the error on new data
but an optimistic, selected minimum, and nothing is left to estimate the real performance with
(the more candidates, the larger the optimism). The validation set (or cross-validation on the
training data) makes the choices; the test set is used once, at the end, on the chosen model,
so its error is an unbiased estimate of the error on data the whole procedure never saw.
""",
    "w2": r"""
A polynomial of low degree cannot follow the true curve: whatever training set it gets, its
average fit f_bar stays far from f, so the bias^2 is large while the fits hardly change from one
training set to another (small variance): underfitting. As the degree grows, f_bar can bend to
f and the bias^2 falls, but each fit also bends to its own training set's noise, so the fits
spread out and the variance rises (fast at high degree with few points: overfitting). Their sum
(the expected squared error minus the noise) is U-shaped: the best degree balances the two, and
is what cross-validation estimates. The noise sigma^2 is a floor no model can go below; more
training data lowers the variance of a given degree and moves the best degree up.
""",
    "w3": r"""
A learning curve plots the training and validation losses against the training-set size. The
training loss rises with the size (it is easy to fit a few points) and the validation loss
falls; both approach the model's error on the distribution. High bias (underfitting): the two
curves meet quickly, at a high loss, well above the noise level; more data does not help, a more
flexible model (more features, a higher degree, less regularisation) does. High variance
(overfitting): the training loss is far below the validation loss, and the gap closes only
slowly as the size grows; more data helps, as do a simpler model or more regularisation. A
model that is about right has both curves close together near the noise floor.
""",
}
