"""Common mistakes in the model_selection assignment, one per entry (see
autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 split


@mistake("q1", cause="formula:no_perm", sample=True)
def train_val_test_split(X, y, perm, n_train, n_val):
    """Slices X and y in their original order and never uses perm."""
    cut = n_train + n_val
    return X[:n_train], y[:n_train], X[n_train:cut], y[n_train:cut], X[cut:], y[cut:]


@mistake("q1", cause="formula:sorted")
def train_val_test_split(X, y, perm, n_train, n_val):
    """Sorts each set's indices, so the rows come in index order instead of perm's."""
    cut = n_train + n_val
    parts = [np.sort(perm[:n_train]), np.sort(perm[n_train:cut]), np.sort(perm[cut:])]
    return X[parts[0]], y[parts[0]], X[parts[1]], y[parts[1]], X[parts[2]], y[parts[2]]


@mistake("q1", cause="formula:val_slice")
def train_val_test_split(X, y, perm, n_train, n_val):
    """Takes the validation set as perm[n_train:n_val], an end that is a size, not a
    position."""
    train, val, test = perm[:n_train], perm[n_train:n_val], perm[n_train + n_val:]
    return X[train], y[train], X[val], y[val], X[test], y[test]


@mistake("q1", cause="formula:test_overlap")
def train_val_test_split(X, y, perm, n_train, n_val):
    """Starts the test set right after the training set, so it holds the validation rows."""
    train, val, test = perm[:n_train], perm[n_train:n_train + n_val], perm[n_train:]
    return X[train], y[train], X[val], y[val], X[test], y[test]


@mistake("q1", cause="formula:y_unpermuted")
def train_val_test_split(X, y, perm, n_train, n_val):
    """Permutes the rows of X but slices y by position."""
    cut = n_train + n_val
    train, val, test = perm[:n_train], perm[n_train:cut], perm[cut:]
    return X[train], y[:n_train], X[val], y[n_train:cut], X[test], y[cut:]


@mistake("q1", cause="outputs")
def train_val_test_split(X, y, perm, n_train, n_val):
    """Returns the X parts first, then the y parts."""
    cut = n_train + n_val
    train, val, test = perm[:n_train], perm[n_train:cut], perm[cut:]
    return X[train], X[val], X[test], y[train], y[val], y[test]


# ---------------------------------------------------------------------------- q2 k-fold


@mistake("q2", cause="formula:last", sample=True)
def kfold_indices(n, k):
    """Gives the extra points of n % k to the last folds instead of the first."""
    sizes = [n // k + (j >= k - n % k) for j in range(k)]
    folds, start = [], 0
    for size in sizes:
        val = np.arange(start, start + size)
        folds.append((np.setdiff1d(np.arange(n), val), val))
        start += size
    return folds


@mistake("q2", cause="formula:remainder_last")
def kfold_indices(n, k):
    """Cuts blocks of n // k points and lets the last fold take the whole remainder."""
    size = n // k
    folds = []
    for j in range(k):
        stop = n if j == k - 1 else (j + 1) * size
        val = np.arange(j * size, stop)
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds


@mistake("q2", cause="formula:ceil")
def kfold_indices(n, k):
    """Cuts blocks of ceil(n / k) points, which leaves the last fold short."""
    size = int(np.ceil(n / k))
    folds = []
    for j in range(k):
        val = np.arange(j * size, min((j + 1) * size, n))
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds


@mistake("q2", cause="order")
def kfold_indices(n, k):
    """Lists the training indices after the block before those before it."""
    idx = np.arange(n)
    folds = []
    for val in np.array_split(idx, k):
        train = np.concatenate([idx[val[-1] + 1:], idx[:val[0]]])
        folds.append((train, val))
    return folds


@mistake("q2", cause="formula:shuffled")
def kfold_indices(n, k):
    """Shuffles the indices before cutting them into folds."""
    idx = np.random.default_rng(0).permutation(n)
    folds = []
    for val in np.array_split(idx, k):
        folds.append((np.setdiff1d(idx, val), val))
    return folds


@mistake("q2", cause="formula:swapped")
def kfold_indices(n, k):
    """Returns each pair as (val_idx, train_idx)."""
    idx = np.arange(n)
    return [(val, np.setdiff1d(idx, val)) for val in np.array_split(idx, k)]


@mistake("q2", cause="dtype")
def kfold_indices(n, k):
    """Computes the block boundaries with true division, so the indices are floats."""
    bounds = np.linspace(0, n, k + 1)
    sizes = np.diff(np.floor(bounds))
    sizes = np.sort(sizes)[::-1]
    folds, start = [], 0.0
    for size in sizes:
        val = np.arange(start, start + size)
        folds.append((np.setdiff1d(np.arange(float(n)), val), val))
        start += size
    return folds


# ---------------------------------------------------------------------------- q3 cross-validation


@mistake("q3", cause="formula:leak", sample=True)
def cross_validate(X, y, k, fit, predict, loss):
    """Fits one model on all the data and scores it on each fold."""
    model = fit(X, y)
    scores = []
    for _, val in kfold_indices(len(X), k):
        scores.append(loss(y[val], predict(model, X[val])))
    return np.array(scores)


@mistake("q3", cause="formula:swapped")
def cross_validate(X, y, k, fit, predict, loss):
    """Calls the loss with the predictions first."""
    scores = np.zeros(k)
    for j, (train, val) in enumerate(kfold_indices(len(X), k)):
        model = fit(X[train], y[train])
        scores[j] = loss(predict(model, X[val]), y[val])
    return scores


@mistake("q3", cause="formula:train_rows")
def cross_validate(X, y, k, fit, predict, loss):
    """Scores each fold's model on its own training rows."""
    scores = np.zeros(k)
    for j, (train, _) in enumerate(kfold_indices(len(X), k)):
        model = fit(X[train], y[train])
        scores[j] = loss(y[train], predict(model, X[train]))
    return scores


@mistake("q3", cause="order")
def cross_validate(X, y, k, fit, predict, loss):
    """Builds each fold's training rows as the rows after the block, then those before it."""
    idx = np.arange(len(X))
    scores = np.zeros(k)
    for j, val in enumerate(np.array_split(idx, k)):
        train = np.concatenate([idx[val[-1] + 1:], idx[:val[0]]])
        model = fit(X[train], y[train])
        scores[j] = loss(y[val], predict(model, X[val]))
    return scores


@mistake("q3", cause="count")
def cross_validate(X, y, k, fit, predict, loss):
    """Also computes each fold's training loss (an extra predict and loss per fold)."""
    scores, train_scores = np.zeros(k), np.zeros(k)
    for j, (train, val) in enumerate(kfold_indices(len(X), k)):
        model = fit(X[train], y[train])
        train_scores[j] = loss(y[train], predict(model, X[train]))
        scores[j] = loss(y[val], predict(model, X[val]))
    return scores


@mistake("q3", cause="formula:model")
def cross_validate(X, y, k, fit, predict, loss):
    """Fits every fold first, then predicts every fold with the last model fitted."""
    folds = kfold_indices(len(X), k)
    for train, _ in folds:
        model = fit(X[train], y[train])
    return np.array([loss(y[val], predict(model, X[val])) for _, val in folds])


@mistake("q3", cause="shape")
def cross_validate(X, y, k, fit, predict, loss):
    """Returns the mean score instead of one score per fold."""
    scores = []
    for train, val in kfold_indices(len(X), k):
        model = fit(X[train], y[train])
        scores.append(loss(y[val], predict(model, X[val])))
    return np.array([np.mean(scores)])


@mistake("q3", cause="factor:1/k")
def cross_validate(X, y, k, fit, predict, loss):
    """Divides each fold's score by k, as if accumulating a mean."""
    scores = np.zeros(k)
    for j, (train, val) in enumerate(kfold_indices(len(X), k)):
        model = fit(X[train], y[train])
        scores[j] = loss(y[val], predict(model, X[val])) / k
    return scores


# ---------------------------------------------------------------------------- q4 features


@mistake("q4", cause="formula:decreasing", sample=True)
def polynomial_features(x, degree):
    """Uses np.vander's default order, decreasing powers."""
    return np.vander(x, degree + 1)


@mistake("q4", cause="formula:no_ones")
def polynomial_features(x, degree):
    """Starts the powers at 1, without the constant column."""
    return x[:, None] ** np.arange(1, degree + 1)


@mistake("q4", cause="formula:one_short")
def polynomial_features(x, degree):
    """Takes the powers range(degree), one column short."""
    return x[:, None] ** np.arange(degree)


@mistake("q4", cause="not_finite")
def polynomial_features(x, degree):
    """Computes the powers as exp(p log|x|) with the sign apart, which is NaN at x = 0."""
    p = np.arange(degree + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.exp(p * np.log(np.abs(x))[:, None])
    return magnitude * np.sign(x)[:, None] ** p


@mistake("q4", cause="transpose")
def polynomial_features(x, degree):
    """Stacks the powers as the rows of an array, one row per power: the transpose."""
    return np.array([x**p for p in range(degree + 1)])


# ---------------------------------------------------------------------------- q5 fit


@mistake("q5", cause="formula:decreasing", sample=True)
def fit_polynomial(x, y, degree):
    """Returns np.polyfit's coefficients as they come, in decreasing powers."""
    return np.polyfit(x, y, degree)


@mistake("q5", cause="shape")
def fit_polynomial(x, y, degree):
    """Fits a polynomial of degree - 1 (one coefficient short)."""
    Phi = x[:, None] ** np.arange(degree)
    return np.linalg.lstsq(Phi, y, rcond=None)[0]


@mistake("q5", cause="formula:swapped")
def fit_polynomial(x, y, degree):
    """Swaps the arguments of polyfit, fitting x as a polynomial of y."""
    return np.polyfit(y, x, degree)[::-1]


@mistake("q5", cause="formula:interpolate")
def fit_polynomial(x, y, degree):
    """Solves the square system of the first degree + 1 points: interpolation, not least
    squares."""
    Phi = polynomial_features(x, degree)
    return np.linalg.solve(Phi[: degree + 1], y[: degree + 1])


@mistake("q5", cause="dtype")
def fit_polynomial(x, y, degree):
    """Solves the normal equations in float32 to save memory."""
    Phi = polynomial_features(x, degree).astype(np.float32)
    return np.linalg.solve(Phi.T @ Phi, Phi.T @ y.astype(np.float32))


# ---------------------------------------------------------------------------- q6 degree selection


@mistake("q6", cause="formula:pooled", sample=True)
def cv_select_degree(x, y, degrees, k):
    """Pools the squared errors of all validation points and divides by n."""
    errors = np.zeros(len(degrees))
    for j, degree in enumerate(degrees):
        sse = 0.0
        for train, val in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            sse += np.sum((y[val] - polynomial_features(x[val], degree) @ w) ** 2)
        errors[j] = sse / len(x)
    return int(degrees[int(np.argmin(errors))]), errors


@mistake("q6", cause="formula:index")
def cv_select_degree(x, y, degrees, k):
    """Returns the position of the best degree in degrees instead of the degree."""
    errors = np.zeros(len(degrees))
    for j, degree in enumerate(degrees):
        fold = []
        for train, val in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            fold.append(np.mean((y[val] - polynomial_features(x[val], degree) @ w) ** 2))
        errors[j] = np.mean(fold)
    return int(np.argmin(errors)), errors


@mistake("q6", cause="tie")
def cv_select_degree(x, y, degrees, k):
    """Keeps the last of equal errors (a <= in the running minimum)."""
    errors = np.zeros(len(degrees))
    best, best_error = None, np.inf
    for j, degree in enumerate(degrees):
        fold = []
        for train, val in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            fold.append(np.mean((y[val] - polynomial_features(x[val], degree) @ w) ** 2))
        errors[j] = np.mean(fold)
        if errors[j] <= best_error:
            best, best_error = degree, errors[j]
    return int(best), errors


@mistake("q6", cause="formula:sorted")
def cv_select_degree(x, y, degrees, k):
    """Sorts the candidate degrees first, so the errors come in increasing degree."""
    degrees = sorted(degrees)
    errors = np.zeros(len(degrees))
    for j, degree in enumerate(degrees):
        fold = []
        for train, val in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            fold.append(np.mean((y[val] - polynomial_features(x[val], degree) @ w) ** 2))
        errors[j] = np.mean(fold)
    return int(degrees[int(np.argmin(errors))]), errors


@mistake("q6", cause="formula:train")
def cv_select_degree(x, y, degrees, k):
    """Measures each fold's error on its training points."""
    errors = np.zeros(len(degrees))
    for j, degree in enumerate(degrees):
        fold = []
        for train, _ in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            fold.append(np.mean((y[train] - polynomial_features(x[train], degree) @ w) ** 2))
        errors[j] = np.mean(fold)
    return int(degrees[int(np.argmin(errors))]), errors


@mistake("q6", cause="factor:k")
def cv_select_degree(x, y, degrees, k):
    """Sums the per-fold MSEs instead of averaging them."""
    errors = np.zeros(len(degrees))
    for j, degree in enumerate(degrees):
        for train, val in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            errors[j] += np.mean((y[val] - polynomial_features(x[val], degree) @ w) ** 2)
    return int(degrees[int(np.argmin(errors))]), errors


@mistake("q6", cause="formula:rmse")
def cv_select_degree(x, y, degrees, k):
    """Averages the per-fold root mean squared errors."""
    errors = np.zeros(len(degrees))
    for j, degree in enumerate(degrees):
        fold = []
        for train, val in kfold_indices(len(x), k):
            w = fit_polynomial(x[train], y[train], degree)
            fold.append(np.sqrt(np.mean((y[val] - polynomial_features(x[val], degree) @ w)
                                        ** 2)))
        errors[j] = np.mean(fold)
    return int(degrees[int(np.argmin(errors))]), errors


# ---------------------------------------------------------------------------- q7 bias-variance


@mistake("q7", cause="factor:R/(R-1)", sample=True)
def bias_variance(preds, f_true, y_test):
    """Computes the variance with ddof = 1."""
    f_bar = preds.mean(axis=0)
    return (float(np.mean((f_bar - f_true) ** 2)), float(np.mean(np.var(preds, axis=0, ddof=1))),
            float(np.mean((y_test - f_true) ** 2)), float(np.mean((y_test - preds) ** 2)))


@mistake("q7", cause="formula:per_model")
def bias_variance(preds, f_true, y_test):
    """Computes the squared bias of each model and averages it, instead of the bias of the
    mean prediction."""
    f_bar = preds.mean(axis=0)
    return (float(np.mean((preds - f_true) ** 2)), float(np.mean((preds - f_bar) ** 2)),
            float(np.mean((y_test - f_true) ** 2)), float(np.mean((y_test - preds) ** 2)))


@mistake("q7", cause="formula:square_of_mean")
def bias_variance(preds, f_true, y_test):
    """Squares the mean bias instead of averaging the squared bias of each point."""
    f_bar = preds.mean(axis=0)
    return (float(np.mean(f_bar - f_true) ** 2), float(np.mean((preds - f_bar) ** 2)),
            float(np.mean((y_test - f_true) ** 2)), float(np.mean((y_test - preds) ** 2)))


@mistake("q7", cause="formula:axis")
def bias_variance(preds, f_true, y_test):
    """Takes the variance of each model across the test points (axis=1)."""
    f_bar = preds.mean(axis=0)
    return (float(np.mean((f_bar - f_true) ** 2)), float(np.mean(np.var(preds, axis=1))),
            float(np.mean((y_test - f_true) ** 2)), float(np.mean((y_test - preds) ** 2)))


@mistake("q7", cause="formula:f_bar")
def bias_variance(preds, f_true, y_test):
    """Measures the error of the mean prediction instead of each model's."""
    f_bar = preds.mean(axis=0)
    return (float(np.mean((f_bar - f_true) ** 2)), float(np.mean((preds - f_bar) ** 2)),
            float(np.mean((y_test - f_true) ** 2)), float(np.mean((y_test - f_bar) ** 2)))


@mistake("q7", cause="formula:sum")
def bias_variance(preds, f_true, y_test):
    """Returns bias2 + variance + noise as the error instead of measuring it."""
    f_bar = preds.mean(axis=0)
    bias2 = float(np.mean((f_bar - f_true) ** 2))
    variance = float(np.mean((preds - f_bar) ** 2))
    noise = float(np.mean((y_test - f_true) ** 2))
    return bias2, variance, noise, bias2 + variance + noise


@mistake("q7", cause="formula:std")
def bias_variance(preds, f_true, y_test):
    """Uses the standard deviation of the predictions as their variance."""
    f_bar = preds.mean(axis=0)
    return (float(np.mean((f_bar - f_true) ** 2)), float(np.mean(np.std(preds, axis=0))),
            float(np.mean((y_test - f_true) ** 2)), float(np.mean((y_test - preds) ** 2)))


# ---------------------------------------------------------------------------- q8 learning curves


@mistake("q8", cause="formula:subset", sample=True)
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Fits each size on a random subset of s rows instead of the first s."""
    rng = np.random.default_rng(0)
    train_loss, val_loss = [], []
    for s in sizes:
        rows = rng.choice(len(X), size=s, replace=False)
        model = fit(X[rows], y[rows])
        train_loss.append(loss(y[rows], predict(model, X[rows])))
        val_loss.append(loss(y_val, predict(model, X_val)))
    return np.array(train_loss), np.array(val_loss)


@mistake("q8", cause="formula:train_on_val")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Computes the training loss on the validation set too."""
    train_loss, val_loss = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, s in enumerate(sizes):
        model = fit(X[:s], y[:s])
        train_loss[i] = loss(y_val, predict(model, X_val))
        val_loss[i] = loss(y_val, predict(model, X_val))
    return train_loss, val_loss


@mistake("q8", cause="formula:pool")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Computes the training loss on the whole training pool X, not on the s rows fitted."""
    train_loss, val_loss = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, s in enumerate(sizes):
        model = fit(X[:s], y[:s])
        train_loss[i] = loss(y, predict(model, X))
        val_loss[i] = loss(y_val, predict(model, X_val))
    return train_loss, val_loss


@mistake("q8", cause="formula:swapped_outputs")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Returns (val_loss, train_loss)."""
    train_loss, val_loss = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, s in enumerate(sizes):
        model = fit(X[:s], y[:s])
        train_loss[i] = loss(y[:s], predict(model, X[:s]))
        val_loss[i] = loss(y_val, predict(model, X_val))
    return val_loss, train_loss


@mistake("q8", cause="formula:off_by_one")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Slices X[:s + 1], one row too many."""
    train_loss, val_loss = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, s in enumerate(sizes):
        model = fit(X[:s + 1], y[:s + 1])
        train_loss[i] = loss(y[:s + 1], predict(model, X[:s + 1]))
        val_loss[i] = loss(y_val, predict(model, X_val))
    return train_loss, val_loss


@mistake("q8", cause="formula:swapped")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Calls the loss with the predictions first."""
    train_loss, val_loss = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, s in enumerate(sizes):
        model = fit(X[:s], y[:s])
        train_loss[i] = loss(predict(model, X[:s]), y[:s])
        val_loss[i] = loss(predict(model, X_val), y_val)
    return train_loss, val_loss


@mistake("q8", cause="count")
def learning_curve(X, y, X_val, y_val, sizes, fit, predict, loss):
    """Fits the model once, on the largest size, and reuses it for every size."""
    model = fit(X[:max(sizes)], y[:max(sizes)])
    train_loss, val_loss = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, s in enumerate(sizes):
        train_loss[i] = loss(y[:s], predict(model, X[:s]))
        val_loss[i] = loss(y_val, predict(model, X_val))
    return train_loss, val_loss
