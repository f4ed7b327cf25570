"""How ``autograder validate`` reports: a short summary on the terminal, the details in a file.

The terminal gets, per assignment, one line per guarantee (the same guarantee proved with
several seeds is one line), one line for the mistake catalogue (how many mistakes lose points,
the diagnosis rate and which mistakes' causes the feedback does not name), and every failure
in full. The catalogue's table (each mistake's score and feedback) goes to a Markdown file
(``--details``, default ``artifacts/validate-details.md``, gitignored), where long messages do
not have to fit 80 columns.

Jupyter kernels started to run the reference notebooks write start-up notices on the
inherited stderr ("Kernel is running over TCP without encryption", the debugger's frozen
modules warning); :func:`quiet_kernel_notices` relays stderr without them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.markup import escape

KERNEL_NOTICES = (b"Kernel is running over TCP without encryption", b"Debugger warning:",
                  b"frozen modules", b"PYDEVD_DISABLE_FILE_VALIDATION",
                  b"Debugging will proceed", b"-Xfrozen_modules")
_SEED = re.compile(r" \(seed (\d+)\)$")


@contextlib.contextmanager
def quiet_kernel_notices() -> Iterator[None]:
    """Relay this process's stderr (fd 2, which the kernels it starts inherit) without the
    kernels' start-up notices; everything else passes through unchanged."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)

    def relay() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            for line in pipe:
                if not any(n in line for n in KERNEL_NOTICES):
                    try:
                        os.write(saved, line)
                    except OSError:
                        return

    thread = threading.Thread(target=relay, daemon=True)
    thread.start()
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)  # the pipe's last writer here is gone: the relay sees EOF
        thread.join(5)
        if not thread.is_alive():
            os.close(saved)


def grouped(lines: list[str]) -> list[str]:
    """Lines that differ only by their ``(seed N)`` suffix, as one line listing the seeds."""
    out: list[str] = []
    seeds: dict[str, list[str]] = {}
    for line in lines:
        m = _SEED.search(line)
        if not m:
            out.append(line)
            continue
        head = line[: m.start()]
        if head not in seeds:
            seeds[head] = []
            out.append(head)
        seeds[head].append(m.group(1))
    return [f"{line} (seed{'s' if len(seeds[line]) > 1 else ''} {', '.join(seeds[line])})"
            if line in seeds else line for line in out]


def catalogue_line(report, target: float) -> tuple[bool, str]:
    """(all good?, the catalogue's summary line)."""
    total = len(report.catalogue)
    losing = sum(1 for _, score, max_score, _, _ in report.catalogue if score < max_score)
    named = [m.id for m, *_, n, _ in report.catalogue if n]
    rate = len(named) / total
    unnamed = [m.id for m, *_, n, _ in report.catalogue if not n]
    line = (f"catalogue: {losing} of {total} mistakes lose points; the feedback names the "
            f"cause of {len(named)} ({rate:.0%}, target {target:.0%})")
    if unnamed:
        line += f"; not named: {', '.join(unnamed)}"
    return losing == total and rate >= target, line


def print_summary(console: Console, report, seeds: list[int], target: float) -> None:
    """One assignment's result: a line per guarantee, the catalogue's line, each failure."""
    console.print(f"\n[bold]{report.name}[/bold] (seeds {', '.join(map(str, seeds))})")
    for line in grouped(report.passed):
        console.print(f"  [green]✓[/green] {escape(line)}")
    if report.catalogue:
        ok, line = catalogue_line(report, target)
        mark = "[green]✓[/green]" if ok else "[red]✗[/red]"
        console.print(f"  {mark} {escape(line)}")
    for line in report.failures:
        console.print(f"  [red]✗[/red] {escape(line)}".replace("\n", "\n    "))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def write_details(path: Path, runs: list[tuple[object, list[int]]],
                  rates: list[tuple[str, int, int, float]]) -> Path:
    """The full record, in Markdown: every guarantee and failure, each catalogued mistake's
    score and feedback, the diagnosis rates."""
    lines = ["# autograder validate: details", "",
             f"Written {time.strftime('%Y-%m-%d %H:%M:%S')}.", ""]
    for report, seeds in runs:
        lines += [f"## {report.name}", "", f"Seeds: {', '.join(map(str, seeds))}.", ""]
        lines += [f"- ✓ {p}" for p in report.passed]
        lines += ["- ✗ " + f.replace("\n", "\n  ") for f in report.failures]
        if report.catalogue:
            lines += ["", "### Mistake catalogue", "",
                      "| mistake | question | score | cause named | feedback |",
                      "|---|---|---|---|---|"]
            for m, score, max_score, named, message in report.catalogue:
                lines.append(f"| {_cell(f'{m.id}: {m.description}')} | {m.question} | "
                             f"{score:g}/{max_score:g} | {'yes' if named else '**no**'} | "
                             f"{_cell(message)} |")
        lines.append("")
    if rates:
        lines += ["## Diagnosis rate", "", "| assignment | mistakes | cause named | rate |",
                  "|---|---|---|---|"]
        lines += [f"| {name} | {n} | {named} | {rate:.0%} |" for name, n, named, rate in rates]
        lines.append("")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
