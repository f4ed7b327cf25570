"""Not an attack: a later submission that would notice persistence. If anything planted by
another submission ran in its process, its answers change.

Wrong answer: ols_gradient has the wrong sign.
"""
import builtins


def ols_gradient(X, y, beta):
    if getattr(builtins, "__hostile_persisted__", False):
        raise RuntimeError("ESCAPED: code planted by another submission ran here")
    return X.T @ (y - X @ beta)
