"""C-level hangs: ols_gradient blocks in libc pause() with signals blocked (no Python code
runs, so no exception can be delivered), ols_cost in a regular expression with catastrophic
backtracking that holds the GIL.

The honest counterparts raise.
Status: timeout
"""
import ctypes
import re
import signal


def ols_gradient(X, y, beta):
    # ATTACK
    signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals) - {signal.SIGKILL,
                                                                    signal.SIGSTOP})
    libc = ctypes.CDLL(None)
    while True:
        libc.pause()
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK


def ols_cost(X, y, beta):
    # ATTACK
    re.match(r"(a+)+$", "a" * 64 + "b")
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK
