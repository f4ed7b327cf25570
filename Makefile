# Two entry points (see README): `make demo` and `make test`. Both set up .venv first.
VENV ?= .venv
PY := $(VENV)/bin/python
ASSIGNMENTS := $(notdir $(patsubst %/assignment.toml,%,$(wildcard assignments/*/assignment.toml)))

.PHONY: setup student-env demo test test-fast parity budget lint build validate bench clean

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
	$(VENV)/bin/ruff check autograder tests solutions benchmarks
	$(PY) -m pytest

# The quick loop while writing checks: every assignment's reference, stub, hollow, constant
# and catalogue (in-process and through the sandboxed grader), the variants and the titles.
test-fast: setup
	$(PY) -m pytest -m "not slow" tests/assignments tests/framework/test_catalogue.py \
	  tests/framework/test_point_means_right.py tests/framework/test_check_titles.py

# Before a release: the whole catalogue (not only the parity set) through autograder grade,
# otter run and nbgrader autograde, per-question scores equal.
parity: setup
	$(PY) -m pytest tests/framework/test_parity.py --parity-full

# The suite's cost, fixed and per assignment, projected to N assignments (after a `make test`).
budget: setup
	$(PY) benchmarks/suite_budget.py $(or $(N),17)

build: setup
	$(PY) -m autograder build

validate: setup
	$(PY) -m autograder validate

bench: setup
	$(PY) -m autograder bench

clean:
	rm -rf results .pytest_cache
