"""The Otter autograder zip for Gradescope (and ``otter run -a``).

Built with Otter's own generator (``run_autograder``, ``setup.sh``, ``environment.yml`` pinning
Python and Otter), then completed and rewritten deterministically (sorted entries, fixed
timestamps) with:

- ``otter_config.json``: the Otter plugin that grades with the trusted grader;
- ``requirements.txt``: the grading dependencies, pinned from the course's constraints.txt;
- ``autograder/``: the package's grading runtime (``autograder.RUNTIME``; the plugin imports it
  from the zip's root on Gradescope), not its authoring and reporting tools;
- ``course/``: the assignment's contract and its checks (never shown to students; not the
  catalogues of mistakes and of correct variants).

Otter's own ``tests/`` folder stays empty: no test code runs in the student's kernel.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import autograder
from autograder.build.student_env import read_pins
from autograder.course import Assignment, CourseError

PYTHON_VERSION = "3.11"
GRADING_PACKAGES = ["numpy", "scipy", "scikit-learn", "torch", "pyseccomp"]
TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EXECUTABLE = {"run_autograder", "setup.sh"}
# Not needed to grade, and variants.py holds correct implementations: not shipped.
CATALOGUE_MODULES = {"mistakes.py", "variants.py"}


def pinned_requirements(root: Path) -> list[str]:
    """Exact pins for the grading packages, from the committed constraints file."""
    path = root / "constraints.txt"
    pins = read_pins(root)
    out = [f"--extra-index-url {TORCH_INDEX}"]
    for pkg in GRADING_PACKAGES:
        if pkg not in pins:
            raise CourseError(f"{path}: no pin for {pkg}")
        version = pins[pkg]
        if pkg == "torch" and "+" not in version:
            version += "+cpu"  # the CPU wheel; PyPI's default is a multi-gigabyte CUDA build
        out.append(f"{pkg}=={version}")
    return out


def otter_config(a: Assignment) -> dict:
    return {
        "assignment_name": a.name,
        "lang": "python",
        "show_hidden": True,
        "pdf": False,
        "zips": False,
        "plugins": [
            {"autograder.ecosystems.otter_plugin.TrustedGrading": {
                "assignment": a.name, "course": "../source/course"}}
        ],
    }


def _course_files(a: Assignment) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for rel, data in runtime_files().items():
        files["autograder/" + rel] = data
    files[f"course/assignments/{a.name}/assignment.toml"] = (
        a.source_dir / "assignment.toml").read_bytes()
    files["course/tests/__init__.py"] = b""
    files["course/tests/assignments/__init__.py"] = b""
    for p in sorted(a.tests_dir.glob("*.py")):
        if p.name not in CATALOGUE_MODULES:
            files[f"course/tests/assignments/{a.name}/{p.name}"] = p.read_bytes()
    return files


def runtime_files() -> dict[str, bytes]:
    """``{path relative to the package: bytes}`` of every module of ``autograder.RUNTIME``."""
    pkg_root = Path(autograder.__file__).parent
    out = {}
    for entry in autograder.RUNTIME:
        path = pkg_root / entry
        paths = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for p in paths:
            if "__pycache__" not in p.parts:
                out[p.relative_to(pkg_root).as_posix()] = p.read_bytes()
    return out


def build_zip(a: Assignment) -> bytes:
    from otter.generate import main as otter_generate

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "tests").mkdir()
        (t / "otter_config.json").write_text(json.dumps(otter_config(a), indent=2))
        reqs = "\n".join(pinned_requirements(a.root)) + "\n"
        (t / "requirements.txt").write_text(reqs)
        out = t / "autograder.zip"
        otter_generate(tests_dir=str(t / "tests"), output_path=str(out),
                       config=str(t / "otter_config.json"),
                       requirements=str(t / "requirements.txt"), no_environment=True,
                       python_version=PYTHON_VERSION)
        with zipfile.ZipFile(out) as z:
            entries = {n: z.read(n) for n in z.namelist() if not n.endswith("/")}
    entries["requirements.txt"] = reqs.encode()
    entries.update(_course_files(a))
    return deterministic_zip(entries, dirs=["tests/"])


def deterministic_zip(entries: dict[str, bytes], dirs: list[str] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for d in sorted(dirs):
            info = zipfile.ZipInfo(d, date_time=FIXED_TIME)
            info.external_attr = (0o40755 << 16) | 0x10
            z.writestr(info, b"")
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            mode = 0o755 if name in EXECUTABLE else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, entries[name])
    return buf.getvalue()
