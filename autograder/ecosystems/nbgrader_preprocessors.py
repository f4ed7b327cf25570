"""nbgrader preprocessors the course registers in ``nbgrader_config.py``.

:class:`SkipOtterExport` turns the notebook's Otter export cell
(``grader.export(pdf=False, run_tests=True)``, which zips the notebook for Gradescope after
running it once more in a fresh process) into a comment before ``nbgrader autograde`` executes
the submission: the zip is of no use on JupyterHub, and the extra run cost about 10-20 s per
submission (beyond nbgrader's per-cell time-out on a loaded machine). Nothing is scored in
that cell, so no score changes.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

EXPORT_GRADE_ID = "otter-export"
SKIPPED = ("# nbgrader autograde skips this cell: grader.export(...) only builds the zip file "
           "to upload to Gradescope.")


class SkipOtterExport(Preprocessor):
    # nbconvert registers preprocessors disabled unless the class enables itself (as nbgrader's
    # own preprocessors do).
    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id == EXPORT_GRADE_ID:
            cell.source = SKIPPED
            cell.outputs = []
        return cell, resources
