# sitegen: the two commands a newcomer needs are `make site` and `make test`.
# Everything they need is installed from nothing: the virtual environment,
# the Python packages, Debian's Chromium and the npm test tools.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
TODAY  ?=
PORT   ?= 8000
SIZES  ?= 1000,5000
RUNS   ?= 3
BENCH_ARGS ?=

today_flag := $(if $(TODAY),--today $(TODAY),)

.PHONY: site serve check test test-fast lint browsers bench golden schema clean

## site: set up .venv, then build content/ into output/ with its search index
site: $(VENV)/.runtime
	$(BIN)/sitegen build $(today_flag)
	@echo
	@echo "Look at it: make serve, then open http://127.0.0.1:$(PORT)/"

## serve: preview with live reload on 127.0.0.1:$(PORT)
serve: $(VENV)/.runtime
	$(BIN)/sitegen serve --port $(PORT) $(today_flag)

## check: list every problem in content/ without building
check: $(VENV)/.runtime
	$(BIN)/sitegen check $(today_flag)

## schema: write JSON Schemas of the front-matter to schemas/
schema: $(VENV)/.runtime
	$(BIN)/sitegen schema

## test: install the test tools, then lint, type-check and run every test, browser tests included
test: $(VENV)/.test node_modules/.installed browsers
	$(BIN)/ruff check sitegen tests bench
	$(BIN)/mypy
	$(BIN)/actionlint -shellcheck $(BIN)/shellcheck .github/workflows/*.yml
	$(BIN)/pytest

## golden: rewrite the expected output of tests/sites/*/expected after a deliberate change
golden: $(VENV)/.test
	$(PY) -m tests.golden

## bench: sitegen against Hugo + Pagefind and naive + Pagefind on 1,000 and 5,000 items (SIZES, RUNS, BENCH_ARGS)
bench: $(VENV)/.bench browsers
	$(PY) bench/run.py --sizes $(SIZES) --runs $(RUNS) $(BENCH_ARGS)

clean:
	rm -rf output .output.* bench/corpus bench/out schemas .pytest_cache .mypy_cache .ruff_cache

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.bench: pyproject.toml $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright's own download cannot work here).
browsers:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q chromium || { $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }; \
	fi
	@command -v java >/dev/null || { echo "Java is needed for the HTML checker (vnu)"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q default-jre-headless || { $$SUDO apt-get update -q && $$SUDO apt-get install -y -q default-jre-headless; }; }
