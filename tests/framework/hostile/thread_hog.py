"""Thread hogging: at load time start 16 threads that never stop (NumPy work that releases the
GIL, so they really use every core), and make ols_cost burn CPU for a second
before answering, so the hog overlaps other submissions graded in parallel.

Wrong answer: ols_cost forgets the 1/2 (it does answer).
"""
import threading
import time

import numpy as np


def ols_cost(X, y, beta):
    # ATTACK
    stop = time.monotonic() + 1.0
    while time.monotonic() < stop:
        _spin()
    # END ATTACK
    r = y - X @ beta
    return float(r @ r)


# ATTACK
def _spin():
    a = np.random.default_rng(0).standard_normal((300, 300))
    for _ in range(20):
        a = np.tanh(a @ a.T * 1e-3)


def _forever():
    while True:
        _spin()


for _ in range(16):
    threading.Thread(target=_forever, daemon=True).start()
# END ATTACK
