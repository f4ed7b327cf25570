"""Recursion bombs: ols_gradient raises the recursion limit and recurses through a C slot
(repr calls __repr__ calls repr...) until the C stack overflows: a segmentation fault.
ols_cost nests a list 200,000 deep and asks NumPy to walk it.

The honest counterparts raise.
Status: crash
"""
import sys

import numpy as np


def ols_gradient(X, y, beta):
    # ATTACK
    sys.setrecursionlimit(10**8)

    class Deep:
        def __repr__(self):
            return repr(self)

    return repr(Deep())
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK


def ols_cost(X, y, beta):
    # ATTACK
    nested = []
    for _ in range(200000):
        nested = [nested]
    return np.array(nested)
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK
