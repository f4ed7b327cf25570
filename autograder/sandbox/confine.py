"""Confinement a sandboxed child applies to itself before it runs any student code.

Each layer is independent and reports whether it took effect, so the grader can print the mode
in force and degrade gracefully on kernels or platforms that lack one:

- resource limits (address space, CPU seconds, file size, open files, processes, no core files);
- capabilities dropped and ``no_new_privs`` set (matters when the grader runs as root);
- Landlock: read-only access to the interpreter and libraries, read-write access to the
  sandbox's own work folder only, no TCP bind/connect, no signals or abstract UNIX sockets
  outside the sandbox (Linux >= 5.13; more rights with newer ABIs);
- seccomp: no new processes (threads only), no sockets, no ptrace, mount, namespaces, BPF,
  keyrings, io_uring or kernel modules, and calls that act on another process by id only on
  itself (Linux, any architecture libseccomp knows).

Standard library only: this runs in the child before NumPy is imported (the grader compiles
the seccomp filter with libseccomp and hands it over, see :func:`seccomp_rules`).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import resource
import signal
import struct

_libc = None


def _c():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _syscall(nr: int, *args) -> int:
    res = _c().syscall(ctypes.c_long(nr), *args)
    if res < 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    return res


def prctl(option: int, a2: int = 0, a3: int = 0, a4: int = 0, a5: int = 0) -> int:
    """``prctl(2)``; raises OSError on failure."""
    res = _c().prctl(
        ctypes.c_int(option), ctypes.c_ulong(a2), ctypes.c_ulong(a3), ctypes.c_ulong(a4),
        ctypes.c_ulong(a5),
    )
    if res < 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    return res


PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2

def die_with_parent(parent_pid: int | None = None) -> bool:
    """SIGKILL this process when its parent dies. False if the parent is already gone (it is
    no longer ``parent_pid``): the caller should exit, as the signal will never come."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    return parent_pid is None or os.getppid() == parent_pid


# ---------------------------------------------------------------------------- resource limits

RLIMITS = {
    "address_space": resource.RLIMIT_AS,
    "cpu_seconds": resource.RLIMIT_CPU,
    "file_size": resource.RLIMIT_FSIZE,
    "open_files": resource.RLIMIT_NOFILE,
    "processes": resource.RLIMIT_NPROC,
    "core": resource.RLIMIT_CORE,
}


def apply_rlimits(limits: dict) -> str:
    applied = []
    for name, value in limits.items():
        if value is None:
            continue
        resource.setrlimit(RLIMITS[name], (int(value), int(value)))
        applied.append(name)
    return "rlimits(" + ",".join(applied) + ")"


# ---------------------------------------------------------------------------- capabilities


def drop_capabilities() -> str:
    """Drop every capability for good (a root grader must not hand root to student code)."""
    try:
        prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    except OSError:
        pass
    if os.geteuid() == 0:
        # Root loses nothing at setuid-style transitions and regains nothing at exec.
        try:
            prctl(PR_SET_SECUREBITS, 0x2F)  # NOROOT, NO_SETUID_FIXUP, KEEP_CAPS_LOCKED, locks
        except OSError:
            pass
    for cap in range(64):
        try:
            prctl(PR_CAPBSET_DROP, cap)
        except OSError:
            break

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)
    data = (Data * 2)()
    if _c().capset(ctypes.byref(header), data) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    return "no-capabilities"


# ---------------------------------------------------------------------------- landlock

_LL_CREATE, _LL_ADD, _LL_RESTRICT = 444, 445, 446  # same numbers on x86_64 and aarch64
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1, 2, 4, 8
FS_ALL_V1 = (1 << 13) - 1
FS_REFER, FS_TRUNCATE, FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
FILE_ONLY = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
NET_BIND_TCP, NET_CONNECT_TCP = 1, 2
SCOPE_ABSTRACT_UNIX, SCOPE_SIGNAL = 1, 2


def landlock_abi() -> int:
    try:
        return _syscall(_LL_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    except (OSError, AttributeError):
        return 0


def apply_landlock(read: list[str], write: list[str]) -> str:
    abi = landlock_abi()
    if abi <= 0:
        raise OSError(errno.ENOSYS, "Landlock is not available")
    handled_fs = FS_ALL_V1
    if abi >= 2:
        handled_fs |= FS_REFER
    if abi >= 3:
        handled_fs |= FS_TRUNCATE
    if abi >= 5:
        handled_fs |= FS_IOCTL_DEV
    handled_net = NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0
    scoped = SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL if abi >= 6 else 0
    if abi >= 6:
        attr = struct.pack("<QQQ", handled_fs, handled_net, scoped)
    elif abi >= 4:
        attr = struct.pack("<QQ", handled_fs, handled_net)
    else:
        attr = struct.pack("<Q", handled_fs)
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _syscall(_LL_CREATE, buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    try:
        read_rights = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
        for paths, rights in ((read, read_rights), (write, handled_fs)):
            for path in paths:
                try:
                    fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                except OSError:
                    continue
                try:
                    allowed = rights
                    if not os.path.isdir(path):
                        allowed &= FILE_ONLY
                    rule = struct.pack("<Qi", allowed & handled_fs, fd)
                    rbuf = ctypes.create_string_buffer(rule, len(rule))
                    _syscall(_LL_ADD, ctypes.c_int(ruleset), ctypes.c_int(1), rbuf,
                             ctypes.c_uint32(0))
                finally:
                    os.close(fd)
        prctl(PR_SET_NO_NEW_PRIVS, 1)
        _syscall(_LL_RESTRICT, ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)
    extras = []
    if handled_net:
        extras.append("no-tcp")
    if scoped:
        extras.append("scoped-signals")
    return f"landlock(abi {abi}{', ' if extras else ''}{', '.join(extras)})"


# ---------------------------------------------------------------------------- seccomp
#
# The rules name system calls. In the grader, libseccomp (through pyseccomp, a ctypes binding
# to the system's libseccomp.so.2) resolves each name for this machine's architecture (a name a
# machine lacks, such as fork on aarch64, is skipped) and builds filter 1, which also kills a
# process that makes a system call of another architecture or with x32 numbers. The child
# receives the compiled program with its configuration (:func:`seccomp_rules`) and loads it,
# then filter 2, built here from the resolved numbers and its own pid. The kernel runs both;
# the stricter answer wins:
#
# 1. ``DENIED`` fail with EPERM, clone only for threads, clone3 fails with ENOSYS (libc falls
#    back to clone);
# 2. calls that act on a process by id: ``OWN_PID`` only on 0 or this process, ``OWN_TGID``
#    only on this process, kill also on its own group, setpriority and ioprio_set only for
#    this process. libseccomp compares whole 64-bit arguments, one comparison per argument
#    and rule, so it cannot say "a pid_t that is 0 or mine" (the kernel ignores the upper 32
#    bits): this small program does. A child that shares the grader's user (landlock mode)
#    thus cannot lower the grader's resource limits, renice, re-pin or signal it or any other
#    sandbox (Landlock scopes signals only from ABI 6, and never resource limits or
#    priorities).

DENIED = (
    "fork", "vfork", "execve", "execveat", "socket", "socketpair", "ptrace", "mount", "umount2",
    "pivot_root", "chroot", "unshare", "setns", "bpf", "perf_event_open", "keyctl", "add_key",
    "request_key", "userfaultfd", "kexec_load", "init_module", "finit_module", "io_uring_setup",
    "process_vm_readv", "process_vm_writev", "tkill", "pidfd_open", "pidfd_send_signal",
    "pidfd_getfd", "process_madvise", "process_mrelease", "kcmp",
)
OWN_PID = ("prlimit64", "sched_setaffinity", "sched_setscheduler", "sched_setparam",
           "sched_setattr", "migrate_pages", "move_pages", "get_robust_list")
OWN_TGID = ("tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")
CLONE_THREAD = 0x00010000
PRIO_PROCESS, IOPRIO_WHO_PROCESS = 0, 1
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_LD_W_ABS, _JEQ_K, _RET_K = 0x20, 0x15, 0x06


def _libseccomp():
    """The pyseccomp module, or None where it or libseccomp.so.2 is missing."""
    try:
        import pyseccomp
    except (ImportError, RuntimeError, OSError):
        return None
    return pyseccomp


def seccomp_available() -> bool:
    return seccomp_rules() is not None and hasattr(_c(), "prctl")


@functools.cache
def seccomp_rules() -> dict | None:
    """What a child needs to apply the seccomp layer (plain JSON data): the audit
    architecture, filter 1 compiled by libseccomp, and the system call numbers filter 2
    names. None where libseccomp is missing. Computed once, in the grader."""
    sc = _libseccomp()
    if sc is None or sc.system_arch() == 0:
        return None
    eperm = sc.ERRNO(errno.EPERM)
    f = sc.SyscallFilter(sc.ALLOW)
    f.set_attr(sc.Attr.ACT_BADARCH, sc.KILL_PROCESS)
    for name in DENIED:
        f.add_rule(eperm, name)
    # The flags are clone's first argument everywhere but on s390x (not supported here).
    f.add_rule(eperm, "clone", sc.Arg(0, sc.MASKED_EQ, CLONE_THREAD, 0))
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    r, w = os.pipe()
    try:
        with os.fdopen(w, "wb", closefd=False) as out:
            f.export_bpf(out)
        os.close(w)
        w = -1
        program = b"".join(iter(lambda: os.read(r, 1 << 16), b""))
    finally:
        os.close(r)
        if w >= 0:
            os.close(w)
    numbers = {}
    for name in (*OWN_PID, *OWN_TGID, "kill", "setpriority", "ioprio_set"):
        nr = sc.resolve_syscall(sc.Arch.NATIVE, name)
        if nr >= 0:  # negative: libseccomp knows the name, this architecture lacks the call
            numbers[name] = nr
    return {"arch": sc.system_arch(), "filter": program.hex(), "numbers": numbers}


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k & 0xFFFFFFFF)


def _restricted(nr: int, conditions: list[tuple[int, list[int]]]) -> list[bytes]:
    """For syscall ``nr``: allow only if, for every (arg, values), the low 32 bits of
    argument ``arg`` are one of ``values`` (else EPERM). Falls through (accumulator still
    holding the syscall number) for any other syscall."""
    eperm = _bpf(_RET_K, 0, 0, _RET_ERRNO | errno.EPERM)
    allow = _bpf(_RET_K, 0, 0, _RET_ALLOW)
    body: list[bytes] = []
    for arg, values in conditions:
        body.append(_bpf(_LD_W_ABS, 0, 0, 16 + 8 * arg))  # low word (little-endian)
        for j, v in enumerate(values):
            # A match jumps over the remaining checks and the EPERM: to the next condition's
            # load, or to ALLOW after the last condition.
            body.append(_bpf(_JEQ_K, len(values) - j, 0, v & 0xFFFFFFFF))
        body.append(eperm)
    body.append(allow)
    return [_bpf(_JEQ_K, 0, len(body), nr), *body]


def own_process_program(arch: int, numbers: dict[str, int], own_pid: int) -> list[bytes]:
    """Filter 2 (see above), one BPF instruction per entry: ``arch`` is the audit
    architecture, ``numbers`` the system call numbers by name."""
    allow = _bpf(_RET_K, 0, 0, _RET_ALLOW)
    me, neg_me = own_pid, -own_pid
    prog = [
        _bpf(_LD_W_ABS, 0, 0, 4),       # arch: another one is for filter 1 to kill
        _bpf(_JEQ_K, 1, 0, arch),
        allow,
        _bpf(_LD_W_ABS, 0, 0, 0),       # syscall number
    ]
    for name in OWN_PID:
        if name in numbers:
            prog += _restricted(numbers[name], [(0, [0, me])])
    for name in OWN_TGID:
        if name in numbers:
            prog += _restricted(numbers[name], [(0, [me])])
    prog += _restricted(numbers["kill"], [(0, [0, me, neg_me])])
    prog += _restricted(numbers["setpriority"], [(0, [PRIO_PROCESS]), (1, [0, me])])
    prog += _restricted(numbers["ioprio_set"], [(0, [IOPRIO_WHO_PROCESS]), (1, [0, me])])
    prog.append(allow)
    return prog


def _load_program(program: bytes) -> None:
    if not program or len(program) % 8:
        raise ValueError("a seccomp program is a non-empty sequence of 8-byte instructions")
    fbuf = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program) // 8, ctypes.cast(fbuf, ctypes.c_void_p))
    res = _c().prctl(ctypes.c_int(PR_SET_SECCOMP), ctypes.c_ulong(SECCOMP_MODE_FILTER),
                     ctypes.byref(fprog), ctypes.c_ulong(0), ctypes.c_ulong(0))
    if res != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def apply_seccomp(rules: dict) -> str:
    """Load both filters; ``rules`` is what :func:`seccomp_rules` gave the grader."""
    numbers = {str(k): int(v) for k, v in rules["numbers"].items()}
    own = b"".join(own_process_program(int(rules["arch"]), numbers, os.getpid()))
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    _load_program(bytes.fromhex(rules["filter"]))
    _load_program(own)
    return "seccomp(no processes, sockets, exec, ptrace or acting on other processes)"


# ---------------------------------------------------------------------------- entry point


def apply(config: dict) -> list[str]:
    """Apply the layers named in ``config``; return what took effect, in order.

    A layer the grader asked for and that fails raises: the grader decided the mode in advance
    (by probing), so a failure here means something is wrong and the child must not go on.
    """
    notes = []
    if config.get("parent_death_signal") and not die_with_parent(config.get("parent_pid")):
        os._exit(1)  # the grader died before the signal was armed: nothing to grade for
    if "landlock" in config:
        ll = config["landlock"]
        notes.append(apply_landlock(ll.get("read", []), ll.get("write", [])))
    if config.get("drop_capabilities"):
        notes.append(drop_capabilities())
    if "rlimits" in config:
        notes.append(apply_rlimits(config["rlimits"]))
    if config.get("seccomp"):
        notes.append(apply_seccomp(config["seccomp"]))
    return notes
