"""Import the reference solution or the hidden tests, by module name and by every path an
attacker could guess (the repository, Otter's and Gradescope's layouts), and use the reference
if found.

Wrong answer otherwise: ols_cost forgets the 1/2.
"""
import importlib
import importlib.util
import os


def ols_cost(X, y, beta):
    r = y - X @ beta
    return float(r @ r)


# ATTACK
found = []
for name in ("solutions.ols", "solutions", "tests.assignments.ols.test_q1_cost",
             "autograder", "autograder.course", "ols"):
    try:
        importlib.import_module(name)
        found.append(name)
    except Exception:
        pass
for path in ("__REPO__/solutions/ols.py", "__REPO__/tests/assignments/ols/test_q1_cost.py",
             "/autograder/source/solutions/ols.py", "/autograder/source/tests/q1.py",
             "../source/tests/q1.py", os.path.expanduser("~/solutions/ols.py")):
    try:
        spec = importlib.util.spec_from_file_location("stolen", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        ols_cost = module.ols_cost  # noqa: F811
        found.append(path)
    except Exception:
        pass
if found:
    raise RuntimeError(f"ESCAPED: imported {found}")
# END ATTACK
