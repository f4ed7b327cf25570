"""``autograder report DIR``: one self-contained HTML page about a graded folder.

Reads the ``<stem>.json`` results that ``autograder grade`` wrote (Gradescope's format, with
each check's outcome and diagnosis tags in ``extra_data``) and shows, per assignment:

- the score distribution (a histogram, inline SVG);
- per question: mean score, how many earned full marks, part of them, or nothing, and each
  check's pass rate, with the weakest question flagged;
- the most common failures, grouped by check and diagnosis tags (or, for a check without
  tags, by its message with the numbers taken out), with an example message and who got it;
- the submissions graded with a problem to report (a syntax error, a time-out, a missing
  function...: their checks ran, so their scores count in every statistic above), those that
  could not be run at all (no check ran: an unreadable file, a notebook that did not load),
  and every submission's scores;
- with a roster (``grade --roster``), each submission's student, who has no submission and
  which submissions the roster does not know; written scores merged by ``merge-written``;
- a link to the folder's ``similarity.html`` (``autograder similarity``) when it has one.

No network: CSS and SVG are inline, there is no script, and every string that came from a
result (messages can quote a student's exception) is HTML-escaped.
"""

from __future__ import annotations

import html
import json
import os
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from autograder.grading.results import GRADED, STATUS_TEXT
from autograder.grading.roster import match_roster, stored_roster

TOP_FAILURES = 15
EXAMPLES = 4
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass
class Submission:
    file: str
    status: str
    score: float
    questions: dict[str, float]
    checks: list[dict]
    ran: bool = True  # the checks ran: the score counts in every statistic
    message: str = ""
    stem: str = ""  # the result file's stem
    student: str = ""  # "id name" from the roster
    roster_note: str = ""  # "not in the roster", ...
    written: dict[str, float] = field(default_factory=dict)


@dataclass
class Question:
    id: str
    title: str
    max_score: float


@dataclass
class AssignmentResults:
    name: str
    title: str
    max_score: float
    questions: dict[str, Question] = field(default_factory=dict)
    submissions: list[Submission] = field(default_factory=list)
    roster: bool = False
    no_submission: list[str] = field(default_factory=list)  # roster students: "id name"

    @property
    def ran(self) -> list[Submission]:
        """Submissions whose checks ran, whatever their status: every statistic counts them."""
        return [s for s in self.submissions if s.ran]

    @property
    def not_run(self) -> list[Submission]:
        """Submissions no check could run on (unreadable, or the notebook did not load)."""
        return [s for s in self.submissions if not s.ran]


# ---------------------------------------------------------------------------- reading


def _title(data: dict, name: str) -> str:
    first = str(data.get("output", "")).splitlines()[:1]
    m = re.match(rf"(.+) \({re.escape(name)}\):", first[0]) if first else None
    return m.group(1) if m else name


def _shorten(a: AssignmentResults) -> None:
    """Name submissions relative to the folder they all share (results record full paths)."""
    parents = [str(Path(s.file).parent) for s in a.submissions]
    try:
        common = os.path.commonpath(parents) if parents else ""
    except ValueError:  # mixed absolute and relative paths
        common = ""
    for s in a.submissions:
        s.file = os.path.relpath(s.file, common) if common else s.file


def load_results(results_dir: Path) -> dict[str, AssignmentResults]:
    """Every ``autograder grade`` result in ``results_dir``, grouped by assignment."""
    out: dict[str, AssignmentResults] = {}
    for path in sorted(results_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        extra = data.get("extra_data") if isinstance(data, dict) else None
        if not isinstance(extra, dict) or "assignment" not in extra:
            continue  # not written by `autograder grade`
        name = str(extra["assignment"])
        a = out.get(name)
        if a is None:
            a = out[name] = AssignmentResults(name, _title(data, name),
                                              float(extra.get("max_score", 0)))
        scores = {}
        for t in data.get("tests", []):
            qid = str(t.get("number") or t.get("name", "?").split(":")[0])
            title = str(t.get("name", qid)).partition(": ")[2] or qid
            a.questions.setdefault(qid, Question(qid, title, float(t.get("max_score", 0))))
            scores[qid] = float(t.get("score", 0))
        checks = [c for c in extra.get("checks", []) if isinstance(c, dict)]
        a.submissions.append(Submission(
            file=str(extra.get("file") or path.stem),
            status=str(extra.get("status", "")),
            score=float(data.get("score", 0)),
            questions=scores,
            checks=checks,
            ran=bool(extra.get("ran", bool(checks))),
            message=str(extra.get("message") or ""),
            stem=path.stem,
            written={str(k): float(v) for k, v in (extra.get("written") or {}).items()
                     if isinstance(v, (int, float))} if isinstance(extra.get("written"), dict)
            else {},
        ))
    roster = stored_roster(results_dir)
    for a in out.values():
        if roster is not None:
            _attach_roster(a, roster)
        _shorten(a)
    return out


def _attach_roster(a: AssignmentResults, roster: list) -> None:
    match = match_roster(roster, [(s.stem, s.file) for s in a.submissions])
    a.roster = True
    for s in a.submissions:
        student = match.by_result.get(s.stem)
        s.student = " ".join(x for x in (student.student_id, student.name) if x) if student else ""
        s.roster_note = match.note(s.stem)
    a.no_submission = [" ".join(x for x in (st.student_id, st.name, st.email) if x)
                       for st in match.no_submission]


# ---------------------------------------------------------------------------- analysis


@dataclass
class Failure:
    question: str
    check: str
    hidden: bool
    tags: tuple[str, ...]
    count: int
    example: str
    files: list[str]


def failure_key(check: dict) -> tuple:
    tags = tuple(sorted(str(t) for t in check.get("tags", [])))
    if tags:
        return (check.get("question"), check.get("name"), tags)
    return (check.get("question"), check.get("name"), _NUMBER.sub("#", check.get("message", "")))


def common_failures(a: AssignmentResults, top: int = TOP_FAILURES) -> list[Failure]:
    groups: dict[tuple, list[tuple[Submission, dict]]] = defaultdict(list)
    for s in a.ran:
        for c in s.checks:
            if not c.get("passed", False):
                groups[failure_key(c)].append((s, c))
    ranked = sorted(groups.values(), key=lambda g: (-len(g), str(failure_key(g[0][1]))))
    out = []
    for group in ranked[:top]:
        _, first = group[0]
        out.append(Failure(
            question=str(first.get("question", "")),
            check=str(first.get("name", "")),
            hidden=bool(first.get("hidden", False)),
            tags=tuple(sorted(str(t) for t in first.get("tags", []))),
            count=len(group),
            example=str(first.get("message", "")),
            files=sorted({s.file for s, _ in group}),
        ))
    return out


@dataclass
class QuestionStats:
    question: Question
    mean: float
    full: int
    partial: int
    zero: int
    checks: list[tuple[str, bool, int, int]]  # name, hidden, passed, total

    @property
    def mean_fraction(self) -> float:
        return self.mean / self.question.max_score if self.question.max_score else 1.0


def question_stats(a: AssignmentResults) -> list[QuestionStats]:
    graded = a.ran
    out = []
    for q in a.questions.values():
        scores = [s.questions.get(q.id, 0.0) for s in graded]
        full = sum(1 for x in scores if x >= q.max_score - 1e-9)
        zero = sum(1 for x in scores if x <= 1e-9 and q.max_score > 0)
        per_check: dict[str, list] = {}
        for s in graded:
            for c in s.checks:
                if c.get("question") == q.id:
                    entry = per_check.setdefault(str(c.get("name")), [bool(c.get("hidden")), 0, 0])
                    entry[1] += bool(c.get("passed"))
                    entry[2] += 1
        out.append(QuestionStats(
            q, statistics.fmean(scores) if scores else 0.0, full, len(scores) - full - zero,
            zero, [(name, h, p, n) for name, (h, p, n) in per_check.items()]))
    return out


def histogram(scores: list[float], max_score: float, bins: int = 10) -> list[int]:
    """Counts of scores in ``bins`` equal slices of [0, max]; full marks go in the last."""
    counts = [0] * bins
    for s in scores:
        frac = s / max_score if max_score else 0.0
        counts[min(bins - 1, max(0, int(frac * bins + 1e-9)))] += 1
    return counts


# ---------------------------------------------------------------------------- rendering

CSS = """
:root { --ok: #2e7d32; --part: #f9a825; --bad: #c62828; --ink: #1f2933; --muted: #616e7c;
        --line: #e4e7eb; --bg: #f7f9fb; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 8px; border-bottom: 2px solid var(--line);
     padding-bottom: 6px; }
h3 { font-size: 16px; margin: 26px 0 8px; }
.sub { color: var(--muted); margin: 0 0 18px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 14px 0 6px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px;
        min-width: 120px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 13px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; background: #fbfcfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.worst td { background: #fff4f4; }
.flag { color: #fff; background: var(--bad); border-radius: 10px; padding: 1px 8px;
        font-size: 12px; margin-left: 6px; white-space: nowrap; }
.bar { display: flex; height: 12px; width: 180px; border-radius: 3px; overflow: hidden;
       background: var(--line); margin-top: 4px; }
.bar i { display: block; height: 100%; }
.ok { background: var(--ok); } .part { background: var(--part); } .bad { background: var(--bad); }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
            margin: 0 4px 0 12px; vertical-align: baseline; }
.tag { display: inline-block; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace;
       background: #eef2f7; border: 1px solid #d9e0e8; border-radius: 4px; padding: 0 5px;
       margin: 1px 2px 1px 0; }
.vis { font-size: 12px; color: var(--muted); }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { white-space: pre-wrap; margin: 4px 0; background: #f6f8fa; border-radius: 4px;
      padding: 6px 8px; max-height: 9em; overflow: auto; }
details summary { cursor: pointer; color: var(--accent); }
.checks { margin: 6px 0 0; padding: 0; list-style: none; font-size: 13px; }
.checks li { display: flex; justify-content: space-between; gap: 12px;
             border-top: 1px dashed var(--line); padding: 3px 0; }
.muted { color: var(--muted); }
svg { max-width: 100%; height: auto; display: block; }
/* Narrow windows: text wraps anywhere, and a table still too wide scrolls inside its box. */
.scroll { overflow-x: auto; max-width: 100%; }
td, pre, p, .sub { overflow-wrap: break-word; }
td.num, th.num { overflow-wrap: normal; }
@media (max-width: 640px) {
  main { padding: 14px 10px 40px; }
  th, td { padding: 5px 6px; }
  .bar { width: 80px; }
  .card { min-width: 0; flex: 1 1 40%; }
}
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def histogram_svg(counts: list[int], max_score: float, width: int = 860,
                  height: int = 230) -> str:
    left, right, top, bottom = 36, 10, 16, 34
    w, h = width - left - right, height - top - bottom
    peak = max(counts) or 1
    bw = w / len(counts)
    parts = [f'<svg role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" '
             'aria-label="Histogram of total scores">']
    for i in range(0, peak + 1, max(1, peak // 4)):
        y = top + h - h * i / peak
        parts.append(f'<line x1="{left}" x2="{left + w}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#e4e7eb"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{i}</text>')
    n = len(counts)
    for i, c in enumerate(counts):
        x = left + i * bw
        bh = h * c / peak
        frac = (i + 0.5) / n
        colour = "#c62828" if frac < 0.5 else "#f9a825" if frac < 0.8 else "#2e7d32"
        lo, hi = max_score * i / n, max_score * (i + 1) / n
        label = f"{_fmt(lo)}–{_fmt(hi)} points: {c} submission(s)"
        parts.append(f'<rect x="{x + 2:.1f}" y="{top + h - bh:.1f}" width="{bw - 4:.1f}" '
                     f'height="{bh:.1f}" fill="{colour}" rx="2"><title>{_e(label)}</title></rect>')
        if c:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{top + h - bh - 4:.1f}" '
                         f'text-anchor="middle">{c}</text>')
        parts.append(f'<text x="{x + bw / 2:.1f}" y="{top + h + 16}" text-anchor="middle">'
                     f'{100 * i // n}–{100 * (i + 1) // n}%</text>')
    parts.append(f'<line x1="{left}" x2="{left + w}" y1="{top + h}" y2="{top + h}" '
                 'stroke="#616e7c"/>')
    parts.append(f'<text x="{left + w / 2:.1f}" y="{height - 2}" text-anchor="middle" '
                 f'fill="#616e7c">share of the {_fmt(max_score)} points</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bar(full: int, partial: int, zero: int) -> str:
    total = full + partial + zero or 1
    return ('<div class="bar">'
            + "".join(f'<i class="{cls}" style="width:{100 * n / total:.1f}%"></i>'
                      for cls, n in (("ok", full), ("part", partial), ("bad", zero)) if n)
            + "</div>")


def _check_name(name: str) -> str:
    return name.removeprefix("test_").replace("_", " ")


def _why(s: Submission) -> str:
    text = STATUS_TEXT.get(s.status, s.status)
    if s.message:
        return f'{_e(text)}<pre>{_e(s.message)}</pre>'
    return _e(text)


def render_assignment(a: AssignmentResults) -> str:
    graded = a.ran
    problems = [s for s in graded if s.status != GRADED]
    scores = [s.score for s in a.submissions]
    out = [f'<section id="{_e(a.name)}"><h2>{_e(a.title)} <span class="muted">({_e(a.name)})'
           "</span></h2>"]
    cards = [("submissions", str(len(a.submissions))), ("graded", str(len(graded)))]
    if problems:
        cards.append(("graded, with a problem", str(len(problems))))
    if scores:
        cards += [
            ("mean", f"{_fmt(statistics.fmean(scores))} / {_fmt(a.max_score)}"),
            ("median", f"{_fmt(statistics.median(scores))}"),
            ("full marks", str(sum(1 for x in scores if x >= a.max_score - 1e-9))),
        ]
    not_run = a.not_run
    if not_run:
        cards.append(("could not be run", str(len(not_run))))
    out.append('<div class="cards">' + "".join(
        f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for k, v in cards)
        + "</div>")

    out.append("<h3>Score distribution</h3>")
    out.append('<div class="panel">' + histogram_svg(histogram(scores, a.max_score), a.max_score)
               + '<p class="muted">Total scores of all submissions (those that could not be '
               "run count as 0). "
               "Written answers graded by hand are not included.</p></div>")

    stats = question_stats(a)
    worst = min(stats, key=lambda s: s.mean_fraction) if stats and graded else None
    out.append("<h3>Questions</h3>")
    out.append('<p class="legend muted">Of the graded submissions (every one whose checks '
               'ran, whatever its status), share with '
               '<i class="ok"></i>full marks<i class="part"></i>some points'
               '<i class="bad"></i>none. Open a question for each check\'s pass rate.</p>')
    out.append('<table><tr><th>question</th><th class="num">points</th>'
               '<th class="num">mean</th><th class="num">full marks</th><th></th></tr>')
    for st in stats:
        q = st.question
        flag = ('<span class="flag">weakest</span>'
                if worst is st and st.mean_fraction < 1 else "")
        checks = "".join(
            f'<li><span>{_e(_check_name(name))} <span class="vis">'
            f'{"hidden" if hidden else "public"}</span></span>'
            f'<span class="num">{passed}/{total} ({_pct(passed, total)})</span></li>'
            for name, hidden, passed, total in st.checks)
        out.append(
            f'<tr class="{"worst" if flag else ""}"><td><b>{_e(q.id)}</b> {_e(q.title)}{flag}'
            f'<details><summary>{len(st.checks)} checks</summary><ul class="checks">{checks}'
            f'</ul></details></td><td class="num">{_fmt(q.max_score)}</td>'
            f'<td class="num">{_fmt(st.mean)} ({_pct(st.mean, q.max_score)})</td>'
            f'<td class="num">{st.full}/{len(graded)} ({_pct(st.full, len(graded))})</td>'
            f"<td>{_bar(st.full, st.partial, st.zero)}</td></tr>")
    out.append("</table>")

    failures = common_failures(a)
    out.append("<h3>Most common failures</h3>")
    if not failures:
        out.append('<p class="muted">No check failed.</p>')
    else:
        out.append('<table><tr><th class="num">count</th><th>question · check</th>'
                   "<th>diagnosis</th><th>example message</th></tr>")
        for f in failures:
            tags = "".join(f'<span class="tag">{_e(t)}</span>' for t in f.tags) or (
                '<span class="muted">no tag</span>')
            who = ", ".join(f.files[:EXAMPLES]) + (
                f" and {len(f.files) - EXAMPLES} more" if len(f.files) > EXAMPLES else "")
            out.append(
                f'<tr><td class="num"><b>{f.count}</b><br><span class="muted">'
                f"{_pct(f.count, len(graded))}</span></td>"
                f"<td><b>{_e(f.question)}</b> · {_e(_check_name(f.check))} "
                f'<span class="vis">{"hidden" if f.hidden else "public"}</span></td>'
                f"<td>{tags}</td><td><pre>{_e(f.example)}</pre>"
                f'<span class="muted">{_e(who)}</span></td></tr>')
        out.append("</table>")

    if problems:
        out.append("<h3>Graded, with a problem to report</h3>"
                   '<p class="muted">Their checks ran: their scores count above.</p>'
                   '<table><tr><th>submission</th><th class="num">score</th><th>problem</th>'
                   "</tr>")
        for s in sorted(problems, key=lambda s: (s.status, s.file)):
            out.append(f'<tr><td>{_e(s.file)}</td><td class="num">{_fmt(s.score)}</td>'
                       f'<td><span class="tag">{_e(s.status)}</span> {_why(s)}</td></tr>')
        out.append("</table>")
    if not_run:
        out.append("<h3>Could not be run</h3>"
                   '<p class="muted">No check ran on these: they score 0 and are left out of '
                   "the question statistics and the failures.</p>"
                   "<table><tr><th>submission</th><th>why</th></tr>")
        for s in not_run:
            out.append(f'<tr><td>{_e(s.file)}</td><td><span class="tag">{_e(s.status)}</span> '
                       f"{_why(s)}</td></tr>")
        out.append("</table>")

    if a.roster:
        out.append("<h3>Roster</h3>")
        strangers = [s.file for s in a.submissions if s.roster_note == "not in the roster"]
        if not a.no_submission and not strangers:
            out.append('<p class="muted">Every student of the roster has a submission, and '
                       "every submission is in the roster.</p>")
        if a.no_submission:
            out.append(f"<p>{len(a.no_submission)} student(s) with no submission: "
                       f"{_e(', '.join(a.no_submission))}</p>")
        if strangers:
            out.append(f"<p>{len(strangers)} submission(s) not in the roster: "
                       f"{_e(', '.join(strangers))}</p>")

    qids = list(a.questions)
    has_written = any(s.written for s in a.submissions)
    out.append(f"<h3>Submissions</h3><details><summary>All {len(a.submissions)} submissions, "
               "lowest score first</summary><table><tr><th>submission</th>"
               + ("<th>student</th>" if a.roster else "") + '<th class="num">total</th>'
               + "".join(f'<th class="num">{_e(q)}</th>' for q in qids)
               + ('<th class="num">written</th>' if has_written else "")
               + "<th>status</th></tr>")
    for s in sorted(a.submissions, key=lambda s: (s.score, s.file)):
        cells = "".join(f'<td class="num">{_fmt(s.questions.get(q, 0.0))}</td>' for q in qids)
        if has_written:
            cells += f'<td class="num">{_fmt(sum(s.written.values())) if s.written else ""}</td>'
        who = ""
        if a.roster:
            who = f"<td>{_e(s.student or s.roster_note)}</td>"
        out.append(f'<tr><td>{_e(s.file)}</td>{who}<td class="num">{_fmt(s.score)}</td>{cells}'
                   f"<td>{_e(s.status)}</td></tr>")
    out.append("</table></details></section>")
    return "\n".join(out)


def scrollable(page: str) -> str:
    """Each table in a box that scrolls sideways when the window is too narrow for it (every
    string from a result is escaped, so ``<table>`` here is always the page's own)."""
    return page.replace("<table>", '<div class="scroll"><table>').replace(
        "</table>", "</table></div>")


def render(results: dict[str, AssignmentResults], source: str,
           similarity: str | None = None) -> str:
    """The page; ``similarity`` is the link (relative to the page) to the folder's
    ``similarity.html`` (``autograder similarity``), if any."""
    names = ", ".join(results)
    body = scrollable("\n".join(render_assignment(a) for a in results.values()))
    link = (f' · <a href="{_e(quote(similarity))}">code similarity</a>' if similarity
            else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Grading report: {_e(names)}</title><style>{CSS}</style></head><body><main>"
        f"<h1>Grading report</h1><p class=\"sub\">{_e(source)} · "
        f"{sum(len(a.submissions) for a in results.values())} result(s){link}</p>"
        f"{body}</main></body></html>\n"
    )


def write_report(results_dir: Path, output: Path | None = None) -> Path:
    """Write the report of ``results_dir`` (default ``results_dir/report.html``); return its
    path. Raises ValueError when the folder holds no result of ``autograder grade``."""
    results_dir = Path(results_dir)
    if not results_dir.is_dir():
        raise ValueError(f"{results_dir}: not a folder")
    results = load_results(results_dir)
    if not results:
        raise ValueError(f"{results_dir}: no results of `autograder grade` (<stem>.json) found")
    output = Path(output) if output is not None else results_dir / "report.html"
    output.parent.mkdir(parents=True, exist_ok=True)
    similarity = results_dir / "similarity.html"
    link = (Path(os.path.relpath(similarity, output.parent)).as_posix() if similarity.is_file()
            else None)
    output.write_text(render(results, str(results_dir), link), encoding="utf-8")
    return output
