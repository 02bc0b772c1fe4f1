# The two commands a user needs: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := examples/000_2d0e0568f0b0d39c.txt

.PHONY: run test lint unit browser-deps gazetteer bench screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

gazetteer: $(STAMP)
	$(BIN)/incident-map gazetteer build --if-needed

run: gazetteer
	$(BIN)/incident-map build $(SEED) -o out --date 2022-03-28
	@echo "open out/map.html"

# Debian's chromium for the browser tests (never a downloaded browser build).
browser-deps:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

lint: $(STAMP)
	$(BIN)/ruff check .

unit: gazetteer
	$(BIN)/pytest -q

test: lint browser-deps gazetteer
	$(BIN)/pytest -q -p no:cacheprovider

bench: gazetteer
	$(BIN)/python bench/geocode_bench.py

# The README's picture of the example map, taken in headless Debian Chromium.
# (--offline: this machine may reach no CDN; the page then still draws everything but the tiles).
screenshot: gazetteer browser-deps
	$(BIN)/incident-map build $(SEED) -o out/offline --date 2022-03-28 --offline --formats html
	$(BIN)/python scripts/screenshot.py out/offline/map.html docs/seed-map.png

clean:
	rm -rf out .pytest_cache .ruff_cache
