"""A submission whose functions run in this process: the reference in CI, and a student's own
notebook when they run the public checks. Not for untrusted grading (see the sandbox)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import warnings
from pathlib import Path
from types import ModuleType

from autograder.core.arguments import CallContext, ProtocolError
from autograder.core.codec import decode, to_plain
from autograder.core.contract import ReturnSpec
from autograder.core.dispatch import Harness
from autograder.core.submission import Submission


class LocalSubmission(Submission):
    """Calls the functions of ``namespace`` through the same harness the sandbox uses.

    Arguments are copied before each call, return values are converted to plain data, caches
    and functions stay behind handles, and callbacks to the test's callables travel encoded as
    they would on the sandbox's pipes, so tests see exactly what they would see from a sandbox.
    Warnings and anything written to stderr during a call are swallowed (a correct formula may
    overflow harmlessly, and nbgrader scores a cell that writes to stderr as failed).
    """

    def __init__(self, namespace: dict, contract: dict[str, ReturnSpec]):
        super().__init__(contract)
        self._harness = Harness(namespace)

    @classmethod
    def from_module(cls, module: ModuleType, contract: dict[str, ReturnSpec]) -> LocalSubmission:
        return cls(vars(module), contract)

    @classmethod
    def from_file(cls, path: str | Path, contract: dict[str, ReturnSpec]) -> LocalSubmission:
        path = Path(path)
        spec = importlib.util.spec_from_file_location(f"_submission_{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return cls.from_module(module, contract)

    def _request(self, request: dict, context: CallContext) -> dict:
        request = dict(request, args=to_plain(request["args"]), kwargs=to_plain(request["kwargs"]))

        def ask(data: bytes) -> dict:  # a callback, encoded as on the sandbox's pipes
            return decode(context.reply(decode(data)), shared=True)

        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            response = self._harness.call(request, ask=ask)
        try:
            return context.settle(response)
        except ProtocolError as exc:
            return {"ok": False, "kind": "crash", "message": str(exc)}
