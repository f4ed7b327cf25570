"""Reference solutions for the `backprop` assignment (hidden: never part of a student artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np

# ---------------------------------------------------------------------------- Part A


def sigmoid(z):
    """The logistic function sigmoid(z) = 1 / (1 + exp(-z)), elementwise.

    Input: z, a float or an array of any shape.
    Returns sigmoid(z): a float for a float, an array of z's shape for an array.

    It must stay finite (no NaN, no overflow to inf) for |z| up to 1000: never compute
    exp of a large positive number. Hint: for z >= 0 use 1 / (1 + exp(-z)); for z < 0 use
    exp(z) / (1 + exp(z)); `np.where` or a boolean mask picks the branch per entry.
    """
    z_arr = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z_arr))  # in (0, 1]: never overflows
    out = np.where(z_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(out) if out.ndim == 0 else out


def scalar_forward(x, params):
    """The forward pass of the scalar network.

    z1 = w1 x + b1,  a1 = sigmoid(z1),  z2 = w2 a1 + b2,  a2 = sigmoid(z2).

    Inputs:
    - x: a float, the input
    - params: a dict of floats with keys 'w1', 'b1', 'w2', 'b2'. Do not modify it.

    Returns (a2, cache):
    - a2: a float, the network's output (a probability)
    - cache: whatever `scalar_backward` needs later (for example a tuple of the
      intermediate values); it is handed back to your `scalar_backward` unchanged.
    """
    z1 = params["w1"] * x + params["b1"]
    a1 = sigmoid(z1)
    z2 = params["w2"] * a1 + params["b2"]
    a2 = sigmoid(z2)
    cache = (x, a1, a2, params["w2"])
    return a2, cache


def bce_loss(a2, y):
    """The binary cross-entropy L = -(y log a2 + (1 - y) log(1 - a2)).

    Inputs: a2, a float strictly inside (0, 1); y, the label (0.0 or 1.0).
    Returns a float.
    """
    return float(-(y * np.log(a2) + (1.0 - y) * np.log(1.0 - a2)))


def scalar_backward(y, cache):
    """The gradients of L = bce_loss(a2, y) with respect to each parameter.

    Apply the chain rule one step at a time, from the output back to the input:
    dL/dz2 = a2 - y, then dL/dw2, dL/db2, dL/da1, dL/dz1, dL/dw1, dL/db1.

    Inputs:
    - y: the label (0.0 or 1.0)
    - cache: what your `scalar_forward` returned with a2

    Returns a dict of floats with keys 'w1', 'b1', 'w2', 'b2': dL/dw1, dL/db1, dL/dw2, dL/db2.
    """
    x, a1, a2, w2 = cache
    dz2 = a2 - y  # the sigmoid's derivative and the loss's cancel
    dw2 = dz2 * a1
    db2 = dz2
    da1 = dz2 * w2
    dz1 = da1 * a1 * (1.0 - a1)
    dw1 = dz1 * x
    db1 = dz1
    return {"w1": float(dw1), "b1": float(db1), "w2": float(dw2), "b2": float(db2)}


def sgd_step(params, grads, lr):
    """One step of gradient descent: {k: params[k] - lr * grads[k]} for every key of params.

    Inputs:
    - params: a dict of floats or arrays
    - grads: a dict with the same keys, each value shaped like the parameter
    - lr: the learning rate (a float)

    Returns a new dict. Do not modify `params` or `grads` (no `params[k] -= ...`).
    """
    return {k: params[k] - lr * grads[k] for k in params}


# ---------------------------------------------------------------------------- Part B


def affine_forward(x, W, b):
    """A fully connected layer: out = x @ W + b.

    Inputs: x (N, D), W (D, M), b (M,).
    Returns (out, cache): out (N, M); cache, what `affine_backward` needs.
    """
    out = x @ W + b
    return out, (x, W)


def affine_backward(dout, cache):
    """Backward pass of the affine layer.

    Inputs: dout (N, M), the upstream gradient dL/dout; cache, from `affine_forward`.
    Returns (dx, dW, db) with the shapes of x (N, D), W (D, M) and b (M,).
    """
    x, W = cache
    dx = dout @ W.T
    dW = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    """The sigmoid layer: out = sigmoid(x), elementwise, for an array x of any shape.

    Returns (out, cache). Finite for |x| up to 1000 (use your `sigmoid`).
    """
    out = sigmoid(x)
    return out, out


def sigmoid_backward(dout, cache):
    """Backward pass of the sigmoid layer: dx = dout * sigmoid'(x).

    Inputs: dout, the upstream gradient (shape of x); cache, from `sigmoid_forward`.
    Returns dx, with the shape of x.
    """
    out = cache
    return dout * out * (1.0 - out)


def relu_forward(x):
    """The ReLU layer: out = max(0, x), elementwise, for an array x of any shape.

    Returns (out, cache). Do not modify x.
    """
    return np.maximum(x, 0.0), x


def relu_backward(dout, cache):
    """Backward pass of the ReLU layer: dx = dout where x > 0, and 0 elsewhere.

    The derivative at exactly x = 0 is taken to be 0.
    Inputs: dout (shape of x); cache, from `relu_forward`.
    Returns dx, with the shape of x. Do not modify dout.
    """
    x = cache
    return dout * (x > 0)


def bce_with_logits(scores, y):
    """The mean binary cross-entropy of sigmoid(scores) against y, and its gradient.

    loss = mean over i of -(y_i log sigmoid(s_i) + (1 - y_i) log(1 - sigmoid(s_i))),
    computed stably from the scores: it must be finite for |scores| up to 1000. Rewrite the
    loss of one sample as max(s, 0) - s y + log(1 + exp(-|s|)) (check it for y = 0 and y = 1).

    Inputs: scores (N,), the raw outputs (logits); y (N,), labels in {0, 1}.
    Returns (loss, dscores): loss, a float; dscores (N,) = (sigmoid(scores) - y) / N.
    """
    n = scores.shape[0]
    per_sample = np.maximum(scores, 0.0) - scores * y + np.log1p(np.exp(-np.abs(scores)))
    loss = float(np.mean(per_sample))
    dscores = (sigmoid(scores) - y) / n
    return loss, dscores


def two_layer_net(X, y, params, hidden="sigmoid"):
    """Loss and gradients of a two-layer network for binary classification.

    h = act(X @ W1 + b1), with act the sigmoid or the ReLU (`hidden`);
    scores = (h @ W2 + b2)[:, 0]; loss, dscores = bce_with_logits(scores, y).
    Build it from your layers: forward through each, then backward in reverse order.

    Inputs:
    - X (N, D), y (N,) with labels in {0, 1}
    - params: dict with 'W1' (D, H), 'b1' (H,), 'W2' (H, 1), 'b2' (1,). Do not modify it.
    - hidden: 'sigmoid' or 'relu'

    Returns (loss, grads): loss, a float; grads, a dict with the keys and shapes of params.
    """
    layers = {"sigmoid": (sigmoid_forward, sigmoid_backward),
              "relu": (relu_forward, relu_backward)}
    if hidden not in layers:
        raise ValueError(f"hidden must be 'sigmoid' or 'relu', not {hidden!r}")
    act_forward, act_backward = layers[hidden]
    z1, cache1 = affine_forward(X, params["W1"], params["b1"])
    h, cache_act = act_forward(z1)
    out, cache2 = affine_forward(h, params["W2"], params["b2"])
    loss, dscores = bce_with_logits(out[:, 0], y)
    dh, dW2, db2 = affine_backward(dscores[:, None], cache2)
    dz1 = act_backward(dh, cache_act)
    _, dW1, db1 = affine_backward(dz1, cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def train_two_layer_net(X, y, hidden_dim, lr, n_epochs, seed=0, hidden="sigmoid"):
    """Train the two-layer network by full-batch gradient descent.

    Initialise with rng = np.random.default_rng(seed), then, in this order,
    W1 = rng.standard_normal((D, hidden_dim)) and W2 = rng.standard_normal((hidden_dim, 1));
    b1 and b2 are zeros. Then, n_epochs times: compute the loss and gradients on the whole
    set with `two_layer_net`, record the loss, and update with `sgd_step`.

    Inputs: X (N, D); y (N,) in {0, 1}; hidden_dim (int); lr (float); n_epochs (int);
    seed (int); hidden ('sigmoid' or 'relu').

    Returns (params, losses): the trained parameters (a dict as for `two_layer_net`) and
    losses (n_epochs,), losses[t] being the loss *before* update t. With n_epochs = 0 it
    returns the initial parameters and an empty array.
    """
    rng = np.random.default_rng(seed)
    D = X.shape[1]
    params = {
        "W1": rng.standard_normal((D, hidden_dim)),
        "b1": np.zeros(hidden_dim),
        "W2": rng.standard_normal((hidden_dim, 1)),
        "b2": np.zeros(1),
    }
    losses = np.zeros(n_epochs)
    for t in range(n_epochs):
        losses[t], grads = two_layer_net(X, y, params, hidden=hidden)
        params = sgd_step(params, grads, lr)
    return params, losses


WRITTEN_ANSWERS = {
    "w1": r"""
**Reuse of the forward pass.** Every local derivative in the chain rule is evaluated at the
values the forward pass already computed: $\partial a/\partial z = a(1-a)$ for a sigmoid needs
only its output $a$, the gradient of $z = xW + b$ with respect to $W$ is the layer's input $x$,
the ReLU's mask is $z > 0$. So the forward pass stores these values (the cache), and the
backward pass multiplies upstream gradients by local derivatives, from the loss back to the
input, reusing each intermediate gradient (such as $\partial L/\partial z_2 = a_2 - y$) for
every parameter below it. One backward pass therefore costs about as much as one forward pass,
whatever the number of parameters, where finite differences would need one or two forward
passes per parameter.

**The learning rate.** Each step moves the parameters by $-\eta\,\nabla L$. Too small a step
makes the loss decrease very slowly: training needs many epochs and may stall on plateaus.
Too large a step overshoots the minimum along steep directions: the loss oscillates or grows
(diverges), and with sigmoids the pre-activations can saturate, where gradients vanish and
learning stops. A good rate is as large as possible while the loss still decreases steadily.
""",
}
