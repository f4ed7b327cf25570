"""Confinement a sandboxed child applies to itself before it runs any student code.

Each layer is independent and reports whether it took effect, so the grader can print the mode
in force and degrade gracefully on kernels or platforms that lack one:

- resource limits (address space, CPU seconds, file size, open files, processes, no core files);
- capabilities dropped and ``no_new_privs`` set (matters when the grader runs as root);
- Landlock: read-only access to the interpreter and libraries, read-write access to the
  sandbox's own work folder only, no TCP bind/connect, no signals or abstract UNIX sockets
  outside the sandbox (Linux >= 5.13; more rights with newer ABIs);
- seccomp: no new processes (threads only), no sockets, no ptrace, mount, namespaces, BPF,
  keyrings, io_uring or kernel modules (Linux, x86_64 and aarch64).

Standard library only: this runs before NumPy is imported.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
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

# Per machine: the audit arch, then syscall numbers. ``denied`` always fail with EPERM;
# ``own_pid`` take a process id first and may only name this process (0 or its own pid);
# ``own_tgid`` take a thread-group id first (signals to this process's own threads).
_SECCOMP = {
    "x86_64": {
        "arch": 0xC000003E,
        "clone": 56,
        "clone3": 435,
        "denied": {
            "fork": 57, "vfork": 58, "socket": 41, "socketpair": 53, "ptrace": 101,
            "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "unshare": 272,
            "setns": 308, "bpf": 321, "perf_event_open": 298, "keyctl": 250, "add_key": 248,
            "request_key": 249, "userfaultfd": 323, "kexec_load": 246, "init_module": 175,
            "finit_module": 313, "io_uring_setup": 425, "process_vm_readv": 310,
            "process_vm_writev": 311, "execve": 59, "execveat": 322, "tkill": 200,
            "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438,
            "process_madvise": 440, "process_mrelease": 448, "kcmp": 312,
        },
        "own_pid": {
            "prlimit64": 302, "sched_setaffinity": 203, "sched_setscheduler": 144,
            "sched_setparam": 142, "sched_setattr": 314, "migrate_pages": 256,
            "move_pages": 279, "get_robust_list": 274,
        },
        "own_tgid": {"tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297},
        "kill": 62,
        "setpriority": 141,
        "ioprio_set": 251,
    },
    "aarch64": {
        "arch": 0xC00000B7,
        "clone": 220,
        "clone3": 435,
        "denied": {
            "socket": 198, "socketpair": 199, "ptrace": 117, "mount": 40, "umount2": 39,
            "pivot_root": 41, "chroot": 51, "unshare": 97, "setns": 268, "bpf": 280,
            "perf_event_open": 241, "keyctl": 219, "add_key": 217, "request_key": 218,
            "userfaultfd": 282, "kexec_load": 104, "init_module": 105, "finit_module": 273,
            "io_uring_setup": 425, "process_vm_readv": 270, "process_vm_writev": 271,
            "execve": 221, "execveat": 281, "tkill": 130, "pidfd_open": 434,
            "pidfd_send_signal": 424, "pidfd_getfd": 438, "process_madvise": 440,
            "process_mrelease": 448, "kcmp": 272,
        },
        "own_pid": {
            "prlimit64": 261, "sched_setaffinity": 122, "sched_setscheduler": 119,
            "sched_setparam": 118, "sched_setattr": 274, "migrate_pages": 238,
            "move_pages": 239, "get_robust_list": 100,
        },
        "own_tgid": {"tgkill": 131, "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240},
        "kill": 129,
        "setpriority": 140,
        "ioprio_set": 30,
    },
}
CLONE_THREAD = 0x00010000
_RET_ALLOW, _RET_KILL_PROCESS, _RET_ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
_LD_W_ABS, _JEQ_K, _JGE_K, _JSET_K, _RET_K = 0x20, 0x15, 0x35, 0x45, 0x06
PRIO_PROCESS, IOPRIO_WHO_PROCESS = 0, 1


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k & 0xFFFFFFFF)


def _arg_low(i: int) -> bytes:
    """Load the low 32 bits of argument ``i`` (pid_t and int arguments live there)."""
    return _bpf(_LD_W_ABS, 0, 0, 16 + 8 * i)


def _restricted(nr: int, conditions: list[tuple[int, list[int]]]) -> list[bytes]:
    """For syscall ``nr``: allow only if, for every (arg, values), arg's low word is in values.

    Falls through (accumulator still holding the syscall number) for any other syscall.
    """
    eperm = _bpf(_RET_K, 0, 0, _RET_ERRNO | errno.EPERM)
    allow = _bpf(_RET_K, 0, 0, _RET_ALLOW)
    body: list[bytes] = []
    for arg, values in conditions:
        body.append(_arg_low(arg))
        for j, v in enumerate(values):
            # A match jumps over the remaining checks and the EPERM: to the next condition's
            # load, or to ALLOW after the last condition.
            body.append(_bpf(_JEQ_K, len(values) - j, 0, v))
        body.append(eperm)
    body.append(allow)
    return [_bpf(_JEQ_K, 0, len(body), nr), *body]


def seccomp_available() -> bool:
    return platform.machine() in _SECCOMP and hasattr(_c(), "prctl")


def seccomp_program(machine: str, own_pid: int) -> list[bytes]:
    """The filter: one BPF instruction per entry (see :func:`apply_seccomp`)."""
    t = _SECCOMP[machine]
    allow = _bpf(_RET_K, 0, 0, _RET_ALLOW)
    eperm = _bpf(_RET_K, 0, 0, _RET_ERRNO | errno.EPERM)
    kill = _bpf(_RET_K, 0, 0, _RET_KILL_PROCESS)
    me, neg_me = own_pid & 0xFFFFFFFF, (-own_pid) & 0xFFFFFFFF
    prog = [
        _bpf(_LD_W_ABS, 0, 0, 4),            # arch
        _bpf(_JEQ_K, 1, 0, t["arch"]),
        kill,
        _bpf(_LD_W_ABS, 0, 0, 0),            # syscall number
        _bpf(_JGE_K, 0, 1, 0x40000000),      # x32 ABI numbers would dodge the list below
        kill,
        _bpf(_JEQ_K, 0, 4, t["clone"]),      # clone: threads only
        _arg_low(0),                         # low word of flags
        _bpf(_JSET_K, 0, 1, CLONE_THREAD),
        allow,
        eperm,
        _bpf(_JEQ_K, 0, 1, t["clone3"]),     # clone3: libc falls back to clone
        _bpf(_RET_K, 0, 0, _RET_ERRNO | errno.ENOSYS),
    ]
    for nr in sorted(t["denied"].values()):
        prog.append(_bpf(_JEQ_K, 0, 1, nr))
        prog.append(eperm)
    # Syscalls that act on another process by pid: only this process may be named, so a
    # child that shares the grader's user (landlock mode) cannot lower the grader's resource
    # limits, renice, re-pin or signal it or any other sandbox (Landlock scopes signals only
    # from ABI 6, and never resource limits or priorities).
    for nr in sorted(t["own_pid"].values()):
        prog += _restricted(nr, [(0, [0, me])])
    for nr in sorted(t["own_tgid"].values()):
        prog += _restricted(nr, [(0, [me])])
    prog += _restricted(t["kill"], [(0, [0, me, neg_me])])
    prog += _restricted(t["setpriority"], [(0, [PRIO_PROCESS]), (1, [0, me])])
    prog += _restricted(t["ioprio_set"], [(0, [IOPRIO_WHO_PROCESS]), (1, [0, me])])
    prog.append(allow)
    return prog


def apply_seccomp() -> str:
    machine = platform.machine()
    if machine not in _SECCOMP:
        raise OSError(errno.ENOSYS, f"no seccomp filter for {machine}")
    prog = seccomp_program(machine, os.getpid())
    filt = b"".join(prog)
    fbuf = ctypes.create_string_buffer(filt, len(filt))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(prog), ctypes.cast(fbuf, ctypes.c_void_p))
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    res = _c().prctl(ctypes.c_int(PR_SET_SECCOMP), ctypes.c_ulong(SECCOMP_MODE_FILTER),
                     ctypes.byref(fprog), ctypes.c_ulong(0), ctypes.c_ulong(0))
    if res != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
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
        notes.append(apply_seccomp())
    return notes
