"""Numeric ML assignments: build them for Otter and nbgrader, grade them in a sandbox."""

__version__ = "0.1.0"
