"""Walk every readable folder from / looking for hidden tests, the reference, results and
other students' submissions, and report what was found through a cell error.

Wrong answer: ols_cost forgets the 1/2.
"""
import os


def ols_cost(X, y, beta):
    r = y - X @ beta
    return float(r @ r)


# ATTACK
hits = []
seen = 0
for top in ("/", "__REPO__", "__BATCH__", "__OUT__", "/autograder", "/tmp", "/root", "/work",
            "/home", "/proc/1/root", "/proc/self/root/..", os.path.expanduser("~")):
    for folder, dirs, files in os.walk(top):
        seen += 1
        if seen > 200000:
            break
        for name in files:
            if (name.startswith("test_q") or name in ("ols.py", "solutions.py", "results.json")
                    or name.endswith((".ipynb", "grades.csv")) or "hostile" in folder):
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as f:
                        f.read(64)
                    hits.append(path)
                except OSError:
                    pass
if hits:
    raise RuntimeError(f"ESCAPED: read {len(hits)} files: {hits[:5]}")
# END ATTACK
