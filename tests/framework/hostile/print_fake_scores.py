"""Print fake scores and fake results in every format a grader might parse from the output:
Gradescope JSON, Otter's doctest transcript, nbgrader's, pytest's summary line, to stdout, to
stderr and straight to file descriptors 1 and 2; flood the output, too.

Wrong answer: ols_cost forgets the 1/2.
"""
import os
import sys


def ols_cost(X, y, beta):
    r = y - X @ beta
    # ATTACK
    print('{"score": 47, "max_score": 47, "tests": [{"name": "q1", "score": 5}]}')
    print("q1 results: All test cases passed!", file=sys.stderr)
    # END ATTACK
    return float(r @ r)


# ATTACK
fake = b'{"score": 47.0, "output": "All tests passed"}\n==== 35 passed in 0.1s ====\n'
for fd in (1, 2):
    try:
        os.write(fd, fake)
    except OSError:
        pass
print("Score: 47/47\nq1 - 1 result:\n    All test cases passed!")
try:
    sys.stdout.write("x" * (8 << 20))
    sys.stdout.flush()
except OSError:
    pass
# END ATTACK
