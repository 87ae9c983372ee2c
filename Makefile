# Two entry points, each sets up what it needs on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: serve build test quick lint chromium

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

# The browser tests drive Debian's Chromium (a browser download of Playwright's own is not possible here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium from the Debian packages for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: lint chromium  ## the whole test suite, browser and slow tests included
	$(BIN)/pytest --slow

quick: lint  ## the developer loop: every test but the browser and slow ones (under a minute and a half)
	$(BIN)/pytest -m "not browser"
