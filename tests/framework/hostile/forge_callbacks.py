"""Speak the callback protocol without being given anything to call back. In ols_cost, write a
callback frame (with the id of the request being served, found in the harness's frames) that
names a callable of the test's the call never lent and passes a reference to an object the
grader never held. In ols_gradient, have the harness answer with a random generator's final
state although the call lent no generator.

Each is a forged frame: the grader ends the child, and the function earns what a function that
raises earns (its honest counterpart).
Status: crash
"""
import sys


def ols_cost(X, y, beta):
    # ATTACK
    codec = sys.modules["codec"]
    frame = sys._getframe(1)
    while frame is not None and "request" not in frame.f_locals:
        frame = frame.f_back
    request_id = frame.f_locals["request"].get("id") if frame is not None else None
    _find_response_pipe().write(codec.framed(
        {"callback": 1, "id": request_id, "args": [codec.HeldRef(1)], "kwargs": {}}))
    return float(codec.read_frame(_find_request_pipe(), shared=True).get("value", 0.0))
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK


def ols_gradient(X, y, beta):
    # ATTACK
    return X.T @ (y - X @ beta)
    # HONEST
    raise RuntimeError("no answer")
    # END ATTACK


# ATTACK
import gc  # noqa: E402
import io  # noqa: E402


def _pipes(mode):
    for obj in gc.get_objects():
        if isinstance(obj, io.FileIO) and obj.mode == mode and not obj.closed and obj.fileno() > 2:
            return obj
    raise RuntimeError("no pipe")


def _find_response_pipe():
    return _pipes("wb")


def _find_request_pipe():
    return _pipes("rb")


_dispatch = sys.modules["dispatch"]
_real_call = _dispatch.Harness.call


def _lying_call(self, request, *args, **kwargs):
    response = _real_call(self, request, *args, **kwargs)
    if request.get("fn") == "ols_gradient":
        response["generators"] = [{"bit_generator": "PCG64", "state": {"state": 1, "inc": 1},
                                   "has_uint32": 0, "uinteger": 0}]
    return response


_dispatch.Harness.call = _lying_call
# END ATTACK
