"""``autograder feedback DIR``: one self-contained HTML page per submission, for its student.

Each page shows the total, each question's score with every check's result and message, what
stopped the submission if it could not be run, and the written answers' scores once
``merge-written`` has stored them. Like the report it fetches nothing (inline CSS, no script)
and HTML-escapes every string that came from a result. It shows only what the result holds:
hidden checks' messages there never contain an expected value or a hidden input (the checks
write them that way), so the pages do not either.
"""

from __future__ import annotations

from pathlib import Path

from autograder.grading.results import GRADED, STATUS_TEXT, read_result
from autograder.grading.roster import match_roster, stored_roster
from autograder.report import CSS, _check_name, _e, _fmt, _title

PAGE_CSS = CSS + """
main { max-width: 860px; }
.q { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px;
     margin: 12px 0; }
.q h3 { margin: 2px 0 6px; display: flex; justify-content: space-between; gap: 12px; }
.q ul { list-style: none; margin: 0; padding: 0; }
.q li { border-top: 1px dashed var(--line); padding: 6px 0; }
.pass { color: var(--ok); font-weight: 700; } .fail { color: var(--bad); font-weight: 700; }
.note { background: #fff8e1; border: 1px solid #f3d27a; border-radius: 8px; padding: 8px 14px; }
"""


def _check_item(c: dict) -> str:
    mark = '<span class="pass">✓</span>' if c.get("passed") else '<span class="fail">✗</span>'
    points = float(c.get("points", 0))
    title = c.get("title") or _check_name(str(c.get("name", "")))
    vis = "hidden" if c.get("hidden") else "public"
    line = (f'<li>{mark} {_e(title)} <span class="vis">{vis}, {_fmt(points)} '
            f'pt{"" if points == 1 else "s"}</span>')
    if not c.get("passed") and c.get("message"):
        line += f"<pre>{_e(c['message'])}</pre>"
    return line + "</li>"


def render_page(data: dict, student: str = "") -> str:
    """The page of one result (Gradescope format with ``extra_data``, as grade writes it)."""
    extra = data["extra_data"]
    name = str(extra.get("assignment", ""))
    title = f"{_title(data, name)} ({name})"
    score, max_score = float(data.get("score", 0)), float(extra.get("max_score", 0))
    status = str(extra.get("status", ""))
    checks = [c for c in extra.get("checks", []) if isinstance(c, dict)]
    written = extra.get("written") if isinstance(extra.get("written"), dict) else {}
    written_points = extra.get("written_points") or {}
    out = [f"<h1>{_e(title)}</h1>",
           f'<p class="sub">{_e(student + " · " if student else "")}{_e(extra.get("file", ""))}'
           "</p>"]
    cards = [("code questions", f"{_fmt(score)} / {_fmt(max_score)}")]
    if written:
        w_max = sum(float(written_points.get(w, 0)) for w in written_points) or None
        w_sum = sum(float(v) for v in written.values())
        cards.append(("written answers", f"{_fmt(w_sum)}" + (f" / {_fmt(w_max)}" if w_max
                                                               else "")))
        if set(written) >= set(written_points):
            total_max = max_score + sum(float(v) for v in written_points.values())
            cards.append(("total", f"{_fmt(score + w_sum)} / {_fmt(total_max)}"))
    out.append('<div class="cards">' + "".join(
        f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for k, v in cards)
        + "</div>")
    message = str(extra.get("message") or "")
    ran = bool(extra.get("ran", bool(checks)))
    if not ran:
        why = message or STATUS_TEXT.get(status, status)
        out.append(f'<p class="note"><b>Not graded:</b> {_e(why)}</p>')
    elif status != GRADED and message:
        out.append(f'<p class="note"><b>{_e(STATUS_TEXT.get(status, status))}:</b> '
                   f"{_e(message)}</p>")
    for t in data.get("tests", []):
        qid = str(t.get("number", ""))
        mine = [c for c in checks if str(c.get("question")) == qid]
        items = "".join(_check_item(c) for c in mine)
        out.append(f'<section class="q"><h3><span>{_e(t.get("name", qid))}</span>'
                   f'<span class="num">{_fmt(float(t.get("score", 0)))} / '
                   f'{_fmt(float(t.get("max_score", 0)))}</span></h3>'
                   + (f"<ul>{items}</ul>" if items else '<p class="muted">No check ran.</p>')
                   + "</section>")
    if written_points:
        rows = "".join(
            f"<li>{_e(w)}: " + (f"{_fmt(float(written[w]))} / {_fmt(float(p))}" if w in written
                                else f"graded by hand, not yet recorded ({_fmt(float(p))} pts)")
            + "</li>" for w, p in written_points.items())
        out.append(f'<section class="q"><h3>Written answers</h3><ul>{rows}</ul></section>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Feedback: {_e(title)}</title><style>{PAGE_CSS}</style></head><body><main>"
            + "\n".join(out) + "</main></body></html>\n")


def write_feedback(results_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """One ``<stem>.html`` per result of ``results_dir`` in ``out_dir`` (default
    ``results_dir/feedback``); returns the pages. Raises ValueError when there is no result."""
    results_dir = Path(results_dir)
    if not results_dir.is_dir():
        raise ValueError(f"{results_dir}: not a folder")
    out_dir = Path(out_dir) if out_dir is not None else results_dir / "feedback"
    found = [(p.stem, d) for p in sorted(results_dir.glob("*.json"))
             if (d := read_result(p)) is not None and "assignment" in d["extra_data"]]
    if not found:
        raise ValueError(f"{results_dir}: no results of `autograder grade` (<stem>.json) found")
    roster = stored_roster(results_dir)
    match = match_roster(roster, [(stem, str(d["extra_data"].get("file", stem)))
                                  for stem, d in found]) if roster else None
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for stem, data in found:
        s = match.by_result.get(stem) if match else None
        student = " ".join(x for x in (s.name, s.student_id) if x) if s else ""
        page = out_dir / f"{stem}.html"
        page.write_text(render_page(data, student), encoding="utf-8")
        pages.append(page)
    return pages
