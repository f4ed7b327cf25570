"""Try to leave something running after grading: a double-forked daemon, a new session, a
process started with subprocess and disowned, a non-daemon thread that never ends, and
atexit and finalizer hooks that would start more.

Wrong answer: ols_gradient has the wrong sign.
"""
import atexit
import os
import subprocess
import threading
import time
import weakref


def ols_gradient(X, y, beta):
    return X.T @ (y - X @ beta)


# ATTACK
escaped = []
try:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(600)
        os._exit(0)
    escaped.append("fork")
except OSError:
    pass
try:
    subprocess.Popen(["sleep", "600"], start_new_session=True, stdout=subprocess.DEVNULL)
    escaped.append("subprocess")
except OSError:
    pass
try:
    os.setsid()  # harmless alone (no new process can follow), but try anyway
except OSError:
    pass
threading.Thread(target=lambda: time.sleep(10**6), daemon=False).start()


def _respawn():
    try:
        subprocess.Popen(["sleep", "600"], start_new_session=True)
    except OSError:
        pass


atexit.register(_respawn)
weakref.finalize(_respawn, _respawn)
if escaped:
    raise RuntimeError(f"ESCAPED: {escaped}")
# END ATTACK
