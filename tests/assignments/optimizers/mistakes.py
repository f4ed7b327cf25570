"""Common mistakes in the optimizers assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 quadratic


@mistake("q1", cause="formula:no_half", sample=True)
def quadratic(A, b):
    """Forgets the 1/2 of the quadratic term in f (the gradient is right)."""
    def f(w):
        return float(w @ A @ w - b @ w)

    def grad(w):
        return A @ w - b

    return f, grad


@mistake("q1", cause="formula:half")
def quadratic(A, b):
    """Keeps the 1/2 in the gradient: 1/2 A w - b."""
    def f(w):
        return float(0.5 * w @ A @ w - b @ w)

    def grad(w):
        return 0.5 * A @ w - b

    return f, grad


@mistake("q1", cause="formula:plus_b")
def quadratic(A, b):
    """Adds the linear term in the gradient: A w + b."""
    def f(w):
        return float(0.5 * w @ A @ w - b @ w)

    def grad(w):
        return A @ w + b

    return f, grad


@mistake("q1", cause="formula:swapped")
def quadratic(A, b):
    """Returns the two functions in the wrong order, (grad, f)."""
    def f(w):
        return float(0.5 * w @ A @ w - b @ w)

    def grad(w):
        return A @ w - b

    return grad, f


@mistake("q1", cause="type")
def quadratic(A, b):
    """Forgets to sum: f returns the vector of terms 1/2 w_i (A w)_i - b_i w_i."""
    def f(w):
        return 0.5 * w * (A @ w) - b * w

    def grad(w):
        return A @ w - b

    return f, grad


@mistake("q1", cause="formula:shared")
def quadratic(A, b):
    """Keeps A and b in global variables, so a second quadratic changes the first one's
    functions."""
    global _A, _b
    _A, _b = A, b

    def f(w):
        return float(0.5 * w @ _A @ w - _b @ w)

    def grad(w):
        return _A @ w - _b

    return f, grad


# ---------------------------------------------------------------------------- q2 run_optimizer


@mistake("q2", cause="formula:no_w0", sample=True)
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Records only the iterates after each step: the trajectory misses w0."""
    w, state, rows = w0, {}, []
    for _ in range(n_steps):
        w, state = step(w, grad(w), state, **hyper)
        rows.append(w)
    return w, np.array(rows).reshape(n_steps, len(w0))


@mistake("q2", cause="formula:reset")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Throws the state away: every step starts from state = {}."""
    w, rows = w0, [w0]
    for _ in range(n_steps):
        w, _ = step(w, grad(w), {}, **hyper)
        rows.append(w)
    return w, np.array(rows)


@mistake("q2", cause="formula:stale")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Evaluates the gradient once, at w0, before the loop."""
    w, state, rows = w0, {}, [w0]
    g = grad(w0)
    for _ in range(n_steps):
        w, state = step(w, g, state, **hyper)
        rows.append(w)
    return w, np.array(rows)


@mistake("q2", cause="formula:index")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Preallocates the trajectory and writes w_k into row k - 1 (an off-by-one index)."""
    trajectory = np.zeros((n_steps + 1, len(w0)))
    trajectory[0] = w0
    w, state = w0, {}
    for k in range(n_steps):
        w, state = step(w, grad(w), state, **hyper)
        trajectory[k] = w
    return w, trajectory


@mistake("q2", cause="formula:fewer")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Stops one step short (range(n_steps - 1)), then returns the last row as w."""
    w, state, rows = w0, {}, [w0]
    for _ in range(n_steps - 1):
        w, state = step(w, grad(w), state, **hyper)
        rows.append(w)
    return w, np.array(rows)


@mistake("q2", cause="init")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Starts from state = None instead of an empty dict."""
    w, state, rows = w0, None, [w0]
    for _ in range(n_steps):
        w, state = step(w, grad(w), state, **hyper)
        rows.append(w)
    return w, np.array(rows)


@mistake("q2", cause="formula:hyper")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Passes the hyper-parameters positionally, in the order they were given."""
    w, state, rows = w0, {}, [w0]
    for _ in range(n_steps):
        w, state = step(w, grad(w), state, *hyper.values())
        rows.append(w)
    return w, np.array(rows)


@mistake("q2", cause="formula:first")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Returns the first row of the trajectory as w."""
    w, state, rows = w0, {}, [w0]
    for _ in range(n_steps):
        w, state = step(w, grad(w), state, **hyper)
        rows.append(w)
    trajectory = np.array(rows)
    return trajectory[0], trajectory


@mistake("q2", cause="mutated")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Updates w0 in place (w = w0 is not a copy) and records copies."""
    w, state, rows = w0, {}, [w0.copy()]
    for _ in range(n_steps):
        new, state = step(w, grad(w), state, **hyper)
        w[:] = new
        rows.append(w.copy())
    return w, np.array(rows)


@mistake("q2", cause="formula:aliased")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Copies w0 once, then updates that array in place and appends it at every step: every
    row of the trajectory is the same array."""
    w, state = w0.copy(), {}
    rows = [w]
    for _ in range(n_steps):
        new, state = step(w, grad(w), state, **hyper)
        w[:] = new
        rows.append(w)
    return w, np.array(rows)


# ---------------------------------------------------------------------------- q3 gd_rate


@mistake("q3", cause="formula:diag", sample=True)
def gd_rate(A):
    """Takes mu and L from the diagonal of A."""
    d = np.diag(A)
    return float(1 - d.min() / d.max())


@mistake("q3", cause="formula:unsorted")
def gd_rate(A):
    """Takes the first and last eigenvalues of np.linalg.eig, which are not sorted."""
    lam = np.linalg.eig(A)[0].real
    return float(1 - lam[0] / lam[-1])


@mistake("q3", cause="formula:ratio")
def gd_rate(A):
    """Returns mu / L = 1 / kappa."""
    lam = np.linalg.eigvalsh(A)
    return float(lam[0] / lam[-1])


@mistake("q3", cause="formula:optimal")
def gd_rate(A):
    """Returns (kappa - 1) / (kappa + 1), the rate of the step 2 / (mu + L)."""
    lam = np.linalg.eigvalsh(A)
    kappa = lam[-1] / lam[0]
    return float((kappa - 1) / (kappa + 1))


@mistake("q3", cause="formula:second")
def gd_rate(A):
    """Uses lam[1] as L, as on a 2x2 matrix."""
    lam = np.linalg.eigvalsh(A)
    return float(1 - lam[0] / lam[1])


@mistake("q3", cause="formula:frobenius")
def gd_rate(A):
    """Takes L as the (Frobenius) norm of A."""
    mu = np.linalg.eigvalsh(A)[0]
    return float(1 - mu / np.linalg.norm(A))


@mistake("q3", cause="formula:swapped")
def gd_rate(A):
    """Swaps mu and L: 1 - L / mu."""
    lam = np.linalg.eigvalsh(A)
    return float(1 - lam[-1] / lam[0])


# ---------------------------------------------------------------------------- q4 sgd_momentum


@mistake("q4", cause="formula:ema0", sample=True)
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Averages the gradients, buf = mu buf + (1 - mu) g, from a buffer that starts at 0."""
    buf = mu * state.get("buf", np.zeros_like(g)) + (1 - mu) * g
    step = g + mu * buf if nesterov else buf
    return w - lr * step, {"buf": buf}


@mistake("q4", cause="formula:velocity")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Uses the velocity form v = mu v - lr g, w + v (and stores v as the buffer)."""
    v = mu * state.get("buf", np.zeros_like(g)) - lr * g
    if nesterov:
        return w + mu * v - lr * g, {"buf": v}
    return w + v, {"buf": v}


@mistake("q4", cause="formula:lr_inside")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Puts the learning rate inside the buffer: buf = mu buf + lr g, w - buf."""
    buf = mu * state.get("buf", np.zeros_like(g)) + lr * g
    step = lr * g + mu * buf if nesterov else buf
    return w - step, {"buf": buf}


@mistake("q4", cause="formula:stale")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Steps with the old buffer, then updates it."""
    old = state.get("buf", np.zeros_like(g))
    buf = g.copy() if "buf" not in state else mu * old + g
    step = g + mu * old if nesterov else old
    return w - lr * step, {"buf": buf}


@mistake("q4", cause="formula:nesterov_no_mu")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Nesterov's look-ahead without mu: w - lr (g + buf)."""
    buf = g.copy() if "buf" not in state else mu * state["buf"] + g
    step = g + buf if nesterov else buf
    return w - lr * step, {"buf": buf}


@mistake("q4", cause="formula:nesterov_swap")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Nesterov's look-ahead applied to the wrong term: w - lr (buf + mu g)."""
    buf = g.copy() if "buf" not in state else mu * state["buf"] + g
    step = buf + mu * g if nesterov else buf
    return w - lr * step, {"buf": buf}


@mistake("q4", cause="formula:heavy_ball")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Ignores the nesterov flag."""
    buf = g.copy() if "buf" not in state else mu * state["buf"] + g
    return w - lr * buf, {"buf": buf}


@mistake("q4", cause="mutated")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Stores the new buffer in the given state dict and returns it."""
    state["buf"] = g.copy() if "buf" not in state else mu * state["buf"] + g
    step = g + mu * state["buf"] if nesterov else state["buf"]
    return w - lr * step, state


@mistake("q4", cause="mutated")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Updates the buffer array in place (buf *= mu; buf += g): the given state changes."""
    if "buf" not in state:
        buf = g.copy()
    else:
        buf = state["buf"]
        buf *= mu
        buf += g
    step = g + mu * buf if nesterov else buf
    return w - lr * step, {"buf": buf}


@mistake("q4", cause="keys")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Calls the buffer 'velocity' instead of the contract's 'buf'."""
    v = g.copy() if "velocity" not in state else mu * state["velocity"] + g
    step = g + mu * v if nesterov else v
    return w - lr * step, {"velocity": v}


@mistake("q4", cause="formula:hidden_state")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False, _memory={}):  # noqa: B006
    """Keeps the buffer in a mutable default argument and copies it into the state."""
    _memory["buf"] = g.copy() if "buf" not in _memory else mu * _memory["buf"] + g
    buf = _memory["buf"]
    step = g + mu * buf if nesterov else buf
    return w - lr * step, {"buf": buf.copy()}


@mistake("q4", cause="formula:nesterov")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=True):
    """Makes Nesterov the default."""
    buf = g.copy() if "buf" not in state else mu * state["buf"] + g
    step = g + mu * buf if nesterov else buf
    return w - lr * step, {"buf": buf}


# ---------------------------------------------------------------------------- q5 rmsprop


@mistake("q5", cause="formula:eps_inside", sample=True)
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Puts eps inside the square root, as the cheat sheet writes it."""
    sq = alpha * state.get("sq", np.zeros_like(g)) + (1 - alpha) * g**2
    return w - lr * g / np.sqrt(sq + eps), {"sq": sq}


@mistake("q5", cause="formula:swapped")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Swaps alpha and 1 - alpha in the running average."""
    sq = (1 - alpha) * state.get("sq", np.zeros_like(g)) + alpha * g**2
    return w - lr * g / (np.sqrt(sq) + eps), {"sq": sq}


@mistake("q5", cause="formula:init_g2")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Starts the running average at g^2 instead of 0."""
    sq = alpha * state.get("sq", g**2) + (1 - alpha) * g**2
    return w - lr * g / (np.sqrt(sq) + eps), {"sq": sq}


@mistake("q5", cause="formula:no_sqrt")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Divides by sq + eps, forgetting the square root."""
    sq = alpha * state.get("sq", np.zeros_like(g)) + (1 - alpha) * g**2
    return w - lr * g / (sq + eps), {"sq": sq}


@mistake("q5", cause="formula:adagrad")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Accumulates the squared gradients as AdaGrad does: sq = sq + g^2."""
    sq = state.get("sq", np.zeros_like(g)) + g**2
    return w - lr * g / (np.sqrt(sq) + eps), {"sq": sq}


@mistake("q5", cause="formula:stale")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Divides by the root of the previous average, then updates it."""
    old = state.get("sq", np.zeros_like(g))
    w_new = w - lr * g / (np.sqrt(old) + eps)
    return w_new, {"sq": alpha * old + (1 - alpha) * g**2}


@mistake("q5", cause="mutated")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Updates the running average in place when there is one."""
    if "sq" in state:
        sq = state["sq"]
        sq *= alpha
        sq += (1 - alpha) * g**2
    else:
        sq = (1 - alpha) * g**2
    return w - lr * g / (np.sqrt(sq) + eps), {"sq": sq}


@mistake("q5", cause="mutated")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """Updates w in place."""
    sq = alpha * state.get("sq", np.zeros_like(g)) + (1 - alpha) * g**2
    w -= lr * g / (np.sqrt(sq) + eps)
    return w, {"sq": sq}


# ---------------------------------------------------------------------------- q6 adam


@mistake("q6", cause="formula:no_bias", sample=True)
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Forgets the bias correction."""
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    return w - lr * m / (np.sqrt(v) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="not_finite")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Corrects the bias with t starting at 0 (and increments it after the step)."""
    t = state.get("t", 0)
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t + 1, "m": m, "v": v}


@mistake("q6", cause="formula:eps_inside")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Puts eps inside the square root."""
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m_hat / np.sqrt(v_hat + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="formula:eps_step")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Forgets the parentheses around the denominator: eps is added to the step."""
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - (lr * m_hat / np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="formula:m_only")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Corrects the bias of m only."""
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    return w - lr * (m / (1 - beta1**t)) / (np.sqrt(v) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="formula:stored_hat")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Stores the bias-corrected moments in the state (and corrects them again next time)."""
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    m, v = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m / (np.sqrt(v) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="formula:swapped_betas")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Averages m with beta2 and v with beta1."""
    t = state.get("t", 0) + 1
    m = beta2 * state.get("m", np.zeros_like(g)) + (1 - beta2) * g
    v = beta1 * state.get("v", np.zeros_like(g)) + (1 - beta1) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="formula:weights_swapped")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Weighs the new gradient by beta and the average by 1 - beta."""
    t = state.get("t", 0) + 1
    m = (1 - beta1) * state.get("m", np.zeros_like(g)) + beta1 * g
    v = (1 - beta2) * state.get("v", np.zeros_like(g)) + beta2 * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="formula:t_before")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Stores in t the number of updates before this one (0 after the first call)."""
    t = state.get("t", -1) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1 ** (t + 1)), v / (1 - beta2 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="formula:hidden_state")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Counts the steps in an attribute of the function instead of the state."""
    adam.t = getattr(adam, "t", 0) + 1
    t = adam.t
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


@mistake("q6", cause="mutated")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Updates the moments in place in the given state."""
    if not state:
        state.update(t=0, m=np.zeros_like(g), v=np.zeros_like(g))
    state["t"] += 1
    state["m"] = beta1 * state["m"] + (1 - beta1) * g
    state["v"] = beta2 * state["v"] + (1 - beta2) * g**2
    t = state["t"]
    m_hat, v_hat = state["m"] / (1 - beta1**t), state["v"] / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), state


# ---------------------------------------------------------------------------- q7 polyak_average


@mistake("q7", cause="formula:with_w0", sample=True)
def polyak_average(trajectory):
    """Includes the initial point in the average."""
    return trajectory.mean(axis=0)


@mistake("q7", cause="formula:drop_last")
def polyak_average(trajectory):
    """Excludes the last row instead of the first."""
    return trajectory[:-1].mean(axis=0)


@mistake("q7", cause="factor:T")
def polyak_average(trajectory):
    """Sums the iterates without dividing by their number."""
    return trajectory[1:].sum(axis=0)


@mistake("q7", cause="factor:T/(T+1)")
def polyak_average(trajectory):
    """Sums w_1..w_T but divides by the number of rows, T + 1."""
    return trajectory[1:].sum(axis=0) / len(trajectory)


@mistake("q7", cause="formula:axis")
def polyak_average(trajectory):
    """Averages over the wrong axis."""
    return trajectory[1:].mean(axis=1)
