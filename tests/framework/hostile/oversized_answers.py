"""Answers the grader must not swallow: ols_gradient returns 200 MiB, ols_cost a structure
nested 10,000 deep with a million entries.

The honest counterparts raise.
Status: crash
"""
import numpy as np


def ols_gradient(X, y, beta):
    # ATTACK
    return np.ones((200 << 20) // 8)
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK


def ols_cost(X, y, beta):
    # ATTACK
    deep = 0.0
    for _ in range(10000):
        deep = [deep]
    return {"x": deep, "y": [0.0] * 1_000_000}
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK
