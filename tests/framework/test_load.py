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
