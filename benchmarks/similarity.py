"""`autograder similarity` on a big folder: how long a few hundred submissions take.

    python benchmarks/similarity.py [--n 300] [--names ols lstm] [--common 10 0]

For each assignment, writes ``--n`` synthetic notebooks to a temporary folder (the reference
with each function, at random, kept or replaced by one of its catalogued mistakes or correct
variants: ``tests/framework/similaritykit.py``), then times the whole command
(``python -m autograder similarity NAME DIR --common C``, start-up and writing the page
included) once per ``--common`` value, and prints one JSON line per run. Run it from the
repository.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from autograder.course import Course  # noqa: E402
from tests.framework.similaritykit import synthetic_folder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--names", nargs="+", default=["ols", "lstm"])
    parser.add_argument("--common", type=int, nargs="+", default=[10, 0])
    args = parser.parse_args()
    course = Course(Path.cwd())
    for name in args.names:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "submissions"
            synthetic_folder(course.assignment(name), folder, args.n)
            for common in args.common:
                out = Path(tmp) / f"similarity-{common}.html"
                start = time.monotonic()
                done = subprocess.run(
                    [sys.executable, "-m", "autograder", "similarity", name, str(folder),
                     "--out", str(out), "--common", str(common)],
                    capture_output=True, text=True, check=True)
                seconds = time.monotonic() - start
                said = " ".join(done.stderr.split())
                pairs = re.search(r"(\d+) pair\(s\) share", said)
                print(json.dumps({"assignment": name, "submissions": args.n, "common": common,
                                  "seconds": round(seconds, 1),
                                  "pairs sharing code": int(pairs.group(1)) if pairs else None,
                                  "page KiB": out.stat().st_size >> 10}), flush=True)


if __name__ == "__main__":
    main()
