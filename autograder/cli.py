"""The ``autograder`` command: build, grade, validate, report, bench."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from autograder.course import Course, CourseError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Build, grade and validate the course's numeric ML assignments.",
)
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        from autograder import __version__

        out.print(f"autograder {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="print the version and exit")] = False,
) -> None:
    """Build, grade and validate the course's numeric ML assignments."""


def _fail(message: str) -> NoReturn:
    """Print an error for the user and exit with status 2 (a usage or input problem)."""
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _course() -> Course:
    try:
        return Course.find()
    except CourseError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _names(course: Course, names: list[str] | None) -> list[str]:
    names = names or course.names()
    unknown = [n for n in names if n not in course.names()]
    if unknown:
        console.print(f"[red]error:[/red] unknown assignment(s) {', '.join(unknown)}; the course "
                      f"has: {', '.join(course.names())}")
        raise typer.Exit(2)
    return names


@app.command()
def build(
    names: Annotated[list[str] | None, typer.Argument(help="assignments (default: all)")] = None,
    check: Annotated[bool, typer.Option("--check", help="only report stale files")] = False,
) -> None:
    """Regenerate release/, source/, dist/ and samples/ from each assignment's single source."""
    from autograder.build.pipeline import build_assignments

    course = _course()
    names = _names(course, names)
    try:
        stale = build_assignments(course, names, check_only=check, log=console.print)
    except CourseError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if check:
        if stale:
            console.print("[red]stale generated files[/red] (run `autograder build`):")
            for p in stale:
                console.print(f"  {p}")
            raise typer.Exit(1)
        console.print("generated files are fresh")


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="the new assignment's name (e.g. logistic)")],
    title: Annotated[str | None, typer.Option("--title", help="its title")] = None,
) -> None:
    """Scaffold a new assignment that builds and validates at once (see docs/authoring.md)."""
    from autograder.scaffold import new_assignment

    course = _course()
    try:
        written = new_assignment(course, name, title)
    except CourseError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    for path in written:
        console.print(f"wrote {path.relative_to(course.root)}")
    console.print(f"next: `autograder build {name}` and `autograder validate {name}`; then "
                  "replace the example (docs/authoring.md)")


@app.command()
def grade(
    name: Annotated[str, typer.Argument(help="the assignment")],
    paths: Annotated[list[Path], typer.Argument(
        help=".ipynb/.py files, zips written by grader.export(), or folders of them")],
    out_dir: Annotated[Path, typer.Option("--out", help="folder for results")] = Path("results"),
    workers: Annotated[int, typer.Option("--workers", min=1, help="parallel graders")] = 2,
    timeout: Annotated[float, typer.Option("--timeout", help="wall seconds per submission")] = 60.0,
    call_timeout: Annotated[float, typer.Option(
        "--call-timeout", help="seconds for one call of a student's function")] = 20.0,
    load_timeout: Annotated[float, typer.Option(
        "--load-timeout", help="seconds to run a notebook's cells")] = 30.0,
    memory: Annotated[int, typer.Option("--memory-mib", help="memory per submission")] = 2048,
    regrade: Annotated[bool, typer.Option("--regrade", help="grade again (same seeds)")] = False,
    new_seeds: Annotated[bool, typer.Option("--new-seeds", help="draw fresh seeds")] = False,
    seed: Annotated[str | None, typer.Option(
        "--seed", envvar="AUTOGRADER_SEED", show_envvar=True,
        help="one fixed seed for every submission (the Otter plugin and nbgrader's grade cells "
             "honour $AUTOGRADER_SEED too); default: a fresh unpredictable seed each")] = None,
    sandbox: Annotated[str | None, typer.Option("--sandbox",
                                                help="bwrap, landlock or rlimits")] = None,
    roster_file: Annotated[Path | None, typer.Option(
        "--roster", help="CSV of the class (student_id, name, email, file columns): carried "
                         "into grades.csv and the report; kept as OUT/roster.csv")] = None,
) -> None:
    """Grade submissions into OUT/<stem>.json (Gradescope format) and OUT/grades.csv."""
    import signal

    from autograder.grading import batch
    from autograder.grading.results import grades_csv, write_text_atomic
    from autograder.grading.roster import (
        ROSTER_FILE,
        RosterError,
        read_roster,
        stored_roster,
        write_roster,
    )
    from autograder.sandbox.modes import Limits, detect
    from autograder.sandbox.proxy import sweep_stale_work
    from autograder.seeds import parse_seed

    course = _course()
    _names(course, [name])
    assignment = course.assignment(name)
    try:
        _ = assignment.checks
        mode = detect(sandbox)
        fixed_seed = parse_seed(seed) if seed not in (None, "") else None
        # A roster given now, else the one kept from an earlier run (checked before grading).
        roster = (read_roster(roster_file) if roster_file is not None
                  else stored_roster(out_dir) if out_dir.is_dir() else None)
    except (CourseError, ValueError, RuntimeError, RosterError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    missing = [p for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]error:[/red] {', '.join(map(str, missing))}: no such file or folder")
        raise typer.Exit(2)
    files = batch.discover(paths)
    if not files:
        console.print(f"[red]error:[/red] no .ipynb, .py or .zip submissions found in "
                      f"{', '.join(map(str, paths))}")
        raise typer.Exit(2)
    style = "yellow" if mode.name == "rlimits" else "green"
    console.print(f"[{style}]{mode.describe()}[/{style}]")
    limits = Limits(wall_seconds=timeout, memory_bytes=memory << 20,
                    load_seconds=min(load_timeout, timeout),
                    call_seconds=min(call_timeout, timeout))
    out_dir.mkdir(parents=True, exist_ok=True)
    if roster is not None:
        write_roster(roster, out_dir / ROSTER_FILE)
    # What a grader killed earlier left behind: half-written results, sandbox work folders.
    batch.sweep_partial_writes(out_dir)
    sweep_stale_work()
    if fixed_seed is not None:
        console.print(f"every submission is graded with seed {fixed_seed}")
    jobs, done = batch.plan(files, out_dir, name, regrade=regrade, fresh_seed=new_seeds,
                            seed=fixed_seed)
    if done:
        console.print(f"{len(done)} submission(s) already graded in {out_dir} (unchanged files); "
                      "use --regrade to grade them again")
    start = time.monotonic()
    results = list(done)

    def _terminated(signum, frame):
        raise KeyboardInterrupt  # `kill <grader>` stops the batch like Ctrl-C

    signal.signal(signal.SIGTERM, _terminated)
    try:
        with Progress(
            TextColumn("[bold]grading {task.fields[assignment]}"), BarColumn(),
            MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=console, transient=False,
        ) as progress:
            task = progress.add_task("grade", total=len(jobs), assignment=name)

            def on_done(d: batch.Done) -> None:
                results.append(d)
                progress.advance(task)

            batch.run(course.root, name, jobs, workers=workers, mode_name=mode.name,
                      limits=limits, on_done=on_done)
    except KeyboardInterrupt:
        console.print(f"[yellow]interrupted[/yellow]: {len(results)} of {len(files)} graded; "
                      "run the same command again to resume.")
        raise typer.Exit(130) from None
    finally:
        write_text_atomic(out_dir / "grades.csv", grades_csv(out_dir, assignment))
    _summary(results, assignment, time.monotonic() - start, out_dir)
    _roster_summary(out_dir, assignment)
    if any(r.status == "grader_error" for r in results):
        raise typer.Exit(1)


def _summary(results, assignment, seconds: float, out_dir: Path) -> None:
    table = Table(title=f"{assignment.name}: {len(results)} submission(s)")
    table.add_column("submission")
    table.add_column("score", justify="right")
    table.add_column("%", justify="right")
    table.add_column("status")
    for r in sorted(results, key=lambda r: r.display)[:60]:
        pct = 100 * r.score / r.max_score if r.max_score else 0
        table.add_row(Path(r.display).name, f"{r.score:g} / {r.max_score:g}", f"{pct:.0f}",
                      r.status if r.status == "graded" else f"[yellow]{r.status}[/yellow]")
    if len(results) > 60:
        table.add_row(f"... {len(results) - 60} more in grades.csv", "", "", "")
    out.print(table)
    graded = [r for r in results if not r.skipped]
    if graded:
        per = seconds / len(graded)
        console.print(f"graded {len(graded)} in {seconds:.1f} s ({per:.2f} s per submission); "
                      f"results in {out_dir}/, grades in {out_dir / 'grades.csv'}")


def _roster_summary(out_dir: Path, assignment) -> None:
    """Who the roster (``grade --roster`` now or earlier) has no submission for, and which
    submissions it does not know."""
    import csv

    from autograder.grading.roster import ROSTER_FILE

    if not (out_dir / ROSTER_FILE).is_file():
        return
    rows = list(csv.DictReader((out_dir / "grades.csv").open(encoding="utf-8")))
    for note, what in (("no submission", "roster student(s) without a submission"),
                       ("not in the roster", "submission(s) not in the roster")):
        hits = [r["student_id"] or r["file"] if note == "no submission" else r["file"]
                for r in rows if r.get("roster") == note]
        if hits:
            shown = ", ".join(hits[:10]) + (f" and {len(hits) - 10} more" if len(hits) > 10
                                            else "")
            console.print(f"[yellow]{len(hits)} {what}[/yellow]: {shown}")


@app.command()
def validate(
    names: Annotated[list[str] | None, typer.Argument(help="assignments (default: all)")] = None,
    seeds: Annotated[int, typer.Option("--seeds", help="random seeds per check")] = 3,
    skip_notebooks: Annotated[bool, typer.Option("--skip-notebooks",
                                                 help="do not execute notebooks")] = False,
    details: Annotated[Path | None, typer.Option(
        "--details", help="Markdown file for each catalogued mistake's score and feedback "
                          "(default artifacts/validate-details.md)")] = None,
) -> None:
    """Prove the reference earns 100%, the stubs 0, nothing leaks, generated files are fresh."""
    from autograder.validate import validate_assignments
    from autograder.validate_output import quiet_kernel_notices

    course = _course()
    names = _names(course, names)
    with quiet_kernel_notices():  # the Jupyter kernels' start-up notices
        ok = validate_assignments(course, names, seeds=seeds, run_notebooks=not skip_notebooks,
                                  console=out, details=details)
    if not ok:
        raise typer.Exit(1)


@app.command()
def report(
    results_dir: Annotated[Path, typer.Argument(help="a folder written by `autograder grade`")],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Write a self-contained HTML report of a graded folder."""
    from autograder.report import write_report

    try:
        path = write_report(results_dir, output)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    console.print(f"wrote {path}")


@app.command()
def similarity(
    name: Annotated[str, typer.Argument(help="the assignment")],
    paths: Annotated[list[Path], typer.Argument(
        help=".ipynb/.py files, zips written by grader.export(), or folders of them")],
    output: Annotated[Path, typer.Option(
        "--out", help="the HTML page; the CSV goes beside it (FILE with .csv)")] = Path(
        "results/similarity.html"),
    common: Annotated[int, typer.Option(
        "--common", min=0, help="code found in more than N submissions is common and does "
                                "not count (MOSS's -m); 0 counts everything")] = 10,
    threshold: Annotated[float, typer.Option(
        "--threshold", min=0.0, max=1.0,
        help="the CSV lists the pairs where this share of one submission's own code is "
             "found in the other")] = 0.1,
) -> None:
    """Rank pairs of submissions by the code of their own they share (read, never run)."""
    from autograder.grading.roster import RosterError
    from autograder.similarity import csv_path, write_similarity

    course = _course()
    _names(course, [name])
    try:
        analysis = write_similarity(course.assignment(name), paths, output, common=common,
                                    threshold=threshold)
    except (OSError, ValueError, CourseError, RosterError) as exc:
        _fail(str(exc))
    flagged = analysis.flagged
    console.print(f"compared {len(analysis.entries)} submission(s) in {analysis.seconds:.1f} s: "
                  f"{len(analysis.pairs)} pair(s) share code of their own, {len(flagged)} at "
                  f"{analysis.threshold:.0%} or more")
    for p in flagged[:5]:
        console.print(f"  {p.a.label} · {p.b.label}: {p.similarity_a:.0%} / "
                      f"{p.similarity_b:.0%}, {p.shared} shared", markup=False)
    console.print(f"wrote {output} and {csv_path(output)}", markup=False)


@app.command()
def feedback(
    results_dir: Annotated[Path, typer.Argument(help="a folder written by `autograder grade`")],
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="folder for the pages (default RESULTS_DIR/feedback)")] = None,
) -> None:
    """Write one self-contained HTML feedback page per submission, for its student."""
    from autograder.feedback_pages import write_feedback

    try:
        pages = write_feedback(results_dir, out_dir)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    console.print(f"wrote {len(pages)} page(s) in {pages[0].parent}")


@app.command("merge-written")
def merge_written(
    name: Annotated[str, typer.Argument(help="the assignment")],
    results_dir: Annotated[Path, typer.Argument(help="a folder written by `autograder grade`")],
    scores: Annotated[Path, typer.Argument(
        help="CSV: a file or student_id column, and w1, w2, ... (the written questions)")],
) -> None:
    """Merge hand-graded written scores into the results and grades.csv (checked first)."""
    from autograder.grading.roster import RosterError
    from autograder.grading.written import merge_written as merge

    course = _course()
    _names(course, [name])
    assignment = course.assignment(name)
    if not assignment.written:
        _fail(f"{name} has no written questions")
    if not results_dir.is_dir():
        _fail(f"{results_dir}: not a folder")
    try:
        summary = merge(assignment, results_dir, scores)
    except (RosterError, CourseError) as exc:
        _fail(f"{exc} (nothing was changed)")
    console.print(f"written scores for {summary.rows} submission(s), {summary.changed} "
                  f"changed; {results_dir / 'grades.csv'} updated")


@app.command()
def bench(
    names: Annotated[list[str] | None, typer.Argument(help="assignments (default: all)")] = None,
    copies: Annotated[int, typer.Option("--copies", help="submissions per assignment")] = 40,
    otter_n: Annotated[int, typer.Option("--otter", help="submissions for otter run")] = 4,
    nbgrader_n: Annotated[int, typer.Option("--nbgrader", help="submissions for nbgrader")] = 8,
    workers: Annotated[int, typer.Option("--workers", min=1)] = 2,
    batch: Annotated[int, typer.Option(
        "--batch", help="size of each assignment's big batch (0: skip)")] = 200,
    validate: Annotated[bool, typer.Option("--validate/--no-validate",
                                           help="time `autograder validate` too")] = True,
) -> None:
    """Time autograder grade against otter run, nbgrader autograde and a bare interpreter."""
    course = _course()
    names = _names(course, names)
    run_bench = _benchmarks(course).run_bench
    table = run_bench(course, names, copies=copies, otter_n=otter_n, nbgrader_n=nbgrader_n,
                      workers=workers, batch=batch, validate=validate,
                      log=lambda m: console.print(f"[dim]{m}"))
    out.print(table, markup=False, highlight=False)


def _benchmarks(course: Course):
    """The course's ``benchmarks/bench.py`` (a script of the repository, not of the package)."""
    import importlib.util

    path = course.root / "benchmarks" / "bench.py"
    if not path.is_file():
        console.print(f"[red]error:[/red] {path} is missing: `autograder bench` runs from a "
                      "checkout of the course repository")
        raise typer.Exit(2)
    spec = importlib.util.spec_from_file_location("agbench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


def main() -> None:
    app(prog_name="autograder")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
