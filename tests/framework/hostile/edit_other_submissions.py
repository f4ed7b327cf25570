"""Overwrite every other submission in the batch with a copy of itself, plant files in the
results folder, truncate the canary in /tmp, and delete what it can in the repository.

Wrong answer: ols_gradient has the wrong sign.
"""
import glob
import os


def ols_gradient(X, y, beta):
    return X.T @ (y - X @ beta)


# ATTACK
touched = []
for path in (glob.glob("__BATCH__/*") + glob.glob("__OUT__/*") + ["__CANARY__"]
             + glob.glob("__REPO__/tests/assignments/ols/*.py") + ["__REPO__/solutions/ols.py"]):
    try:
        with open(path, "w") as f:
            f.write("def ols_cost(X, y, beta):\n    return 0.0\n")
        touched.append(path)
    except OSError:
        pass
    try:
        os.unlink(path)
        touched.append(path)
    except OSError:
        pass
for path in ("__OUT__/planted.json", "__BATCH__/planted.py", "__REPO__/planted.txt"):
    try:
        open(path, "x").close()
        touched.append(path)
    except OSError:
        pass
try:
    os.rename("__CANARY__", "__CANARY__.moved")
    touched.append("rename")
except OSError:
    pass
if touched:
    raise RuntimeError(f"ESCAPED: changed {touched[:5]}")
# END ATTACK
