"""What only the hidden optimizers checks use: independent oracles (never shipped to students).

- ``torch.optim.SGD`` (momentum, Nesterov), ``RMSprop`` and ``Adam`` stepped in float64 on one
  parameter vector, with the learning rate set before every step, their state read under the
  contract's names;
- the same optimizers minimising a quadratic written in PyTorch, its gradient by autograd (a
  whole trajectory, for ``run_optimizer`` driving the student's own update);
- SciPy's ``eigvalsh`` for the extreme eigenvalues of a symmetric matrix;
- gradient descent's closed form on a quadratic, w_k = w* + (I - lr A)^k (w0 - w*), through
  the eigendecomposition;
- ``math.fsum`` for means of iterates.

Heavy libraries are imported inside the functions.
"""

import math

import numpy as np

from autograder.testing.autograd import as_numpy, tensor, torch

# The contract's state keys, and where torch.optim keeps each one.
STATE_KEYS = {
    "SGD": {"buf": "momentum_buffer"},
    "RMSprop": {"sq": "square_avg"},
    "Adam": {"t": "step", "m": "exp_avg", "v": "exp_avg_sq"},
}


class TorchOptimizer:
    """``torch.optim.<name>(**options)`` on one float64 parameter vector starting at ``w0``.

    ``step(g, lr)`` sets the learning rate, the gradient, takes one step and returns the new
    parameters and the state under the contract's keys (``t`` as an int). Called as a function
    it is the oracle of :func:`_compare.expect_steps`. ``state``: a state under the contract's
    keys to start from (as if the optimizer had taken ``t`` steps), instead of a fresh one."""

    def __init__(self, name, w0, state=None, **options):
        t = torch()
        self.name = name
        self.p = tensor(w0, requires_grad=True)
        self.opt = getattr(t.optim, name)([self.p], lr=1.0, foreach=False, **options)
        if state is not None:
            given = {"step": t.tensor(0.0)}  # RMSprop counts steps too (unused without decay)
            for key, torch_key in STATE_KEYS[name].items():
                value = state[key]
                given[torch_key] = t.tensor(float(value)) if key == "t" else tensor(value)
            self.opt.state[self.p] = given

    def __call__(self, g, lr):
        return self.step(g, lr)

    def step(self, g, lr):
        self.opt.param_groups[0]["lr"] = float(lr)
        self.p.grad = tensor(g)
        self.opt.step()
        state = self.opt.state[self.p]
        out = {}
        for key, torch_key in STATE_KEYS[self.name].items():
            value = state[torch_key]
            out[key] = int(value.item()) if key == "t" else as_numpy(value)
        return as_numpy(self.p), out


def torch_trajectory(name, A, b, w0, n_steps, lr, **options):
    """(n_steps + 1, d): ``torch.optim.<name>`` minimising 1/2 w^T A w - b^T w from w0, the
    gradient by autograd at every step."""
    t = torch()
    p = tensor(w0, requires_grad=True)
    At, bt = tensor(A), tensor(b)
    opt = getattr(t.optim, name)([p], lr=lr, foreach=False, **options)
    rows = [as_numpy(p)]
    for _ in range(n_steps):
        opt.zero_grad()
        (0.5 * p @ At @ p - bt @ p).backward()
        opt.step()
        rows.append(as_numpy(p))
    return np.stack(rows)


def quadratic_torch(A, b, w):
    """f(w) and grad f(w) of 1/2 w^T A w - b^T w, by PyTorch autograd in float64."""
    wt = tensor(w, requires_grad=True)
    f = 0.5 * wt @ tensor(A) @ wt - tensor(b) @ wt
    f.backward()
    return float(f.item()), as_numpy(wt.grad)


def extreme_eigenvalues(A):
    """(mu, L): the smallest and largest eigenvalue of a symmetric A, by SciPy."""
    import scipy.linalg

    lam = scipy.linalg.eigvalsh(A)
    return float(lam[0]), float(lam[-1])


def gd_closed_form(A, b, w0, lr, n_steps):
    """(n_steps + 1, d): gradient descent on the quadratic from its closed form
    w_k = w* + V diag((1 - lr lambda)^k) V^T (w0 - w*), by SciPy's eigh and solve."""
    import scipy.linalg

    lam, V = scipy.linalg.eigh(A)
    w_star = scipy.linalg.solve(A, b, assume_a="pos")
    e0 = V.T @ (w0 - w_star)
    k = np.arange(n_steps + 1)[:, None]
    return w_star + ((1 - lr * lam) ** k * e0) @ V.T


def mean_fsum(rows):
    """The mean of the rows of a 2-D array, column by column with math.fsum."""
    rows = np.asarray(rows, dtype=float)
    return np.array([math.fsum(col) / rows.shape[0] for col in rows.T])
