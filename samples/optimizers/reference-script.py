"""Reference solutions for the `optimizers` assignment (hidden: never part of a student
artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def quadratic(A, b):
    """The quadratic f(w) = 1/2 w^T A w - b^T w and its gradient, as two functions.

    Inputs:
    - A: array of shape (d, d), symmetric positive definite
    - b: array of shape (d,)

    Returns a tuple (f, grad) of two functions of w, an array of shape (d,):
    - f(w) returns a float, 1/2 w^T A w - b^T w;
    - grad(w) returns an array of shape (d,), the gradient A w - b.
    Both keep their own A and b: a later call of quadratic with other matrices, or a change
    to the caller's arrays, must not change them. Neither modifies w.
    """
    A = np.array(A, dtype=float)  # copies: f and grad keep these A and b
    b = np.array(b, dtype=float)

    def f(w):
        return float(0.5 * w @ A @ w - b @ w)

    def grad(w):
        return A @ w - b

    return f, grad


def run_optimizer(step, grad, w0, n_steps, **hyper):
    """Run an optimizer for n_steps steps from w0.

    Starting from w = w0 and state = {} (an empty dict), repeat n_steps times:

        w, state = step(w, grad(w), state, **hyper)

    Inputs:
    - step: a function step(w, g, state, **hyper) -> (new_w, new_state), such as
      sgd_momentum, rmsprop or adam
    - grad: a function grad(w) -> array of shape (d,), the gradient at w
    - w0: array of shape (d,), the starting point (left unchanged)
    - n_steps: int >= 0, the number of steps
    - hyper: keyword arguments passed on to every call of step (lr=..., mu=..., ...)

    Returns a tuple (w, trajectory):
    - w: array of shape (d,), the last iterate w_{n_steps}
    - trajectory: array of shape (n_steps + 1, d) whose row k is w_k; row 0 is w0 and the
      last row is w
    """
    w = np.array(w0, dtype=float)
    state = {}
    rows = [w.copy()]
    for _ in range(n_steps):
        w, state = step(w, grad(w), state, **hyper)
        rows.append(np.array(w, dtype=float))
    trajectory = np.stack(rows)
    return trajectory[-1].copy(), trajectory


def gd_rate(A):
    """The contraction factor of gradient descent with lr = 1/L on 1/2 w^T A w - b^T w.

    With mu and L the smallest and the largest eigenvalue of A, the error w_k - w* of
    gradient descent with the learning rate 1/L shrinks at least by the factor 1 - mu / L at
    every step (exactly that factor along the eigenvector of mu).

    Input: A, an array of shape (d, d), symmetric positive definite (not necessarily
    diagonal: use its eigenvalues, not its diagonal entries).

    Returns a float in [0, 1): 1 - mu / L.
    """
    eigenvalues = np.linalg.eigvalsh(A)  # ascending
    return float(1.0 - eigenvalues[0] / eigenvalues[-1])


def sgd_momentum(w, g, state, lr, mu=0.9, nesterov=False):
    """One step of SGD with (heavy-ball) momentum, in PyTorch's form.

    The momentum buffer is buf = g on the first call (when state is empty), and
    buf = mu * buf + g afterwards (buf the previous call's buffer). The update is

        w_new = w - lr * buf               (nesterov=False)
        w_new = w - lr * (g + mu * buf)    (nesterov=True)

    with the new buf in both. This is torch.optim.SGD(momentum=mu, nesterov=nesterov).

    Inputs:
    - w: array of shape (d,), the parameters
    - g: array of shape (d,), the gradient at w
    - state: dict, {} on the first call, else the state this function returned last time
    - lr: float, the learning rate (it may change from one call to the next)
    - mu: float, the momentum coefficient
    - nesterov: bool, Nesterov's variant

    Returns a tuple (w_new, new_state): w_new an array of shape (d,), new_state a new dict
    {'buf': array of shape (d,)}. Do not modify w, g or state.
    """
    buf = g.copy() if "buf" not in state else mu * state["buf"] + g
    direction = g + mu * buf if nesterov else buf
    return w - lr * direction, {"buf": buf}


def rmsprop(w, g, state, lr, alpha=0.99, eps=1e-8):
    """One step of RMSProp, in PyTorch's form.

    The running average of the squared gradient starts at 0 and is updated before it is used:

        sq = alpha * sq + (1 - alpha) * g**2
        w_new = w - lr * g / (sqrt(sq) + eps)

    (eps outside the square root), as torch.optim.RMSprop(alpha=alpha, eps=eps).

    Inputs:
    - w: array of shape (d,), the parameters
    - g: array of shape (d,), the gradient at w
    - state: dict, {} on the first call, else the state this function returned last time
    - lr: float, the learning rate (it may change from one call to the next)
    - alpha: float, the decay of the running average
    - eps: float, added to the root for stability

    Returns a tuple (w_new, new_state): w_new an array of shape (d,), new_state a new dict
    {'sq': array of shape (d,)}. Do not modify w, g or state.
    """
    sq = alpha * state.get("sq", np.zeros_like(g)) + (1 - alpha) * g * g
    return w - lr * g / (np.sqrt(sq) + eps), {"sq": sq}


def adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """One step of Adam, in PyTorch's form.

    The step count t starts at 1 (t = 1 on the first call); the moments m and v start at 0:

        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t),   v_hat = v / (1 - beta2**t)
        w_new = w - lr * m_hat / (sqrt(v_hat) + eps)

    (eps outside the square root), as torch.optim.Adam(betas=(beta1, beta2), eps=eps).

    Inputs:
    - w: array of shape (d,), the parameters
    - g: array of shape (d,), the gradient at w
    - state: dict, {} on the first call, else the state this function returned last time
    - lr: float, the learning rate (it may change from one call to the next)
    - beta1, beta2: floats, the decays of the first and second moments
    - eps: float, added to the root for stability

    Returns a tuple (w_new, new_state): w_new an array of shape (d,), new_state a new dict
    {'t': int, the number of updates taken including this one, 'm': array of shape (d,),
    'v': array of shape (d,)} holding the moments m and v before the bias correction.
    Do not modify w, g or state.
    """
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


def polyak_average(trajectory):
    """The Polyak average of the iterates w_1, ..., w_T, the initial point excluded.

    Input: trajectory, an array of shape (T + 1, d) whose row k is w_k (row 0 is w_0), T >= 1.

    Returns an array of shape (d,): (w_1 + ... + w_T) / T.
    """
    return np.mean(trajectory[1:], axis=0)


WRITTEN_ANSWERS = {
    "w1": r"""
On the quadratic the error $e_k = w_k - w^*$ obeys $e_{k+1} = (I - \eta A)\,e_k$. In the
eigenbasis of $A$ each coordinate is multiplied by $1 - \eta\lambda_i$ at every step, so
the step must satisfy $\eta < 2/L$ for the largest eigenvalue $L$ (else that direction
diverges), and with $\eta = 1/L$ the slowest direction, the eigenvector of the smallest
eigenvalue $\mu$, shrinks by $1 - \mu/L = 1 - 1/\kappa$ per step. Reducing the error by a
factor $e$ takes about $\kappa$ steps ($(1 - 1/\kappa)^\kappa \approx 1/e$), and to
precision $\varepsilon$ about $\kappa\log(1/\varepsilon)$ steps. A large condition number means
long, narrow elliptic level sets: the step size is limited by the steep direction while
progress along the flat one is $\kappa$ times slower, and gradient descent zigzags across the
valley. With $\kappa = 1$ (spherical level sets) one step with $\eta = 1/L$ lands on $w^*$.
""",
    "w2": r"""
$m$ and $v$ start at 0, so the first averages are biased towards 0: after $t$ steps with
gradients of constant mean, $\mathbb{E}[m_t] = (1 - \beta_1)\sum_{i=1}^t \beta_1^{t-i}\,
\mathbb{E}[g] = (1 - \beta_1^t)\,\mathbb{E}[g]$, and likewise
$\mathbb{E}[v_t] = (1 - \beta_2^t)\,\mathbb{E}[g^2]$. With $\beta_2 = 0.999$, $v_1$ is only
$0.001\,g^2$. Dividing by $1 - \beta^t$ removes this bias: $\hat m_t$ and $\hat v_t$ are unbiased
estimates of the first and second moments from the very first step, and the factor tends to 1
as $t$ grows (after a few thousand steps for $\beta_2$). Without the correction both moments
are too small early on, and since $\beta_2$ is much closer to 1 than $\beta_1$, $v$ is far
smaller than $m^2$: the first steps $m/\sqrt v$ would be about $(1-\beta_1)/\sqrt{1-\beta_2}
\approx 3$ times too large in size (and sensitive to eps), exactly when the parameters are
farthest from a good region. With the correction, the first step is
$\eta\,g/(|g| + \epsilon) \approx \eta\,\mathrm{sign}(g)$: of size $\eta$ in each coordinate.
""",
    "w3": r"""
In a long narrow valley the gradient points mostly across the valley (the steep direction) and
only a little along it. Plain gradient descent takes small steps (limited by the steep
curvature) and zigzags. Momentum accumulates the gradients: buf is a (non-normalised)
exponentially weighted sum of past gradients, so the components that alternate in sign across
the valley cancel, while the small, consistent component along the valley adds up (up to a
factor $1/(1-\mu)$, 10 for $\mu = 0.9$). The iterate moves like a heavy ball, building up speed
along the floor of the valley; on a quadratic with well-chosen $\eta, \mu$ the rate improves
from $1 - 1/\kappa$ to about $1 - 1/\sqrt{\kappa}$. The price is overshooting and oscillations
when the ball arrives. Nesterov evaluates the step at a look-ahead: in PyTorch's form the
update $g + \mu\,\mathrm{buf}$ uses the freshly updated buffer, a correction that acts like
damping, so it overshoots less and oscillates less across the valley than the heavy ball.
""",
}
