"""Sandbox start-up: how long starting and closing a sandbox on a two-line notebook takes.

    python benchmarks/startup.py [--n 50] [--modes bwrap landlock] [--rounds 3]

For each mode, with the zygote (``AUTOGRADER_ZYGOTE=1``: a forked child) and without (``=0``: a
fresh interpreter), runs ``--n`` start-and-close cycles per round and prints the median, the
fastest and the slowest in milliseconds, one JSON line per round and setting. The settings
alternate within each round, so a machine whose speed drifts affects them alike. Run it from
the repository (or a copy of it at another commit, to compare two versions side by side).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from autograder.core.contract import parse_contract  # noqa: E402
from autograder.sandbox.modes import detect  # noqa: E402
from autograder.sandbox.proxy import SandboxedSubmission  # noqa: E402

CELLS = ["import numpy as np", "def f(x):\n    return x + 1.0"]
CONTRACT = parse_contract({"f": "float"})


def cycle(mode) -> float:
    """Seconds to start a sandbox on CELLS, make one call and close it."""
    start = time.perf_counter()
    with SandboxedSubmission(CELLS, CONTRACT, mode=mode) as sub:
        if not sub.report.loaded or sub.f(1.0) != 2.0:
            raise RuntimeError(f"the sandbox did not work: {sub.report}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--modes", nargs="+", default=["bwrap", "landlock"])
    args = parser.parse_args()
    for rnd in range(args.rounds):
        for name in args.modes:
            mode = detect(name)
            for zygote in ("1", "0"):
                os.environ["AUTOGRADER_ZYGOTE"] = zygote
                for _ in range(3):  # warm-up: the zygote starts, caches fill
                    cycle(mode)
                ms = sorted(1000 * cycle(mode) for _ in range(args.n))
                print(json.dumps({"round": rnd, "mode": name, "zygote": int(zygote),
                                  "n": args.n, "median_ms": round(statistics.median(ms), 1),
                                  "min_ms": round(ms[0], 1), "max_ms": round(ms[-1], 1)}),
                      flush=True)


if __name__ == "__main__":
    main()
