"""A student's environment: a virtualenv made from ``release/requirements.txt`` alone, and a
Jupyter kernel for it.

Building it takes about a minute (pip), so it is cached in ``.student-env/<hash>/`` (gitignored),
keyed by the requirements file's hash: a rerun with the same file reuses it, a new file replaces
it. ``python -m tests.framework.student_env`` builds it ahead of the tests (``make
student-env``).

The kernel spec is named ``python3``, like the one the notebooks ask for, in a Jupyter data
folder of its own: whoever looks kernels up there (nbclient here, JupyterLab in the browser
test, and the kernel itself, whose environment points there, when Otter's export runs the
notebook again in a fresh ``python3`` kernel) gets the student's interpreter.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "release" / "requirements.txt"
CACHE = ROOT / ".student-env"


@dataclass(frozen=True)
class StudentEnv:
    root: Path  # .student-env/<hash>
    build_seconds: float  # 0 when it came from the cache

    @property
    def python(self) -> Path:
        return self.root / "venv" / "bin" / "python"

    @property
    def jupyter_data(self) -> Path:
        """A Jupyter data folder whose ``kernels/python3`` is the student's kernel."""
        return self.root / "jupyter"

    @property
    def kernel_dir(self) -> Path:
        return self.jupyter_data / "kernels" / "python3"

    def freeze(self) -> dict[str, str]:
        """``{canonical name: version}`` of every package installed in the venv."""
        return json.loads((self.root / "freeze.json").read_text())


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def kernel_spec(python: Path, jupyter_data: Path) -> dict:
    return {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (student environment)",
        "language": "python",
        # JUPYTER_PATH comes first (a virtualenv's own folder comes before the user's): Otter's
        # export, started from this kernel, finds this spec as "python3" too.
        "env": {"JUPYTER_PATH": str(jupyter_data), "PYTHONPATH": ""},
        "metadata": {"debugger": False},
    }


def _build(target: Path) -> None:
    """Make the venv at ``target`` (its ``complete`` file is written last)."""
    import time

    from packaging.utils import canonicalize_name

    shutil.rmtree(target, ignore_errors=True)
    start = time.monotonic()
    try:
        subprocess.run([sys.executable, "-m", "venv", str(target / "venv")], check=True,
                       capture_output=True, text=True)
        py = target / "venv" / "bin" / "python"
        proc = subprocess.run([str(py), "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
                              capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": ""})
        if proc.returncode != 0:
            raise RuntimeError(f"pip install -r {REQUIREMENTS} failed:\n{proc.stdout}\n"
                               f"{proc.stderr}")
        listing = subprocess.run([str(py), "-m", "pip", "list", "--format=json",
                                  "--disable-pip-version-check"],
                                 check=True, capture_output=True, text=True).stdout
        installed = {canonicalize_name(p["name"]): p["version"] for p in json.loads(listing)}
        (target / "freeze.json").write_text(json.dumps(installed, indent=1, sort_keys=True))
        (target / "build-seconds").write_text(f"{time.monotonic() - start:.1f}\n")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    (target / "complete").write_text("")


def ensure() -> StudentEnv:
    """The cached student environment for the current ``release/requirements.txt``."""
    CACHE.mkdir(exist_ok=True)
    target = CACHE / _hash(REQUIREMENTS)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time (other sessions, make)
        seconds = 0.0
        if not (target / "complete").is_file():
            _build(target)
            seconds = float((target / "build-seconds").read_text())
            for other in CACHE.iterdir():  # older requirements: about 700 MB each
                if other.is_dir() and other != target:
                    shutil.rmtree(other, ignore_errors=True)
        env = StudentEnv(target, seconds)
        env.kernel_dir.mkdir(parents=True, exist_ok=True)  # (re)written: cheap, and current
        (env.kernel_dir / "kernel.json").write_text(
            json.dumps(kernel_spec(env.python, env.jupyter_data), indent=1))
    return env


@contextlib.contextmanager
def kernel_manager(env: StudentEnv):
    """A jupyter_client KernelManager for the student's kernel (not started)."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    ksm = KernelSpecManager(kernel_dirs=[str(env.jupyter_data / "kernels")])
    yield KernelManager(kernel_name="python3", kernel_spec_manager=ksm)


if __name__ == "__main__":
    env = ensure()
    how = f"built in {env.build_seconds:.0f} s" if env.build_seconds else "cached"
    print(f"student environment: {env.root} ({how})")
