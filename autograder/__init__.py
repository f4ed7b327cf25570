"""Numeric ML assignments: build them for Otter and nbgrader, grade them in a sandbox."""

__version__ = "0.1.0"

# The grading runtime: what the Gradescope zip and the sandboxed child carry (the students'
# public-check bundle carries a part of it: core and testing). Everything else in the package
# (build, catalogue, derived, validate, report, scaffold, cli) is an authoring or reporting
# tool, so a change there never changes a generated artifact. Paths relative to this folder.
RUNTIME = ("__init__.py", "course.py", "seeds.py", "core", "testing", "sandbox", "grading",
           "ecosystems")
