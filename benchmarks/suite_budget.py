"""Project the test suite's cost to N assignments from the last run's budget.

    make test                      # writes artifacts/suite-budget.json (tests/conftest.py)
    python benchmarks/suite_budget.py 17

Prints the fixed cost, the cost per assignment (mean and max) and fixed + N x mean, plus the
CI budget (the install and the student environment are measured by .ci/run, not here).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 17
    path = ROOT / "artifacts" / "suite-budget.json"
    if not path.is_file():
        print(f"{path}: no budget yet; run the test suite first (make test)", file=sys.stderr)
        return 2
    b = json.loads(path.read_text())
    per = b["per_assignment"]
    print(f"measured on {b['cores']} cores: {b['assignments']} assignments, "
          f"{b['wall'] / 60:.1f} min of wall time")
    print(f"fixed cost: {b['fixed']:.0f} s")
    for name, seconds in sorted(per.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<16} {seconds:6.0f} s")
    if not per:
        return 0
    mean, worst = b["mean"], max(per.values())
    print(f"per assignment: mean {mean:.0f} s, max {worst:.0f} s")
    print(f"projection for {n} assignments: {b['fixed']:.0f} + {n} x {mean:.0f} = "
          f"{(b['fixed'] + n * mean) / 60:.1f} min ({(b['fixed'] + n * worst) / 60:.1f} min if "
          "every assignment cost the max)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
