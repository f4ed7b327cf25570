"""The hostile catalogue: every attack in tests/framework/hostile/ graded in one batch.

Each hostile file is a wrong answer plus an attack (see hostile/README.md). The batch runs
through `autograder grade --workers 2`, in the strongest sandbox mode and in `landlock` mode
(what a container without user namespaces gets), next to honest bystanders, and the tests
assert, for every file:

- its score, check by check, equals what its honest content earns (graded separately, with
  the same seeds), and it loses points (it is a wrong answer);
- the bystanders keep full marks; no result shows an attack step that succeeded;
- nothing outside the sandbox changed: the repository's tests/ and solutions/, the other
  submissions, the results folder (only one result per submission and grades.csv are new),
  the interpreter's and the virtualenv's files, a canary in /tmp, the grader's temp folder;
- nothing reached a listener on 127.0.0.1, and no process outlived the grader;
- what a submission planted does not reach a later batch.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.sandbox.modes import detect, python_paths

from .batchkit import (
    ROOT,
    Listener,
    diff_states,
    fixtures,
    passed_by_check,
    results,
    run_grader,
    tree_state,
)

SEED = 20261122
FIXTURES = fixtures()
BY_NAME = {f.name: f for f in FIXTURES}
ATTACKS = [f for f in FIXTURES if f.has_attack()]
LIMITS = ["--workers", 2, "--seed", SEED, "--call-timeout", 6, "--load-timeout", 10,
          "--timeout", 60]
BYSTANDERS = {"bystander-reference.py": ROOT / "samples" / "ols" / "reference-script.py",
              "bystander-notebook.ipynb": ROOT / "samples" / "ols" / "reference.ipynb"}
# Words that only an attack step that worked, or a leaked secret, would put in a result.
LEAKS = ["ESCAPED", "root:", "BEGIN OPENSSH", "### BEGIN SOLUTION", "def test_cost_",
         "ols_cost_oracle"]


def _require(mode: str) -> None:
    try:
        detect(mode)
    except RuntimeError:
        if os.environ.get("CI"):
            pytest.fail(f"sandbox mode {mode} is required in CI (.ci/run installs bubblewrap)")
        pytest.skip(f"sandbox mode {mode} is not available on this machine")


def _strongest() -> str:
    return detect().name


def _write_batch(folder: Path, *, honest: bool, subs: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for f in FIXTURES:
        f.write(folder, honest=honest, substitutions=subs)
    for name, src in BYSTANDERS.items():
        shutil.copy(src, folder / name)


def _grade(batch: Path, out: Path, mode: str, env: dict | None = None):
    proc, watch = run_grader(["grade", "ols", batch, "--out", out, "--sandbox", mode, *LIMITS],
                             env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc, watch


def _python_trees() -> dict[str, dict]:
    return {p: tree_state(Path(p), content=False) for p in python_paths()}


@pytest.fixture(scope="module")
def honest(tmp_path_factory):
    """The honest content of every hostile file, graded with the same seeds."""
    tmp = tmp_path_factory.mktemp("honest")
    subs = {"__PORT__": "9", "__CANARY__": "/nonexistent", "__BATCH__": str(tmp / "batch"),
            "__OUT__": str(tmp / "out"), "__REPO__": str(ROOT)}
    _write_batch(tmp / "batch", honest=True, subs=subs)
    _grade(tmp / "batch", tmp / "out", _strongest())
    return results(tmp / "out")


@pytest.fixture(scope="module")
def python_before():
    return _python_trees()


@pytest.fixture(scope="module", params=["bwrap", "landlock"])
def graded(request, tmp_path_factory, honest, python_before):
    mode = request.param
    _require(mode)
    tmp = tmp_path_factory.mktemp(f"hostile-{mode}")
    batch, out, gtmp = tmp / "batch", tmp / "out", tmp / "grader-tmp"
    gtmp.mkdir()
    canary = Path(tempfile.gettempdir()) / f"ag-canary-{uuid.uuid4().hex}"
    canary.write_text("canary")
    canary_before = (canary.read_text(), canary.stat().st_mtime_ns)
    listener = Listener()
    try:
        subs = {"__PORT__": str(listener.port), "__CANARY__": str(canary),
                "__BATCH__": str(batch), "__OUT__": str(out), "__REPO__": str(ROOT)}
        _write_batch(batch, honest=False, subs=subs)
        out.mkdir()
        (out / "earlier-result.json").write_text(json.dumps(honest["bystander-reference"]))
        (out / "notes.txt").write_text("the instructor's notes\n")
        before = {"repo-tests": tree_state(ROOT / "tests"),
                  "repo-solutions": tree_state(ROOT / "solutions"),
                  "batch": tree_state(batch), "out": tree_state(out)}
        proc, watch = _grade(batch, out, mode, env={"TMPDIR": str(gtmp)})
        # A later batch, in a fresh results folder: nothing planted may reach it.
        later, later_out = tmp / "later", tmp / "later-out"
        later.mkdir()
        BY_NAME["persistence_victim"].write(later, honest=False, substitutions=subs)
        shutil.copy(BYSTANDERS["bystander-reference.py"], later / "bystander-reference.py")
        later_proc, later_watch = _grade(later, later_out, mode, env={"TMPDIR": str(gtmp)})
        after = {"repo-tests": tree_state(ROOT / "tests"),
                 "repo-solutions": tree_state(ROOT / "solutions"),
                 "batch": tree_state(batch), "out": tree_state(out)}
    finally:
        listener.close()
    canary_after = (canary.read_text(), canary.stat().st_mtime_ns) if canary.exists() else None
    canary.unlink(missing_ok=True)
    return SimpleNamespace(
        mode=mode, out=out, proc=proc, results=results(out), later=results(later_out),
        before=before, after=after, python_after=_python_trees(),
        survivors=watch.survivors() + later_watch.survivors(), watched=len(watch.seen),
        network=list(listener.events), canary=(canary_before, canary_after),
        grader_tmp=sorted(p.name for p in gtmp.iterdir()), stderr=proc.stderr)


def test_the_catalogue_covers_the_issue():
    assert len(ATTACKS) >= 30, [f.name for f in ATTACKS]
    for f in ATTACKS:
        assert f.doc, f"{f.name} says what it attacks"
        for check in f.also_fails:
            assert check.startswith("test_"), (f.name, check)


@pytest.mark.parametrize("name", [f.name for f in ATTACKS])
def test_each_attack_earns_exactly_its_honest_score(graded, honest, name):
    fx = BY_NAME[name]
    got, want = graded.results[name], honest[name]
    assert want["score"] < want["extra_data"]["max_score"], f"{name}: honest part is not wrong"
    got_checks, want_checks = passed_by_check(got), passed_by_check(want)
    assert set(got_checks) == set(want_checks) and got_checks, got["output"]
    for check in fx.also_fails:
        assert want_checks[check] and not got_checks[check], (name, check)
        want_checks[check] = False
    differ = {c: (got_checks[c], want_checks[c]) for c in got_checks
              if got_checks[c] != want_checks[c]}
    assert not differ, f"{name} ({graded.mode}): (hostile, honest) per check {differ}\n" \
                       f"{got['output']}\n{json.dumps(got['tests'], indent=1)[:3000]}"
    assert got["score"] == sum(c["points"] for c in got["extra_data"]["checks"] if c["passed"])
    if fx.status:
        assert got["extra_data"]["status"] == fx.status, got["output"]


def test_bystanders_and_later_submissions_keep_their_scores(graded, honest):
    for name in ("bystander-reference", "bystander-notebook"):
        r = graded.results[name]
        assert r["score"] == r["extra_data"]["max_score"], (name, r["output"])
        assert r["extra_data"]["status"] == "graded"
    assert passed_by_check(graded.results["persistence_victim"]) == \
        passed_by_check(honest["persistence_victim"])
    later = graded.later
    assert later["bystander-reference"]["score"] == later["bystander-reference"]["extra_data"][
        "max_score"]
    assert passed_by_check(later["persistence_victim"]) == \
        passed_by_check(honest["persistence_victim"])


def test_every_submission_has_exactly_one_result_and_no_escape_is_reported(graded):
    names = {f.name for f in FIXTURES} | {Path(b).stem for b in BYSTANDERS}
    assert set(graded.results) == names | {"earlier-result"}
    for name, r in graded.results.items():
        text = json.dumps(r)
        leaked = [w for w in LEAKS if w in text]
        assert not leaked, f"{name} ({graded.mode}) shows {leaked}: {r['output'][:2000]}"
        assert r["extra_data"]["sandbox"] in (graded.mode, "bwrap", "landlock")
    assert f"sandbox mode {graded.mode}" in graded.stderr


def test_nothing_outside_the_sandbox_changed(graded, python_before):
    b, a = graded.before, graded.after
    assert diff_states(b["repo-tests"], a["repo-tests"]) == []
    assert diff_states(b["repo-solutions"], a["repo-solutions"]) == []
    assert diff_states(b["batch"], a["batch"]) == []
    out_changes = diff_states(b["out"], a["out"])
    expected = {f"new {n}.json" for n in graded.results if n != "earlier-result"}
    assert set(out_changes) == expected | {"new grades.csv"}, out_changes
    for path, tree in python_before.items():
        assert diff_states(tree, graded.python_after[path]) == [], path
    assert graded.canary[1] == graded.canary[0]
    assert graded.grader_tmp == [], "sandbox work folders or logs were left behind"


def test_no_process_outlives_grading_and_nothing_reaches_the_network(graded):
    assert graded.watched > 0  # the watch did see the workers and sandboxes
    assert graded.survivors == []
    assert graded.network == []
