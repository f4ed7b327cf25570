"""A hang at the top level, in the middle of the file, with SIGTERM and SIGINT ignored: a
grader that runs the whole file as one unit loses every function defined after it.

Wrong answers: ols_cost forgets the 1/2, ols_gradient has the wrong sign.
Status: timeout
"""
import signal
import time


def ols_cost(X, y, beta):
    r = y - X @ beta
    return float(r @ r)


# ATTACK
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    time.sleep(0.01)
# END ATTACK


def ols_gradient(X, y, beta):
    return X.T @ (y - X @ beta)
