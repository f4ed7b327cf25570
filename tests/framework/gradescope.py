"""A Gradescope autograder container, simulated: the zip's own ``run_autograder`` runs with
``/autograder`` bound to a scratch tree (bubblewrap mount namespace, nothing written outside).

Gradescope's layout: the zip's content in ``/autograder/source``, ``run_autograder`` copied to
``/autograder/run_autograder`` and started from ``/autograder``, the submission (an uploaded
zip is extracted) in ``/autograder/submission``, ``submission_metadata.json`` beside them, and
``/autograder/results/results.json`` written by the grader. ``setup.sh`` (which needs network
to install Miniforge) is not run; instead a stand-in ``mamba`` on ``PATH`` makes
``run_autograder``'s ``mamba activate otter-env`` put this machine's virtualenv first, which
has the packages ``environment.yml`` pins.

Where bubblewrap cannot create namespaces (e.g. Ubuntu 24.04's AppArmor default), Otter offers
no override of the ``/autograder`` it hard-codes, so the copies of ``run_autograder`` and
``run_otter.py`` in the scratch tree get that path rewritten instead (the zip is untouched);
``AUTOGRADER_GRADESCOPE_SIM=rewrite`` forces that mode.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_DIRS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "opt", "var",
               "home", "root", "srv", "run", "snap", "nix")
METADATA = {
    "id": 123456, "created_at": "2026-11-22T10:00:00.000000-08:00",
    "assignment": {"title": "simulated", "due_date": "2026-12-01T23:59:00.000000-08:00"},
    "users": [{"email": "student@example.edu", "id": 7, "name": "A Student"}],
    "previous_submissions": [],
}
MAMBA = """#!/bin/sh
# Stands in for Miniforge's mamba: `mamba shell hook` defines a shell function whose
# `activate` puts the course's virtualenv first on PATH, as activating otter-env would.
if [ "$1" = shell ] && [ "$2" = hook ]; then
  echo 'mamba() { if [ "$1" = activate ]; then export PATH="{venv_bin}:$PATH"; fi; }'
fi
"""


def _top(path: str) -> str:
    parts = Path(os.path.realpath(path)).parts
    return parts[1] if len(parts) > 1 else ""


def bwrap_args(tree: Path, shim: Path) -> list[str]:
    """A root made of this machine's system folders (read-only), the interpreter and the
    repository, a private /tmp, and the scratch tree at /autograder."""
    tops = set(SYSTEM_DIRS) | {_top(p) for p in (sys.prefix, sys.base_prefix, sys.executable,
                                                  str(ROOT))}
    tops -= {"", "tmp", "proc", "dev", "sys", "autograder"}
    args = ["bwrap", "--die-with-parent"]
    for name in sorted(tops):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    args += ["--proc", "/proc", "--dev", "/dev", "--ro-bind", "/sys", "/sys",
             "--tmpfs", "/tmp", "--dir", "/tmp/home"]
    # A repository or virtualenv under /tmp (a fresh clone there) is hidden by the private
    # /tmp: bind it back, read-only, on top.
    under_tmp = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, str(ROOT))
                 if _top(p) == "tmp"}
    for path in sorted(under_tmp, key=len):
        args += ["--ro-bind", path, path]
    args += ["--ro-bind", str(shim), str(shim),
             "--bind", str(tree), "/autograder", "--chdir", "/autograder"]
    return args


def bwrap_works() -> bool:
    try:
        return subprocess.run(["bwrap", "--ro-bind", "/", "/", "--tmpfs", "/mnt", "true"],
                              capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def run_gradescope(autograder_zip: Path, submission: Path, seed: int | None, work: Path,
                   timeout: float = 900) -> tuple[dict, str, str]:
    """Grade ``submission`` (a notebook, or a zip that Gradescope extracts) with the zip's own
    ``run_autograder`` in a tree under ``work``; return ``results.json``, the autograder's
    stdout, and where the tree was seen (``/autograder``, or its real path when rewritten)."""
    tree = work / "autograder"
    for sub in ("source", "submission", "results"):
        (tree / sub).mkdir(parents=True)
    with zipfile.ZipFile(autograder_zip) as z:
        z.extractall(tree / "source")
    shutil.copy(tree / "source" / "run_autograder", tree / "run_autograder")
    (tree / "run_autograder").chmod(0o755)
    if submission.suffix == ".zip":
        with zipfile.ZipFile(submission) as z:
            z.extractall(tree / "submission")
    else:
        shutil.copy(submission, tree / "submission" / submission.name)
    (tree / "submission_metadata.json").write_text(json.dumps(METADATA))
    shim = work / "shim"
    shim.mkdir()
    (shim / "mamba").write_text(MAMBA.replace("{venv_bin}", str(Path(sys.executable).parent)))
    (shim / "mamba").chmod(0o755)
    env = {"PATH": f"{shim}:/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp/home",
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    if seed is not None:
        env["AUTOGRADER_SEED"] = str(seed)
    if os.environ.get("AUTOGRADER_GRADESCOPE_SIM") != "rewrite" and bwrap_works():
        root = "/autograder"
        cmd = [*bwrap_args(tree, shim), "/autograder/run_autograder"]
    else:
        root = str(tree)
        for script in (tree / "run_autograder", tree / "source" / "run_otter.py"):
            script.write_text(script.read_text().replace("/autograder", root))
        cmd = [str(tree / "run_autograder")]
    proc = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True,
                          timeout=timeout)
    (work / "stdout").write_text(proc.stdout + proc.stderr)
    results = tree / "results" / "results.json"
    if proc.returncode != 0 or not results.is_file():
        raise AssertionError(f"run_autograder exited {proc.returncode}:\n{proc.stdout[-4000:]}"
                             f"\n{proc.stderr[-4000:]}")
    return json.loads(results.read_text()), proc.stdout, root
