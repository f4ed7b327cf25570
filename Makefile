# Two entry points (see README): `make demo` and `make test`. Both set up .venv first.
VENV ?= .venv
PY := $(VENV)/bin/python
ASSIGNMENTS := $(notdir $(patsubst %/assignment.toml,%,$(wildcard assignments/*/assignment.toml)))

.PHONY: setup student-env demo test lint build validate bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[oracles,dev]'
	touch $@

setup: $(VENV)/.installed

# The students' virtualenv (release/requirements.txt alone) the tests run notebooks in; cached in
# .student-env/<hash of the file>/, so this is instant until the file changes.
student-env: setup
	$(PY) -m tests.framework.student_env

# Build every artifact, then grade the bundled sample submissions of every assignment.
demo: setup
	$(PY) -m autograder build
	@for a in $(ASSIGNMENTS); do \
	  $(PY) -m autograder grade $$a samples/$$a --out results/$$a --workers 2 --regrade || exit 1; \
	done

# Lint, then the whole suite (reference = 100%, stubs = 0, catalogue caught, no leaks,
# fresh artifacts, sandbox and hostile submissions, Otter and nbgrader, the browser test).
test: setup student-env
	$(VENV)/bin/ruff check autograder tests solutions
	$(PY) -m pytest

build: setup
	$(PY) -m autograder build

validate: setup
	$(PY) -m autograder validate

bench: setup
	$(PY) -m autograder bench

clean:
	rm -rf results .pytest_cache
