"""The grading runtime stands apart from the authoring and reporting tools.

The Gradescope zip carries ``autograder.RUNTIME`` and nothing else of the package, the students'
bundle a part of it, and no runtime module imports a tool: so a change to the report, the
build, the catalogue or the command line never changes a generated artifact (proved below by
building with such a change).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import autograder
from autograder.build import public_bundle
from autograder.build.otter_zip import runtime_files
from autograder.course import Course

from .conftest import ROOT, run_cli

PKG = Path(autograder.__file__).parent


def _module_name(rel: str) -> str:
    parts = rel.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["autograder", *parts])


def _imports(path: Path) -> set[str]:
    """Every ``autograder...`` module a file imports, at any depth (function-level too)."""
    tree = ast.parse(path.read_text())
    pkg = _module_name(path.relative_to(PKG).as_posix())
    if path.name != "__init__.py":
        pkg = pkg.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.rsplit(".", node.level - 1)[0] if node.level > 1 else pkg
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
    return {m for m in found if m == "autograder" or m.startswith("autograder.")}


def test_runtime_modules_import_only_the_runtime():
    runtime = {_module_name(rel) for rel in runtime_files()}
    for rel in runtime_files():
        for mod in _imports(PKG / rel):
            inside = mod in runtime or any(mod.startswith(r + ".") for r in runtime) \
                or mod.rpartition(".")[0] in runtime
            assert inside, f"autograder/{rel} imports {mod}, which is not part of the runtime"


def test_the_zip_and_the_bundle_carry_only_the_runtime(course):
    runtime = set(runtime_files())
    for name in course.names():
        with zipfile.ZipFile(ROOT / "dist" / f"{name}-autograder.zip") as z:
            shipped = {n.removeprefix("autograder/") for n in z.namelist()
                       if n.startswith("autograder/") and n.endswith(".py")}
        assert shipped == runtime, sorted(shipped ^ runtime)
    bundled = {m for m, _ in public_bundle.LIBRARY}
    assert bundled <= {_module_name(rel) for rel in runtime}


def test_a_change_outside_the_runtime_changes_no_artifact(tmp_path):
    """Build one assignment with the tools' modules edited: every generated file is the same."""
    pkg = tmp_path / "pkg" / "autograder"
    shutil.copytree(PKG, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    runtime = set(runtime_files())
    edited = []
    for path in sorted(pkg.rglob("*.py")):
        rel = path.relative_to(pkg).as_posix()
        if rel not in runtime:
            path.write_text(path.read_text() + "\n# an edit outside the runtime\n")
            edited.append(rel)
    assert {"report.py", "cli.py", "validate.py", "build/pipeline.py"} <= set(edited)
    name = Course(ROOT).names()[0]
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    proc = run_cli("build", name, "--check", cwd=elsewhere,
                   env={"PYTHONPATH": str(pkg.parent), "AUTOGRADER_COURSE": str(ROOT)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import autograder; print(autograder.__file__)"],
        cwd=elsewhere, env={"PYTHONPATH": str(pkg.parent)}, capture_output=True, text=True)
    assert where.stdout.strip().startswith(str(pkg)), where.stdout  # the edited copy ran
