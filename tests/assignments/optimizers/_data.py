"""Problems for the optimizers checks and the notebook (public: shipped with the students'
public checks, so NumPy only).

Every quadratic here is 1/2 w^T A w - b^T w with A symmetric positive definite and *not*
diagonal: a rotation of a diagonal matrix whose eigenvalues are given in no particular order,
so neither the diagonal of A nor the order of any eigenvalue list gives mu and L. Gradients
have mixed signs and entries away from 0, and learning rates change from step to step.
"""

import numpy as np


def rotation(rng, d):
    """A random orthogonal (d, d) matrix (QR of a Gaussian matrix, signs fixed), far from the
    identity and from a permutation."""
    Q, R = np.linalg.qr(rng.standard_normal((d, d)))
    return Q * np.sign(np.diag(R))


def spd_matrix(rng, eigenvalues):
    """A symmetric positive definite matrix with the given eigenvalues (any order), in a random
    basis: A = Q diag(eigenvalues) Q^T, symmetrised so that A == A.T exactly."""
    eigenvalues = np.asarray(eigenvalues, dtype=float)
    Q = rotation(rng, eigenvalues.size)
    A = (Q * eigenvalues) @ Q.T
    return (A + A.T) / 2


def quadratic_problem(rng, d=4, mu=0.5, L=6.0):
    """A, b of a d-dimensional quadratic whose Hessian A has extreme eigenvalues mu and L and
    the others strictly between, in shuffled order; b of mixed signs."""
    inner = rng.uniform(mu, L, d - 2) if d > 2 else np.array([])
    inner = np.clip(inner, mu + 0.1 * (L - mu), L - 0.1 * (L - mu))
    eigenvalues = rng.permutation(np.concatenate([[mu, L], inner]))
    A = spd_matrix(rng, eigenvalues)
    b = rng.uniform(0.5, 1.5, d) * rng.choice([-1.0, 1.0], d)
    return A, b


def valley(kappa=20.0, angle=np.pi / 6, mu=0.5):
    """The notebook's long narrow valley: a 2-D quadratic with eigenvalues mu and kappa mu,
    its steep axis rotated by ``angle``, and its minimum at (1, 0.5). Returns A, b, w_star."""
    c, s = np.cos(angle), np.sin(angle)
    R = np.array([[c, -s], [s, c]])
    A = (R * np.array([kappa * mu, mu])) @ R.T
    A = (A + A.T) / 2
    w_star = np.array([1.0, 0.5])
    return A, A @ w_star, w_star


def mixed(rng, size, low=0.3, high=1.5):
    """Entries of mixed signs whose magnitudes lie in [low, high]: never 0, never equal."""
    return rng.uniform(low, high, size) * rng.choice([-1.0, 1.0], size)


def step_problem(rng, d=5, n_steps=6, scale=1.0, lr=0.1):
    """A start w0 (d,), n_steps gradients (n_steps, d) of size about ``scale`` with mixed signs
    (each step's signs differ from the last one's somewhere), and a learning rate that changes
    at every step (between lr / 2 and 2 lr, never twice the same)."""
    w0 = mixed(rng, d, 0.5, 2.0)
    grads = scale * mixed(rng, (n_steps, d))
    lrs = lr * rng.permutation(np.geomspace(0.5, 2.0, n_steps))
    return w0, grads, lrs


def noisy_gradient(A, b, sigma, rng):
    """A stochastic gradient of 1/2 w^T A w - b^T w: A w - b plus Gaussian noise of standard
    deviation ``sigma`` in every coordinate (fresh noise from ``rng`` at every call)."""
    def grad(w):
        return A @ w - b + sigma * rng.standard_normal(b.shape)
    return grad
