"""At load time, take all the address space the sandbox allows but 256 MiB, really use 128 MiB
of it, and keep it; then ask for 8 TiB. The graded functions must still run in what is left, and
other submissions must not feel it.

Wrong answer: ols_gradient has the wrong sign.
Status: missing_function
"""
import numpy as np


def ols_gradient(X, y, beta):
    return X.T @ (y - X @ beta)


# ATTACK
hoard = []
size = 1 << 30
while size >= 256 << 20:
    try:
        hoard.append(np.empty(size, dtype=np.uint8))
    except MemoryError:
        size //= 2
hoard[0][: 128 << 20] = 1
try:
    np.ones(1 << 40)
    raise RuntimeError("ESCAPED: allocated 8 TiB")
except MemoryError:
    pass
# END ATTACK
