# Two entry points, each sets up what it needs on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: serve build test lint

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP)  ## build the site and serve it at http://127.0.0.1:8000, rebuilding on every change
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

build: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check plugin tests

test: lint  ## the whole test suite
	$(BIN)/pytest
