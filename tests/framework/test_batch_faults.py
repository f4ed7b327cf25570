"""Batches that never lose a grade: fault injection, Ctrl-C, resume, rerun.

A batch of more than 200 submissions mixes good, wrong, broken and hostile ones (copies share
a file name in separate folders, so with --seed each copy gets the same hidden inputs as the
same file graded alone). The grader is SIGKILLed part-way: no worker or sandbox may survive,
the results already written must be whole, the rerun must grade only what is missing (results
already there are not rewritten), and at the end every submission has exactly one result, equal
check by check to what the same file earns graded alone. A rerun of the finished batch changes
nothing. Ctrl-C (SIGINT to the grader's process group) stops a batch within seconds, with the
same guarantees.
"""

from __future__ import annotations

import json
import shutil
import signal
import time
from pathlib import Path

import pytest

from autograder.grading.load import MAX_SUBMISSION_BYTES

from .batchkit import HOSTILE_DIR, ROOT, Fixture, passed_by_check, results, run_grader

SEED = 77
LIMITS = ["--workers", 2, "--seed", SEED, "--call-timeout", 3, "--load-timeout", 15,
          "--timeout", 60]
BASE = (HOSTILE_DIR / "_base.py").read_text()
WRONG_Q1 = "\ndef ols_cost(X, y, beta):\n    r = y - X @ beta\n    return float(r @ r)\n"
RIGHT_Q1 = "\ndef ols_cost(X, y, beta):\n    r = y - X @ beta\n    return 0.5 * float(r @ r)\n"
RIGHT_Q2 = "\ndef ols_gradient(X, y, beta):\n    return -X.T @ (y - X @ beta)\n"
SAMPLES = ROOT / "samples" / "ols"


def _kinds() -> dict[str, bytes]:
    """Distinct submissions, by file name (the name decides the seed and the expectations)."""
    kinds = {
        "good.py": (SAMPLES / "reference-script.py").read_bytes(),
        "good.ipynb": (SAMPLES / "reference.ipynb").read_bytes(),
        "stub.ipynb": (SAMPLES / "stub.ipynb").read_bytes(),
        "wrong.py": (BASE + WRONG_Q1 + RIGHT_Q2).encode(),
        "wrong-sign.py": (BASE + RIGHT_Q1 + "\ndef ols_gradient(X, y, beta):\n"
                          "    return X.T @ (y - X @ beta)\n").encode(),
        "missing-function.py": (BASE.replace("def ridge_fit(", "def ridge_fitt(")
                                + RIGHT_Q1 + RIGHT_Q2).encode(),
        "wrong-shape.py": (BASE + RIGHT_Q1 + "\ndef ols_gradient(X, y, beta):\n"
                           "    return (-X.T @ (y - X @ beta))[:, None]\n").encode(),
        "timeout.py": (BASE + RIGHT_Q2 + "\ndef ols_cost(X, y, beta):\n"
                       "    while True:\n        pass\n").encode(),
        "memory.py": (BASE + RIGHT_Q2 + "\nimport numpy as np\n\ndef ols_cost(X, y, beta):\n"
                      "    hoard = []\n    while True:\n"
                      "        hoard.append(np.empty(1 << 28, dtype=np.uint8))\n").encode(),
        "crash.py": (BASE + RIGHT_Q1 + "\nimport os\n\ndef ols_gradient(X, y, beta):\n"
                     "    os._exit(3)\n").encode(),
        "corrupt.ipynb": b'{"cells": [{"cell_type": "code", "source": "x = ',
        "not-a-notebook.ipynb": b"[1, 2, 3]",
        "empty.py": b"",
        "too-large.py": b"# padding\n" * (MAX_SUBMISSION_BYTES // 10 + 1),
        "latin1.py": "# caf\xe9\n".encode("latin-1"),
    }
    for name in ("patch_numpy_allclose", "lying_eq", "import_grader_hide_mutation",
                 "mutate_inputs", "protocol_forgery", "exit_in_calls", "rng_hijack"):
        fx = Fixture.load(HOSTILE_DIR / f"{name}.py")
        kinds[f"hostile-{name}.py"] = (BASE + "\n\n" + fx.source(honest=False)).encode()
    return kinds


# How many copies of each kind go into the big batch (more than 200 in all).
COPIES = {"good.py": 50, "good.ipynb": 3, "stub.ipynb": 2, "wrong.py": 25, "wrong-sign.py": 25,
          "missing-function.py": 10, "wrong-shape.py": 10, "timeout.py": 2, "memory.py": 3,
          "crash.py": 5, "corrupt.ipynb": 8, "not-a-notebook.ipynb": 6, "empty.py": 6,
          "too-large.py": 2, "latin1.py": 4, "hostile-patch_numpy_allclose.py": 8,
          "hostile-lying_eq.py": 8, "hostile-import_grader_hide_mutation.py": 8,
          "hostile-mutate_inputs.py": 8, "hostile-protocol_forgery.py": 6,
          "hostile-exit_in_calls.py": 4, "hostile-rng_hijack.py": 8}

# What the alone-graded kinds must say (status, words of the message).
EXPECTED = {
    "good.py": ("graded", ""), "good.ipynb": ("graded", ""), "stub.ipynb": ("graded", ""),
    "wrong.py": ("graded", ""),
    "missing-function.py": ("missing_function", "Did you mean `ridge_fitt`?"),
    "wrong-shape.py": ("wrong_shape", "wrong shape"),
    "timeout.py": ("timeout", "ran for more than 3 s"),
    "memory.py": ("memory_limit", "ran out of memory"),
    "crash.py": ("crash", "exited (exit code 3)"),
    "corrupt.ipynb": ("corrupt_json", "not valid JSON"),
    "not-a-notebook.ipynb": ("not_a_notebook", "not a Jupyter notebook"),
    "empty.py": ("empty", "is empty"),
    "too-large.py": ("too_large", f"the limit is {MAX_SUBMISSION_BYTES >> 20} MiB"),
    "latin1.py": ("bad_encoding", "not UTF-8"),
}


def _by_submission(out: Path) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for r in results(out).values():
        key = r["extra_data"]["file"]
        assert key not in found, f"two results for {key}"
        found[key] = r
    return found


def _fingerprint(out: Path) -> dict[str, tuple]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """Each kind graded on its own (one batch of distinct files, never interrupted)."""
    tmp = tmp_path_factory.mktemp("alone")
    (tmp / "in").mkdir()
    for name, data in _kinds().items():
        (tmp / "in" / name).write_bytes(data)
    proc, watch = run_grader(["grade", "ols", tmp / "in", "--out", tmp / "out", *LIMITS])
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert watch.survivors() == []
    # The progress bar (with its ETA) goes to stderr, the summary table to stdout.
    assert "ETA" in proc.stderr and f"{len(_kinds())}/{len(_kinds())}" in proc.stderr
    assert f"ols: {len(_kinds())} submission(s)" in proc.stdout and "timeout" in proc.stdout
    return {Path(k).name: v for k, v in _by_submission(tmp / "out").items()}


def test_every_problem_gets_its_own_status_and_a_message_a_student_understands(alone):
    for name, (status, words) in EXPECTED.items():
        r = alone[name]
        assert r["extra_data"]["status"] == status, (name, r["output"])
        assert words in r["output"], (name, r["output"])
        assert len(r["tests"]) == 8 and all("output" in t for t in r["tests"])
    assert alone["good.py"]["score"] == alone["good.py"]["extra_data"]["max_score"]
    assert alone["stub.ipynb"]["score"] == 0
    # A problem in one function costs only that function's checks.
    assert alone["timeout.py"]["score"] == alone["crash.py"]["score"] == 42


def _make_batch(folder: Path, copies: dict[str, int]) -> list[Path]:
    kinds = _kinds()
    made = []
    for name, n in copies.items():
        for i in range(n):
            sub = folder / f"{name.replace('.', '_')}-{i:03d}" / name
            sub.parent.mkdir(parents=True)
            sub.write_bytes(kinds[name])
            made.append(sub)
    return made


def _check_against_alone(out: Path, made: list[Path], alone: dict[str, dict]) -> None:
    got = _by_submission(out)
    assert sorted(got) == sorted(str(p) for p in made)  # exactly one result each
    for path in made:
        r, want = got[str(path)], alone[path.name]
        assert r["extra_data"]["status"] == want["extra_data"]["status"], (path, r["output"])
        assert passed_by_check(r) == passed_by_check(want), (path, r["output"])
        assert r["score"] == want["score"] and r["extra_data"]["seed"] == want["extra_data"][
            "seed"]
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_killed_batch_resumes_without_losing_or_regrading_anything(tmp_path, alone):
    batch, out, gtmp = tmp_path / "batch", tmp_path / "out", tmp_path / "grader-tmp"
    gtmp.mkdir()
    made = _make_batch(batch, COPIES)
    assert len(made) >= 200
    env = {"TMPDIR": str(gtmp)}
    target = int(0.4 * len(made))

    def kill_part_way(proc):
        done = sum(1 for p in out.glob("*.json")) if out.exists() else 0
        return signal.SIGKILL if done >= target else None

    proc, watch = run_grader(["grade", "ols", batch, "--out", out, *LIMITS], env=env,
                             kill_after=kill_part_way)
    assert proc.returncode == -signal.SIGKILL
    assert watch.survivors() == [], "a worker or sandbox outlived the killed grader"
    before = _fingerprint(out)
    finished = [n for n in before if n.endswith(".json")]
    assert target <= len(finished) < len(made)
    for name in finished:  # every result on disk is whole
        json.loads((out / name).read_text())

    proc, watch = run_grader(["grade", "ols", batch, "--out", out, *LIMITS], env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"{len(finished)} submission(s) already graded" in proc.stderr
    assert watch.survivors() == []
    after = _fingerprint(out)
    for name in finished:
        assert after[name] == before[name], f"{name} was graded again"
    _check_against_alone(out, made, alone)
    assert list(gtmp.iterdir()) == [], "sandbox folders of the killed run were not swept"

    proc, _ = run_grader(["grade", "ols", batch, "--out", out, *LIMITS], env=env)
    assert proc.returncode == 0 and f"{len(made)} submission(s) already graded" in proc.stderr
    assert _fingerprint(out) == after  # a finished batch: a rerun changes nothing


def test_ctrl_c_stops_the_batch_at_once_and_it_resumes(tmp_path, alone):
    batch, out, gtmp = tmp_path / "batch", tmp_path / "out", tmp_path / "grader-tmp"
    gtmp.mkdir()
    copies = {"good.py": 12, "wrong.py": 8, "timeout.py": 2, "hostile-exit_in_calls.py": 2,
              "good.ipynb": 2, "corrupt.ipynb": 2}
    made = _make_batch(batch, copies)
    env = {"TMPDIR": str(gtmp)}
    state = {}

    def interrupt(proc):
        if out.exists() and sum(1 for _ in out.glob("*.json")) >= 6:
            state["at"] = time.monotonic()
            return signal.SIGINT
        return None

    proc, watch = run_grader(["grade", "ols", batch, "--out", out, *LIMITS], env=env,
                             kill_after=interrupt)
    assert proc.returncode == 130, proc.stderr[-2000:]
    assert "interrupted" in proc.stderr
    assert time.monotonic() - state["at"] < 15
    assert watch.survivors() == []
    assert list(gtmp.iterdir()) == [], "a stopped worker left its sandbox folder"
    before = _fingerprint(out)
    finished = [n for n in before if n.endswith(".json")]
    assert not [n for n in before if n.endswith(".tmp")]
    assert 6 <= len(finished) < len(made)

    proc, watch = run_grader(["grade", "ols", batch, "--out", out, *LIMITS], env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    after = _fingerprint(out)
    for name in finished:
        assert after[name] == before[name], f"{name} was graded again"
    _check_against_alone(out, made, alone)
    shutil.rmtree(batch)
