"""Run ``otter run -a ZIP -o OUT --no-logo SUBMISSION`` for several jobs in one process.

Usage: ``python -m tests.framework.otter_batch JOBS.json`` where the file holds
``[[zip, submission, output folder], ...]``. Each job goes through Otter's own command-line
entry point (``otter.cli.cli`` with the same arguments the ``otter`` command parses), so only
the interpreter start-up and imports are shared; each job's stdout and stderr are kept in
``OUT/stdout.txt``.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
from pathlib import Path


def main(spec: str) -> int:
    from otter.cli import cli

    failures = 0
    for zip_path, submission, outdir in json.loads(Path(spec).read_text()):
        out = Path(outdir)
        out.mkdir(parents=True, exist_ok=True)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            try:
                cli.main(["run", "-a", zip_path, "-o", outdir, "--no-logo", submission],
                         prog_name="otter", standalone_mode=False)
            except BaseException:  # noqa: BLE001 - recorded; the test reports it
                failures += 1
                traceback.print_exc()
        (out / "stdout.txt").write_text(buf.getvalue())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
