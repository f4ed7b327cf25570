"""The diagnosis tags: the one vocabulary in which a failed check names a cause.

A :class:`~autograder.testing.expect.CheckFailure` carries tags; the mistake catalogue says
which cause each wrong implementation should get (``@mistake("q2", cause="sign")``), and
``autograder validate`` measures how often the feedback names it (the diagnosis rate). A tag
is either a word or a family and a detail (``factor:1/N``, ``formula:ascent``). A tag outside
this vocabulary is a course bug, refused where it is written: a misspelt cause in a catalogue
when the catalogue loads, a misspelt tag in a check when the check fails.
"""

from __future__ import annotations

# Tags that stand alone.
WORDS: dict[str, str] = {
    "type": "the result is not of the contract's type (not an array, not a number, a tuple "
            "of the wrong length)",
    "dtype": "an array or number of the wrong dtype (float32 instead of float64, integers "
             "instead of floats, floats where labels are integers)",
    "shape": "an array of the wrong shape",
    "reshape": "the right values in the wrong shape",
    "transpose": "the transpose of the right answer",
    "not_finite": "NaN or infinite entries (an overflow, a division by zero, log(0))",
    "sign": "the right answer times -1",
    "offset": "the right answer plus the same constant everywhere",
    "value": "a wrong value with no more specific cause",
    "mutated": "the call modified one of its inputs",
    "keys": "a dict with missing or unexpected keys",
    "accuracy": "right in exact arithmetic, too inaccurate in floating point (an explicit "
                "inverse of an ill-conditioned matrix, ...)",
    "stability": "a numerically unstable formula (overflow for large inputs, cancellation)",
    "kkt": "not an optimum: an optimality condition does not hold",
    "seed": "random draws that ignore the given seed or generator",
    "init": "a wrong initialisation (of weights, centroids, a state)",
    "order": "the right values in the wrong order (a sort, a tie rule, a relabelling)",
    "tie": "the wrong choice among equal candidates (the contract's tie rule)",
    "count": "the wrong number of steps, iterations, updates or items",
    "internal": "the grader could not evaluate the output (reported to the instructor)",
}

# Families: ``family:detail``, the detail chosen by the check or the catalogue.
FAMILIES: dict[str, str] = {
    "factor": "the right answer times a constant the check names (2, 1/2, N, 1/N, ...); "
              "factor:other for an unnamed one",
    "formula": "matches a wrong formula the check registered (Diagnose(wrong_formulas=...))",
    "regions": "wrong in the named parts of the output (gate blocks, where x = 0, ...)",
    "axis": "wrong at some positions along an axis (time steps, ...)",
    "outputs": "which of several outputs are wrong (expect_outputs)",
    "depends": "a check that relies on an earlier question, which is wrong",
    "code": "the student's code did not give a value: code:missing, code:not_implemented, "
            "code:exception, code:return, code:timeout, code:crash, code:memory, code:disk, "
            "code:budget",
}


def is_known(tag: str) -> bool:
    """A word of :data:`WORDS`, or ``family:detail`` with a family of :data:`FAMILIES`."""
    if tag in WORDS:
        return True
    family, sep, detail = tag.partition(":")
    return bool(sep) and family in FAMILIES and bool(detail)


def is_known_cause(cause: str) -> bool:
    """A catalogue cause: a tag, or a family's prefix (``formula:`` or ``formula``) that
    matches any tag of that family."""
    return is_known(cause) or cause.rstrip(":") in FAMILIES


def require_known(tags: tuple[str, ...] | list[str], where: str) -> None:
    unknown = [t for t in tags if not is_known(t)]
    if unknown:
        raise ValueError(f"{where}: unknown diagnosis tag(s) {unknown}; the vocabulary is in "
                         "autograder/testing/tags.py")


def describe() -> str:
    """The vocabulary as a Markdown list (for the authoring guide)."""
    lines = [f"- `{w}`: {text}" for w, text in WORDS.items()]
    lines += [f"- `{f}:...`: {text}" for f, text in FAMILIES.items()]
    return "\n".join(lines)
