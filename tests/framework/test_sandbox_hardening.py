"""Each sandbox defence on its own, in every confining mode (the catalogue proves them
together, through the command line; these say which layer does what)."""

from __future__ import annotations

import os
import resource
import time

import numpy as np
import pytest

from autograder.core.contract import parse_contract
from autograder.core.submission import StudentCodeError
from autograder.sandbox import cleanup
from autograder.sandbox.modes import Limits, detect
from autograder.sandbox.proxy import SandboxedSubmission, sweep_stale_work

CONTRACT = parse_contract({"f": "any", "g": "float", "h": "array",
                           "fwd": "(out: array, cache: cache)", "bwd": "array"})


@pytest.fixture(params=["bwrap", "landlock"])
def mode(request):
    try:
        return detect(request.param)
    except RuntimeError:
        if os.environ.get("CI"):
            pytest.fail(f"sandbox mode {request.param} is required in CI")
        pytest.skip(f"sandbox mode {request.param} is not available here")


def sandbox(cells, mode, **limits):
    return SandboxedSubmission(cells, CONTRACT, mode=mode, limits=Limits(**limits))


def test_the_child_can_act_on_no_other_process(mode):
    """prlimit, renice, affinity and signals reach only the child itself (seccomp)."""
    cells = ["import os, resource, signal\n"
             "def f():\n"
             "    out = {}\n"
             "    p = os.getppid()\n"
             "    for name, call in [\n"
             "        ('prlimit', lambda: resource.prlimit(p, resource.RLIMIT_CORE, (0, 0))),\n"
             "        ('renice', lambda: os.setpriority(os.PRIO_PROCESS, p, 19)),\n"
             "        ('renice-user', lambda: os.setpriority(os.PRIO_USER, 0, 19)),\n"
             "        ('affinity', lambda: os.sched_setaffinity(p, {0})),\n"
             "        ('kill', lambda: os.kill(p, 0)),\n"
             "        ('kill-all', lambda: os.kill(-1, 0)),\n"
             "        ('pidfd', lambda: os.pidfd_open(p)),\n"
             "        ('own-limit', lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0))),\n"
             "        ('own-signal', lambda: os.kill(os.getpid(), 0))]:\n"
             "        try:\n"
             "            call()\n"
             "            out[name] = 'allowed'\n"
             "        except OSError as e:\n"
             "            out[name] = e.errno\n"
             "    return out\n"]
    before = resource.getrlimit(resource.RLIMIT_CORE)
    with sandbox(cells, mode) as sub:
        got = sub.f()
    assert resource.getrlimit(resource.RLIMIT_CORE) == before
    denied = {k: v for k, v in got.items() if v != "allowed"}
    assert set(denied) == {"prlimit", "renice", "renice-user", "affinity", "kill", "kill-all",
                           "pidfd"}, got


def test_host_secrets_in_etc_are_not_readable(mode):
    cells = ["import os\n"
             "def f():\n"
             "    seen = {}\n"
             "    for p in ['/etc/shadow', '/etc/hostname', '/etc/ld.so.cache']:\n"
             "        try:\n"
             "            open(p, 'rb').read(1)\n"
             "            seen[p] = True\n"
             "        except OSError:\n"
             "            seen[p] = False\n"
             "    return seen\n"]
    with sandbox(cells, mode) as sub:
        assert sub.f() == {"/etc/shadow": False, "/etc/hostname": False,
                           "/etc/ld.so.cache": True}


def test_the_grader_sees_input_writes_even_when_the_harness_is_told_to_hide_them(mode):
    cells = ["import harness\n"
             "harness.changed_arguments = lambda *a, **k: []\n"
             "def h(x, y):\n"
             "    x[0] = 7.0\n"
             "    return y * 2\n"
             "def fwd(x):\n"
             "    return x * 2, {'x': x}\n"
             "def bwd(d, cache):\n"
             "    return d * cache['x']\n"]
    with sandbox(cells, mode) as sub:
        x, y = np.zeros(3), np.ones(2)
        result = sub.call("h", x, y=y)
        assert result.mutated == ["x"] and result.value.tolist() == [2.0, 2.0]
        assert x.tolist() == [0.0, 0.0, 0.0]
        # A cache keeps an argument: it stays valid after later calls reuse the arena.
        _, cache = sub.fwd(np.array([1.0, 2.0]))
        sub.fwd(np.array([10.0, 20.0]))
        assert sub.bwd(np.array([3.0, 4.0]), cache).tolist() == [3.0, 8.0]


def test_a_fatal_statement_is_skipped_not_its_whole_cell(mode):
    script = ("import os\n"
              "def g():\n"
              "    return 1.0\n"
              "os._exit(0)\n"
              "def h(x):\n"
              "    return x + 1\n")
    with sandbox([script], mode) as sub:
        assert sub.report.loaded and sub.report.skipped == [
            {"cell": 1, "line": 4, "reason": "crash"}]
        assert sub.g() == 1.0 and sub.h(np.ones(2)).tolist() == [2.0, 2.0]


def test_a_function_that_hangs_is_not_called_again_and_costs_nothing_else(mode):
    cells = ["def f():\n    while True:\n        pass\n", "def g():\n    return 2.0\n"]
    with sandbox(cells, mode, call_seconds=1.0, max_restarts=2) as sub:
        for _ in range(5):
            with pytest.raises(StudentCodeError) as exc:
                sub.f()
            assert exc.value.kind == "timeout"
        start = time.monotonic()
        assert sub.g() == 2.0
        assert time.monotonic() - start < 5  # no time spent on f again
    assert "not run again" in exc.value.detail


def test_a_frame_written_out_of_turn_ends_the_child(mode):
    cells = ["import gc, io, sys\n"
             "def f():\n"
             "    for o in gc.get_objects():\n"
             "        if isinstance(o, io.FileIO) and o.mode == 'wb' and o.fileno() > 2:\n"
             "            sys.modules['codec'].write_frame(o, {'ok': True, 'value': 1.0})\n"
             "    return 2.0\n",
             "def g():\n    return 3.0\n"]
    with sandbox(cells, mode) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.f()
        assert exc.value.kind == "crash" and "out of turn" in exc.value.detail
        assert sub.g() == 3.0


@pytest.mark.parametrize("where", ["many files", "a deleted file kept open"])
def test_the_work_folder_cannot_fill_the_disk(where):
    try:
        mode = detect("landlock")
    except RuntimeError:
        pytest.skip("landlock mode is not available here")
    # 1 MiB every 10 ms: the grader stops the child long before any file reaches its own
    # 64 MiB limit.
    write = ("        with open(f'junk-{i}.bin', 'wb') as out:\n"
             "            out.write(b'x' * (1 << 20))\n" if where == "many files" else
             "        keep.write(b'y' * (1 << 20))\n        keep.flush()\n")
    cells = ["import os, time\n"
             "def f():\n"
             "    keep = open('hidden.bin', 'wb')\n"
             "    os.unlink('hidden.bin')\n"
             "    for i in range(60):\n"
             + write +
             "        time.sleep(0.01)\n"
             "    return 1.0\n"]
    with sandbox(cells, mode, tmp_bytes=16 << 20) as sub:
        with pytest.raises(StudentCodeError) as exc:
            sub.f()
    assert exc.value.kind == "disk" and "16 MiB" in exc.value.detail


def test_a_killed_graders_leftovers_are_swept_and_a_live_ones_kept(tmp_path):
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)
    (tmp_path / f"{cleanup.WORK_PREFIX}{dead}-abc").mkdir()
    (tmp_path / f"{cleanup.WORK_PREFIX}{dead}-abc.log").write_text("")
    (tmp_path / f"{cleanup.WORK_PREFIX}{os.getpid()}-def").mkdir()
    (tmp_path / "unrelated").mkdir()
    assert sweep_stale_work(str(tmp_path)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{cleanup.WORK_PREFIX}{os.getpid()}-def", "unrelated"]


SECCOMP_PROBE = """
import errno, json, os, resource, socket, sys, threading
sys.path.insert(0, sys.argv[1])
import confine
confine.apply({"seccomp": json.loads(sys.argv[2])})
parent = os.getppid()
out = {}
for name, call in [
        ("fork", os.fork), ("socket", socket.socket),
        ("exec", lambda: os.execv("/bin/true", ["true"])),
        ("prlimit-other", lambda: resource.prlimit(parent, resource.RLIMIT_CORE)),
        ("kill-other", lambda: os.kill(parent, 0)),
        ("renice-other", lambda: os.setpriority(os.PRIO_PROCESS, parent, 19)),
        ("prlimit-own", lambda: resource.prlimit(os.getpid(), resource.RLIMIT_CORE)),
        ("setrlimit", lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0))),
        ("kill-own", lambda: os.kill(os.getpid(), 0)),
        ("kill-own-group", lambda: os.killpg(os.getpgrp(), 0)),
        ("nice", lambda: os.nice(1)),
        ("thread", lambda: [t.start() or t.join() for t in [threading.Thread(target=id)]])]:
    try:
        call()
        out[name] = "allowed"
    except OSError as e:
        out[name] = errno.errorcode[e.errno]
print(json.dumps(out))
"""


def test_the_seccomp_layer_alone():
    """libseccomp's filter (compiled once, in the grader) and the own-process filter: no new
    processes, sockets or exec; calls that act on a process reach only the child itself."""
    import json
    import subprocess
    import sys

    from autograder.sandbox import confine
    from autograder.sandbox.modes import HARNESS_DIR

    rules = confine.seccomp_rules()
    if rules is None:
        pytest.skip("libseccomp is not available here")
    proc = subprocess.run([sys.executable, "-I", "-c", SECCOMP_PROBE, str(HARNESS_DIR),
                           json.dumps(rules)], capture_output=True, text=True, timeout=60,
                          start_new_session=True)
    got = json.loads(proc.stdout)
    assert got == {"fork": "EPERM", "socket": "EPERM", "exec": "EPERM",
                   "prlimit-other": "EPERM", "kill-other": "EPERM", "renice-other": "EPERM",
                   "prlimit-own": "allowed", "setrlimit": "allowed", "kill-own": "allowed",
                   "kill-own-group": "allowed", "nice": "allowed", "thread": "allowed"}, got


def test_every_seccomp_rule_names_a_system_call_libseccomp_knows():
    """A misspelt name would silently protect nothing."""
    from autograder.sandbox import confine

    sc = pytest.importorskip("pyseccomp")
    if confine.seccomp_rules() is None:
        pytest.skip("libseccomp is not available here")
    names = confine.DENIED + confine.OWN_PID + confine.OWN_TGID + (
        "clone", "clone3", "kill", "setpriority", "ioprio_set")
    unknown = [n for n in names if sc.resolve_syscall(sc.Arch.NATIVE, n) == -1]
    assert unknown == []
    assert {"kill", "setpriority", "ioprio_set", "prlimit64"} <= set(
        confine.seccomp_rules()["numbers"])
