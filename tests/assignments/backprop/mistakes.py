"""Common mistakes in the backprop assignment, one per entry (see autograder.catalogue).

Each entry replaces one function of the reference; the others (sigmoid, the layers, ...) stay
correct, so each entry shows what its one mistake costs.
"""

# ruff: noqa: F811, F821 - entries redefine contract functions and call the reference's others

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 sigmoid


@mistake("q1", cause="not_finite", sample=True)
def sigmoid(z):
    """exp(z) / (1 + exp(z)): inf / inf = NaN for large positive z."""
    e = np.exp(z)
    return e / (1 + e)


@mistake("q1", cause="formula:neg")
def sigmoid(z):
    """1 / (1 + exp(z)): the sign in the exponent is lost."""
    return 1 / (1 + np.exp(z))


# ---------------------------------------------------------------------------- q2 forward, loss


@mistake("q2", cause="formula:z2")
def scalar_forward(x, params):
    """Returns z2: the output sigmoid is forgotten."""
    a1 = sigmoid(params["w1"] * x + params["b1"])
    z2 = params["w2"] * a1 + params["b2"]
    return z2, (x, a1, sigmoid(z2), params["w2"])


@mistake("q2", cause="formula:no_hidden")
def scalar_forward(x, params):
    """Feeds z1 to the output layer: the hidden sigmoid is forgotten."""
    z1 = params["w1"] * x + params["b1"]
    a1 = sigmoid(z1)
    a2 = sigmoid(params["w2"] * z1 + params["b2"])
    return a2, (x, a1, a2, params["w2"])


@mistake("q2", cause="sign")
def bce_loss(a2, y):
    """Forgets the minus sign in front of the log-likelihood."""
    return float(y * np.log(a2) + (1 - y) * np.log(1 - a2))


@mistake("q2", cause="formula:swapped")
def bce_loss(a2, y):
    """Swaps the two log terms."""
    return float(-(y * np.log(1 - a2) + (1 - y) * np.log(a2)))


# ---------------------------------------------------------------------------- q3 backward


@mistake("q3", cause="formula:twice", sample=True)
def scalar_backward(y, cache):
    """Multiplies dL/dz2 = a2 - y by the output sigmoid's derivative once more."""
    x, a1, a2, w2 = cache
    dz2 = (a2 - y) * a2 * (1 - a2)
    dz1 = dz2 * w2 * a1 * (1 - a1)
    return {"w1": dz1 * x, "b1": dz1, "w2": dz2 * a1, "b2": dz2}


@mistake("q3", cause="formula:z1")
def scalar_backward(y, cache):
    """Multiplies dL/dz1 by z1 instead of x for dL/dw1.

    The slip in the course's student-written answers: dL/dw1 = (a2 - y) w2 a1 (1 - a1) z.
    """
    x, a1, a2, w2 = cache
    z1 = np.log(a1 / (1 - a1))  # recovered from the cached a1
    dz2 = a2 - y
    dz1 = dz2 * w2 * a1 * (1 - a1)
    return {"w1": dz1 * z1, "b1": dz1, "w2": dz2 * a1, "b2": dz2}


@mistake("q3", cause="formula:no_sigmoid")
def scalar_backward(y, cache):
    """Forgets the hidden sigmoid's derivative: dL/dz1 = dL/da1."""
    x, a1, a2, w2 = cache
    dz2 = a2 - y
    dz1 = dz2 * w2
    return {"w1": dz1 * x, "b1": dz1, "w2": dz2 * a1, "b2": dz2}


@mistake("q3", cause="sign")
def scalar_backward(y, cache):
    """Starts from dL/dz2 = y - a2."""
    x, a1, a2, w2 = cache
    dz2 = y - a2
    dz1 = dz2 * w2 * a1 * (1 - a1)
    return {"w1": dz1 * x, "b1": dz1, "w2": dz2 * a1, "b2": dz2}


# ---------------------------------------------------------------------------- q4 sgd


@mistake("q4", cause="mutated")
def sgd_step(params, grads, lr):
    """Updates params in place and returns it."""
    for k in params:
        params[k] -= lr * grads[k]
    return params


@mistake("q4", cause="formula:ascent")
def sgd_step(params, grads, lr):
    """Steps uphill: params + lr * grads."""
    return {k: params[k] + lr * grads[k] for k in params}


# ---------------------------------------------------------------------------- q5 affine


@mistake("q5", cause="formula:unsummed")
def affine_backward(dout, cache):
    """Returns dout itself as db, not summed over the batch."""
    x, W = cache
    return dout @ W.T, x.T @ dout, dout


@mistake("q5", cause="factor:1/N")
def affine_backward(dout, cache):
    """Averages db over the batch instead of summing."""
    x, W = cache
    return dout @ W.T, x.T @ dout, dout.mean(axis=0)


@mistake("q5", cause="transpose")
def affine_backward(dout, cache):
    """Computes dW = dout.T @ x, the transpose."""
    x, W = cache
    return dout @ W.T, dout.T @ x, dout.sum(axis=0)


# ---------------------------------------------------------------------------- q6 sigmoid layer


@mistake("q6", cause="formula:no_one_minus")
def sigmoid_backward(dout, cache):
    """Multiplies dout by out only: the (1 - out) factor is missing."""
    return dout * cache


@mistake("q6", cause="formula:twice")
def sigmoid_backward(dout, cache):
    """Takes the cached output for the input: sigmoid(out) (1 - sigmoid(out))."""
    s = sigmoid(cache)
    return dout * s * (1 - s)


@mistake("q6", cause="not_finite")
def sigmoid_backward(dout, cache):
    """sigmoid'(x) = exp(-x) / (1 + exp(-x))^2: inf / inf = NaN for very negative x."""
    out = cache
    with np.errstate(divide="ignore"):
        x = np.log(out) - np.log1p(-out)  # the input, as a forward caching x would give it
    e = np.exp(-x)
    return dout * e / (1 + e) ** 2


# ---------------------------------------------------------------------------- q7 relu layer


@mistake("q7", cause="formula:mask_dout", sample=True)
def relu_backward(dout, cache):
    """Takes the mask from the upstream gradient instead of the input."""
    return dout * (dout > 0)


@mistake("q7", cause="mutated")
def relu_backward(dout, cache):
    """Zeroes dout in place and returns it."""
    x = cache
    dout[x <= 0] = 0
    return dout


@mistake("q7", cause="regions:where x = 0")
def relu_backward(dout, cache):
    """Lets the gradient through at x = 0 (derivative 1 at 0)."""
    x = cache
    return dout * (x >= 0)


@mistake("q7", cause="mutated")
def relu_forward(x):
    """Clips x in place (x[x < 0] = 0)."""
    x[x < 0] = 0
    return x, x.copy()


# ---------------------------------------------------------------------------- q8 bce with logits


@mistake("q8", cause="not_finite")
def bce_with_logits(scores, y):
    """Takes the log of the sigmoid: log(0) for large scores."""
    p = sigmoid(scores)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return float(loss), (p - y) / scores.shape[0]


@mistake("q8", cause="stability")
def bce_with_logits(scores, y):
    """Clips the probabilities to [1e-15, 1 - 1e-15] before the log."""
    p = np.clip(sigmoid(scores), 1e-15, 1 - 1e-15)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return float(loss), (sigmoid(scores) - y) / scores.shape[0]


@mistake("q8", cause="factor:N")
def bce_with_logits(scores, y):
    """The mean loss, but the gradient without its 1/N."""
    loss = np.mean(np.maximum(scores, 0) - scores * y + np.log1p(np.exp(-np.abs(scores))))
    return float(loss), sigmoid(scores) - y


# ---------------------------------------------------------------------------- q9 two-layer net


@mistake("q9", cause="formula:z1")
def two_layer_net(X, y, params, hidden="sigmoid"):
    """Computes dW2 from the pre-activation z1 instead of h."""
    forward, backward = ((sigmoid_forward, sigmoid_backward) if hidden == "sigmoid"
                         else (relu_forward, relu_backward))
    z1, cache1 = affine_forward(X, params["W1"], params["b1"])
    h, cache_h = forward(z1)
    out, cache2 = affine_forward(h, params["W2"], params["b2"])
    loss, dscores = bce_with_logits(out[:, 0], y)
    dh, _, db2 = affine_backward(dscores[:, None], cache2)
    dW2 = z1.T @ dscores[:, None]
    _, dW1, db1 = affine_backward(backward(dh, cache_h), cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


@mistake("q9", cause="formula:skip_act")
def two_layer_net(X, y, params, hidden="sigmoid"):
    """Skips the activation's backward pass (dz1 = dh)."""
    forward = sigmoid_forward if hidden == "sigmoid" else relu_forward
    z1, cache1 = affine_forward(X, params["W1"], params["b1"])
    h, _ = forward(z1)
    out, cache2 = affine_forward(h, params["W2"], params["b2"])
    loss, dscores = bce_with_logits(out[:, 0], y)
    dh, dW2, db2 = affine_backward(dscores[:, None], cache2)
    _, dW1, db1 = affine_backward(dh, cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


@mistake("q9", cause="formula:hidden")
def two_layer_net(X, y, params, hidden="sigmoid"):
    """Always uses a sigmoid hidden layer (ignores `hidden`)."""
    z1, cache1 = affine_forward(X, params["W1"], params["b1"])
    h, cache_h = sigmoid_forward(z1)
    out, cache2 = affine_forward(h, params["W2"], params["b2"])
    loss, dscores = bce_with_logits(out[:, 0], y)
    dh, dW2, db2 = affine_backward(dscores[:, None], cache2)
    _, dW1, db1 = affine_backward(sigmoid_backward(dh, cache_h), cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


@mistake("q9", cause="sign")
def two_layer_net(X, y, params, hidden="sigmoid"):
    """Writes the output gradient as (y - sigmoid(s)) / N."""
    forward, backward = ((sigmoid_forward, sigmoid_backward) if hidden == "sigmoid"
                         else (relu_forward, relu_backward))
    z1, cache1 = affine_forward(X, params["W1"], params["b1"])
    h, cache_h = forward(z1)
    out, cache2 = affine_forward(h, params["W2"], params["b2"])
    scores = out[:, 0]
    loss, _ = bce_with_logits(scores, y)
    dscores = (y - sigmoid(scores)) / X.shape[0]
    dh, dW2, db2 = affine_backward(dscores[:, None], cache2)
    _, dW1, db1 = affine_backward(backward(dh, cache_h), cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# ---------------------------------------------------------------------------- q10 training


@mistake("q10", cause="formula:after")
def train_two_layer_net(X, y, hidden_dim, lr, n_epochs, seed=0, hidden="sigmoid"):
    """Records the loss after each update instead of before."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.standard_normal((X.shape[1], hidden_dim)), "b1": np.zeros(hidden_dim),
              "W2": rng.standard_normal((hidden_dim, 1)), "b2": np.zeros(1)}
    losses = []
    for _ in range(n_epochs):
        _, grads = two_layer_net(X, y, params, hidden=hidden)
        params = sgd_step(params, grads, lr)
        losses.append(two_layer_net(X, y, params, hidden=hidden)[0])
    return params, np.array(losses)


@mistake("q10", cause="formula:hidden")
def train_two_layer_net(X, y, hidden_dim, lr, n_epochs, seed=0, hidden="sigmoid"):
    """Does not pass `hidden` on to two_layer_net (always a sigmoid network)."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.standard_normal((X.shape[1], hidden_dim)), "b1": np.zeros(hidden_dim),
              "W2": rng.standard_normal((hidden_dim, 1)), "b2": np.zeros(1)}
    losses = np.zeros(n_epochs)
    for t in range(n_epochs):
        losses[t], grads = two_layer_net(X, y, params)
        params = sgd_step(params, grads, lr)
    return params, losses


@mistake("q10", cause="seed")
def train_two_layer_net(X, y, hidden_dim, lr, n_epochs, seed=0, hidden="sigmoid"):
    """Creates the generator without the seed (np.random.default_rng())."""
    rng = np.random.default_rng()
    params = {"W1": rng.standard_normal((X.shape[1], hidden_dim)), "b1": np.zeros(hidden_dim),
              "W2": rng.standard_normal((hidden_dim, 1)), "b2": np.zeros(1)}
    losses = np.zeros(n_epochs)
    for t in range(n_epochs):
        losses[t], grads = two_layer_net(X, y, params, hidden=hidden)
        params = sgd_step(params, grads, lr)
    return params, losses


@mistake("q10", cause="init")
def train_two_layer_net(X, y, hidden_dim, lr, n_epochs, seed=0, hidden="sigmoid"):
    """Initialises every weight to zero."""
    params = {"W1": np.zeros((X.shape[1], hidden_dim)), "b1": np.zeros(hidden_dim),
              "W2": np.zeros((hidden_dim, 1)), "b2": np.zeros(1)}
    losses = np.zeros(n_epochs)
    for t in range(n_epochs):
        losses[t], grads = two_layer_net(X, y, params, hidden=hidden)
        params = sgd_step(params, grads, lr)
    return params, losses


@mistake("q10", cause="formula:w2_first")
def train_two_layer_net(X, y, hidden_dim, lr, n_epochs, seed=0, hidden="sigmoid"):
    """Draws W2 before W1."""
    rng = np.random.default_rng(seed)
    W2 = rng.standard_normal((hidden_dim, 1))
    params = {"W1": rng.standard_normal((X.shape[1], hidden_dim)), "b1": np.zeros(hidden_dim),
              "W2": W2, "b2": np.zeros(1)}
    losses = np.zeros(n_epochs)
    for t in range(n_epochs):
        losses[t], grads = two_layer_net(X, y, params, hidden=hidden)
        params = sgd_step(params, grads, lr)
    return params, losses


@mistake("q10", cause="formula:legacy")
def train_two_layer_net(X, y, hidden_dim, lr, n_epochs, seed=0, hidden="sigmoid"):
    """Seeds NumPy's legacy global generator: np.random.seed(seed), then np.random.randn."""
    np.random.seed(seed)
    params = {"W1": np.random.randn(X.shape[1], hidden_dim), "b1": np.zeros(hidden_dim),
              "W2": np.random.randn(hidden_dim, 1), "b2": np.zeros(1)}
    losses = np.zeros(n_epochs)
    for t in range(n_epochs):
        losses[t], grads = two_layer_net(X, y, params, hidden=hidden)
        params = sgd_step(params, grads, lr)
    return params, losses
