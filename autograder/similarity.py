"""``autograder similarity NAME DIR``: which submissions of one assignment share unusual code.

A screening aid for academic integrity, in the manner of MOSS and Gradescope's code similarity,
that runs locally and offline. For each submission (the files ``autograder grade`` accepts:
notebooks, ``.py`` files, the zips ``grader.export()`` writes; read, never run):

1. the student's own code: its code cells cut into units (top-level functions and classes,
   statements after a blank line, a script's ``# In[ ]:`` cells), minus the units identical to
   one of the release notebook's (the given imports, helpers, demos, Otter's cells and
   untouched stubs);
2. its fingerprints, from copydetect's ``CodeFingerprint`` (MOSS's winnowing over Pygments
   tokens, with every name replaced by one letter and comments and whitespace dropped), each
   unit apart (no fingerprint spans two units): renamed variables, reordered functions and
   rewritten comments change nothing. Two kinds never count:
   - *given*: every fingerprint of the release notebook's code (the stubs' signatures and
     docstrings, the helpers, the demos), so template code shared by everyone scores nothing
     even when a student retyped or reformatted it or submitted a ``.py`` export;
   - *common*: a fingerprint found in more than ``common`` submissions (MOSS's ``-m``, 10 by
     default): the usual way to write a line is not evidence that two students shared it;
3. every pair of submissions sharing at least one fingerprint (an inverted index: the others
   share nothing) is scored as copydetect's ``compare_files`` scores it: the share of each
   one's fingerprinted code found in the other (``similarity_a``, ``similarity_b``) and the
   length of the shared code (copydetect's token count: characters of the normalised code,
   each name counting as one). :class:`Positions` computes the same numbers with one
   vectorised lookup per pair (the test checks they agree); ``compare_files`` itself gives the
   shared regions of the pairs shown side by side.

Pairs rank by the length of the code they share, then by the larger of their two scores (MOSS
sorts its table by the size of the matched code too): a long stretch of the same unusual code
is strong evidence, a short function written alike by two students (100% of a small
submission) is weak. The HTML page (self-contained: inline CSS, no script, nothing fetched,
everything quoted from a submission escaped) lists the ranked pairs and shows the top ones side
by side with the shared regions highlighted; the CSV beside it has one row per pair where
``threshold`` of one side is found in the other.

copydetect's own report (matplotlib plots and a template) is not used, nor its boilerplate
filter: copydetect 0.5.0 intersects a fingerprint list that may repeat a value as if it did
not (``np.intersect1d(..., assume_unique=True)``), which drops positions of a passage a
submission repeats even when it is not boilerplate. The given and common fingerprints are
removed here by value instead.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.course import Assignment, CourseError
from autograder.grading.batch import discover, output_names
from autograder.grading.load import Unreadable, load_submission, notebook_code_cells
from autograder.grading.roster import match_roster, stored_roster
from autograder.report import CSS, _e, scrollable

K = 25  # a shared passage shorter than this (normalised characters) never counts
WINDOW = 1  # every k-gram is a fingerprint: the scores do not depend on Python's hash seed
COMMON = 10  # MOSS's default -m
THRESHOLD = 0.10  # the CSV leaves out a pair where less of either side is found in the other
SIDE_BY_SIDE = 10  # pairs shown side by side on the page
TABLE_ROWS = 200  # pairs listed on the page (the CSV has every pair above the threshold)


@dataclass
class Entry:
    """One submission: where it is, the code of its own, and that code's fingerprints."""

    path: Path
    label: str  # the path relative to the folder of the submissions
    own: OwnCode | None = None
    fingerprint: object = None  # a copydetect.CodeFingerprint (None: unreadable)
    problem: str = ""  # why it could not be read
    student: str = ""  # "id name" from the roster

    @property
    def code(self) -> str:
        return self.own.text if self.own is not None else ""

    @property
    def fingerprints(self) -> int:
        return len(self.fingerprint.hashes) if self.fingerprint is not None else 0


@dataclass
class Pair:
    a: Entry
    b: Entry
    similarity_a: float  # share of a's fingerprinted code found in b
    similarity_b: float
    shared: int  # copydetect's token overlap (normalised characters of a)
    # 2 x m: starts and ends of the shared regions in a.code and b.code (see :func:`regions`)
    slices_a: np.ndarray | None = None
    slices_b: np.ndarray | None = None

    @property
    def score(self) -> float:
        return max(self.similarity_a, self.similarity_b)


@dataclass
class Analysis:
    assignment: Assignment
    source: str  # the folders or files given, for the page's header
    entries: list[Entry]
    pairs: list[Pair]  # every pair sharing a fingerprint, best first
    common_fingerprints: int = 0  # distinct fingerprints ignored as common
    given_fingerprints: int = 0  # distinct fingerprints of the release notebook's code
    common: int = COMMON
    threshold: float = THRESHOLD
    seconds: float = 0.0
    roster: bool = False

    @property
    def readable(self) -> list[Entry]:
        return [e for e in self.entries if not e.problem]

    @property
    def flagged(self) -> list[Pair]:
        return [p for p in self.pairs if p.score >= self.threshold]


# ---------------------------------------------------------------------------- code


def release_notebook(a: Assignment) -> Path:
    return a.root / "release" / a.name / f"{a.name}.ipynb"


def release_cells(a: Assignment) -> list[str]:
    """The code cells of the student notebook as released (given code and stubs)."""
    import json

    path = release_notebook(a)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return notebook_code_cells(nb, str(path))
    except (OSError, ValueError, Unreadable) as exc:
        why = exc.message if isinstance(exc, Unreadable) else str(exc)
        raise CourseError(f"{path}: cannot read the release notebook ({why}); run "
                          f"`autograder build {a.name}`") from None


# Where a new unit may start: a line that is not indented, nor closes a bracket, nor continues
# a compound statement; it does after a blank line, and always at a definition, a decorator or
# a script's cell marker.
_TOP = re.compile(r"(?![\s)\]}#]|(?:else|elif|except|finally)\b)")
_DEF = re.compile(r"(?:@|def\s|class\s|async\s+def\s|#\s*(?:In\s*\[|%%))")
# Between units when fingerprinting: its normalised form (copydetect keeps the characters) is
# longer than a k-gram, and every fingerprint that overlaps it is dropped, so no fingerprint
# spans two units.
SEPARATOR = "\n\n" + "~" * (K + 5) + "\n\n"
_SEPARATOR_RUN = re.compile(f"~{{{K + 5}}}")


def _normal(unit: str) -> str:
    return "\n".join(line.rstrip() for line in unit.strip().splitlines())


def units(cell: str) -> list[str]:
    """``cell`` cut into the pieces a student moves around: before each top-level ``def``,
    ``class`` or decorator (not the ``def`` after its decorator), each ``# In[ ]:`` or ``# %%``
    marker, and each top-level statement that follows a blank line. Fingerprinted apart,
    functions in another order, or given cells pasted together into a ``.py`` file, give the
    same fingerprints."""
    out: list[list[str]] = [[]]
    decorated = blank = False
    for line in cell.splitlines():
        starts = (_DEF.match(line) or (blank and _TOP.match(line))) and not (
            decorated and not line.startswith("@"))
        if starts and any(x.strip() for x in out[-1]):
            out.append([])
        out[-1].append(line)
        blank = not line.strip()
        if line.strip() and not line[:1].isspace() and not line.startswith("#"):
            decorated = line.startswith("@")
    return [u for u in ("\n".join(lines).strip("\n") for lines in out) if u.strip()]


@dataclass
class OwnCode:
    """A submission's own code: its units that are not one of the release notebook's
    (compared without trailing spaces), in order."""

    units: list[str]
    dropped: int = 0  # units identical to the release's

    @property
    def text(self) -> str:
        """What the page shows."""
        return "\n\n".join(self.units)

    @property
    def fingerprinted(self) -> str:
        return SEPARATOR.join(self.units)

    def to_text(self, offsets: np.ndarray) -> np.ndarray:
        """Offsets in :attr:`fingerprinted` as offsets in :attr:`text` (one inside a separator
        goes to the end of the unit before it)."""
        lengths = np.array([len(u) for u in self.units] or [0])
        starts = np.concatenate([[0], np.cumsum(lengths + len(SEPARATOR))[:-1]])
        shown = np.concatenate([[0], np.cumsum(lengths + 2)[:-1]])
        i = np.clip(np.searchsorted(starts, offsets, side="right") - 1, 0, len(starts) - 1)
        return shown[i] + np.minimum(np.asarray(offsets) - starts[i], lengths[i])


def own_code(cells: list[str], given: set[str]) -> OwnCode:
    pieces = [u for c in cells for u in units(c)]
    kept = [u for u in pieces if _normal(u) not in given]
    return OwnCode(kept, len(pieces) - len(kept))


def fingerprint(code: str, label: str, k: int = K, window: int = WINDOW):
    """copydetect's fingerprints of Python ``code`` (``label`` only names it)."""
    os.environ.setdefault("MPLBACKEND", "Agg")  # copydetect imports pyplot for its report
    import copydetect

    return copydetect.CodeFingerprint(label, k, window, fp=io.StringIO(code),
                                      language="python")


def drop_fingerprints(fp, drop: set[int]) -> None:
    """Remove the fingerprints in ``drop`` and those overlapping a :data:`SEPARATOR` from
    ``fp`` (in place): they neither match nor count in its size. Hashes become Python ints."""
    from copydetect.utils import get_token_coverage

    in_run = np.zeros(len(fp.filtered_code) + 1, dtype=np.int64)
    for m in _SEPARATOR_RUN.finditer(fp.filtered_code):
        in_run[m.start() + 1:m.end() + 1] = 1
    seen = np.cumsum(in_run)  # seen[i]: separator characters before position i
    ends = np.minimum(np.arange(len(fp.filtered_code)) + fp.k, len(fp.filtered_code))
    crosses = (seen[ends] - seen[:-1] > 0).tolist()  # the k-gram at i overlaps a separator
    keep = {}
    for h, idx in fp.hash_idx.items():
        kept = [int(i) for i in idx if not crosses[i]] if int(h) not in drop else []
        if kept:
            keep[int(h)] = kept
    fp.hash_idx = keep
    fp.hashes = set(keep)
    fp.token_coverage = get_token_coverage(keep, fp.k, len(fp.filtered_code))


def given_units(cells: list[str]) -> set[str]:
    return {_normal(u) for c in cells for u in units(c)}


def given_fingerprints(cells: list[str]) -> set[int]:
    """Every k-gram of the release notebook's code (its units in order, as fingerprinted),
    the separator's included."""
    code = OwnCode([u for c in cells for u in units(c)]).fingerprinted
    return {int(h) for h in fingerprint(code, "release", window=1).hashes}


# ---------------------------------------------------------------------------- comparing


def _labels(files: list[Path]) -> dict[Path, str]:
    parents = [str(f.parent) for f in files]
    try:
        common = os.path.commonpath(parents) if parents else ""
    except ValueError:  # mixed absolute and relative paths
        common = ""
    return {f: os.path.relpath(f, common) if common else str(f) for f in files}


def read_entries(a: Assignment, files: list[Path], given: set[str],
                 boilerplate: set[int]) -> list[Entry]:
    labels = _labels(files)
    entries = []
    for f in files:
        e = Entry(f, labels[f])
        try:
            loaded = load_submission(f, assignment=a.name)
        except Unreadable as exc:
            e.problem = exc.message
            entries.append(e)
            continue
        e.own = own_code(loaded.cells, given)
        e.fingerprint = fingerprint(e.own.fingerprinted, e.label)
        drop_fingerprints(e.fingerprint, boilerplate)
        entries.append(e)
    return entries


def drop_common(entries: list[Entry], common: int) -> int:
    """Drop the fingerprints found in more than ``common`` submissions (0: keep all); return
    how many distinct fingerprints went."""
    if common <= 0:
        return 0
    counts = Counter(h for e in entries if e.fingerprint is not None
                     for h in e.fingerprint.hashes)
    frequent = {h for h, n in counts.items() if n > common}
    if frequent:
        for e in entries:
            if e.fingerprint is not None:
                drop_fingerprints(e.fingerprint, frequent)
    return len(frequent)


def candidates(entries: list[Entry]) -> list[tuple[int, int]]:
    """The pairs (i < j) of entries sharing at least one fingerprint: an inverted index as a
    sparse submissions x fingerprints matrix M, whose M M^T counts each pair's shared ones."""
    from scipy import sparse

    column: dict[int, int] = {}
    rows, cols = [], []
    for i, e in enumerate(entries):
        if e.fingerprint is None:
            continue
        for h in e.fingerprint.hashes:
            rows.append(i)
            cols.append(column.setdefault(h, len(column)))
    if not rows:
        return []
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)),
                          shape=(len(entries), len(column)))
    shared = (m @ m.T).tocoo()
    return sorted((int(i), int(j)) for i, j in zip(shared.row, shared.col, strict=True) if i < j)


@dataclass
class Positions:
    """One fingerprint arranged to score pairs fast: its distinct hashes sorted, and every
    fingerprinted position of the normalised code with its hash."""

    hashes: np.ndarray
    position_hashes: np.ndarray
    positions: np.ndarray
    coverage: float  # copydetect's token coverage
    k: int

    @classmethod
    def of(cls, fp) -> Positions:
        pairs = sorted((h, p) for h, idx in fp.hash_idx.items() for p in idx)
        hashes = np.array([h for h, _ in pairs], dtype=np.int64)  # sorted: lookups are faster
        return cls(np.unique(hashes), hashes, np.array([p for _, p in pairs], dtype=np.int64),
                   float(fp.token_coverage), fp.k)

    def overlap(self, other: Positions) -> int:
        """What copydetect's ``compare_files(self, other)`` counts as this side's token
        overlap: the characters of the normalised code that k-grams also in ``other`` cover
        (its ``find_fingerprint_overlap`` makes a NumPy array per shared hash, which is most
        of the time a few hundred submissions take; this is one vectorised lookup)."""
        from copydetect.utils import get_copied_slices

        if not len(other.hashes) or not len(self.positions):
            return 0
        at = np.minimum(np.searchsorted(other.hashes, self.position_hashes),
                        len(other.hashes) - 1)
        matched = self.positions[other.hashes[at] == self.position_hashes]
        if not len(matched):
            return 0
        starts, ends = get_copied_slices(matched, self.k)
        return int(np.sum(ends - starts))


def compare(entries: list[Entry]) -> list[Pair]:
    """Every pair sharing a fingerprint, scored as copydetect's ``compare_files`` scores it,
    best first."""
    positions = {i: Positions.of(e.fingerprint) for i, e in enumerate(entries)
                 if e.fingerprint is not None}
    pairs = []
    for i, j in candidates(entries):
        pa, pb = positions[i], positions[j]
        shared_a, shared_b = pa.overlap(pb), pb.overlap(pa)
        if shared_a <= 0:
            continue
        pairs.append(Pair(entries[i], entries[j], shared_a / pa.coverage,
                          shared_b / pb.coverage, shared_a))
    pairs.sort(key=lambda p: (-p.shared, -p.score, p.a.label, p.b.label))
    return pairs


def regions(pair: Pair) -> None:
    """The shared regions of ``pair`` in each side's shown code, from copydetect's
    ``compare_files``."""
    from copydetect import compare_files

    _, _, (slices_a, slices_b) = compare_files(pair.a.fingerprint, pair.b.fingerprint)
    pair.slices_a = pair.a.own.to_text(np.asarray(slices_a, dtype=np.int64).reshape(2, -1))
    pair.slices_b = pair.b.own.to_text(np.asarray(slices_b, dtype=np.int64).reshape(2, -1))


def _attach_roster(entries: list[Entry], results_dir: Path) -> bool:
    roster = stored_roster(results_dir)
    if roster is None:
        return False
    stems = {f: name.removesuffix(".json") for f, name in
             output_names([e.path for e in entries]).items()}
    match = match_roster(roster, [(stems[e.path], str(e.path)) for e in entries])
    for e in entries:
        s = match.by_result.get(stems[e.path])
        e.student = " ".join(x for x in (s.student_id, s.name) if x) if s else ""
    return True


def analyse(a: Assignment, paths: list[Path], *, common: int = COMMON,
            threshold: float = THRESHOLD, results_dir: Path | None = None) -> Analysis:
    """Read, fingerprint and compare the submissions of ``a`` found in ``paths``.

    Raises ValueError for a path that does not exist or a folder without submissions, and
    CourseError when the release notebook is missing."""
    start = time.monotonic()
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise ValueError(f"{', '.join(missing)}: no such file or folder")
    files = discover(paths)
    if not files:
        raise ValueError(f"no .ipynb, .py or .zip submissions found in "
                         f"{', '.join(map(str, paths))}")
    cells = release_cells(a)
    boilerplate = given_fingerprints(cells)
    entries = read_entries(a, files, given_units(cells), boilerplate)
    n_common = drop_common(entries, common)
    pairs = compare(entries)
    for pair in [p for p in pairs if p.score >= threshold][:SIDE_BY_SIDE]:
        regions(pair)
    analysis = Analysis(a, ", ".join(map(str, paths)), entries, pairs, n_common,
                        len(boilerplate), common, threshold)
    if results_dir is not None:
        analysis.roster = _attach_roster(entries, results_dir)
    analysis.seconds = time.monotonic() - start
    return analysis


# ---------------------------------------------------------------------------- output

CSV_FIELDS = ("rank", "file_a", "file_b", "similarity_a", "similarity_b", "shared_tokens")


def to_csv(analysis: Analysis) -> str:
    """One row per pair scoring at least the threshold, best first."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS + (("student_a", "student_b") if analysis.roster else ()))
    for rank, p in enumerate(analysis.flagged, 1):
        row = [rank, p.a.label, p.b.label, f"{p.similarity_a:.3f}", f"{p.similarity_b:.3f}",
               p.shared]
        w.writerow(row + ([p.a.student, p.b.student] if analysis.roster else []))
    return buf.getvalue()


EXTRA_CSS = """
.sbs { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.sbs pre { max-height: 36em; margin: 0; }
.sbs h4 { margin: 0 0 4px; font-size: 14px; overflow-wrap: anywhere; }
mark { background: #ffe08a; color: inherit; border-radius: 2px; }
.pair { margin: 18px 0 28px; }
.pair h3 { overflow-wrap: anywhere; }
td a { color: var(--accent); }
@media (max-width: 800px) { .sbs { grid-template-columns: minmax(0, 1fr); } }
"""


def highlighted(code: str, slices: np.ndarray | None) -> str:
    """``code`` HTML-escaped, with the regions in ``slices`` (2 x m, starts and ends) in
    ``<mark>``."""
    spans = (sorted((int(s), int(t)) for s, t in zip(*slices, strict=True))
             if slices is not None and slices.size else [])
    out, at = [], 0
    for s, t in spans:
        s, t = max(s, at), min(t, len(code))
        if s >= t:
            continue
        out.append(_e(code[at:s]))
        out.append(f"<mark>{_e(code[s:t])}</mark>")
        at = t
    out.append(_e(code[at:]))
    return "".join(out)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _who(e: Entry) -> str:
    return _e(e.label) + (f' <span class="muted">{_e(e.student)}</span>' if e.student else "")


def render(analysis: Analysis) -> str:
    a = analysis.assignment
    readable = analysis.readable
    unreadable = [e for e in analysis.entries if e.problem]
    no_code = [e for e in readable if e.fingerprints == 0]
    flagged = analysis.flagged
    shown = flagged[:SIDE_BY_SIDE]
    cards = [("submissions", len(analysis.entries)), ("pairs sharing code", len(analysis.pairs)),
             (f"pairs at {_pct(analysis.threshold)} or more", len(flagged))]
    if unreadable:
        cards.append(("could not be read", len(unreadable)))
    if no_code:
        cards.append(("nothing to compare", len(no_code)))
    out = [f"<h1>Code similarity: {_e(a.title)} <span class=\"muted\">({_e(a.name)})</span></h1>",
           f'<p class="sub">{_e(analysis.source)} · {len(analysis.entries)} submission(s) · '
           f"compared in {analysis.seconds:.1f} s</p>",
           '<div class="cards">' + "".join(f'<div class="card"><b>{v}</b><span>{_e(k)}</span>'
                                           "</div>" for k, v in cards) + "</div>",
           '<div class="panel"><p><b>A screening aid, not proof.</b> A high score says two '
           "submissions share code that is unusual in this folder; whether that is misconduct "
           "is for a person to judge, after reading both (short functions can coincide, and a "
           "textbook or the lectures can be a shared source).</p>"
           "<p>Compared: each submission's own code, that is its code cells minus the "
           "cells, functions and statements identical to the release notebook's, "
           "fingerprinted by copydetect (MOSS's winnowing; names, comments and layout are "
           "ignored, so renamed variables, reordered functions and rewritten comments still "
           f"match; passages of fewer than {K} normalised characters never do). Ignored: "
           "the release notebook's code wherever it "
           f"appears ({analysis.given_fingerprints} fingerprints: stubs, helpers, demos), and "
           + (f"code found in more than {analysis.common} submissions "
              f"({analysis.common_fingerprints} fingerprints)" if analysis.common > 0 else
              "nothing else (<code>--common 0</code>)")
           + ". <b>similarity A</b> is the share of A's code found in B; <b>shared</b> is the "
           "length of the shared code (normalised characters, each name counting as one). "
           "Nothing was run.</p></div>"]

    out.append("<h2>Ranked pairs</h2>")
    if not analysis.pairs:
        out.append('<p class="muted">No two submissions share code of their own.</p>')
    else:
        listed = analysis.pairs[:TABLE_ROWS]
        more = len(analysis.pairs) - len(listed)
        out.append('<p class="muted">Best first: by the length of the shared code, then the '
                   "larger score. "
                   f"{len(listed)} of {len(analysis.pairs)} pair(s) sharing code"
                   + (f" ({more} more, all lower)" if more else "")
                   + f"; the CSV has the {len(flagged)} at {_pct(analysis.threshold)} or more."
                   "</p>")
        out.append('<table><tr><th class="num">#</th><th>submission A</th><th>submission B'
                   '</th><th class="num">similarity A</th><th class="num">similarity B</th>'
                   '<th class="num">shared</th></tr>')
        for rank, p in enumerate(listed, 1):
            link = (f' <a href="#pair-{rank}">side by side</a>' if rank <= len(shown) else "")
            out.append(f'<tr><td class="num">{rank}</td><td>{_who(p.a)}</td><td>{_who(p.b)}'
                       f'{link}</td><td class="num">{_pct(p.similarity_a)}</td>'
                       f'<td class="num">{_pct(p.similarity_b)}</td>'
                       f'<td class="num">{p.shared}</td></tr>')
        out.append("</table>")

    if shown:
        out.append("<h2>Side by side</h2>"
                   '<p class="muted">Each submission\'s own code (the given cells left out), '
                   "with the code found in the other highlighted.</p>")
    for rank, p in enumerate(shown, 1):
        out.append(f'<section class="pair" id="pair-{rank}"><h3>#{rank}: {_e(p.a.label)} and '
                   f"{_e(p.b.label)}</h3><div class=\"sbs\">")
        for e, sim, slices in ((p.a, p.similarity_a, p.slices_a),
                               (p.b, p.similarity_b, p.slices_b)):
            out.append(f"<div><h4>{_who(e)} · {_pct(sim)} found in the other</h4>"
                       f"<pre>{highlighted(e.code, slices)}</pre></div>")
        out.append("</div></section>")

    if unreadable:
        out.append("<h2>Could not be read</h2><table><tr><th>submission</th><th>why</th></tr>")
        out += [f"<tr><td>{_who(e)}</td><td>{_e(e.problem)}</td></tr>" for e in unreadable]
        out.append("</table>")
    if no_code:
        out.append(f"<h2>Nothing to compare</h2><p>{len(no_code)} submission(s) with nothing "
                   "but given code, or code found in too many submissions to count: "
                   f"{', '.join(_who(e) for e in no_code)}</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Code similarity: {_e(a.name)}</title><style>{CSS}{EXTRA_CSS}</style>"
            f"</head><body><main>{scrollable(''.join(out))}</main></body></html>\n")


def csv_path(output: Path) -> Path:
    return Path(output).with_suffix(".csv")


def write_similarity(a: Assignment, paths: list[Path], output: Path, *, common: int = COMMON,
                     threshold: float = THRESHOLD) -> Analysis:
    """Analyse, then write ``output`` (HTML) and ``output`` with ``.csv``; a roster kept in
    ``output``'s folder (``autograder grade --roster``) names the students."""
    from autograder.grading.results import write_text_atomic

    output = Path(output)
    if output.suffix.lower() == ".csv":
        raise ValueError(f"{output}: the HTML page's name (the CSV goes beside it, with .csv)")
    analysis = analyse(a, paths, common=common, threshold=threshold, results_dir=output.parent)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(output, render(analysis))
    write_text_atomic(csv_path(output), to_csv(analysis))
    return analysis
