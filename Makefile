# The commands of the README. Each sets up what it needs on a fresh machine.
#   make site   the example website (site/) and every format (dist/), from notices/
#   make check  the fast verdict before every commit: lint, types, and the tests that need no browser,
#               no LibreOffice and no slow install (the test and lint extras; no Debian packages)
#   make test   the whole test suite, as CI runs it (installs the test extras and the Debian packages the tests drive)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site check test clean

$(BIN)/notices: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[build]'
	touch $@

$(VENV)/.test-extras: $(BIN)/notices
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $@

site: $(BIN)/notices
	$(BIN)/notices build --out dist
	$(BIN)/notices site --out site

# The tests `make check` leaves out carry a marker (pyproject.toml lists them); -n runs the rest on every core.
check: $(VENV)/.test-extras
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not browser and not office and not slow" -n auto

test: $(VENV)/.test-extras
	bash .ci/system-packages
	$(BIN)/python -m pytest

# The build cache is outside the repository (`notices cache` says where); .notices-cache is where
# earlier versions kept it.
clean:
	rm -rf site dist .notices-cache
	test ! -x $(BIN)/notices || $(BIN)/notices cache --clear
