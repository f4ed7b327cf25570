"""Which sandbox this machine allows, decided once at start-up by probing.

Modes, strongest first:

``bwrap``
    bubblewrap with user, PID, network, IPC, UTS and mount namespaces: the child sees only the
    Python installation and its libraries (read-only) and a private size-capped ``/tmp``; it has
    no network and dies with the grader. Landlock, seccomp and resource limits apply inside too.
``landlock``
    No namespaces (for example Ubuntu's default AppArmor policy, or a container): Landlock
    restricts the file system to the interpreter (read-only) and a private work folder, and
    forbids TCP and signals outside the sandbox; seccomp forbids new processes, sockets and
    ptrace; capabilities are dropped; resource limits apply.
``rlimits``
    Anything else (macOS, old kernels): a separate process with resource limits, a scrubbed
    environment, ``python -I`` and a fresh working directory only. Not safe against a
    determined attacker; the grader says so when it starts.
"""

from __future__ import annotations

import os
import platform
import shutil
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from autograder.sandbox import confine

# The child imports its modules by their bare names from these folders: the sandbox's own
# (harness, arena, confine, zygote) and the shared bottom layer (codec, dispatch). Inside bwrap they
# are bound read-only under /opt/agsandbox.
HARNESS_DIR = Path(__file__).resolve().parent
CORE_DIR = HARNESS_DIR.parent / "core"
CHILD_DIRS = (HARNESS_DIR, CORE_DIR)
SANDBOX_CHILD_ROOT = "/opt/agsandbox"
MODES = ("bwrap", "landlock", "rlimits")


@dataclass(frozen=True)
class Limits:
    """Per-submission limits (the README lists the defaults)."""

    wall_seconds: float = 60.0       # whole submission: loading plus every call
    call_seconds: float = 20.0       # one call into the student's code
    load_seconds: float = 30.0       # running the notebook's cells
    memory_bytes: int = 2 << 30      # address space of the child
    cpu_seconds: int = 120
    file_bytes: int = 64 << 20       # largest file the child may write
    tmp_bytes: int = 64 << 20        # private /tmp (bwrap mode)
    open_files: int = 256
    processes: int = 64              # only enforced for non-root users; seccomp forbids forks
    max_restarts: int = 10           # fresh child after a crash or time-out, at most this often
    callback_seconds: float = 60.0   # the test's own callables, per call: not the student's time


@dataclass(frozen=True)
class SandboxMode:
    name: str
    landlock_abi: int = 0
    seccomp: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        parts = {
            "bwrap": "bubblewrap: user, PID, network, IPC and mount namespaces; read-only "
                     "interpreter; private size-capped /tmp; dies with the grader",
            "landlock": "no namespaces available: Landlock file-system and TCP restrictions",
            "rlimits": "WEAK: resource limits and a scrubbed environment only",
        }[self.name]
        extra = []
        if self.name != "rlimits" and self.landlock_abi:
            extra.append(f"Landlock ABI {self.landlock_abi}")
        if self.seccomp:
            extra.append("seccomp (no processes, sockets, exec)")
        extra.append("resource limits")
        return f"sandbox mode {self.name}: {parts}; " + ", ".join(extra)


def python_paths() -> list[str]:
    """Folders the child must read to run this interpreter with its packages."""
    paths = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sysconfig.get_paths()["stdlib"],
        sysconfig.get_paths()["platstdlib"],
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["platlib"],
        str(Path(sys.executable).resolve().parent.parent),
    }
    paths.update(p for p in site.getsitepackages() if p)
    # Keep only the outermost folders, so each is bound once.
    ordered = sorted({os.path.realpath(p) for p in paths if p and os.path.exists(p)})
    out: list[str] = []
    for p in ordered:
        if not any(p == q or p.startswith(q.rstrip("/") + "/") for q in out):
            out.append(p)
    return out


SYSTEM_READ_PATHS = ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin"]
# Only what the dynamic linker, time zones and user lookups need from /etc: never all of it,
# where a grader running as root would let student code read /etc/shadow or SSH host keys
# and print them into its own feedback.
ETC_READ_PATHS = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
                  "/etc/alternatives", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
                  "/etc/mime.types"]
DEVICE_PATHS = ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"]


def landlock_rules(work: str) -> dict:
    return {
        "read": SYSTEM_READ_PATHS + ETC_READ_PATHS + python_paths()
        + [str(d) for d in CHILD_DIRS] + ["/proc/self", "/proc/cpuinfo", "/proc/meminfo"],
        "write": [work] + DEVICE_PATHS,
    }


def _bwrap_works(bwrap: str) -> bool:
    cmd = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc",
           "--dev", "/dev", "true"]
    try:
        return subprocess.run(cmd, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@cache
def detect(force: str | None = None) -> SandboxMode:
    """The strongest mode this machine supports (or ``force``, if it is supported)."""
    force = force or os.environ.get("AUTOGRADER_SANDBOX") or None
    if force is not None and force not in MODES:
        raise ValueError(f"unknown sandbox mode {force!r}; choose one of {', '.join(MODES)}")
    is_linux = platform.system() == "Linux"
    abi = confine.landlock_abi() if is_linux else 0
    sec = is_linux and confine.seccomp_available()
    bwrap = shutil.which("bwrap") if is_linux else None
    available = []
    if bwrap and _bwrap_works(bwrap):
        available.append("bwrap")
    if abi > 0 and sec:
        available.append("landlock")
    available.append("rlimits")
    if force is not None:
        if force not in available:
            raise RuntimeError(f"sandbox mode {force!r} is not available on this machine "
                               f"(available: {', '.join(available)})")
        name = force
    else:
        name = available[0]
    return SandboxMode(name, landlock_abi=abi if name != "rlimits" else 0,
                       seccomp=sec and name != "rlimits")


def child_dirs(in_bwrap: bool) -> list[str]:
    """Where the child finds :data:`CHILD_DIRS` (its ``sys.path`` entries, in that order)."""
    if in_bwrap:
        return [f"{SANDBOX_CHILD_ROOT}/{d.name}" for d in CHILD_DIRS]
    return [str(d) for d in CHILD_DIRS]


def child_env(work: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": work,
        "TMPDIR": work,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "VECLIB_MAXIMUM_THREADS": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": work + "/.matplotlib",
        "PYTHONDONTWRITEBYTECODE": "1",
        # glibc reserves 64 MiB of address space per thread arena: with threads, that alone
        # would exhaust the address-space limit and starve the harness of memory.
        "MALLOC_ARENA_MAX": "2",
    }
    # Some machines set these because older OpenBLAS builds misbehave on their CPU.
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def bwrap_command(bwrap: str, limits: Limits, extra_ro: list[str] = ()) -> list[str]:
    cmd = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
           "--proc", "/proc", "--dev", "/dev",
           # The private /tmp comes first: binds below may live under /tmp (a venv in a
           # checkout there) and a later tmpfs would hide them.
           "--size", str(limits.tmp_bytes), "--tmpfs", "/tmp"]
    for p in SYSTEM_READ_PATHS:
        if os.path.exists(p):
            # /bin, /lib... may be symlinks into /usr (merged /usr): recreate them as such.
            if os.path.islink(p):
                cmd += ["--symlink", os.readlink(p), p]
            else:
                cmd += ["--ro-bind", p, p]
    for p in ETC_READ_PATHS:
        if os.path.exists(p):
            cmd += ["--ro-bind", p, p]
    for p in python_paths() + list(extra_ro):
        cmd += ["--ro-bind", p, p]
    for host, inside in zip(CHILD_DIRS, child_dirs(in_bwrap=True), strict=True):
        cmd += ["--ro-bind", str(host), inside]
    cmd += ["--dir", "/tmp/work", "--chdir", "/tmp/work",
            "--size", str(limits.tmp_bytes // 4), "--tmpfs", "/dev/shm",
            "--uid", "65534", "--gid", "65534", "--hostname", "sandbox"]
    return cmd
