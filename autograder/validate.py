"""``autograder validate``: what CI must prove about each assignment.

1. Generated files are fresh (``autograder build --check``).
2. Every question has public and hidden checks.
3. The reference earns every point of every check: in-process with several random seeds, and
   as a notebook and a ``.py`` file through the sandboxed grader.
4. The blank stub earns nothing, through the sandboxed grader; the hollow submission and the
   constant submissions (see :mod:`autograder.derived`) earn nothing on any question.
5. No solution line, hidden check or model answer appears in any student artifact.
6. The reference notebook runs top to bottom in a Jupyter kernel, and every public check in it
   passes (``grader.check``).
7. Every entry of the mistake catalogue loses points on its question, and the feedback names
   the cause for at least 80% of the entries (the diagnosis rate).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.build import public_bundle
from autograder.build.pipeline import build_assignments, validate_checks
from autograder.build.source import read_solution, solution_lines, strip_markers
from autograder.catalogue import Mistake, apply, load_catalogue
from autograder.course import Assignment, Course, CourseError
from autograder.testing.local import LocalSubmission
from autograder.testing.runner import CheckResult, run_check

DIAGNOSIS_TARGET = 0.8


@dataclass
class Report:
    name: str
    failures: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    catalogue: list[tuple[Mistake, float, float, bool, str]] = field(default_factory=list)

    def ok(self, what: str) -> None:
        self.passed.append(what)

    def fail(self, what: str) -> None:
        self.failures.append(what)


def cause_matches(cause: str, tags) -> bool:
    return any(t == cause or t.startswith(cause + ":") or (cause.endswith(":") and
               t.startswith(cause)) for t in tags)


def module_namespace(source: str, label: str) -> dict:
    namespace: dict = {"__name__": label}
    exec(compile(source, label, "exec"), namespace)  # noqa: S102 - trusted course code
    return namespace


def run_in_process(a: Assignment, source: str, label: str, seed: int,
                   question: str | None = None) -> list[CheckResult]:
    """Every check (or only ``question``'s) against ``source``, in this process."""
    sub = LocalSubmission(module_namespace(source, label), a.contract)
    return [run_check(c, sub, seed) for c in a.checks
            if question is None or c.info.question == question]


def evaluate_mistake(a: Assignment, reference_source: str, m: Mistake, seed: int):
    """(score on its question, max, names the cause?, first failing message)."""
    mine = run_in_process(a, apply(reference_source, m), f"<mistake {m.id}>", seed, m.question)
    score = sum(r.score for r in mine)
    failing = [r for r in mine if not r.passed]
    tags = [t for r in failing for t in r.tags]
    named = any(cause_matches(c, tags) for c in m.cause)
    message = failing[0].message if failing else ""
    return score, a.points(m.question), named, message


def check_reference_and_catalogue(a: Assignment, report: Report, seeds: list[int]) -> None:
    sol = read_solution(a)
    reference = strip_markers(sol.text)
    for seed in seeds:
        results = run_in_process(a, reference, "<reference>", seed)
        bad = [r for r in results if not r.passed]
        if bad:
            for r in bad:
                report.fail(f"reference fails {r.info.name} (seed {seed}): {r.message}"
                            + (f"\n{r.internal_error}" if r.internal_error else ""))
        else:
            report.ok(f"reference earns {a.max_points:g}/{a.max_points:g} (seed {seed})")
    for m in load_catalogue(a):
        score, max_score, named, message = evaluate_mistake(a, reference, m, seeds[0])
        report.catalogue.append((m, score, max_score, named, message))
        if score >= max_score:
            report.fail(f"mistake {m.id} ({m.description}) keeps all {max_score:g} points of "
                        f"{m.question}: the checks do not catch it")


def check_derived(a: Assignment, report: Report, seed: int) -> None:
    """Hollow and constant submissions score 0 on every question: a point means a right
    answer."""
    from autograder.derived import derived_submissions

    for label, sub in derived_submissions(a.reference):
        results = [run_check(c, sub, seed) for c in a.checks]
        passing = [f"{r.info.question} {r.info.name}" for r in results if r.passed]
        if passing:
            report.fail(f"the {label} submission earns points: " + "; ".join(passing))
        else:
            report.ok(f"the {label} submission earns 0 on every question")


def check_sandboxed(a: Assignment, report: Report, seed: int) -> None:
    from autograder.grading.grade import grade_file
    from autograder.sandbox.modes import detect

    mode = detect()
    samples = a.root / "samples" / a.name
    for sample in ("reference.ipynb", "reference-script.py"):
        o = grade_file(a, samples / sample, seed=seed, mode=mode)
        if o.score == a.max_points:
            report.ok(f"{sample} earns full marks through the sandbox ({mode.name})")
        else:
            lost = [f"{r.info.name}: {r.message}" for r in o.checks if not r.passed]
            report.fail(f"{sample} scores {o.score:g}/{a.max_points:g} through the sandbox "
                        f"({o.status}; {o.message}) " + "; ".join(lost[:5]))
    o = grade_file(a, samples / "stub.ipynb", seed=seed, mode=mode)
    passing = [r.info.name for r in o.checks if r.passed]
    if o.status == "graded" and not passing:
        report.ok("the blank stub earns 0 through the sandbox")
    else:
        report.fail(f"the blank stub earns points ({o.status}): {passing}")


def artifact_lines(path: Path) -> set[str]:
    """Every stripped line a student can read in ``path``: notebook cells and outputs, a
    file's text, and the text inside its string constants (the public bundle embeds sources)."""
    import ast
    import json

    text = path.read_text(errors="replace")
    chunks = [text]
    if path.suffix == ".ipynb":
        nb = json.loads(text)
        for cell in nb.get("cells", []):
            src = cell.get("source", "")
            chunks.append("".join(src) if isinstance(src, list) else src)
            for out in cell.get("outputs", []):
                chunks.append(json.dumps(out))
        chunks.append(json.dumps(nb.get("metadata", {})))
    elif path.suffix == ".py":
        try:
            tree = ast.parse(text)
        except SyntaxError:  # its text lines are still searched
            tree = ast.Module(body=[], type_ignores=[])
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                chunks.append(node.value)
    return {ln.strip() for chunk in chunks for ln in chunk.splitlines() if ln.strip()}


def hidden_check_lines(a: Assignment) -> set[str]:
    """Code lines of hidden checks that no public check or library module also contains.

    A check's docstring is not among them: its first paragraph is the check's title, which
    students read next to its result once grades are published.
    """
    import ast
    import inspect
    import textwrap

    allowed = set()
    for src in public_bundle.public_modules(a).values():
        allowed.update(ln.strip() for ln in src.splitlines())
    for name, pkg in public_bundle.LIBRARY:
        allowed.update(ln.strip() for ln in public_bundle.library_source(name, pkg).splitlines())
    hidden = set()
    for check in a.checks:
        if check.info.hidden:
            source = textwrap.dedent(inspect.getsource(check.func))
            lines = source.splitlines()
            doc = set()
            body = ast.parse(source).body[0].body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                doc = set(range(body[0].lineno - 1, body[0].end_lineno))
            for i, ln in enumerate(lines):
                s = ln.strip()
                if i not in doc and len(s) >= 20 and not s.startswith("#") and s not in allowed:
                    hidden.add(s)
    return hidden


def check_leaks(a: Assignment, report: Report) -> None:
    sol = read_solution(a)
    secrets = {line: "a solution line" for line in solution_lines(sol)}
    for w, text in sol.written.items():
        for line in text.splitlines():
            if len(line.strip()) >= 24:
                secrets[line.strip()] = f"the model answer to {w}"
    for line in hidden_check_lines(a):
        secrets.setdefault(line, "a hidden check")
    artifacts = [p for p in (a.root / "release" / a.name).rglob("*") if p.is_file()]
    artifacts.append(a.root / "samples" / a.name / "stub.ipynb")
    leaks = []
    for path in artifacts:
        lines = artifact_lines(path)
        for secret, what in secrets.items():
            if secret in lines:
                leaks.append(f"{path.relative_to(a.root)} contains {what}: {secret[:70]!r}")
    if leaks:
        for leak in leaks[:20]:
            report.fail(leak)
    else:
        report.ok(f"no solution line, hidden check or model answer in {len(artifacts)} student "
                  f"artifact(s) ({len(secrets)} secret lines looked for)")


def check_notebook_runs(a: Assignment, report: Report) -> None:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    samples = a.root / "samples" / a.name
    with tempfile.TemporaryDirectory(prefix=f"ag-validate-{a.name}-") as tmp:
        work = Path(tmp)
        nb_path = work / f"{a.name}.ipynb"
        shutil.copyfile(samples / "reference.ipynb", nb_path)
        for extra in (a.root / "release" / a.name).iterdir():
            if extra.suffix != ".ipynb" and extra.is_file():
                shutil.copyfile(extra, work / extra.name)
        nb = nbformat.read(nb_path, as_version=4)
        start = time.monotonic()
        try:
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": str(work)}}).execute()
        except CellExecutionError as exc:
            report.fail(f"the reference notebook does not run top to bottom: {str(exc)[:800]}")
            return
        failed_checks = []
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
            if not grade_id.startswith("check-"):
                continue
            text = "".join(
                str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", ""))
                for o in cell.get("outputs", [])
            )
            if "passed" not in text or "failed" in text.lower():
                failed_checks.append(f"{grade_id}: {text[:300]}")
        if failed_checks:
            report.fail("public checks fail in the executed reference notebook: "
                        + "; ".join(failed_checks))
        else:
            report.ok(f"the reference notebook runs top to bottom with every grader.check "
                      f"passing ({time.monotonic() - start:.1f} s)")


def validate_assignments(course: Course, names: list[str], *, seeds: int = 3,
                         run_notebooks: bool = True, console: Console | None = None,
                         details: Path | None = None) -> bool:
    """Validate ``names``; print a short summary per assignment (see validate_output.py) and
    write the catalogue's details to ``details`` (default ``artifacts/validate-details.md``)."""
    import secrets as _secrets

    from autograder.grading.grade import single_threaded_oracles
    from autograder.validate_output import print_summary, write_details

    single_threaded_oracles()
    console = console or Console()
    stale = build_assignments(course, names, check_only=True)
    all_ok = True
    if stale:
        all_ok = False
        console.print("[red]✗ stale generated files[/red] (run `autograder build`): "
                      + ", ".join(stale))
    else:
        console.print("[green]✓[/green] generated files are fresh")
    rates = []
    runs = []
    for name in names:
        a = course.assignment(name)
        report = Report(name)
        seed_list = [_secrets.randbits(63) for _ in range(seeds)]
        try:
            validate_checks(a)
            report.ok(f"{len(a.questions)} questions, {len(a.checks)} checks, "
                      f"{a.max_points:g} points, each question public and hidden")
            check_reference_and_catalogue(a, report, seed_list)
            check_derived(a, report, seed_list[0])
            check_sandboxed(a, report, seed_list[0])
            check_leaks(a, report)
            if run_notebooks:
                check_notebook_runs(a, report)
        except CourseError as exc:
            report.fail(str(exc))
        if report.catalogue:
            named = sum(1 for *_, n, _ in report.catalogue if n)
            rate = named / len(report.catalogue)
            rates.append((name, len(report.catalogue), named, rate))
            if rate < DIAGNOSIS_TARGET:
                report.fail(f"feedback names the cause for only {rate:.0%} of the catalogue")
        print_summary(console, report, seed_list, DIAGNOSIS_TARGET)
        runs.append((report, seed_list))
        all_ok &= not report.failures
    if rates:
        table = Table(title="Diagnosis rate: feedback that names the mistake's cause")
        for col in ("assignment", "mistakes", "cause named", "rate"):
            table.add_column(col)
        for name, n, named, rate in rates:
            table.add_row(name, str(n), str(named), f"{rate:.0%}")
        console.print(table)
    path = write_details(details or course.root / "artifacts" / "validate-details.md", runs,
                        rates)
    console.print(f"each mistake's score and feedback: {path}")
    console.print("\n[green]validate: all good[/green]" if all_ok else "\n[red]validate failed")
    return all_ok
