"""nbgrader preprocessors the course registers in ``nbgrader_config.py``.

:class:`RestoreHiddenTests` puts the hidden tests back into each locked grade cell a student
left as released, before nbgrader's ``OverwriteCells`` compares checksums. nbgrader records a
locked cell's checksum in the gradebook *before* it removes the cell's hidden tests for the
release (``generate_assignment`` runs ComputeChecksums, SaveCells, then ClearHiddenTests), so
at autograde time every untouched grade cell with hidden tests differs from the gradebook:
``OverwriteCells`` prints "Attribute 'checksum' for cell check-qN has changed!" for each and
restores the source (nbgrader's own behaviour, jupyter/nbgrader#1961: eight warnings per
student for an untouched notebook). Restoring exactly the cells whose source equals the
release form of the gradebook's source (its hidden tests removed as ``ClearHiddenTests``
does) changes no grade and leaves the warning to cells a student really changed, which
``OverwriteCells`` still restores.

:class:`SkipOtterExport` turns the notebook's Otter export cell
(``grader.export(pdf=False, run_tests=True)``, which zips the notebook for Gradescope after
running it once more in a fresh process) into a comment before ``nbgrader autograde`` executes
the submission: the zip is of no use on JupyterHub, and the extra run cost about 10-20 s per
submission (beyond nbgrader's per-cell time-out on a loaded machine). Nothing is scored in
that cell, so no score changes.
"""

from __future__ import annotations

import copy

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


class RestoreHiddenTests(Preprocessor):
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook, MissingEntry
        from nbgrader.preprocessors import ClearHiddenTests

        info = resources["nbgrader"]
        clear = ClearHiddenTests(config=self.config)
        with Gradebook(info["db_url"]) as gb:
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if not meta.get("locked") or "grade_id" not in meta:
                    continue
                try:
                    source = gb.find_source_cell(meta["grade_id"], info["notebook"],
                                                 info["assignment"])
                except MissingEntry:
                    continue  # OverwriteCells reports it
                released = copy.deepcopy(cell)
                released.source = source.source
                if (source.locked and cell.cell_type == source.cell_type
                        and clear._remove_hidden_test_region(released)
                        and released.source == cell.source):
                    cell.source = source.source
        return nb, resources
