"""The Gradescope route: the autograder zip's layout, the student notebook (grader.check and
grader.export in a real kernel), and the zip's own run_autograder in a simulated container."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from autograder.build import otter_zip
from autograder.course import Course
from autograder.validate import hidden_check_lines

from . import gradescope
from .conftest import ROOT, run_cli

NAMES = Course(ROOT).names()


def _zip(name: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(ROOT / "dist" / f"{name}-autograder.zip")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            k, v = line.split("==", 1)
            pins[canonicalize_name(k)] = v.strip()
    return pins


@pytest.mark.parametrize("name", NAMES)
def test_zip_has_gradescope_layout_and_pinned_requirements(name):
    with _zip(name) as z:
        names = set(z.namelist())
        for required in ("run_autograder", "setup.sh", "run_otter.py", "otter_config.json",
                         "requirements.txt", "environment.yml"):
            assert required in names, required
        for script in ("run_autograder", "setup.sh"):
            assert (z.getinfo(script).external_attr >> 16) & 0o111, f"{script} not executable"
        assert z.read("run_autograder").startswith(b"#!")
        run_otter = z.read("run_otter.py").decode()
        assert 'run_autograder("/autograder")' in run_otter
        config = json.loads(z.read("otter_config.json"))
        reqs = z.read("requirements.txt").decode().split("\n")
        env_yml = z.read("environment.yml").decode()
        # Otter's own tests/ stays empty: no test code runs in the student's kernel; the
        # checks travel as the course's test modules, without the catalogues (variants.py
        # holds correct implementations).
        assert not [n for n in names if n.startswith("tests/") and n != "tests/"]
        course_files = {n for n in names if n.startswith(f"course/tests/assignments/{name}/")}
        assert f"course/tests/assignments/{name}/__init__.py" in course_files
        assert any(n.endswith(".py") and "/test_" in n for n in course_files)
        assert not any(n.endswith(("mistakes.py", "variants.py")) for n in names)
        assert not any(n.startswith(("solutions/", "samples/")) for n in names)
    (plugin,) = config["plugins"]
    assert plugin == {"autograder.ecosystems.otter_plugin.TrustedGrading":
                      {"assignment": name, "course": "../source/course"}}
    assert config["assignment_name"] == name and config["show_hidden"] is True
    # Every requirement is pinned to what CI installs (constraints.txt); the CPU wheel of torch.
    pins = _pins()
    packages = [r for r in reqs if r and not r.startswith("-")]
    assert {Requirement(r).name for r in packages} == set(otter_zip.GRADING_PACKAGES)
    for line in packages:
        req = Requirement(line)
        (spec,) = req.specifier
        pin = pins[canonicalize_name(req.name)]
        assert spec.operator == "==" and spec.version in (pin, f"{pin}+cpu"), (line, pin)
    # setup.sh builds the environment from environment.yml: it must carry the same pins, the
    # Python the course uses and the Otter this course was built with.
    for line in reqs:
        if line:
            assert f"- {line}" in env_yml, line
    assert f"python={otter_zip.PYTHON_VERSION}" in env_yml
    otter_version = metadata.version("otter-grader")
    assert re.search(rf"otter-grader\[[a-z,]+\]=={re.escape(otter_version)}", env_yml)
    assert pins[canonicalize_name("otter-grader")] == otter_version


def _closure(roots: list[str]) -> set[str]:
    """Distributions that installing ``roots`` brings, as this environment resolves them."""
    seen: set[tuple[str, frozenset]] = set()
    found: set[str] = set()
    stack = [Requirement(r) for r in roots]
    while stack:
        req = stack.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency this environment does not have
        found.add(key[0])
        for line in dist.requires or []:
            dep = Requirement(line)
            extras = req.extras or {""}
            if dep.marker is None or any(dep.marker.evaluate({"extra": e}) for e in extras):
                stack.append(dep)
    return found


IMPORTS = r"""
import json, sys
from pathlib import Path
from autograder.course import Course
from autograder.ecosystems.otter_plugin import TrustedGrading
from autograder.grading.grade import grade_file
from autograder.sandbox.modes import detect
course = Course(sys.argv[1])
for name in course.names():
    a = course.assignment(name)
    grade_file(a, Path(sys.argv[1]) / "samples" / name / "reference.ipynb", seed=1,
               mode=detect())
print(json.dumps(sorted(m.__file__ for k, m in list(sys.modules.items())
                        if k.split(".")[0] in ("autograder", "tests")
                        and getattr(m, "__file__", None))))
"""


def _imported_names(path: Path) -> set[str]:
    """Top-level names of every import in a file, those inside functions included; a sibling
    module (the sandbox harness imports its neighbours by their bare names) is not a package."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    from autograder.sandbox.modes import CHILD_DIRS

    siblings = [path.parent, *CHILD_DIRS]  # the child imports these folders' modules by name
    return {n for n in names if not any((d / f"{n}.py").is_file() for d in siblings)}


@pytest.mark.slow
def test_grading_path_imports_only_what_the_zip_installs(tmp_path):
    """On Gradescope the plugin grades with what environment.yml installs (Otter's dependency
    closure and the pinned oracles). Every import in the course's own modules that grading
    loads (the autograder package, the checks; imports inside functions too) must come from
    there: no command-line, build or nbgrader package on that path. (Libraries' own optional
    imports, such as scikit-learn trying `rich`, are theirs to handle.)"""
    with _zip(NAMES[0]) as z:
        env_yml = z.read("environment.yml").decode()
        reqs = [r for r in z.read("requirements.txt").decode().split("\n")
                if r and not r.startswith("-")]
    otter_req = re.search(r"(otter-grader\[[a-z,]+\]==\S+)", env_yml).group(1)
    allowed = _closure([otter_req, *reqs])
    proc = subprocess.run([sys.executable, "-c", IMPORTS, str(ROOT)], capture_output=True,
                          text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    files = [Path(f) for f in json.loads(proc.stdout.splitlines()[-1])]
    assert any(f.name == "otter_plugin.py" for f in files) and any(
        f.name.startswith("test_") for f in files)
    owners = metadata.packages_distributions()
    outside = {}
    for f in files:
        for m in _imported_names(f):
            if m in sys.stdlib_module_names or m in ("autograder", "tests"):
                continue
            dists = {canonicalize_name(d) for d in owners.get(m, [])}
            if not dists & allowed:
                outside.setdefault(m, []).append(f.name)
    assert not outside, f"grading imports packages the zip does not install: {outside}"


# ---------------------------------------------------------------------------- an upload


def _scores(results: dict) -> dict[str, float]:
    return {t.get("number") or t["name"]: float(t["score"]) for t in results["tests"]
            if "score" in t}


# The zip's machinery (setup, run_autograder, the plugin, results.json) is the same for every
# assignment, and `otter run -a` grades every assignment's zip in the parity tests: the whole
# simulated Gradescope flow runs for one assignment. (The student's side of the export, in a
# real browser and the students' own kernel, runs for every assignment: test_browser.py.)
GRADESCOPE_ASSIGNMENT = NAMES[0]


def _upload(name: str, dest: Path) -> Path:
    """What a student's export cell writes: a zip of the notebook (here the reference) and the
    page of written answers."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w") as z:
        z.write(ROOT / "samples" / name / "reference.ipynb", f"{name}.ipynb")
        z.writestr(f"{name}_written.html", "<html><body>written answers</body></html>")
    return dest


@pytest.mark.slow
def test_an_upload_graded_by_the_zips_own_run_autograder(tmp_path, course):
    """A student's exported zip, uploaded to Gradescope (which extracts it), graded by the
    autograder zip's own run_autograder in a simulated container; the same upload through
    `autograder grade`, with the same seed: equal per-question scores, full marks, and what
    students see before and after publication."""
    name = GRADESCOPE_ASSIGNMENT
    a = course.assignment(name)
    exported = _upload(name, tmp_path / "upload" / f"{name}_2026_12_06T10_00_00.zip")
    seed = 20270101
    results, stdout, root = gradescope.run_gradescope(
        ROOT / "dist" / f"{name}-autograder.zip", exported, seed, tmp_path / "gradescope")
    (tmp_path / "gradescope-stdout.txt").write_text(stdout)
    # The zip's own copy of the package graded it, with the seed from the environment.
    assert f"seed {seed}" in stdout and f"package {root}/source/autograder" in stdout, stdout
    out = tmp_path / "graded"
    proc = run_cli("grade", name, exported, "--out", out, "--seed", seed)
    assert proc.returncode == 0, proc.stderr
    ours = json.loads((out / f"{exported.stem}.json").read_text())
    assert _scores(results) == _scores(ours) == {q: a.points(q) for q in a.questions}
    _check_visibility(results, a, seed)


def _check_visibility(results: dict, a, seed: int | None) -> None:
    """Otter's show_hidden layout: only the public summary and a score-free top-level output
    are visible before grades are published; per-question results come after."""
    tests = {t["name"]: t for t in results["tests"]}
    assert tests["Public Tests"]["visibility"] == "visible"
    assert [n for n in tests if n != "Public Tests"] == list(a.questions)
    for q in a.questions:
        t = tests[q]
        assert t["visibility"] == "after_published" and t["max_score"] == a.points(q)
    assert "score" not in results  # Gradescope sums the tests; nothing to see before publishing
    visible = [results.get("output", "")] + [t.get("output", "") for t in results["tests"]
                                               if t.get("visibility") == "visible"]
    for text in visible:
        assert "/ " + f"{a.max_points:g}" not in text, text
        if seed is not None:
            assert str(seed) not in text, text
    hidden = {c.info.description for c in a.checks if c.info.hidden}
    for text in visible:
        for d in hidden:
            assert d not in text, f"hidden check {d!r} is visible: {text}"
    secret_lines = hidden_check_lines(a)
    for t in results["tests"]:
        for line in secret_lines:
            assert line not in t.get("output", ""), f"hidden check code leaked: {line}"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_nothing_hidden_is_visible_in_any_otter_result(parity, course, name):
    """Across the reference, the stub and the whole catalogue graded by `otter run`: visible
    output never names a hidden check, quotes a hidden failure message or the seed, and no
    output at all quotes hidden check code. Hidden failures do reach the after-publication
    entries (so the check above is not vacuous)."""
    a = course.assignment(name)
    otter = parity.otter[name]
    assert not otter.error, otter.error
    hidden_messages_shown = 0
    for sub_id, results in otter.raw.items():
        _check_visibility(results, a, parity.seed)
        checks = parity.autograder[name].raw[sub_id]["extra_data"]["checks"]
        texts = [t.get("output", "") for t in results["tests"]]
        visible = [results.get("output", "")] + [t.get("output", "") for t in results["tests"]
                                                   if t["visibility"] == "visible"]
        # A public check may fail with the same words (`f` is not implemented): those may show.
        public = {c["message"] for c in checks if not c["hidden"] and not c["passed"]}
        for c in checks:
            if c["hidden"] and not c["passed"] and c["message"] not in public:
                first = c["message"].splitlines()[0]
                assert not any(first in v for v in visible), (sub_id, first)
                hidden_messages_shown += any(first in t for t in texts)
    assert hidden_messages_shown > 0
