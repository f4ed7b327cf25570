"""The suite's budget: what it costs, fixed and per assignment, and what that projects to.

Every test's duration (setup, call and teardown) is charged to the assignment it is
parametrized over or lives under (``tests/assignments/<a>/``, or a parameter equal to an
assignment's name), else to the fixed cost; the parity fixture's time, which serves every
assignment at once, is charged to each assignment in proportion to the grading it did
(``tests/framework/ecosystems.COST``). At the end pytest prints the table and writes
``artifacts/suite-budget.json``; ``python benchmarks/suite_budget.py [N]`` projects it to N
assignments.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_owner: dict[str, str | None] = {}
_spent: dict[str, float] = {}
_start = [time.monotonic()]
_parity_charged = [False]


def _names() -> set[str]:
    return {p.parent.name for p in (ROOT / "assignments").glob("*/assignment.toml")}


def pytest_collection_modifyitems(config, items):
    names = _names()
    for item in items:
        owner = None
        parts = Path(str(item.fspath)).relative_to(ROOT).parts
        if len(parts) > 2 and parts[:2] == ("tests", "assignments") and parts[2] in names:
            owner = parts[2]
        callspec = getattr(item, "callspec", None)
        if owner is None and callspec is not None:
            for value in callspec.params.values():
                if isinstance(value, str) and value in names:
                    owner = value
                    break
        _owner[item.nodeid] = owner


def pytest_runtest_logreport(report):
    key = _owner.get(report.nodeid) or "(fixed)"
    seconds = report.duration
    if report.when == "setup" and not _parity_charged[0]:
        from tests.framework import ecosystems

        if ecosystems.COST:  # this setup built the parity fixture: charge it by share
            _parity_charged[0] = True
            seconds = max(0.0, seconds - sum(ecosystems.COST.values()))
            for name, share in ecosystems.COST.items():
                _spent[name] = _spent.get(name, 0.0) + share
    _spent[key] = _spent.get(key, 0.0) + seconds


def budget() -> dict:
    spent = dict(_spent)
    per = {k: v for k, v in spent.items() if k != "(fixed)"}
    mean = sum(per.values()) / len(per) if per else 0.0
    return {"fixed": spent.get("(fixed)", 0.0), "per_assignment": per, "mean": mean,
            "assignments": len(per), "wall": time.monotonic() - _start[0],
            "cores": os.cpu_count()}


def pytest_terminal_summary(terminalreporter):
    if not _spent:
        return
    b = budget()
    w = terminalreporter
    w.section("suite budget")
    w.write_line(f"fixed cost {b['fixed']:8.1f} s (tests of the framework itself)")
    for name, seconds in sorted(b["per_assignment"].items()):
        w.write_line(f"{name:>14} {seconds:8.1f} s")
    if b["assignments"]:
        w.write_line(f"mean per assignment {b['mean']:.1f} s; projection: fixed + 17 x mean = "
                     f"{(b['fixed'] + 17 * b['mean']) / 60:.1f} min of test time "
                     "(python benchmarks/suite_budget.py N for N assignments)")
    out = ROOT / "artifacts" / "suite-budget.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(b, indent=2) + "\n")
