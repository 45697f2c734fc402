# Two commands do all set-up on a fresh machine:
#   make site   build the site from the default data into site/
#   make test   run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCE ?= ../shared/source-data
UK_SDG ?= ../shared/open-sdg-uk-sample

.PHONY: site test lint format typecheck validate import uk-sdg-sample serve benchmark benchmark-scale benchmark-budgets benchmark-lighthouse golden clean deps chromium

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

deps: $(VENV)/.installed node_modules/.installed

# Debian's chromium for the browser tests (Playwright cannot download a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

site: deps
	$(BIN)/npf build

test: deps chromium lint typecheck
	$(BIN)/pytest -n 2 --ignore=tests/site
	$(BIN)/pytest tests/site

lint: $(VENV)/.installed
	$(BIN)/ruff check build_scripts tests benchmarks
	$(BIN)/ruff format --check build_scripts tests benchmarks

format: $(VENV)/.installed
	$(BIN)/ruff check --fix build_scripts tests benchmarks
	$(BIN)/ruff format build_scripts tests benchmarks

typecheck: $(VENV)/.installed
	$(BIN)/mypy

validate: $(VENV)/.installed
	$(BIN)/npf validate datapackages

# Re-create datapackages/ from the full source files (not needed for site or test).
import: $(VENV)/.installed
	$(BIN)/npf import --source $(SOURCE) --report build/import-report.csv

serve: deps
	$(BIN)/npf serve

# The UK's SDG data from the Open SDG sample (docs/open-sdg.md): imported into
# examples/uk-sdg/datapackages (made here, not committed), then built into
# examples/uk-sdg/site. UK_SDG=/path/to/sdg-data imports a whole clone of the repository.
uk-sdg-sample: deps
	$(BIN)/npf import --from open-sdg --source $(UK_SDG) --project examples/uk-sdg \
	  --report examples/uk-sdg/build/import-report.csv
	$(BIN)/npf build --project examples/uk-sdg

# Timings of the default site: cold, unchanged and one indicator changed (wall and CPU
# seconds, medians of RUNS runs, each from empty caches; RUNS=1 for one quick run).
benchmark: deps
	$(BIN)/python benchmarks/build.py --runs $(RUNS)

# Cold builds of synthetic frameworks made at run time (81, 300 and 1,000 indicators, and
# 1.4 million figures): wall and CPU seconds, peak memory, seconds per stage. Takes long;
# pick cases with CASES=81,300 and the number of runs per case with RUNS=1.
CASES ?= 81,300,1000,1.4m
RUNS ?= 3
benchmark-scale: deps
	$(BIN)/python benchmarks/scale.py --cases $(CASES) --runs $(RUNS)

# Weight budgets (issue 10): the median indicator page's HTML and everything a first visit
# to each page kind fetches, gzipped, measured in headless chromium; pass or fail each.
# SITE=site measures a site already built (default: build one first).
SITE ?=
benchmark-budgets: deps chromium
	$(BIN)/python benchmarks/budgets.py $(if $(SITE),--site $(SITE)) --detail

# Lighthouse mobile scores (performance, accessibility, best practices, SEO; 95 each) of
# the home page, an outcome, an indicator and an area; median of LH_RUNS runs per page.
LH_RUNS ?= 1
benchmark-lighthouse: deps chromium
	$(BIN)/python benchmarks/lighthouse.py $(if $(SITE),--site $(SITE)) --runs $(LH_RUNS)

# Regenerate every golden copy of generated output (tests marked `golden`: the model,
# chart specs and SVG, each page kind, one whole small site), then review the diff.
golden: deps
	UPDATE_GOLDEN=1 $(BIN)/pytest -q -m golden tests
	@git status --short -- tests | grep golden || echo "every golden copy was already current"

clean:
	rm -rf site build .cache
