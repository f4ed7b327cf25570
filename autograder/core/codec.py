"""Plain-data wire format between the grader and a sandboxed submission.

Only numbers, strings, None, NumPy arrays of numeric dtype, and tuples, lists and dicts of
these cross the boundary, plus references: :class:`Handle` (an object that stays in the child,
such as a student's ``cache``) and :class:`HeldRef` (an object that stays in the grader, such as
a model the test's ``fit`` returned). The format is a JSON header followed by raw array
buffers; it is decoded without pickle, with caps on total size, nesting depth and node count,
so a hostile child can send nothing but data.

Frame layout::

    b"AGW1" | u64 header length | header (UTF-8 JSON) | u32 blob count | (u64 length | bytes)*

Header nodes are tagged lists: ``["n"]`` None, ``["b", bool]``, ``["i", int]``, ``["f", float]``,
``["s", str]``, ``["a", dtype, shape, blob index]``, ``["t", [items]]`` tuple, ``["l", [items]]``
list, ``["d", [[key, value], ...]]`` dict, ``["h", id]`` handle, ``["o", id]`` grader-held
object, and, in messages from the grader only (see :mod:`arguments` for what they stand for):

- ``["m", dtype, shape, offset]``: an argument array the grader placed in shared memory (see
  :class:`SharedArray`), so that it can see for itself whether a call wrote to it;
- ``["g", slot, state]``: a NumPy ``Generator``, as its bit generator's state (a dict);
- ``["c", id, name]``: a callable of the test's, which runs in the grader;
- ``["f", name]``: the student's own function ``name``.

This module is shared by the grader, the sandbox harness and the students' public-check bundle,
so it imports nothing but the standard library and NumPy.
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np

MAGIC = b"AGW1"
MAX_MESSAGE_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 100_000
MAX_STRING = 100_000
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
# Little-endian or byte-order-free numeric dtypes only: never object, void or datetime.
ALLOWED_DTYPES = frozenset(
    ["|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8",
     "<c8", "<c16"]
)


class CodecError(ValueError):
    """A message that is not well-formed plain data (the child sent something else)."""


class UnsupportedValue(TypeError):
    """A value that has no plain-data form (for example a set or a custom object)."""


@dataclass(frozen=True)
class Handle:
    """An opaque reference to an object that lives in the sandboxed child."""

    id: int

    def __repr__(self) -> str:
        return f"<opaque object #{self.id}>"


@dataclass(frozen=True)
class SharedArray:
    """An argument array the grader wrote at ``offset`` of the call's shared-memory arena.

    The sandboxed child maps the arena and hands the student a view of it, so an in-place
    write to an argument lands where the grader, not the child, can check it.
    """

    dtype: str
    shape: tuple[int, ...]
    offset: int

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * np.dtype(self.dtype).itemsize


@dataclass(frozen=True)
class HeldRef:
    """An object the grader holds for the child (a test's callable returned it and it is not
    data): the child can only hand it back, to the grader."""

    id: int

    def __repr__(self) -> str:
        return f"<object #{self.id} held by the grader>"


@dataclass(frozen=True)
class GeneratorState:
    """A NumPy ``Generator`` argument: ``state`` is its bit generator's ``state`` dict (which
    names the bit generator); ``slot`` numbers the call's generators, in order."""

    slot: int
    state: dict


@dataclass(frozen=True)
class CallbackRef:
    """A callable of the test's, passed as an argument: it runs in the grader."""

    id: int
    name: str


@dataclass(frozen=True)
class FunctionRef:
    """The student's own function ``name``, passed as an argument."""

    name: str


REFERENCES = (Handle, SharedArray, HeldRef, GeneratorState, CallbackRef, FunctionRef)


# ---------------------------------------------------------------------------- encoding


def to_plain(value: Any, hold: Callable[[Any], HeldRef] | None = None, *,
             _depth: int = 0) -> Any:
    """Return a copy of ``value`` made only of plain data.

    NumPy scalars become Python numbers (but a float16 or float32 scalar becomes a 0-d array
    of its dtype, so that a check can say the precision is wrong), arrays (and ndarray
    subclasses, and anything with
    ``__array__`` of numeric dtype) become base ``ndarray`` copies, tuples/lists/dicts are
    rebuilt. References (:data:`REFERENCES`) pass through. Anything else raises
    :class:`UnsupportedValue`, or, with ``hold``, becomes what ``hold(value)`` returns (the
    grader keeps it and sends a :class:`HeldRef`).
    """
    if _depth > MAX_DEPTH:
        raise UnsupportedValue(f"nested more than {MAX_DEPTH} levels deep")
    if value is None or isinstance(value, (bool, str, *REFERENCES)):
        return value
    if isinstance(value, (int, float)):
        return float(value) if isinstance(value, float) else int(value)
    if isinstance(value, np.generic):
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            if value.dtype.itemsize < 8:
                return _plain_array(np.asarray(value))
            return float(value)
        return _plain_array(np.asarray(value))
    if isinstance(value, np.ndarray):
        return _plain_array(value)
    if isinstance(value, tuple):
        return tuple(to_plain(v, hold, _depth=_depth + 1) for v in value)
    if isinstance(value, list):
        return [to_plain(v, hold, _depth=_depth + 1) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, (str, int)) or isinstance(k, bool):
                raise UnsupportedValue(f"a dict key of type {type(k).__name__}")
            out[str(k) if isinstance(k, str) else int(k)] = to_plain(v, hold, _depth=_depth + 1)
        return out
    if hasattr(value, "__array__"):
        try:
            return _plain_array(np.asarray(value))
        except Exception as exc:  # noqa: BLE001 - the student's object, any failure
            if hold is None:
                raise UnsupportedValue(
                    f"a {type(value).__name__} that NumPy cannot convert") from exc
    if hold is not None:
        return hold(value)
    raise UnsupportedValue(f"a {type(value).__name__}")


def _plain_array(arr: np.ndarray) -> np.ndarray:
    base = np.array(arr, copy=True, subok=False, order="C")
    if type(base) is not np.ndarray:  # pragma: no cover - np.array(subok=False) guarantees it
        base = base.view(np.ndarray)
    if base.dtype.kind not in "biufc":
        raise UnsupportedValue(f"an array of dtype {base.dtype}")
    if not base.dtype.isnative:
        base = base.astype(base.dtype.newbyteorder("="))
    return base


def encode(value: Any) -> bytes:
    """Encode plain data (see :func:`to_plain`) into one frame."""
    blobs: list[bytes] = []
    header = _encode_node(value, blobs, 0)
    head = json.dumps(header, separators=(",", ":"), allow_nan=True).encode()
    parts = [MAGIC, struct.pack("<Q", len(head)), head, struct.pack("<I", len(blobs))]
    for b in blobs:
        parts.append(struct.pack("<Q", len(b)))
        parts.append(b)
    return b"".join(parts)


def _encode_node(v: Any, blobs: list[bytes], depth: int) -> list:
    if depth > MAX_DEPTH:
        raise UnsupportedValue("nested too deeply")
    if v is None:
        return ["n"]
    if isinstance(v, bool):
        return ["b", v]
    if isinstance(v, int):
        return ["i", v]
    if isinstance(v, float):
        return ["f", v]
    if isinstance(v, str):
        return ["s", v]
    if isinstance(v, Handle):
        return ["h", v.id]
    if isinstance(v, HeldRef):
        return ["o", v.id]
    if isinstance(v, SharedArray):
        return ["m", v.dtype, list(v.shape), v.offset]
    if isinstance(v, GeneratorState):
        return ["g", v.slot, _encode_node(v.state, blobs, depth + 1)]
    if isinstance(v, CallbackRef):
        return ["c", v.id, v.name]
    if isinstance(v, FunctionRef):
        return ["f", v.name]
    if isinstance(v, np.ndarray):
        arr = _plain_array(v)
        blobs.append(arr.tobytes())
        return ["a", arr.dtype.str, list(arr.shape), len(blobs) - 1]
    if isinstance(v, tuple):
        return ["t", [_encode_node(x, blobs, depth + 1) for x in v]]
    if isinstance(v, list):
        return ["l", [_encode_node(x, blobs, depth + 1) for x in v]]
    if isinstance(v, dict):
        return ["d", [[k, _encode_node(x, blobs, depth + 1)] for k, x in v.items()]]
    raise UnsupportedValue(f"a {type(v).__name__}")


# ---------------------------------------------------------------------------- decoding


def decode(frame: bytes, *, shared: bool = False) -> Any:
    """Decode one frame into plain data, validating everything. Raises :class:`CodecError`.

    ``shared`` marks a message from the grader (the child reads its cells and requests so): it
    allows :class:`SharedArray` nodes and strings longer than ``MAX_STRING`` (a notebook cell
    may be longer; the frame's size stays capped). The grader decodes the child's answers
    without it.
    """
    try:
        return _decode(frame, shared)
    except CodecError:
        raise
    except (ValueError, TypeError, OverflowError, MemoryError, RecursionError) as exc:
        # e.g. a float too large for a double, or a shape NumPy refuses: still not data
        raise CodecError(f"malformed data ({type(exc).__name__})") from None


def _decode(frame: bytes, shared: bool) -> Any:
    if len(frame) > MAX_MESSAGE_BYTES:
        raise CodecError(f"message of {len(frame)} bytes exceeds the {MAX_MESSAGE_BYTES} cap")
    if frame[:4] != MAGIC or len(frame) < 16:
        raise CodecError("not a frame")
    (hlen,) = struct.unpack_from("<Q", frame, 4)
    pos = 12
    if hlen > len(frame) - pos:
        raise CodecError("truncated header")
    try:
        header = json.loads(frame[pos : pos + hlen].decode())
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CodecError(f"bad header: {exc}") from None
    pos += hlen
    if len(frame) < pos + 4:
        raise CodecError("truncated blob table")
    (nblobs,) = struct.unpack_from("<I", frame, pos)
    pos += 4
    if nblobs > MAX_NODES:
        raise CodecError("too many blobs")
    blobs = []
    for _ in range(nblobs):
        if len(frame) < pos + 8:
            raise CodecError("truncated blob")
        (blen,) = struct.unpack_from("<Q", frame, pos)
        pos += 8
        if blen > len(frame) - pos:
            raise CodecError("truncated blob")
        blobs.append(frame[pos : pos + blen])
        pos += blen
    if pos != len(frame):
        raise CodecError("trailing bytes")
    counter = [0]
    return _decode_node(header, blobs, 0, counter, shared)


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _valid_shape(shape: Any) -> bool:
    return (
        isinstance(shape, list)
        and len(shape) <= MAX_DEPTH
        and all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shape)
    )


def _decode_node(node: Any, blobs: list[bytes], depth: int, counter: list[int],
                 shared: bool = False) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise CodecError("too many values")
    if depth > MAX_DEPTH:
        raise CodecError("nested too deeply")
    if not isinstance(node, list) or not node or not isinstance(node[0], str):
        raise CodecError("malformed node")
    tag, rest = node[0], node[1:]
    if tag == "n" and not rest:
        return None
    if len(rest) == 1:
        (x,) = rest
        if tag == "b" and isinstance(x, bool):
            return x
        if tag == "i" and isinstance(x, int) and not isinstance(x, bool):
            return x
        if tag == "f" and isinstance(x, (int, float)) and not isinstance(x, bool):
            return float(x)
        if tag == "s" and isinstance(x, str) and (shared or len(x) <= MAX_STRING):
            return x
        if tag == "h" and _is_int(x):
            return Handle(x)
        if tag == "o" and _is_int(x):
            return HeldRef(x)
        if tag == "f" and shared and isinstance(x, str) and _IDENTIFIER.fullmatch(x):
            return FunctionRef(x)
        if tag in ("t", "l") and isinstance(x, list):
            items = [_decode_node(i, blobs, depth + 1, counter, shared) for i in x]
            return tuple(items) if tag == "t" else items
        if tag == "d" and isinstance(x, list):
            out: dict = {}
            for pair in x:
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise CodecError("malformed dict entry")
                k = pair[0]
                if not isinstance(k, (str, int)) or isinstance(k, bool):
                    raise CodecError("bad dict key")
                if isinstance(k, str) and len(k) > MAX_STRING:
                    raise CodecError("dict key too long")
                out[k] = _decode_node(pair[1], blobs, depth + 1, counter, shared)
            return out
    if tag == "a" and len(rest) == 3:
        dtype_str, shape, idx = rest
        if dtype_str not in ALLOWED_DTYPES:
            raise CodecError(f"dtype {dtype_str!r} is not allowed")
        if not _valid_shape(shape):
            raise CodecError("bad shape")
        if not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < len(blobs):
            raise CodecError("bad blob index")
        dtype = np.dtype(dtype_str)
        size = math.prod(shape)
        blob = blobs[idx]
        if size * dtype.itemsize != len(blob):
            raise CodecError("array size does not match its buffer")
        arr = np.frombuffer(bytearray(blob), dtype=dtype).reshape(shape)
        assert type(arr) is np.ndarray
        return arr
    if tag == "g" and shared and len(rest) == 2 and _is_int(rest[0]):
        state = _decode_node(rest[1], blobs, depth + 1, counter, shared)
        if not isinstance(state, dict):
            raise CodecError("a generator's state must be a dict")
        return GeneratorState(rest[0], state)
    if (tag == "c" and shared and len(rest) == 2 and _is_int(rest[0])
            and isinstance(rest[1], str) and len(rest[1]) <= 200):
        return CallbackRef(rest[0], rest[1])
    if tag == "m" and shared and len(rest) == 3:
        dtype_str, shape, offset = rest
        if dtype_str not in ALLOWED_DTYPES:
            raise CodecError(f"dtype {dtype_str!r} is not allowed")
        if not _valid_shape(shape):
            raise CodecError("bad shape")
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise CodecError("bad offset")
        return SharedArray(dtype_str, tuple(shape), offset)
    raise CodecError(f"malformed node with tag {tag!r}")


# ---------------------------------------------------------------------------- framing on streams
#
# On a pipe every frame is preceded by its length. The grader (with deadlines, on
# non-blocking descriptors: autograder/sandbox/channel.py) and the child (blocking streams,
# below) both use these definitions.

FRAME_PREFIX = struct.Struct("<Q")


def framed(value: Any) -> bytes:
    """``value`` encoded, preceded by its length: what goes on a pipe."""
    return prefixed(encode(value))


def prefixed(data: bytes) -> bytes:
    """An encoded frame, preceded by its length."""
    return FRAME_PREFIX.pack(len(data)) + data


def frame_length(prefix: bytes, limit: int = MAX_MESSAGE_BYTES) -> int:
    """The length a frame's prefix announces; :class:`CodecError` above ``limit`` bytes."""
    (n,) = FRAME_PREFIX.unpack(prefix)
    if n > limit:
        raise CodecError(f"message of {n} bytes exceeds the {limit}-byte cap")
    return n


def write_frame(stream: BinaryIO, value: Any) -> None:
    data = encode(value)
    stream.write(FRAME_PREFIX.pack(len(data)))  # apart: no copy of a large frame
    stream.write(data)
    stream.flush()


def read_exact(stream: BinaryIO, n: int) -> bytes:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO, limit: int = MAX_MESSAGE_BYTES, *, shared: bool = False) -> Any:
    n = frame_length(read_exact(stream, FRAME_PREFIX.size), limit)
    return decode(read_exact(stream, n), shared=shared)
