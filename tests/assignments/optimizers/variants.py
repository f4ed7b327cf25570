"""Other correct ways to write the optimizers functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.linalg

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1


@variant("q1", id="quadratic-naive")
def quadratic(A, b):
    """Plain loops over the entries, on lists copied from A and b."""
    A = [[float(x) for x in row] for row in A]
    b = [float(x) for x in b]
    d = len(b)

    def f(w):
        total = 0.0
        for i in range(d):
            for j in range(d):
                total += 0.5 * w[i] * A[i][j] * w[j]
            total -= b[i] * w[i]
        return total

    def grad(w):
        out = np.zeros(d)
        for i in range(d):
            out[i] = sum(A[i][j] * w[j] for j in range(d)) - b[i]
        return out

    return f, grad


@variant("q1")
def quadratic(A, b):
    """einsum for f and the symmetric part (A + A^T) / 2 for the gradient."""
    A, b = A.copy(), b.copy()

    def f(w):
        return 0.5 * np.einsum("i,ij,j->", w, A, w) - np.dot(b, w)

    def grad(w):
        return 0.5 * (A + A.T) @ w - b

    return f, grad


# ---------------------------------------------------------------------------- q2


@variant("q2", id="run_optimizer-naive")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """A preallocated trajectory filled row by row."""
    trajectory = np.zeros((n_steps + 1, len(w0)))
    trajectory[0] = w0
    w = w0.copy()
    state = dict()
    for k in range(1, n_steps + 1):
        g = grad(w)
        w, state = step(w, g, state, **hyper)
        trajectory[k] = w
    return trajectory[n_steps].copy(), trajectory


@variant("q2")
def run_optimizer(step, grad, w0, n_steps, **hyper):
    """A list of rows stacked with np.vstack at the end."""
    w, state, rows = np.copy(w0), {}, [np.copy(w0)]
    while len(rows) <= n_steps:
        w, state = step(w, grad(w), state, **hyper)
        rows.append(w)
    return w, np.vstack(rows)


# ---------------------------------------------------------------------------- q3


@variant("q3")
def gd_rate(A):
    """1 - 1 / kappa with the 2-norm condition number (L / mu for a symmetric positive
    definite matrix)."""
    return 1.0 - 1.0 / np.linalg.cond(A)


@variant("q3")
def gd_rate(A):
    """The singular values (the eigenvalues, for a symmetric positive definite matrix)."""
    s = np.linalg.svd(A, compute_uv=False)
    return float(1 - s.min() / s.max())


@variant("q3")
def gd_rate(A):
    """SciPy's eigvalsh, asking only for the two extreme eigenvalues."""
    d = A.shape[0]
    mu = scipy.linalg.eigvalsh(A, subset_by_index=[0, 0])[0]
    L = scipy.linalg.eigvalsh(A, subset_by_index=[d - 1, d - 1])[0]
    return float(1 - mu / L)


@variant("q3", id="gd_rate-naive")
def gd_rate(A):
    """np.linalg.eigvals (unsorted) with min and max."""
    lam = np.linalg.eigvals(A).real
    return float(1 - min(lam) / max(lam))


# ---------------------------------------------------------------------------- q4


@variant("q4", id="sgd_momentum-naive")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """A loop over the coordinates."""
    d = len(w)
    old = state.get("buf")
    buf = np.zeros(d)
    new_w = np.zeros(d)
    for i in range(d):
        buf[i] = g[i] if old is None else mu * old[i] + g[i]
        direction = g[i] + mu * buf[i] if nesterov else buf[i]
        new_w[i] = w[i] - lr * direction
    return new_w, {"buf": buf}


@variant("q4")
def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """Nesterov expanded: g + mu (mu buf_old + g) = (1 + mu) g + mu^2 buf_old; the state keeps
    an extra entry."""
    if "buf" not in state:
        buf = np.array(g, dtype=float)
        direction = (1 + mu) * g if nesterov else buf
    else:
        buf = mu * state["buf"] + g
        direction = (1 + mu) * g + mu**2 * state["buf"] if nesterov else buf
    return w - lr * direction, {"buf": buf, "steps": state.get("steps", 0) + 1}


# ---------------------------------------------------------------------------- q5


@variant("q5", id="rmsprop-naive")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """A loop over the coordinates with math.sqrt."""
    d = len(w)
    old = state.get("sq", [0.0] * d)
    sq = np.zeros(d)
    new_w = np.zeros(d)
    for i in range(d):
        sq[i] = alpha * old[i] + (1 - alpha) * g[i] * g[i]
        new_w[i] = w[i] - lr * g[i] / (math.sqrt(sq[i]) + eps)
    return new_w, {"sq": sq}


@variant("q5")
def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """A copy of the given state updated with the new average, np.divide and np.square."""
    new_state = dict(state)
    new_state["sq"] = alpha * state["sq"] + (1 - alpha) * np.square(g) if "sq" in state \
        else (1 - alpha) * np.square(g)
    return w - lr * np.divide(g, np.sqrt(new_state["sq"]) + eps), new_state


# ---------------------------------------------------------------------------- q6


@variant("q6", id="adam-naive")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """A loop over the coordinates."""
    d = len(w)
    t = state.get("t", 0) + 1
    m_old = state.get("m", [0.0] * d)
    v_old = state.get("v", [0.0] * d)
    m, v, new_w = np.zeros(d), np.zeros(d), np.zeros(d)
    for i in range(d):
        m[i] = beta1 * m_old[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v_old[i] + (1 - beta2) * g[i] ** 2
        m_hat = m[i] / (1 - beta1**t)
        v_hat = v[i] / (1 - beta2**t)
        new_w[i] = w[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
    return new_w, {"t": t, "m": m, "v": v}


@variant("q6")
def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """PyTorch's own arrangement: step size lr / (1 - beta1^t), denominator
    sqrt(v) / sqrt(1 - beta2^t) + eps, m by interpolation (lerp)."""
    t = state.get("t", 0) + 1
    m = state.get("m", np.zeros_like(g))
    m = m + (1 - beta1) * (g - m)
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    step_size = lr / (1 - beta1**t)
    denom = np.sqrt(v) / math.sqrt(1 - beta2**t) + eps
    return w - step_size * m / denom, {"t": t, "m": m, "v": v, "lr": lr}


# ---------------------------------------------------------------------------- q7


@variant("q7", id="polyak_average-naive")
def polyak_average(trajectory):
    """A loop summing the rows after the first."""
    T = len(trajectory) - 1
    total = np.zeros(trajectory.shape[1])
    for k in range(1, T + 1):
        total = total + trajectory[k]
    return total / T


@variant("q7")
def polyak_average(trajectory):
    """The running mean of the cheat sheet, avg_t = avg_{t-1} + (w_t - avg_{t-1}) / t."""
    avg = np.zeros(trajectory.shape[1])
    for t, w in enumerate(trajectory[1:], start=1):
        avg += (w - avg) / t
    return avg
