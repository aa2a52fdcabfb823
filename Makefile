# The two commands of the README: `make run` (build the warehouse if needed, serve the dashboard)
# and `make test` (install what the tests need, run every test). `make test-fast` runs the unit, sql and app
# tests only (no browser, no servers, no load): the inner loop, under two minutes on two cores.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WAREHOUSE := data/warehouse/repression.duckdb
# the typeface of chart images, slides and PDFs: it has every Kazakh and Russian letter (briefing/fonts.py)
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

.PHONY: run test test-fast bench install install-dev warehouse check clean fonts

run: warehouse fonts
	$(BIN)/python -m dashboard.serve

test: install-dev fonts
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-debian-tool.sh pdftoppm poppler-utils
	bash scripts/ensure-debian-tool.sh strace
	bash scripts/ensure-debian-tool.sh nginx
	bash scripts/ensure-debian-tool.sh openssl
	$(BIN)/python -m pytest

test-fast: install-dev fonts
	$(BIN)/python -m pytest -m "unit or sql or app"

# The benchmark at 1,000,000 synthetic events / 100,000 persons: writes bench/results/latest.json.
bench: install-dev
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m bench

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

warehouse: $(WAREHOUSE)

fonts:
	bash scripts/ensure-debian-tool.sh $(FONT) fonts-dejavu-core

$(WAREHOUSE): $(VENV)/.installed $(wildcard data/records/*.csv) $(wildcard data/uploads/publishes.csv) \
		$(wildcard etl/*.py) $(wildcard etl/sql/*.sql)
	$(BIN)/python -m etl build

check: install
	$(BIN)/python -m etl check

clean:
	rm -rf data/warehouse
