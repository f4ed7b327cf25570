"""Input generators for the ols checks (public: shipped with the students' public checks)."""

import numpy as np


def regression_problem(rng, n=9, d=4, noise=0.5):
    """A tall, well-conditioned problem: columns on different scales, mixed-sign coefficients."""
    X = rng.standard_normal((n, d)) * np.linspace(0.5, 2.0, d)
    beta_true = rng.uniform(0.5, 2.0, d) * rng.choice([-1.0, 1.0], d)
    y = X @ beta_true + noise * rng.standard_normal(n)
    return X, y


def design_with_singular_values(rng, n, singular_values):
    """X = U diag(s) V^T with random orthonormal U (n, d) and V (d, d): cond(X) = s_max/s_min."""
    s = np.asarray(singular_values, dtype=float)
    d = s.size
    U, _ = np.linalg.qr(rng.standard_normal((n, d)))
    V, _ = np.linalg.qr(rng.standard_normal((d, d)))
    return (U * s) @ V.T


def ols_cost_oracle(X, y, beta):
    """J(beta) = 1/2 ||y - X beta||^2, written from the definition."""
    return 0.5 * float(np.linalg.norm(y - X @ beta) ** 2)
