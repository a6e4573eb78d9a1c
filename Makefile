# The two commands of the README. Each sets up what it needs on a fresh machine.
#   make site   the example website (site/) and every format (dist/), from notices/
#   make test   the test suite (installs the test extras and the Debian packages the tests drive)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test clean

$(BIN)/notices: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[build]'
	touch $@

$(VENV)/.test-extras: $(BIN)/notices
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/notices
	$(BIN)/notices build --out dist
	$(BIN)/notices site --out site

test: $(VENV)/.test-extras
	bash .ci/system-packages
	$(BIN)/python -m pytest

# The build cache is outside the repository (`notices cache` says where); .notices-cache is where
# earlier versions kept it.
clean:
	rm -rf site dist .notices-cache
	test ! -x $(BIN)/notices || $(BIN)/notices cache --clear
