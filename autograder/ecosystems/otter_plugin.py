"""An Otter plugin that scores Gradescope submissions with the trusted grader.

Otter runs hidden tests inside the student's own kernel, where a cell that replaces
``np.allclose`` passes everything and an exception can print a hidden test. This plugin keeps
Otter's packaging, student-side checks and results format, but:

- ``before_execution`` replaces the submission Otter would execute with an empty notebook, so
  no student code ever runs in Otter's process or kernel;
- ``after_grading`` grades the submission file with :func:`autograder.grading.grade.grade_file`
  (sandboxed child, plain data back, comparisons here) and replaces Otter's results with one
  test file per question and one test case per check, so Otter writes ``results.json`` from
  the trusted scores.

Configured in the autograder zip's ``otter_config.json``::

    {"plugins": [{"autograder.ecosystems.otter_plugin.TrustedGrading":
                  {"assignment": "ols", "course": "../source/course"}}]}

The hidden inputs come from a fresh unpredictable seed, unless the instructor fixes one with
``"seed"`` in that configuration or ``$AUTOGRADER_SEED`` (as ``autograder grade --seed`` and the
nbgrader bridge do). What students see follows Otter's ``show_hidden`` setting: before grades
are published only the "Public Tests" summary; the per-question scores and the hidden checks'
messages (values concealed) after. The top-level output therefore names no score; the seed and
the sandbox mode go to the autograder's stdout, which Gradescope shows only to instructors.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from otter.plugins import AbstractOtterPlugin
from otter.test_files.abstract_test import TestCase, TestCaseResult, TestFile


class TrustedTestFile(TestFile):
    """One question's checks, already graded outside Otter."""

    @classmethod
    def from_file(cls, path):  # pragma: no cover - never read from disk
        raise NotImplementedError

    @classmethod
    def from_metadata(cls, s, path):  # pragma: no cover - never read from a notebook
        raise NotImplementedError

    def run(self, global_environment):  # pragma: no cover - graded already
        pass


class TrustedGrading(AbstractOtterPlugin):
    def _course_root(self) -> Path:
        configured = (self.plugin_config or {}).get("course", "../source/course")
        return Path(os.path.abspath(configured))

    def before_execution(self, submission):
        if isinstance(submission, str):
            return ""
        return nbformat.v4.new_notebook(metadata=submission.get("metadata", {}))

    def _seed(self) -> int:
        from autograder.seeds import new_seed, parse_seed, seed_from_env

        configured = (self.plugin_config or {}).get("seed")
        if configured is not None:
            return parse_seed(configured)
        from_env = seed_from_env()
        return from_env if from_env is not None else new_seed()

    def after_grading(self, results):
        import autograder
        from autograder.course import Course
        from autograder.grading.grade import grade_file
        from autograder.sandbox.modes import detect

        course = Course(self._course_root())
        assignment = course.assignment(self.plugin_config["assignment"])
        mode = detect()
        seed = self._seed()
        outcome = grade_file(assignment, Path(self.submission_path), seed=seed, mode=mode)
        files = {}
        for q in assignment.questions.values():
            cases, case_results = [], []
            for r in (r for r in outcome.checks if r.info.question == q.id):
                case = TestCase(name=r.info.description, body="", hidden=r.info.hidden,
                                points=r.info.points, success_message=None, failure_message=None)
                cases.append(case)
                message = "✅ Test case passed" if r.passed else "❌ Test case failed\n" + r.message
                case_results.append(TestCaseResult(test_case=case, message=message,
                                                   passed=r.passed))
            if not cases:  # nothing ran (unreadable or unrunnable notebook): zero, with reason
                for c in assignment.checks:
                    if c.info.question != q.id:
                        continue
                    case = TestCase(name=c.info.description, body="", hidden=c.info.hidden,
                                    points=c.info.points, success_message=None,
                                    failure_message=None)
                    cases.append(case)
                    case_results.append(TestCaseResult(case, f"❌ Not graded: {outcome.message}",
                                                       False))
            tf = TrustedTestFile(q.id, q.id, cases, all_or_nothing=False)
            tf.test_case_results = case_results
            files[q.id] = tf
        results.results = files
        # Instructors only (Gradescope keeps the autograder's stdout from students).
        print(f"autograder: {assignment.name} graded in {mode.name} mode with seed {seed} "
              f"({outcome.status}, {outcome.score:g} / {assignment.max_points:g}, "
              f"{outcome.seconds:.1f} s); package {Path(autograder.__file__).parent}",
              flush=True)
        lines = [f"Graded by the course's sandboxed grader ({mode.name} mode)."]
        if not outcome.ran:
            lines.append(f"Not graded: {outcome.message}")
        elif outcome.message:
            lines.append(outcome.message)
        if outcome.status == "grader_error":  # a traceback of the grader: instructors only
            print("\n".join(outcome.notes), flush=True)
        else:
            lines.extend(outcome.notes)  # the submission's own cell errors and time-outs
        results.set_output("\n".join(lines))
