"""One seed, honoured by every grading path: `autograder grade --seed` / $AUTOGRADER_SEED, the
Otter plugin, and nbgrader's grade cells."""

import json
import shutil
import zlib

import nbformat
import pytest

from autograder.ecosystems import nbgrader_bridge
from autograder.ecosystems.nbgrader_preprocessors import SKIPPED, SkipOtterExport
from autograder.ecosystems.otter_plugin import TrustedGrading
from autograder.grading import batch
from autograder.seeds import SEED_ENV, parse_seed, seed_from_env

from .conftest import ROOT, run_cli


def test_seed_from_env(monkeypatch):
    monkeypatch.delenv(SEED_ENV, raising=False)
    assert seed_from_env() is None
    monkeypatch.setenv(SEED_ENV, " ")
    assert seed_from_env() is None
    monkeypatch.setenv(SEED_ENV, "42")
    assert seed_from_env() == 42
    monkeypatch.setenv(SEED_ENV, "0x10")
    assert seed_from_env() == 16
    monkeypatch.setenv(SEED_ENV, "forty-two")
    with pytest.raises(ValueError, match="AUTOGRADER_SEED must be an integer"):
        seed_from_env()
    assert parse_seed(-1) == 2**63 - 1  # the 63-bit range the grader draws from


def test_plugin_seed_comes_from_its_config_then_the_environment(monkeypatch):
    def plugin(config):
        return TrustedGrading("submission.ipynb", {}, config)

    monkeypatch.setenv(SEED_ENV, "7")
    assert plugin({"assignment": "x", "seed": 5})._seed() == 5
    assert plugin({"assignment": "x"})._seed() == 7
    monkeypatch.delenv(SEED_ENV)
    assert plugin({"assignment": "x"})._seed() != plugin({"assignment": "x"})._seed()


def test_bridge_seed(monkeypatch):
    monkeypatch.delenv(SEED_ENV, raising=False)
    assert nbgrader_bridge._seed("ols") == zlib.crc32(b"ols")
    monkeypatch.setenv(SEED_ENV, "99")
    assert nbgrader_bridge._seed("ols") == 99


def test_plan_with_a_fixed_seed_regrades_results_of_other_seeds(tmp_path, course):
    name = course.names()[0]
    sub = tmp_path / "stub.ipynb"
    shutil.copy(ROOT / "samples" / name / "stub.ipynb", sub)
    out = tmp_path / "out"
    proc = run_cli("grade", name, sub, "--out", out, "--seed", "11")
    assert proc.returncode == 0, proc.stderr
    assert "graded with seed 11" in proc.stderr
    assert json.loads((out / "stub.json").read_text())["extra_data"]["seed"] == 11
    jobs, done = batch.plan([sub], out, name, seed=11)
    assert not jobs and len(done) == 1  # same file, same seed: nothing to do
    jobs, done = batch.plan([sub], out, name, seed=12)
    assert [j.seed for j in jobs] == [12] and not done
    jobs, _ = batch.plan([sub], out, name, regrade=True)
    assert [j.seed for j in jobs] == [11]  # a regrade reuses the recorded seed
    proc = run_cli("grade", name, sub, "--out", out, env={SEED_ENV: "13"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "stub.json").read_text())["extra_data"]["seed"] == 13
    proc = run_cli("grade", name, sub, "--out", out, "--seed", "x")
    assert proc.returncode == 2 and "a seed must be an integer" in proc.stderr


def test_nbgrader_autograde_skips_only_the_otter_export_cell(course):
    name = course.names()[0]
    nb = nbformat.read(ROOT / "source" / name / f"{name}.ipynb", as_version=4)
    before = [c.source for c in nb.cells]
    out, _ = SkipOtterExport().preprocess(nb, {})
    changed = [i for i, c in enumerate(out.cells) if c.source != before[i]]
    assert len(changed) == 1
    cell = out.cells[changed[0]]
    assert "grader.export(" in before[changed[0]] and cell.source == SKIPPED
    assert cell.metadata["nbgrader"]["grade_id"] == "otter-export"
