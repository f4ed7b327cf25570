"""`autograder similarity`: planted copies rank first, given code never counts, the page is safe."""

import csv

import pytest
from copydetect import compare_files

from autograder.build.notebooks import write_notebook
from autograder.catalogue import load_catalogue, load_variants
from autograder.grading.load import load_submission
from autograder.grading.results import Outcome, to_gradescope, write_json_atomic
from autograder.report import write_report
from autograder.similarity import analyse, release_cells

from .conftest import run_cli
from .similaritykit import (
    as_script,
    export_zip,
    notebooks,
    shuffled_copy,
    split_variants,
    spread,
    with_functions,
)

MISTAKES = 12  # more than --common (10): the reference's code is the usual code, as in a class
PLANTED = ({"planted-A1.ipynb", "planted-A2.py"}, {"planted-B1.ipynb", "planted-B2.zip"})
STUBS = {"stub.ipynb", "stub-export.py"}


def planted_folder(a, dest):
    """The stub (as released, and exported as a script), the reference, twelve catalogue
    mistakes, and two pairs of near-copies, each of a different set of correct variants: the
    copy renames every variable, rewrites the comments and reorders the functions (A2 as a
    `.py` file, B2 as the zip `grader.export()` writes)."""
    release, filled = notebooks(a)
    dest.mkdir()
    write_notebook(release, dest / "stub.ipynb")
    (dest / "stub-export.py").write_text("\n\n# In[ ]:\n\n".join(release_cells(a)) + "\n")
    write_notebook(filled, dest / "reference.ipynb")
    for m in spread(load_catalogue(a), MISTAKES):
        write_notebook(with_functions(filled, [m]), dest / f"mistake-{m.id}.ipynb")
    group_a, group_b = split_variants(load_variants(a))
    a1, b1 = with_functions(filled, group_a), with_functions(filled, group_b)
    write_notebook(a1, dest / "planted-A1.ipynb")
    (dest / "planted-A2.py").write_text(as_script(a1))
    write_notebook(b1, dest / "planted-B1.ipynb")
    export_zip(shuffled_copy(b1), dest / "planted-B2.zip", a.name)
    return dest


@pytest.mark.parametrize("name", ["ols", "logistic"])
def test_planted_copies_rank_first_and_given_code_scores_nothing(tmp_path, course, name):
    a = course.assignment(name)
    folder = planted_folder(a, tmp_path / "submissions")
    assert len(load_catalogue(a)) >= MISTAKES and len(load_variants(a)) >= 2
    # The copies are disguised: no answer cell of B2 is one of B1's.
    given = set(release_cells(a))
    b1 = load_submission(folder / "planted-B1.ipynb").cells
    assert [c for c in load_submission(folder / "planted-B2.zip").cells
            if c not in given and c in b1] == []

    out = tmp_path / "results" / "similarity.html"
    done = run_cli("similarity", name, folder, "--out", out)
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stderr.replace("\n", "")
    rows = list(csv.DictReader(out.with_suffix(".csv").open()))
    ranked = [{r["file_a"], r["file_b"]} for r in rows]
    assert sorted(map(sorted, ranked[:2])) == sorted(map(sorted, PLANTED)), rows[:4]
    for r in rows[:2]:  # a copy is found in full, from either side
        assert float(r["similarity_a"]) > 0.95 and float(r["similarity_b"]) > 0.95, r
    assert not any(pair & STUBS for pair in ranked)

    # Even with every fingerprint counting (--common 0), the stub's text is all given code,
    # retyped or not: nothing of it is fingerprinted, so the stub shares nothing with any
    # submission, while the reference keeps code of its own.
    analysis = analyse(a, [folder], common=0)
    by_file = {e.label: e for e in analysis.entries}
    assert not any(e.problem for e in analysis.entries)
    assert [by_file[s].fingerprints for s in sorted(STUBS)] == [0, 0]
    assert by_file["reference.ipynb"].fingerprints > 0
    assert not [p for p in analysis.pairs if {p.a.label, p.b.label} & STUBS]
    assert len(analysis.pairs) == (len(analysis.entries) - 2) * (len(analysis.entries) - 3) / 2
    # The scores are copydetect's: its compare_files gives the same for every pair.
    for p in analysis.pairs:
        shared, (sa, sb), _ = compare_files(p.a.fingerprint, p.b.fingerprint)
        assert (shared, sa, sb) == (p.shared, pytest.approx(p.similarity_a),
                                    pytest.approx(p.similarity_b)), (p.a.label, p.b.label)


def test_helpers_given_in_the_notebook_do_not_count(tmp_path, course):
    """Two submissions whose only code beyond the stub is the notebook's given helper, pasted
    again (reformatted, so no cell is the release's), share nothing."""
    a = course.assignment("logistic")
    release, _ = notebooks(a)
    helper = next(c.source for c in release.cells if c.cell_type == "code"
                  and "def " in c.source and not c.get("metadata", {}).get("nbgrader"))
    folder = tmp_path / "subs"
    folder.mkdir()
    for who in ("ann", "ben"):
        (folder / f"{who}.py").write_text(f"# {who}'s work\n" + helper.replace("    ", "  "))
    analysis = analyse(a, [folder])
    assert [e.fingerprints for e in analysis.entries] == [0, 0], [e.code for e in
                                                                  analysis.entries]
    assert analysis.pairs == []


def test_errors_name_the_problem(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a submission")
    cases = [
        (("similarity", "nosuch", empty), "unknown assignment(s) nosuch"),
        (("similarity", "ols", tmp_path / "missing"), "missing: no such file or folder"),
        (("similarity", "ols", empty), "no .ipynb, .py or .zip submissions found"),
    ]
    for args, message in cases:
        done = run_cli(*args, "--out", tmp_path / "s.html")
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert message in " ".join(done.stderr.split()), (args, done.stderr)
    assert not (tmp_path / "s.html").exists()


def test_page_is_self_contained_escapes_and_names_students(tmp_path):
    """Two students share a function whose comment and string quote HTML; a third file is not
    a notebook; the roster kept in the results folder names the students."""
    folder = tmp_path / "subs"
    folder.mkdir()
    shared = ('def ols_fit(X, y):\n    # </pre><script>alert("x")</script>\n'
              '    gram = X.T @ X + 0.0 * np.eye(X.shape[1])\n'
              '    rhs = X.T @ y\n    label = "<b>&amp;</b>"\n'
              '    for _ in range(3):\n        rhs = rhs + 0.0 * gram[0]\n'
              '    return np.linalg.solve(gram, rhs)\n')
    (folder / "ann<i>.py").write_text("import numpy as np\n\n" + shared)
    (folder / "ben.py").write_text("import numpy as np\n\n" + shared.replace("gram", "G"))
    (folder / "cat.ipynb").write_text("{not json")
    results = tmp_path / "results"
    results.mkdir()
    (results / "roster.csv").write_text("file,student_id,name,email\n"
                                        "ann<i>.py,s1,Ann <Admin>,\nben.py,s2,Ben,\n")
    out = results / "similarity.html"
    done = run_cli("similarity", "ols", folder, "--out", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    for needle in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
        assert needle not in page, needle
    assert "&lt;/pre&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in page and "ann&lt;i&gt;.py" in page
    assert "<mark>" in page and 'id="pair-1"' in page and "max-width: 800px" in page
    assert "Ann &lt;Admin&gt;" in page and "s2 Ben" in page
    assert "cat.ipynb" in page and "not valid JSON" in page  # could not be read, and why
    rows = list(csv.DictReader(out.with_suffix(".csv").open()))
    assert [(r["file_a"], r["file_b"], r["student_a"], r["student_b"]) for r in rows] == [
        ("ann<i>.py", "ben.py", "s1 Ann <Admin>", "s2 Ben")]
    assert float(rows[0]["similarity_a"]) == float(rows[0]["similarity_b"]) == 1.0


def test_report_links_the_similarity_page(tmp_path, course):
    a = course.assignment("ols")
    o = Outcome(a, "ann.ipynb", "graded", 1, "0" * 64)
    write_json_atomic(tmp_path / "ann.json", to_gradescope(o))
    assert "similarity.html" not in write_report(tmp_path).read_text()
    (tmp_path / "similarity.html").write_text("<!DOCTYPE html>")
    assert '<a href="similarity.html">' in write_report(tmp_path).read_text()
    page = write_report(tmp_path, tmp_path / "elsewhere" / "r.html").read_text()
    assert '<a href="../similarity.html">' in page
