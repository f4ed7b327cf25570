"""Several named outputs of one call, compared in one go, with one message format.

A backward pass returns ``(dx, dw, db)``, a gradient function a dict ``{"W1": ..., "b1":
...}``: :func:`expect_outputs` compares every output, and a failure says which are wrong and
which are right, then explains the first wrong one in full (shape, tolerance, where, the
diagnosed cause) and where the others are wrong::

    Wrong: db. Right: dx, dW. db from affine_backward is wrong at 4 of 4 entries (tolerance
    rtol=1e-10, atol=1e-12); the first is at index (0,). Your result is 1/N times the right
    answer.

:func:`expect_depends_on` is for checks that feed the submission's own earlier output (a
forward pass's cache) into the function under test: when that output is wrong, the message
says to fix the earlier question first instead of blaming this one. :func:`blame_earlier` is
for functions that may call the student's earlier functions: when a comparison fails and an
earlier function is also wrong on the same inputs, the message says to fix that one first.

NumPy only: this module ships to students with the public checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

from autograder.core.submission import StudentCodeError
from autograder.testing.diagnose import Diagnose
from autograder.testing.expect import (
    CheckFailure,
    expect_close,
    expect_dict_keys,
    expect_equal,
    fail,
)

__all__ = ["blame_earlier", "expect_depends_on", "expect_outputs"]

DiagnoseFor = Mapping[str, Diagnose] | Callable[[str], Diagnose | None] | None


def _diagnose_of(diagnose: DiagnoseFor, key: str) -> Diagnose | None:
    if diagnose is None:
        return None
    if callable(diagnose) and not isinstance(diagnose, Mapping):
        return diagnose(key)
    return diagnose.get(key)


def expect_outputs(
    got: Any,
    want: Mapping[str, Any],
    *,
    fn: str,
    rtol: float,
    atol: float,
    diagnose: DiagnoseFor = None,
    tolerances: Mapping[str, tuple[float, float]] | None = None,
    exact: tuple[str, ...] = (),
) -> None:
    """Every output in ``want`` (``{name: expected}``, in the contract's order) matches.

    ``got`` is a tuple or list in that order, or a dict with exactly those keys. Outputs are
    compared by :func:`expect_close` with ``rtol``/``atol`` (or ``tolerances[name]``), those
    named in ``exact`` by :func:`expect_equal`. ``diagnose`` gives each output's
    :class:`Diagnose` (a dict, or a function of the name). Tags: every failing output's, plus
    ``outputs:<wrong names>``.
    """
    keys = list(want)
    if isinstance(got, dict):
        expect_dict_keys(got, set(keys), name=f"the dict from {fn}")
        values = [got[k] for k in keys]
        label = {k: f"{fn}[{k!r}]" for k in keys}
    else:
        if not isinstance(got, (tuple, list)) or len(got) != len(keys):
            count = len(got) if isinstance(got, (tuple, list)) else "not a tuple"
            fail(f"{fn} should return {len(keys)} values ({', '.join(keys)}); got {count}.",
                 "type")
        values = list(got)
        label = {k: f"{k} from {fn}" for k in keys}
    tolerances = tolerances or {}
    first: CheckFailure | None = None
    others: list[tuple[str, str]] = []
    wrong: list[str] = []
    tags: list[str] = []
    for key, value in zip(keys, values, strict=True):
        d = _diagnose_of(diagnose, key)
        if first is not None and d is not None:  # where it is wrong; no formulas again
            d = Diagnose(regions=d.regions, axis=d.axis, transpose=False)
        try:
            if key in exact:
                expect_equal(value, want[key], name=label[key], diagnose=d)
            else:
                r, a = tolerances.get(key, (rtol, atol))
                expect_close(value, want[key], name=label[key], rtol=r, atol=a, diagnose=d)
        except CheckFailure as exc:
            wrong.append(key)
            tags.extend(exc.tags)
            if first is None:
                first = exc
            else:
                others.append((key, _where(value, want[key], d, *tolerances.get(key, (rtol,
                                                                                     atol)))))
    if first is None:
        return
    right = [k for k in keys if k not in wrong]
    head = f"Wrong: {', '.join(wrong)}." + (f" Right: {', '.join(right)}." if right else "")
    text = f"{head} {first}"
    if others:
        text += " Also wrong: " + "; ".join(k + (f" ({w})" if w else "") for k, w in others) + "."
    raise CheckFailure(text, tuple(dict.fromkeys(tags + ["outputs:" + ",".join(wrong)])))


def _where(value: Any, want: Any, d: Diagnose | None, rtol: float, atol: float) -> str:
    """Where an output other than the first wrong one is wrong (regions, time steps)."""
    want = np.asarray(want, dtype=float)
    if d is None or not isinstance(value, np.ndarray) or value.shape != want.shape \
            or value.dtype.kind not in "biuf" or not np.all(np.isfinite(value)):
        return ""
    return " ".join(x.text for x in d.explain(value.astype(float), want, rtol, atol))


def expect_depends_on(got: Any, want: Any, *, name: str, question: str, rtol: float,
                      atol: float) -> None:
    """The submission's own earlier output ``got`` (e.g. the forward pass whose cache this
    check hands to the backward pass) must be right before this check can judge anything."""
    ok = (isinstance(got, np.ndarray) and got.shape == np.shape(want)
          and got.dtype.kind in "biuf" and bool(np.allclose(got, want, rtol=rtol, atol=atol)))
    if not ok:
        fail(f"{name} is wrong on these inputs (see {question}), and this check runs your "
             f"code on what it returns: fix {question} first.", f"depends:{question}")


def blame_earlier(compare: Callable[[], None],
                  earlier: Iterable[tuple[str, str, Callable[[], bool]]]) -> None:
    """Run ``compare()``; if it fails, also name every earlier function that is wrong on the
    same inputs (a cross_entropy that calls a wrong softmax fails with it).

    ``earlier``: ``(function, question, agrees)``, where ``agrees()`` calls the submission's
    earlier function on inputs of this check and says whether its answer is right; an
    earlier function that raises counts as wrong. Each wrong one adds a note naming the
    function and the question, never a value, and the tag ``depends:<question>``.
    """
    try:
        compare()
    except CheckFailure as exc:
        notes, tags = [], list(exc.tags)
        for fn, question, agrees in earlier:
            try:
                ok = agrees()
            except (StudentCodeError, CheckFailure):
                ok = False
            if not ok:
                notes.append(f"Your `{fn}` ({question}) is wrong on these inputs too: if you "
                             f"call it here, fix {question} first.")
                tags.append(f"depends:{question}")
        if not notes:
            raise
        raise CheckFailure(str(exc) + " " + " ".join(notes), tuple(tags)) from None

