"""Arguments that are not plain data, passed the same way in-process and to a sandbox.

Three kinds of argument a check may pass to a student's function, anywhere in its arguments
(nested in tuples, lists and dicts too):

- a NumPy ``Generator``: it travels as its bit generator's state (a :class:`codec.GeneratorState`);
  the child (or the in-process dispatcher) builds an equivalent generator, the student's code
  consumes it, and the call's answer carries the final state back; the grader then sets the
  caller's generator to that state, after checking it has exactly the layout of the state it
  lent. Like a real call, the call consumes the caller's generator.
- a callable of the test's (``fit``, ``predict``, a trusted ``grad``): it never leaves the
  grader. The student's code gets a :class:`CallbackProxy`; calling it sends the arguments
  (as plain data) to the grader, which runs the test's callable on decoded copies and answers
  with the result: plain data, or, for what is not data (a model object), a
  :class:`codec.HeldRef` the student's code can only hand back in later callbacks (or return).
  An exception in the test's callable reaches the student's code as a :class:`CallbackError`
  with a short message. A callback is valid only during the call that carried it, at most
  :data:`MAX_CALLBACKS` times, with at most :data:`MAX_CALLBACK_BYTES` each way.
- the student's own function by name (:class:`codec.FunctionRef`), resolved by the dispatcher.

The grader's half is :class:`CallContext` (one per call); the half that runs with the student's
code is :func:`build_generator` and :class:`CallbackProxy`. In-process, the proxy's messages go
through the same encoding as on the sandbox's pipes, so a check sees the same behaviour both
ways. NumPy and the standard library only (this file also runs inside the sandbox, next to
:mod:`codec`).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

try:  # imported as part of the package
    from . import codec
except ImportError:  # inside the sandbox, as a top-level module
    import codec  # type: ignore[no-redef]

MAX_CALLBACKS = 10_000              # callbacks one call may make
MAX_CALLBACK_BYTES = 32 << 20       # a callback's arguments, or its result, encoded
MAX_CALLBACK_MESSAGE = 300          # characters of a test callable's exception
BIT_GENERATORS = ("PCG64", "PCG64DXSM", "Philox", "SFC64", "MT19937")
_IDS = itertools.count(1)           # callback and held-object ids, unique in this process


class ProtocolError(Exception):
    """What the student's side sent cannot be accepted: a forged callback, a malformed
    generator state, an unknown reference. The sandbox ends the child for it."""


class CallbackError(RuntimeError):
    """Raised in the student's code when a callable of the test's cannot answer."""


# ---------------------------------------------------------------------------- the grader's half


def _layout(value: Any) -> Any:
    """What a generator state must keep: its keys, the kinds and shapes of its values."""
    if isinstance(value, dict):
        return {k: _layout(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape)
    if isinstance(value, str):
        return ("str", value)
    if isinstance(value, int) and not isinstance(value, bool):
        return "int"
    return ("other", type(value).__name__)


class CallContext:
    """The grader's side of one call: the generators and callables its arguments lent the
    student's code, and the objects the grader holds for it."""

    def __init__(self, name: str = ""):
        self.name = name
        self.generators: list[tuple[np.random.Generator, Any]] = []  # (caller's, lent layout)
        self.callbacks: dict[int, Callable] = {}
        self.held: dict[int, Any] = {}
        self.count = 0          # callbacks answered
        self.seconds = 0.0      # time spent in the test's callables

    # -- lending ---------------------------------------------------------------------------

    def lend(self, value: Any) -> Any:
        """``value`` with generators and the test's callables replaced by references, and NumPy
        scalars made Python numbers (as results are), in-process and sandboxed alike."""
        if isinstance(value, np.generic):
            return codec.to_plain(value)
        if isinstance(value, np.random.Generator):
            bit = value.bit_generator
            if type(bit).__name__ not in BIT_GENERATORS:
                raise TypeError(f"a Generator of {type(bit).__name__} cannot be passed to a "
                                f"submission (supported: {', '.join(BIT_GENERATORS)})")
            state = codec.to_plain(bit.state)
            for slot, (g, _) in enumerate(self.generators):
                if g is value:
                    return codec.GeneratorState(slot, state)
            self.generators.append((value, _layout(state)))
            return codec.GeneratorState(len(self.generators) - 1, state)
        if isinstance(value, tuple):
            return tuple(self.lend(v) for v in value)
        if isinstance(value, list):
            return [self.lend(v) for v in value]
        if isinstance(value, dict):
            return {k: self.lend(v) for k, v in value.items()}
        if callable(value) and not isinstance(value, codec.REFERENCES):
            ref = codec.CallbackRef(next(_IDS), _callable_name(value))
            self.callbacks[ref.id] = value
            return ref
        return value

    # -- callbacks -------------------------------------------------------------------------

    def hold(self, obj: Any) -> codec.HeldRef:
        ref = codec.HeldRef(next(_IDS))
        self.held[ref.id] = obj
        return ref

    def resolve(self, value: Any) -> Any:
        """``value`` with each :class:`codec.HeldRef` replaced by the object it stands for."""
        if isinstance(value, codec.HeldRef):
            if value.id not in self.held:
                raise ProtocolError("it referred to an object the grader does not hold")
            return self.held[value.id]
        if isinstance(value, tuple):
            return tuple(self.resolve(v) for v in value)
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def answer(self, frame: dict) -> dict:
        """Run the test's callable a callback frame names; its reply (a dict to encode)."""
        ref, args, kwargs = frame.get("callback"), frame.get("args"), frame.get("kwargs")
        if (not isinstance(ref, int) or isinstance(ref, bool) or ref not in self.callbacks
                or not isinstance(args, list) or not isinstance(kwargs, dict)
                or not all(isinstance(k, str) for k in kwargs)):
            raise ProtocolError("it called a function of the test's it was not given")
        self.count += 1
        if self.count > MAX_CALLBACKS:
            raise ProtocolError(f"it called the test's functions more than {MAX_CALLBACKS} "
                                "times in one call")
        fn = self.callbacks[ref]
        args, kwargs = self.resolve(args), self.resolve(kwargs)
        start = time.monotonic()
        try:
            value = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the student's code gets it, briefly
            text = f"{type(exc).__name__}: {exc}"
            if len(text) > MAX_CALLBACK_MESSAGE:
                text = text[:MAX_CALLBACK_MESSAGE] + "..."
            return {"ok": False, "message": f"the test's `{_callable_name(fn)}` raised {text}"}
        finally:
            self.seconds += time.monotonic() - start
        try:
            return {"ok": True, "value": codec.to_plain(value, self.hold)}
        except codec.UnsupportedValue as exc:  # nested too deeply
            return {"ok": False, "message": f"the test's `{_callable_name(fn)}` returned {exc}"}

    def reply(self, frame: dict) -> bytes:
        """:meth:`answer`, encoded (what goes back to the student's code)."""
        reply = dict(self.answer(frame), id=frame.get("id"))
        data = codec.encode(reply)
        if len(data) > MAX_CALLBACK_BYTES:
            name = _callable_name(self.callbacks[frame["callback"]])
            data = codec.encode({"ok": False, "id": frame.get("id"), "message": (
                f"the result of the test's `{name}` is too large to pass to your code "
                f"({len(data) / 2**20:.0f} MiB; at most {MAX_CALLBACK_BYTES >> 20} MiB)")})
        return data

    # -- after the call --------------------------------------------------------------------

    def settle(self, response: dict) -> dict:
        """Set the caller's generators to their final states and resolve held objects in the
        answer; raises :class:`ProtocolError` for a state or reference that does not fit."""
        if not isinstance(response, dict):
            return response
        states = response.get("generators")
        ran = response.get("ok") is True or response.get("kind") in ("exception", "return")
        if states is not None or (ran and self.generators):
            if not isinstance(states, list) or len(states) != len(self.generators):
                raise ProtocolError("it sent malformed random generator states")
            checked = []
            for (gen, layout), state in zip(self.generators, states, strict=True):
                if _layout(state) != layout:
                    raise ProtocolError("it sent a malformed random generator state")
                scratch = type(gen.bit_generator)()
                try:
                    scratch.state = state
                except Exception:  # noqa: BLE001 - NumPy's own validation, any failure
                    raise ProtocolError("it sent an invalid random generator state") from None
                checked.append((gen, scratch.state))
            for gen, state in checked:
                gen.bit_generator.state = state
        if "value" in response:
            response = dict(response, value=self.resolve(response["value"]))
        return response


def _callable_name(fn: Any) -> str:
    name = getattr(fn, "__name__", None) or type(fn).__name__
    return str(name)[:100]


# ---------------------------------------------------------------------------- the student's half


def build_generator(ref: codec.GeneratorState) -> np.random.Generator:
    """A generator in the state the grader lent (a bit generator NumPy provides)."""
    name = ref.state.get("bit_generator")
    if name not in BIT_GENERATORS:
        raise ValueError(f"unknown bit generator {name!r}")
    bit = getattr(np.random, name)()
    bit.state = ref.state
    return np.random.Generator(bit)


class CallSession:
    """One call as the student's side sees it: which callbacks are live, how many were made,
    and ``ask``, the way to the grader (bytes of a callback frame in, the decoded reply
    out)."""

    def __init__(self, call_id: Any, ask: Callable[[bytes], dict] | None):
        self.call_id, self.ask = call_id, ask
        self.active = True
        self.count = 0
        self.lock = threading.Lock()


class CallbackProxy:
    """What the student's code receives for a callable of the test's."""

    def __init__(self, ref: codec.CallbackRef, session: CallSession):
        self._ref, self._session = ref, session
        self.__name__ = self.__qualname__ = ref.name

    def __repr__(self) -> str:
        return f"<the test's function {self._ref.name}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        session, name = self._session, self._ref.name
        if not session.active or session.ask is None:
            raise CallbackError(f"the test's `{name}` can only be called during the call it "
                                "was passed to")
        try:
            payload = {"callback": self._ref.id, "id": session.call_id,
                       "args": codec.to_plain(list(args)), "kwargs": codec.to_plain(kwargs)}
            data = codec.encode(payload)
        except codec.UnsupportedValue as exc:
            raise TypeError(f"the test's `{name}` takes plain data (numbers, arrays, tuples, "
                            f"lists, dicts, or what the test's functions returned); it was "
                            f"given {exc}") from None
        if len(data) > MAX_CALLBACK_BYTES:
            raise CallbackError(f"the arguments to the test's `{name}` are too large "
                                f"({len(data) / 2**20:.0f} MiB; at most "
                                f"{MAX_CALLBACK_BYTES >> 20} MiB)")
        with session.lock:
            if session.count >= MAX_CALLBACKS:
                raise CallbackError(f"the test's functions were called more than "
                                    f"{MAX_CALLBACKS} times in one call")
            session.count += 1
            reply = session.ask(data)
        if not isinstance(reply, dict) or reply.get("id") != session.call_id:
            raise CallbackError(f"the test's `{name}` did not answer")
        if reply.get("ok") is True:
            return reply.get("value")
        raise CallbackError(str(reply.get("message", f"the test's `{name}` failed")))
