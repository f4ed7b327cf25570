"""nbgrader configuration: this repository is the course root.

`autograder build` writes the instructor notebooks to source/<assignment>/ and runs nbgrader's
generate_assignment itself to make release/<assignment>/; running
`nbgrader generate_assignment <assignment> --force` here produces the same files. The gradebook
(gradebook.db) and nbgrader's submitted/, autograded/ and feedback/ folders are not committed.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
c.CourseDirectory.root = "."
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
