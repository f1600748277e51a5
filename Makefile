# The two commands: `make` builds every edition, `make test` runs the tests.
# Each sets up what it needs: a .venv with the package, and (as root) the Debian packages.

VENV    := .venv
PYTHON  ?= python3
STAMP   := $(VENV)/.installed

.PHONY: all editions test html epub pdf bib lint accessibility bench clean

all: editions

# VERBOSE=1 prints Sphinx's and XeLaTeX's own progress as well
BUILD_FLAGS := $(if $(VERBOSE),--verbose,)

editions: $(STAMP) system-build
	@$(VENV)/bin/reader build $(BUILD_FLAGS)

html epub pdf bib: $(STAMP) system-build
	@$(VENV)/bin/reader build --format $@ $(BUILD_FLAGS)

test: $(STAMP) system-test
	$(VENV)/bin/pytest -n auto --maxprocesses=4

# Ace by DAISY on the EPUB (installs Ace with npm on first use)
accessibility: epub
	bash scripts/check-accessibility.sh

# the reader against plain Sphinx on a generated corpus (long: see benchmarks/RESULTS.md);
# options through BENCH, e.g. `make bench BENCH=--quick`
BENCH_STAMP := $(VENV)/.bench-installed
bench: $(BENCH_STAMP) system-build
	$(VENV)/bin/python -m benchmarks $(BENCH)

$(BENCH_STAMP): $(STAMP)
	$(VENV)/bin/pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check reader tests conf.py benchmarks

# pip's output goes to $(VENV)/install.log, shown in full only if the install fails
PIP_LOG := $(if $(VERBOSE),,>> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; })

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV): the reader and its Python packages (about a minute) …"
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install --disable-pip-version-check --upgrade pip $(PIP_LOG)
	@$(VENV)/bin/pip install --disable-pip-version-check -e '.[test]' $(PIP_LOG)
	@touch $(STAMP)
	@echo "Set up $(VENV) ($$($(VENV)/bin/reader --version); pip's log: $(VENV)/install.log)."

.PHONY: system-build system-test
system-build:
	@bash scripts/system-packages.sh build
system-test:
	@bash scripts/system-packages.sh test

clean:
	rm -rf _build
