"""A notebook whose cells leave: sys.exit(0), SystemExit, KeyboardInterrupt, a SIGINT to
itself, and os._exit(0) in the middle of a cell that also defines a function.

Notebook: yes
The honest notebook has none of those statements. Wrong answers: ols_cost forgets the 1/2,
ols_gradient has the wrong sign.
Status: crash
"""
import os
import signal
import sys

# %%
def ols_cost(X, y, beta):
    r = y - X @ beta
    return float(r @ r)


# ATTACK
sys.exit(0)
# END ATTACK

# %%
# ATTACK
raise SystemExit("done: all tests passed")
# END ATTACK

# %%
# ATTACK
raise KeyboardInterrupt
# END ATTACK

# %%
# ATTACK
os.kill(os.getpid(), signal.SIGINT)
# END ATTACK

# %%
# ATTACK
os._exit(0)
# END ATTACK


def ols_gradient(X, y, beta):
    return X.T @ (y - X @ beta)
