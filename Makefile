# The two front-door commands (see README.md):
#   make example   install translitbib and convert the bundled example essay into out/
#   make test      install translitbib, the test tools and the real clients; run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/furr-stalin-democratic-reform-part-two.txt
CLIENT_PACKAGES := pandoc biber texlive-binaries texlive-base

.PHONY: example test install install-test clients lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

example: install
	$(BIN)/translitbib convert $(EXAMPLE) --out out

# Real clients the compatibility tests run: Debian's pandoc, biber and bibtex; npm's citeproc
# and Better BibTeX's parser (tests/clients/package.json).
clients:
	@missing=""; for p in $(CLIENT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "install these for the client tests:$$missing" >&2; fi; \
	fi
	@if command -v npm >/dev/null 2>&1; then cd tests/clients && npm install --silent --no-audit --no-fund >/dev/null; \
	else echo "npm not found: citeproc-js tests will fail" >&2; fi

lint: install-test
	$(BIN)/ruff check src tests bench

test: install-test clients
	$(BIN)/ruff check src tests bench
	TRANSLITBIB_REQUIRE_CLIENTS=1 $(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info tests/clients/node_modules
