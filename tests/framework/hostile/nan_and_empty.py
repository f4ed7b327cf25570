"""NaN and empty-array tricks: NaN makes every comparison false (`not abs(got - want) > tol`
passes), an empty array makes np.allclose(got, want) vacuously true, inf and -0.0 for good
measure.

ols_gradient answers with a different trick on each call; the honest counterpart returns the
(wrong-signed) gradient. Neither earns a point of q2: every check that compares a vanishing
gradient also compares a non-zero one.
"""
import numpy as np


def ols_gradient(X, y, beta):
    g = X.T @ (y - X @ beta)
    # ATTACK
    tricks = [np.full_like(g, np.nan), np.empty(0), np.full_like(g, np.inf),
              g[:, None][:0], np.array(np.nan), -0.0 * g + np.nan]
    k = ols_gradient.__dict__.setdefault("calls", 0)
    ols_gradient.calls += 1
    return tricks[k % len(tricks)]
    # HONEST
    return g
    # END ATTACK
