"""Children forked from a zygote are as isolated as freshly started ones.

In ``bwrap`` and ``landlock`` modes each grading process forks its sandboxes from one
pre-imported zygote (see autograder/sandbox/zygote.py). These tests prove, in both modes, what
a fresh interpreter gave for free: the same confinement, nothing of an earlier or concurrent
sibling (its files, its interpreter state, its process), no student code in the zygote, a
killed child gone for good, and everything dying with the grader.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from autograder.core.contract import parse_contract
from autograder.core.submission import StudentCodeError
from autograder.sandbox import zygotes
from autograder.sandbox.modes import Limits, detect
from autograder.sandbox.proxy import SandboxedSubmission

CONTRACT = parse_contract({"f": "any", "g": "any", "h": "any", "probe": "any"})
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["bwrap", "landlock"])
def mode(request):
    try:
        m = detect(request.param)
    except RuntimeError:
        if os.environ.get("CI"):
            pytest.fail(f"sandbox mode {request.param} is required in CI")
        pytest.skip(f"sandbox mode {request.param} is not available here")
    if not zygotes.zygote_supported(m):
        pytest.skip(f"no zygote in {m.name} mode on this machine")
    return m


def sandbox(cells, mode, **limits):
    return SandboxedSubmission(cells, CONTRACT, mode=mode, limits=Limits(**limits))


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(d))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def _zygote_host_pid(mode) -> int:
    z = zygotes.zygote_for(mode)
    assert z is not None, "the zygote did not start"
    return next(p for p in [z.proc.pid, *_descendants(z.proc.pid)] if _comm(p) == "ag-zygote")


PROBE = """
import os, resource
def probe():
    status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines())
    limits = {name: resource.getrlimit(getattr(resource, name)) for name in
              ('RLIMIT_AS', 'RLIMIT_CPU', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE', 'RLIMIT_CORE')}
    keys = ('CapEff', 'CapPrm', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp', 'Uid', 'Gid')
    return {'status': {k: status[k].strip() for k in keys}, 'limits': limits,
            'sid': os.getsid(0) == os.getpid(), 'cwd': os.getcwd(),
            'tmpdir': os.environ['TMPDIR'], 'fds': len(os.listdir('/proc/self/fd')),
            'pid': os.getpid(), 'ppid': os.getppid(), 'comm': open('/proc/self/comm').read()}
"""


def test_a_forked_child_is_confined_exactly_like_a_fresh_one(mode, monkeypatch):
    with sandbox([PROBE], mode) as sub:
        assert sub.child.forked
        forked, forked_layers = sub.probe(), sub.report.confinement
    monkeypatch.setenv("AUTOGRADER_ZYGOTE", "0")
    with sandbox([PROBE], mode) as sub:
        assert not sub.child.forked
        fresh, fresh_layers = sub.probe(), sub.report.confinement
    assert forked["status"] == fresh["status"]
    assert forked["status"]["CapEff"] == forked["status"]["CapBnd"] == "0000000000000000"
    assert forked["status"]["NoNewPrivs"] == "1" and forked["status"]["Seccomp"] == "2"
    assert forked["limits"] == fresh["limits"]
    assert forked["sid"]  # a session of its own: kill(0) reaches only itself
    assert forked["fds"] == fresh["fds"]   # the grader's pipes and nothing of the zygote's
    assert forked["comm"].strip() == "ag-sandbox"
    if mode.name == "bwrap":
        assert forked["cwd"] == fresh["cwd"] == forked["tmpdir"] == "/tmp/work"
        assert forked_layers[0].startswith("private-namespaces")
    # The same layers, with the same details; bwrap drops a fresh child's capabilities itself.
    assert set(forked_layers) - {forked_layers[0], "no-capabilities"} == \
        set(fresh_layers) - {"no-capabilities"} - {forked_layers[0]}
    assert "no-capabilities" in forked_layers


def test_children_are_forked_by_a_zygote_that_never_sees_student_code(mode):
    """The cells go from the grader to the child directly: the zygote's memory never holds
    them (searched for a marker unique to this run), and it has no writable memory it shares
    with a child."""
    marker = "zygote-marker-" + uuid.uuid4().hex
    cells = [PROBE, f"MARK = {marker!r}\n" + "def g():\n    return MARK"]
    pids = set()
    for _ in range(2):
        with sandbox(cells, mode) as sub:
            assert sub.g() == marker
            pids.add(sub.probe()["ppid"])
    zygote = _zygote_host_pid(mode)
    assert len(pids) == 1  # one parent for every child: the zygote
    needle = marker.encode()
    found = []
    with open(f"/proc/{zygote}/maps") as maps, open(f"/proc/{zygote}/mem", "rb", 0) as mem:
        for line in maps:
            addr, perms = line.split()[:2]
            assert not (perms[1] == "w" and perms[3] == "s"), f"shared writable mapping {line}"
            if perms[0] != "r":
                continue
            start, end = (int(x, 16) for x in addr.split("-"))
            try:
                mem.seek(start)
                if needle in mem.read(end - start):
                    found.append(line)
            except (OSError, OverflowError, ValueError):
                continue
    assert not found, f"the marker is in the zygote's memory: {found}"


def test_a_child_cannot_see_or_signal_its_siblings_or_the_zygote(mode):
    attack = """
import ctypes, os, resource, signal
def f(sibling, sibling_work):
    zygote = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    out = {}
    tries = {
        'kill': lambda p: os.kill(p, signal.SIGKILL),
        'kill0': lambda p: os.kill(p, 0),
        'pidfd': lambda p: os.pidfd_open(p),
        'prlimit': lambda p: resource.prlimit(p, resource.RLIMIT_NOFILE, (3, 3)),
        'renice': lambda p: os.setpriority(os.PRIO_PROCESS, p, 19),
        'affinity': lambda p: os.sched_setaffinity(p, {0}),
        'ptrace': lambda p: libc.ptrace(16, p, 0, 0) == 0 or None,
        'environ': lambda p: open(f'/proc/{p}/environ', 'rb').read(1),
        'mem': lambda p: open(f'/proc/{p}/mem', 'rb').read(1),
        'status': lambda p: open(f'/proc/{p}/status').read(1),
        'fds': lambda p: os.listdir(f'/proc/{p}/fd'),
    }
    for who, pid in (('sibling', sibling), ('zygote', zygote)):
        for name, attempt in tries.items():
            try:
                out[f'{who}-{name}'] = attempt(pid) is not None or name in ('kill', 'kill0',
                                                                           'prlimit', 'renice',
                                                                           'affinity')
            except (OSError, ValueError):
                out[f'{who}-{name}'] = False
    for name, attempt in (('list-proc', lambda: os.listdir('/proc')),
                          ('kill-all', lambda: os.kill(-1, signal.SIGKILL)),
                          ('kill-group', lambda: os.killpg(os.getpgid(zygote), signal.SIGKILL)),
                          ('sibling-files', lambda: os.listdir(sibling_work)),
                          ('sibling-secret', lambda: open(sibling_work + '/secret').read())):
        try:
            attempt()
            out[name] = True
        except (OSError, ValueError):
            out[name] = False
    return out
"""
    victim = PROBE + "\nimport os\nopen(os.environ['TMPDIR'] + '/secret', 'w').write('s')\n" \
        "def h():\n    return 'alive'\n"
    with sandbox([victim], mode) as b, sandbox([PROBE, attack], mode) as a:
        info = b.probe()
        assert info["ppid"] == a.probe()["ppid"], "both children come from one zygote"
        # landlock: the victim's folder on the grader's disk; bwrap: its /tmp, through /proc
        work = b.child.work if mode.name == "landlock" else f"/proc/{info['pid']}/root/tmp/work"
        got = a.f(info["pid"], work)
        assert b.h() == "alive"
    assert {k: v for k, v in got.items() if v} == {}, got


def test_each_child_starts_from_the_zygote_not_from_an_earlier_child(mode):
    """What one submission did to its interpreter, its files or its random state never
    reaches the next one."""
    spoil = ("import builtins, os, sys, numpy as np, harness, codec\n"
             "np.SPOILED = 1\nharness.SPOILED = 1\ncodec.ALLOWED_DTYPES = frozenset(['|O'])\n"
             "builtins.SPOILED = 1\nsys.path.insert(0, '/spoiled')\nos.environ['SPOILED'] = '1'\n"
             "open(os.environ['TMPDIR'] + '/left-behind', 'w').write('x')\n"
             "np.random.seed(0)\n"
             "def g():\n    return float(np.random.random())\n")
    look = ("import builtins, os, sys, numpy as np, harness, codec\n"
            "def g():\n    return float(np.random.random())\n"
            "def h():\n"
            "    return [hasattr(np, 'SPOILED'), hasattr(harness, 'SPOILED'),\n"
            "            '|O' in codec.ALLOWED_DTYPES, hasattr(builtins, 'SPOILED'),\n"
            "            '/spoiled' in sys.path, 'SPOILED' in os.environ,\n"
            "            sorted(os.listdir(os.environ['TMPDIR']))]\n")
    with sandbox([spoil], mode) as sub:
        spoiled = sub.g()
    draws = []
    for _ in range(2):
        with sandbox([look], mode) as sub:
            assert sub.h() == [False] * 6 + [[]]
            draws.append(sub.g())
    assert len({spoiled, *draws}) == 3  # NumPy's global generator is reseeded in each child


def test_bwrap_children_get_a_private_size_capped_tmp_of_their_own():
    try:
        mode = detect("bwrap")
    except RuntimeError:
        pytest.skip("bwrap mode is not available here")
    if not zygotes.zygote_supported(mode):
        pytest.skip("no zygote in bwrap mode on this machine")
    cells = ["import os\n"
             "def f():\n"
             "    st = os.statvfs('/tmp/work')\n"
             "    try:\n"
             "        with open('/tmp/work/big', 'wb') as out:\n"
             "            out.write(b'x' * (20 << 20))\n"
             "        full = False\n"
             "    except OSError:\n"
             "        full = True\n"
             "    return [st.f_blocks * st.f_frsize, full, os.stat('/tmp/work').st_ino]\n"]
    with sandbox(cells, mode, tmp_bytes=16 << 20) as sub:
        size, full, inode = sub.f()
    assert size == 16 << 20 and full
    with sandbox(cells, mode, tmp_bytes=32 << 20) as sub:
        size, full, _ = sub.f()
    assert size == 32 << 20 and not full  # a fresh tmpfs, not the one the first child filled


def test_a_killed_child_leaves_nothing_behind(mode, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    cells = ["def f():\n    while True:\n        pass\n", "def g():\n    return 2.0\n"]
    with sandbox(cells, mode, call_seconds=1.0) as sub:
        first = sub.child.pid
        with pytest.raises(StudentCodeError) as exc:
            sub.f()
        assert exc.value.kind == "timeout"
        assert not Path(f"/proc/{first}").exists(), "the hung child is still there (or a zombie)"
        assert sub.g() == 2.0  # the next call gets a new child from the same zygote
        second = sub.child.pid
        assert second != first
    assert not Path(f"/proc/{second}").exists()
    zygote = _zygote_host_pid(mode)
    assert [p for p in _descendants(zygote)] == [], "the zygote still has children"
    assert list(tmp_path.iterdir()) == [], "work folders or logs were left behind"


def test_a_child_whose_set_up_fails_is_replaced_by_a_fresh_interpreter(mode, monkeypatch):
    """No student code has run when a forked child fails to set itself up: that costs the
    submission nothing (a fresh interpreter runs it) and the zygote is no longer used."""
    real = zygotes.Zygote.spawn

    def broken(self, job, fds):
        return real(self, dict(job, env="not a dict"), fds)

    monkeypatch.setattr(zygotes.Zygote, "spawn", broken)
    try:
        with sandbox([PROBE], mode) as sub:
            assert sub.report.loaded and not sub.report.failures and not sub.report.events
            assert not sub.child.forked
            assert sub.probe()["status"]["Seccomp"] == "2"
        assert zygotes.zygote_for(mode) is None
    finally:
        zygotes.replace(mode)  # later tests get a new zygote


DIES_WITH = """
import json, sys, time
from autograder.sandbox.modes import detect
from autograder.sandbox.proxy import SandboxedSubmission
from autograder.core.contract import parse_contract
sub = SandboxedSubmission(["def f():\\n    return 1.0\\n"], parse_contract({"f": "any"}),
                          mode=detect(sys.argv[1]))
sub.start()
print(json.dumps({"child": sub.child.pid}), flush=True)
time.sleep(600)
"""


def test_the_zygote_and_its_children_die_with_the_grader(mode):
    proc = subprocess.Popen([sys.executable, "-c", DIES_WITH, mode.name], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        child = json.loads(proc.stdout.readline())["child"]
        family = _descendants(proc.pid)
        assert child in family and any(_comm(p) == "ag-zygote" for p in family), family
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            alive = [p for p in family if Path(f"/proc/{p}").exists()
                     and "Z" not in Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1][:3]]
            if not alive:
                break
            time.sleep(0.1)
        assert not alive, [(p, _comm(p)) for p in alive]
    finally:
        proc.kill()
        proc.wait()


def test_binds_under_tmp_survive_a_childs_fresh_tmp(tmp_path):
    """An interpreter in a checkout under /tmp stays visible to a bwrap child whose /tmp is a
    fresh tmpfs (the zygote binds it again on top)."""
    try:
        mode = detect("bwrap")
    except RuntimeError:
        pytest.skip("bwrap mode is not available here")
    if not zygotes.zygote_supported(mode) or not str(tmp_path).startswith("/tmp/"):
        pytest.skip("needs the bwrap zygote and a temporary folder under /tmp")
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "marker.txt").write_text("here")
    old = zygotes.replace(mode, zygotes.Zygote(mode, extra_ro=(str(tmp_path / "venv"),)))
    cells = ["import os\ndef f(p):\n    return [os.path.exists(p), os.getcwd(),\n"
             "            os.statvfs('/tmp').f_blocks * os.statvfs('/tmp').f_frsize]\n"]
    try:
        with sandbox(cells, mode, tmp_bytes=8 << 20) as sub:
            assert sub.child.forked
            assert sub.f(str(tmp_path / "venv" / "marker.txt")) == [True, "/tmp/work", 8 << 20]
    finally:
        zygotes.discard(mode)
        zygotes.replace(mode, old)


def test_grading_goes_on_when_the_zygote_dies(mode):
    """A zygote killed from outside (the OOM killer, say) costs nothing: the next child is a
    fresh interpreter, and a child it had forked dies with it."""
    cells = [PROBE, "def g():\n    return 2.0\n"]
    try:
        with sandbox(cells, mode) as sub:
            assert sub.child.forked and sub.g() == 2.0
            orphan = sub.child.pid
            os.kill(_zygote_host_pid(mode), signal.SIGKILL)
            deadline = time.monotonic() + 10
            while Path(f"/proc/{orphan}").exists() and "Z" not in \
                    Path(f"/proc/{orphan}/stat").read_text().rsplit(")", 1)[1][:3] \
                    and time.monotonic() < deadline:
                time.sleep(0.05)
            with pytest.raises(StudentCodeError):
                sub.g()  # its child died with the zygote: a crash of that call
        with sandbox(cells, mode) as sub:
            assert not sub.child.forked and sub.g() == 2.0
    finally:
        zygotes.discard(mode)
        zygotes.replace(mode)
