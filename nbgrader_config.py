"""nbgrader configuration: this repository is the course root.

`autograder build` writes the instructor notebooks to source/<assignment>/ and runs nbgrader's
generate_assignment itself to make release/<assignment>/; running
`nbgrader generate_assignment <assignment> --force` here produces the same files. The gradebook
(gradebook.db) and nbgrader's submitted/, autograded/, feedback/ folders are not committed.
The README's "JupyterHub with nbgrader" section walks through a whole round.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
c.CourseDirectory.root = "."
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# The Otter export cell only builds Gradescope's zip: autograde does not run it (see the module).
c.Autograde.sanitize_preprocessors.append(
    "autograder.ecosystems.nbgrader_preprocessors.SkipOtterExport")
# Hidden tests back into the grade cells a student left as released, before OverwriteCells
# compares checksums: otherwise nbgrader warns "Attribute 'checksum' for cell check-qN has
# changed!" for every grade cell of every untouched notebook (see the module).
c.Autograde.sanitize_preprocessors.prepend(
    ["autograder.ecosystems.nbgrader_preprocessors.RestoreHiddenTests"])
# nbgrader's default of 30 s per cell is short for `import otter` plus a question's hidden
# checks on a busy grading machine; a submission that hangs is still stopped.
c.Execute.timeout = 120
