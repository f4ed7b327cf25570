"""The students' public checks: standalone, NumPy only, and never a hidden check."""

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from .conftest import ROOT

SCRIPT = r"""
import sys, json
sys.path[:] = [p for p in sys.path if 'site-packages' not in p] + [sys.argv[1]]
import public_tests
namespace = {}
exec(open(sys.argv[2]).read(), namespace)
results = {}
for q in sorted({c.info.question for c in public_tests._checks()}):
    results[q] = public_tests.check(q, namespace)
import _agpublic.testing.runner as r
origin = r.__file__
print(json.dumps({"results": results, "origin": origin, "autograder": "autograder" in sys.modules,
                  "torch": "torch" in sys.modules, "scipy": "scipy" in sys.modules}))
"""


def _numpy_dir():
    return os.path.dirname(os.path.dirname(np.__file__))


def _run(tmp_path, name, solution, isolated=True):
    work = tmp_path / name
    shutil.copytree(ROOT / "release" / name, work)
    (work / "run.py").write_text(SCRIPT if isolated else SCRIPT.replace("sys.path[:] =", "_ ="))
    # Isolated: only numpy's site-packages, with no .pth processing, so the real `autograder` is
    # invisible. Otherwise the full environment, where the course's package is importable.
    flags = ["-S"] if isolated else []
    proc = subprocess.run([sys.executable, *flags, "run.py", _numpy_dir(), str(solution)],
                          cwd=work, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "release").iterdir() if p.is_dir()))
def test_public_checks_run_standalone(tmp_path, name):
    ref = _run(tmp_path, name, ROOT / "samples" / name / "reference-script.py")
    assert ref["origin"].startswith("<public_tests"), ref["origin"]
    assert not ref["torch"] and not ref["scipy"]
    assert all(ref["results"].values()), ref
    stub = tmp_path / "stub.py"
    stub.write_text("")
    assert not any(_run(tmp_path / "s", name, stub)["results"].values())


def test_the_embedded_checks_run_even_where_the_course_package_is_installed(tmp_path):
    """An instructor's kernel has `autograder` (of whatever version): the public checks still
    run their own embedded copy, and do not import the installed package."""
    name = sorted(p.name for p in (ROOT / "release").iterdir() if p.is_dir())[0]
    got = _run(tmp_path, name, ROOT / "samples" / name / "reference-script.py", isolated=False)
    assert got["origin"].startswith("<public_tests"), got["origin"]
    assert not got["autograder"] and all(got["results"].values()), got
