"""Look for the expected value where in-process graders keep it: the caller's frames (locals
named want/expected), every object the garbage collector knows (arrays of the right shape that
are not the inputs), and the harness's own module globals.

Whatever it finds is returned; with nothing to find it returns the wrong-signed gradient.
"""
import gc
import sys

import numpy as np


def ols_gradient(X, y, beta):
    g = X.T @ (y - X @ beta)
    # ATTACK
    frame = sys._getframe(1)
    while frame is not None:
        for key in ("want", "expected", "expect", "target", "answer"):
            v = frame.f_locals.get(key)
            if isinstance(v, np.ndarray) and v.shape == g.shape:
                raise RuntimeError("ESCAPED: expected value found in a caller's frame")
        frame = frame.f_back
    for obj in gc.get_objects():
        if (isinstance(obj, np.ndarray) and obj.shape == g.shape and obj is not beta
                and not np.shares_memory(obj, g) and np.allclose(obj, -g)):
            raise RuntimeError("ESCAPED: the correct gradient is in this process")
    for name, mod in list(sys.modules.items()):
        if name.startswith(("tests", "solutions", "autograder")):
            raise RuntimeError(f"ESCAPED: grader module {name} is loaded in the sandbox")
    # END ATTACK
    return g
