# 百模大战 · The Hundred-Model War — every task a person or CI runs.
# `make serve` and `make test` set everything up on first use (virtual environment, pinned
# Python packages, the npm package that provides plotly.js), so they are the only two commands a
# new user needs. Run `make help` for the list.

VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NPM_STAMP := node_modules/.installed-stamp
TOOLS  := .venv-tools
TOOLS_STAMP := $(TOOLS)/.installed-stamp

# kaleido (PNG/SVG export) looks here for Chromium on Debian; harmless elsewhere.
export BROWSER_PATH ?= $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null)
# Material 9.8 prints a notice about MkDocs 2 on every build; it is not a problem of ours.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help setup check datapackage charts serve serve-en site test test-fast lint format benchmark lighthouse deck clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

setup: $(STAMP) $(NPM_STAMP) $(TOOLS_STAMP) ## Create .venv and install the pinned Python and npm packages

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Tools whose dependencies clash with the project's (cffconvert): an environment of their own.
$(TOOLS_STAMP): devtools/requirements-tools.txt
	test -x $(TOOLS)/bin/python || python3 -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet -r devtools/requirements-tools.txt
	touch $@

$(NPM_STAMP): package.json package-lock.json
	# --ignore-scripts: vnu-jar's install script would download a Java runtime; we use the system's.
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

check: setup ## Check data/ and every page's shortcodes and fences, building nothing (about a second)
	$(PY) -m hmw_site.check

datapackage: setup ## Write data/datapackage.json again from data/schema.yaml (after editing the schema)
	$(PY) -m charts.datapackage

charts: setup ## Build every chart, both languages, every format, into build/charts/
	$(PY) build_charts.py

serve: setup ## Serve the site with live reload at http://127.0.0.1:8000 (Chinese at /, English at /en/)
	$(BIN)/mkdocs serve

site: setup ## Build the whole site (both languages) into site/, strictly
	$(BIN)/mkdocs build --strict

test: setup ## Lint, then run every test (browser tests included) — the command CI runs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

test-fast: setup ## Run the tests that need no browser, no site build and no image export
	$(BIN)/pytest -m "not browser and not slow"

lint: setup ## Check the code style
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## Fix the code style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

benchmark: setup ## Measure chart build time, site build time, page weight and Lighthouse scores (not tests)
	$(PY) benchmarks/check.py
	$(PY) benchmarks/charts_speed.py
	$(PY) benchmarks/site_build.py
	$(PY) benchmarks/serve_reload.py
	$(PY) benchmarks/page_weight.py
	$(PY) benchmarks/lighthouse.py

lighthouse: setup ## Lighthouse mobile performance and accessibility of the key pages, both languages
	$(PY) benchmarks/lighthouse.py

deck: setup ## Write a .pptx slide deck per language into build/charts/
	$(PY) build_charts.py --deck

clean: ## Remove everything generated (keeps .venv and node_modules)
	rm -rf site build .cache .pytest_cache .ruff_cache
