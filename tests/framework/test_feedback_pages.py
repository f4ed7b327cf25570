"""`autograder feedback`: one self-contained page per submission, for its student."""

import html
import json
import re
import shutil

from .conftest import ROOT, run_cli

# A value a failing check shows: "expected 14.375", "got -8.18".
VALUE = re.compile(r"\b(?:expected|got)\s+-?\d", re.I)


def test_feedback_pages(tmp_path, course):
    a = course.assignment("ols")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "ols" / "reference-script.py", folder / "alice.py")
    shutil.copy(ROOT / "samples" / "ols" / "mistake-ols_cost-1.ipynb", folder / "bob.ipynb")
    (folder / "carol.py").write_text(
        "def ols_cost(X, y, beta):\n    raise ValueError('<script>alert(1)</script>')\n")
    (folder / "dave.ipynb").write_text('{"cells": [')
    out = tmp_path / "out"
    assert run_cli("grade", "ols", folder, "--out", out).returncode == 0
    w1 = next(iter(a.written))
    (tmp_path / "w.csv").write_text(f"file,{w1}\nalice.py,1.5\n")
    assert run_cli("merge-written", "ols", out, tmp_path / "w.csv").returncode == 0
    proc = run_cli("feedback", out, "--out", tmp_path / "pages")
    assert proc.returncode == 0, proc.stderr
    pages = {p.stem: p.read_text() for p in (tmp_path / "pages").glob("*.html")}
    assert set(pages) == {"alice", "bob", "carol", "dave"}
    for page in pages.values():
        assert page.startswith("<!DOCTYPE html>")
        for needle in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
            assert needle not in page, needle
    alice = pages["alice"]
    assert f"{a.max_points:g} / {a.max_points:g}" in alice and "✗" not in alice
    assert alice.count("✓") == len(a.checks)
    assert f"{w1}: 1.5 / {a.written[w1].points:g}" in alice
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["carol"]
    assert "Not graded:" in pages["dave"] and "not valid JSON" in pages["dave"]
    # Bob's page shows each failing check's message as his result holds it; a hidden check's
    # message never gives a value (a public one may: the test can tell them apart).
    bob = json.loads((out / "bob.json").read_text())
    failing = [c for c in bob["extra_data"]["checks"] if not c["passed"]]
    hidden = [c for c in failing if c["hidden"]]
    public = [c for c in failing if not c["hidden"]]
    assert hidden and public
    for c in failing:
        assert html.escape(c["message"], quote=True) in pages["bob"]
    assert all(not VALUE.search(c["message"]) for c in hidden), hidden
    assert any(VALUE.search(c["message"]) for c in public)
    assert bob["extra_data"]["status"] == "graded" and pages["bob"].count("✗") == len(failing)
    # Without --out: RESULTS_DIR/feedback.
    assert run_cli("feedback", out).returncode == 0 and (out / "feedback" / "bob.html").is_file()
