# tei-toolkit: every target sets itself up. `make demo`, then `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := build
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint dist-check bench schemas golden docs install install-test clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[test,dev,dask]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## demo: convert every record of corpus/ to TEI, validate it, export it
demo: install
	@rm -rf $(OUT)/tei
	@rm -rf $(OUT)/html $(OUT)/text
	$(BIN)/tei-toolkit convert corpus/*.txt -o $(OUT)/tei/ --quiet
	$(BIN)/tei-toolkit validate $(OUT)/tei/ --check-refs
	$(BIN)/tei-toolkit export html $(OUT)/tei/ -o $(OUT)/html/ --quiet
	$(BIN)/tei-toolkit export text $(OUT)/tei/*.xml -o $(OUT)/text/ --quiet
	@echo
	@echo "Done. $$(ls $(OUT)/tei/*.xml | wc -l) records of corpus/ converted:"
	@echo "  TEI P5 (valid against tei_all):  $(OUT)/tei/"
	@echo "  HTML edition pages:              $(OUT)/html/index.html"
	@echo "  plain reading texts:             $(OUT)/text/"

## test: the test suite (installs the test extras first)
test: install-test
	@sh scripts/install_chromium.sh || echo "chromium not installed: the browser test will say why it skips"
	$(BIN)/python -m pytest -q -n 2

## lint: ruff (lint + format) and mypy, as .ci/run runs them
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## dist-check: build sdist + wheel, install the sdist in a fresh venv, run it elsewhere
dist-check: install-test
	sh scripts/check_dist.sh

## bench: benchmarks/ (reports numbers, asserts nothing)
bench: install-test
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## schemas: regenerate schemas/tei_all.xsd and tei_all.sch from tei_all.rng (checks its sha256)
schemas: install-test
	$(BIN)/python schemas/build.py

## golden: rewrite tests/golden/*/expected.* — review the diff before committing
golden: install
	$(BIN)/python tests/golden/update.py

## docs: rewrite docs/DIAGNOSTICS.md from the code catalogue in tei_toolkit/diagnostics.py
docs: install
	$(BIN)/python scripts/diagnostics_doc.py > docs/DIAGNOSTICS.md

clean:
	rm -rf $(OUT) .pytest_cache
