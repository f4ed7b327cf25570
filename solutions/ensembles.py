"""Reference solutions for the `ensembles` assignment (hidden: never part of a student
artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def bootstrap_indices(n, rng):
    """The indices of one bootstrap sample (a "bag") of n points: n draws with replacement
    from 0..n-1.

    The draw is exactly ONE call `rng.integers(0, n, size=n)` on the generator you are given
    (`rng.choice(n, size=n)` and `rng.integers(n, size=n)` draw the same numbers). Draw from
    `rng` itself, not from a copy or a new generator: the call consumes it on purpose, so
    that the next call draws the next bag. (The generator is the one input a function may
    change.)

    Inputs:
    - n: int, the number of training points (n >= 1)
    - rng: a NumPy random Generator (np.random.default_rng(seed) makes one)

    Returns an integer array of shape (n,) with entries in 0..n-1 (repeats allowed).
    """
    ### BEGIN SOLUTION
    return rng.integers(0, n, size=n)
    ### END SOLUTION


def majority_vote(predictions):
    """The majority vote of B models on m points.

    Column j of `predictions` holds the labels the B models give point j; the vote is the
    most frequent label of the column. **Ties go to the smallest label** (as
    scipy.stats.mode).

    Inputs:
    - predictions: integer array of shape (B, m), B >= 1; the labels are non-negative
      integers, not necessarily 0..C-1 (for example 2, 5 and 9)

    Returns an integer array of shape (m,).
    """
    ### BEGIN SOLUTION
    labels = np.unique(predictions)  # sorted, so argmax's first maximum is the smallest label
    counts = (predictions[None, :, :] == labels[:, None, None]).sum(axis=1)  # (C, m)
    return labels[np.argmax(counts, axis=0)]
    ### END SOLUTION


def oob_error(predictions, indices, y):
    """The out-of-bag (OOB) error of a bagged ensemble of B models.

    Model b was trained on the bootstrap sample indices[b]; point i is out of bag for model
    b when i does not occur in indices[b] (model b never saw it). The OOB prediction of
    point i is the majority vote, **ties to the smallest label**, of the models for which i
    is out of bag only. **Points that are in every bag have no OOB prediction and are left
    out.** The result is the fraction of the remaining points whose OOB prediction differs
    from y.

    Inputs:
    - predictions: integer array of shape (B, n), predictions[b, i] the label model b gives
      training point i
    - indices: integer array of shape (B, n), indices[b] the bootstrap indices of model b
    - y: integer array of shape (n,), the true labels (non-negative integers, not
      necessarily 0..C-1)

    Returns a float in [0, 1] (at least one point is out of bag for some model).
    """
    ### BEGIN SOLUTION
    n_models, n = predictions.shape
    in_bag = np.zeros((n_models, n), dtype=bool)
    in_bag[np.arange(n_models)[:, None], indices] = True
    oob = ~in_bag
    labels = np.unique(np.concatenate([predictions.ravel(), y]))
    votes = ((predictions[None, :, :] == labels[:, None, None]) & oob[None]).sum(axis=1)
    scored = oob.any(axis=0)  # points out of bag for at least one model
    oob_pred = labels[np.argmax(votes, axis=0)]
    return float(np.mean(oob_pred[scored] != y[scored]))
    ### END SOLUTION


def fit_stump(X, y, sample_weight):
    """The decision stump with the smallest weighted error.

    A stump (feature, threshold, polarity) predicts h(x) = polarity where
    x[feature] <= threshold and -polarity elsewhere. Its weighted error is
    sum_i w_i [h(x_i) != y_i] (the weights need not sum to 1). The candidates:
    - every feature;
    - thresholds halfway between consecutive DISTINCT sorted values of the feature (so both
      sides are non-empty);
    - polarity +1 or -1.
    **Ties: the lowest feature, then the lowest threshold, then polarity +1.**

    Inputs:
    - X: array of shape (n, d), n >= 2 (a feature whose values are all equal has no
      threshold; at least one feature has two distinct values)
    - y: array of shape (n,), labels in {-1.0, +1.0}
    - sample_weight: array of shape (n,), non-negative weights

    Returns a tuple (feature, threshold, polarity): an int, a float and an int (+1 or -1).
    """
    ### BEGIN SOLUTION
    best = None  # (error, feature, threshold, polarity)
    for feature in range(X.shape[1]):
        order = np.argsort(X[:, feature], kind="stable")
        xs, ys, ws = X[order, feature], y[order], sample_weight[order]
        # Polarity +1 errs on the negatives on the left and the positives on the right.
        neg_left = np.cumsum(ws * (ys != 1))[:-1]
        pos_right = np.sum(ws * (ys == 1)) - np.cumsum(ws * (ys == 1))[:-1]
        err_plus = neg_left + pos_right
        err_minus = np.sum(ws) - err_plus
        split = np.flatnonzero(xs[:-1] < xs[1:])  # between distinct values only
        if split.size == 0:
            continue
        errors = np.stack([err_plus[split], err_minus[split]], axis=1)  # (k, 2)
        k, p = np.unravel_index(np.argmin(errors), errors.shape)  # first minimum
        if best is None or errors[k, p] < best[0]:
            threshold = (xs[split[k]] + xs[split[k] + 1]) / 2
            best = (errors[k, p], feature, float(threshold), 1 if p == 0 else -1)
    return best[1], best[2], best[3]
    ### END SOLUTION


def adaboost_round(y, h, sample_weight):
    """One round of AdaBoost (SAMME with two classes) after fitting a weak learner h.

        err = (sum of w_i over the points with h_i != y_i) / (sum of all w_i)
        alpha = log((1 - err) / err)
        new_weight_i = w_i exp(alpha [h_i != y_i]),  then normalised to sum 1

    The misclassified points gain weight (times (1 - err) / err); the others keep theirs
    before the normalisation. Note alpha: SAMME with K = 2 classes gives log((1 - err) / err),
    twice the 1/2 log((1 - err) / err) of the classic AdaBoost. The weights need not sum to 1.

    Inputs:
    - y: array of shape (n,), labels in {-1.0, +1.0}
    - h: array of shape (n,), the weak learner's predictions in {-1.0, +1.0}
    - sample_weight: array of shape (n,), positive weights (0 < err < 1/2)

    Returns a tuple (alpha, new_weight): a float and an array of shape (n,) summing to 1.
    """
    ### BEGIN SOLUTION
    wrong = h != y
    err = np.sum(sample_weight[wrong]) / np.sum(sample_weight)
    alpha = np.log((1 - err) / err)
    new_weight = sample_weight * np.exp(alpha * wrong)
    return float(alpha), new_weight / np.sum(new_weight)
    ### END SOLUTION


def adaboost_fit(X, y, n_rounds):
    """AdaBoost (SAMME) with decision stumps.

    The weights start at 1/n. Each round fits `fit_stump` with the current weights, predicts
    with that stump on X, and calls `adaboost_round` with those predictions for alpha and the
    next weights.

    Inputs:
    - X: array of shape (n, d)
    - y: array of shape (n,), labels in {-1.0, +1.0}
    - n_rounds: int, the number of rounds T >= 1

    Returns a tuple (stumps, alphas): a list of T stumps, each a tuple (feature, threshold,
    polarity) as fit_stump returns them, and an array of shape (T,) of their alphas.
    """
    ### BEGIN SOLUTION
    n = X.shape[0]
    weight = np.full(n, 1.0 / n)
    stumps, alphas = [], np.zeros(n_rounds)
    for t in range(n_rounds):
        feature, threshold, polarity = fit_stump(X, y, weight)
        predicted = np.where(X[:, feature] <= threshold, polarity, -polarity).astype(float)
        alphas[t], weight = adaboost_round(y, predicted, weight)
        stumps.append((feature, threshold, polarity))
    return stumps, alphas
    ### END SOLUTION


def adaboost_decision(stumps, alphas, X):
    """The decision function of a boosted ensemble of stumps:

        F(x) = sum over t of alpha_t h_t(x),

    with h_t(x) = polarity_t where x[feature_t] <= threshold_t and -polarity_t elsewhere.
    The predicted class is sign(F(x)). An empty ensemble (no stumps) gives zeros.

    Inputs:
    - stumps: a list of T tuples (feature, threshold, polarity), T >= 0
    - alphas: array of shape (T,)
    - X: array of shape (m, d)

    Returns an array of shape (m,).
    """
    ### BEGIN SOLUTION
    F = np.zeros(X.shape[0])
    for stump, alpha in zip(stumps, alphas, strict=True):
        j, t, p = stump
        F += alpha * np.where(X[:, j] <= t, p, -p)
    return F
    ### END SOLUTION


def fit_regression_stump(X, r):
    """The regression stump with the smallest sum of squared errors.

    A split (feature, threshold) sends the points with x[feature] <= threshold to the left
    leaf and the others to the right leaf; each leaf predicts the mean of r over its points.
    The split minimises the sum over both leaves of the squared differences between r and
    the leaf's mean. Thresholds and ties as in `fit_stump`: halfway between consecutive
    distinct sorted values of a feature; **the lowest feature, then the lowest threshold.**
    (This is scikit-learn's DecisionTreeRegressor(max_depth=1).)

    Inputs:
    - X: array of shape (n, d), n >= 2 (a feature whose values are all equal has no
      threshold; at least one feature has two distinct values)
    - r: array of shape (n,), the targets (in gradient boosting, the residuals)

    Returns a tuple (feature, threshold, left_value, right_value): an int and three floats;
    left_value is the mean of r where x[feature] <= threshold, right_value elsewhere.
    """
    ### BEGIN SOLUTION
    n = X.shape[0]
    best = None  # (sse, feature, threshold, left, right)
    for feature in range(X.shape[1]):
        order = np.argsort(X[:, feature], kind="stable")
        xs, rs = X[order, feature], r[order]
        n_left = np.arange(1, n)
        sum_left = np.cumsum(rs)[:-1]
        sq_left = np.cumsum(rs**2)[:-1]
        sum_right = np.sum(rs) - sum_left
        sq_right = np.sum(rs**2) - sq_left
        sse = (sq_left - sum_left**2 / n_left) + (sq_right - sum_right**2 / (n - n_left))
        split = np.flatnonzero(xs[:-1] < xs[1:])
        if split.size == 0:
            continue
        k = split[np.argmin(sse[split])]
        if best is None or sse[k] < best[0]:
            left, right = rs[: k + 1], rs[k + 1 :]
            best = (sse[k], feature, float((xs[k] + xs[k + 1]) / 2), float(np.mean(left)),
                    float(np.mean(right)))
    return best[1:]
    ### END SOLUTION


def gradient_boosting(X, y, n_rounds, lr, X_test):
    """Gradient boosting with regression stumps for the squared loss 1/2 (y - F)^2.

    F_0 = mean(y) everywhere. Round t computes the residuals r = y - F_{t-1} on the training
    points (the negative gradient of the loss), fits `fit_regression_stump` to them, and
    sets F_t = F_{t-1} + lr h_t, where h_t(x) is the stump's left_value where
    x[feature] <= threshold and its right_value elsewhere.

    Inputs:
    - X: array of shape (n, d), the training points
    - y: array of shape (n,), the training targets
    - n_rounds: int, the number of rounds T >= 0
    - lr: float, the learning rate (shrinkage), 0 < lr <= 1
    - X_test: array of shape (m, d), the points to predict

    Returns an array of shape (T + 1, m): row t is F_t on X_test (row 0 is mean(y)).
    """
    ### BEGIN SOLUTION
    F_train = np.full(X.shape[0], np.mean(y))
    staged = np.empty((n_rounds + 1, X_test.shape[0]))
    staged[0] = np.mean(y)
    for t in range(1, n_rounds + 1):
        feature, threshold, left, right = fit_regression_stump(X, y - F_train)
        F_train = F_train + lr * np.where(X[:, feature] <= threshold, left, right)
        staged[t] = staged[t - 1] + lr * np.where(X_test[:, feature] <= threshold, left, right)
    return staged
    ### END SOLUTION


WRITTEN_ANSWERS = {
    "w1": """A bootstrap sample misses each point with probability (1 - 1/n)^n, about 1/e = 37%,
so every point is out of bag for about a third of the models. Voting only those models gives
a prediction for the point from models that never saw it, as on a held-out set. The OOB error
therefore estimates the ensemble's generalisation (test) error (of an ensemble of about B/e
models, so slightly pessimistic) without setting any data aside: every point is used both
for training (by the models whose bag contains it) and for validation (by the others), so no
separate validation set and no extra fits are needed.""",
    "w2": """Averaging B models with the same distribution of predictions leaves the expected
prediction unchanged, so the bias (the gap between that expectation and the truth) is the
bias of one model. The variance of the average is rho sigma^2 + (1 - rho) sigma^2 / B for
models with variance sigma^2 and pairwise correlation rho: the second term vanishes as B
grows, the first does not. Bagging gives low-bias, high-variance learners (deep trees)
different bootstrap samples, and random forests decorrelate them further (random features),
which lowers rho; neither can correct a systematic error all the models share.""",
    "w3": """Boosting fits the models in sequence, each to what the ensemble so far gets wrong:
AdaBoost re-weights the misclassified points so the next stump must focus on them, and
gradient boosting fits the next stump to the residuals, the negative gradient of the loss.
Each round adds a new function that moves F towards the targets, so the ensemble becomes a
much richer model than one stump (a weak, high-bias learner): the training error falls round
after round, which is a reduction of bias. The price is variance: with many rounds (and a
large learning rate) boosting can overfit, which shrinkage and early stopping control.""",
}
