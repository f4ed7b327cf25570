"""Reading submissions: every unreadable file gets a specific status and message."""

import json

import pytest

from autograder.grading.load import Unreadable, load_submission


def _nb(cells, **extra):
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
                       **extra})


def test_notebook_code_cells_in_order(tmp_path):
    p = tmp_path / "a.ipynb"
    p.write_text(_nb([{"cell_type": "markdown", "source": "# hi"},
                      {"cell_type": "code", "source": ["x = 1\n", "y = 2"]},
                      {"cell_type": "code", "source": "z = 3"}]))
    loaded = load_submission(p)
    assert loaded.cells == ["x = 1\ny = 2", "z = 3"] and loaded.kind == "notebook"
    assert len(loaded.sha256) == 64


def test_nbformat_3_notebooks(tmp_path):
    p = tmp_path / "old.ipynb"
    p.write_text(json.dumps({"worksheets": [{"cells": [{"cell_type": "code", "input": "x=1"}]}],
                             "nbformat": 3}))
    assert load_submission(p).cells == ["x=1"]


@pytest.mark.parametrize("name,content,status", [
    ("a.ipynb", '{"cells": [', "corrupt_json"),
    ("a.ipynb", "[1, 2]", "not_a_notebook"),
    ("a.ipynb", '{"metadata": {}}', "not_a_notebook"),
    ("a.ipynb", _nb([{"cell_type": "markdown", "source": "only text"}]), "empty"),
    ("a.py", "", "empty"),
    ("a.py", "   \n\n", "empty"),
    ("a.txt", "x = 1", "unsupported_type"),
])
def test_unreadable_submissions(tmp_path, name, content, status):
    p = tmp_path / name
    p.write_text(content)
    with pytest.raises(Unreadable) as exc:
        load_submission(p)
    assert exc.value.status == status
    assert name in exc.value.message


def test_binary_and_oversized_files(tmp_path):
    p = tmp_path / "b.py"
    p.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(Unreadable) as exc:
        load_submission(p)
    assert exc.value.status == "bad_encoding"
    big = tmp_path / "big.py"
    big.write_text("x = 1\n" * 1000)
    with pytest.raises(Unreadable) as exc:
        load_submission(big, max_bytes=100)
    assert exc.value.status == "too_large" and "limit" in exc.value.message


def test_missing_file(tmp_path):
    with pytest.raises(Unreadable) as exc:
        load_submission(tmp_path / "nope.ipynb")
    assert exc.value.status == "missing"


# ---------------------------------------------------------------------------- zips


def _zip(path, entries, links=()):
    """A zip of ``entries`` (name -> text), plus symbolic links ``links`` (name -> target)."""
    import stat
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
        for name, target in links:
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


NB = _nb([{"cell_type": "code", "source": "def f():\n    return 1"}])


def test_the_zip_grader_export_writes(tmp_path):
    """grader.export(): the notebook, public_tests.py, Otter's log and zip name file."""
    p = _zip(tmp_path / "ols_2025_01_02T03_04_05_678901.zip", {
        "ols.ipynb": NB, "public_tests.py": "def run_check(): pass", ".OTTER_LOG": "x",
        "__zip_filename__": "ols_2025.zip", "__MACOSX/._ols.ipynb": "junk"})
    loaded = load_submission(p)
    assert loaded.cells == ["def f():\n    return 1"] and loaded.kind == "notebook"
    assert loaded.member == "ols.ipynb" and loaded.path == p
    from autograder.grading.load import file_sha256

    assert loaded.sha256 == file_sha256(p)  # the zip's hash: a rerun recognises it
    # Without a notebook, its one Python file (not the shipped public_tests.py).
    p = _zip(tmp_path / "script.zip", {"sub/answer.py": "x = 1", "public_tests.py": "y = 2"})
    assert load_submission(p).cells == ["x = 1"] and load_submission(p).kind == "script"


def test_a_zip_with_several_notebooks_uses_the_assignments(tmp_path):
    p = _zip(tmp_path / "two.zip", {"ols.ipynb": NB, "scratch.ipynb": NB})
    assert load_submission(p, assignment="ols").member == "ols.ipynb"
    with pytest.raises(Unreadable) as exc:
        load_submission(p, assignment="lstm")
    assert exc.value.status == "several_notebooks_in_zip"
    assert "two.zip" in exc.value.message and "ols.ipynb, scratch.ipynb" in exc.value.message


@pytest.mark.parametrize("entries,links,status,words", [
    ({"notes.txt": "hi", "public_tests.py": "x = 1"}, (), "no_notebook_in_zip",
     "no notebook (.ipynb) or Python file"),
    ({"../ols.ipynb": NB}, (), "bad_zip", "unsafe entry '../ols.ipynb'"),
    ({"/etc/ols.ipynb": NB}, (), "bad_zip", "unsafe entry '/etc/ols.ipynb'"),
    ({"ols.ipynb": NB}, [("link.ipynb", "/etc/passwd")], "bad_zip", "unsafe entry 'link.ipynb'"),
    ({"ols.ipynb": '{"cells": ['}, (), "corrupt_json", "ols.ipynb (in bad.zip) is not valid"),
])
def test_zips_that_cannot_be_graded(tmp_path, entries, links, status, words):
    p = _zip(tmp_path / "bad.zip", entries, links)
    with pytest.raises(Unreadable) as exc:
        load_submission(p)
    assert exc.value.status == status and words in exc.value.message, exc.value.message
    assert "bad.zip" in exc.value.message and len(exc.value.sha256) == 64


def test_damaged_zips_and_zip_bombs(tmp_path, monkeypatch):
    from autograder.grading import load

    p = tmp_path / "damaged.zip"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(Unreadable) as exc:
        load_submission(p)
    assert exc.value.status == "bad_zip" and "damaged.zip is not a readable zip" in str(exc.value)
    # A notebook that expands past the limit is not read whole (its declared size, then the
    # bytes actually read, are capped).
    big = _zip(tmp_path / "bomb.zip", {"ols.ipynb": NB + " " * 100_000})
    assert big.stat().st_size < 2_000
    with pytest.raises(Unreadable) as exc:
        load_submission(big, max_bytes=50_000)
    assert exc.value.status == "too_large" and "ols.ipynb (in bomb.zip)" in str(exc.value)
    monkeypatch.setattr(load, "MAX_ZIP_EXPANDED_BYTES", 10_000)
    with pytest.raises(Unreadable) as exc:
        load_submission(big)
    assert exc.value.status == "bad_zip" and "would expand to" in str(exc.value)
