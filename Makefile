# The two commands of the README: `make run` (build the warehouse if needed, serve the dashboard)
# and `make test` (install what the tests need, run every test). `make test-fast` runs the unit, sql and app
# tests only (no browser, no servers, no load), on the same workers: the inner loop, under two minutes on two cores.
# Translations (docs/languages.md): `make locales-update` extracts the interface's messages and merges them into
# every locales/<lang>/LC_MESSAGES/dashboard.po; `make locales` compiles them (run and test do it first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WAREHOUSE := data/warehouse/repression.duckdb
# the typeface of chart images, slides and PDFs: it has every Kazakh and Russian letter (briefing/fonts.py)
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
# `make test` runs every test on pytest-xdist workers (each its own warehouses, servers, ports and chromium;
# tests/servers.py) but those marked `alone`, then those on their own, one after another: they measure time, memory
# or many concurrent sessions, and must have the machine to themselves. Both runs always go; either failing fails the
# target. Times: docs/performance.md. `make test WORKERS=4` on a larger machine.
WORKERS ?= 2
PARALLEL = -n $(WORKERS) --dist worksteal

CATALOGUES := $(wildcard locales/*/LC_MESSAGES/dashboard.po)
PYBABEL = $(BIN)/python -m babel.messages.frontend
# where the interface's messages are written: code a reader's words come from (not tests, not the benchmark)
MESSAGE_SOURCES := app.py pages dashboard briefing etl

.PHONY: run test test-fast bench bench-compare install install-dev warehouse check clean fonts locales locales-update locales-init

run: warehouse fonts locales
	$(BIN)/python -m dashboard.serve

test: install-dev fonts locales
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-debian-tool.sh pdftoppm poppler-utils
	bash scripts/ensure-debian-tool.sh strace
	bash scripts/ensure-debian-tool.sh nginx
	bash scripts/ensure-debian-tool.sh openssl
	status=0; \
	$(BIN)/python -m pytest -m "not alone" $(PARALLEL) || status=$$?; \
	$(BIN)/python -m pytest -m alone || status=$$?; \
	exit $$status

test-fast: install-dev fonts locales
	$(BIN)/python -m pytest -m "unit or sql or app" $(PARALLEL)

# The benchmark at 1,000,000 synthetic events / 100,000 persons: writes bench/results/latest.json.
bench: install-dev
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m bench

# The same figures for an older commit and this checkout, measured in turns in one run (bench/compare.py):
# make bench-compare BASELINE=<commit>; writes bench/results/compare.json.
bench-compare: install-dev
	bash scripts/ensure-chromium.sh
	baseline=$$(mktemp -d)/baseline && git worktree add --detach "$$baseline" $(BASELINE) && \
	{ if [ -d "$$baseline/locales" ]; then $(PYBABEL) compile --domain dashboard --directory "$$baseline/locales"; fi; \
	  $(BIN)/python -m bench.compare --baseline "$$baseline"; status=$$?; git worktree remove --force "$$baseline"; \
	  exit $$status; }

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
		$(wildcard etl/*.py) $(wildcard etl/*.csv) $(wildcard etl/sql/*.sql)
	$(BIN)/python -m etl build

# The compiled catalogues (.mo, not in git), each from its .po.
locales: $(CATALOGUES:.po=.mo)

locales/%/LC_MESSAGES/dashboard.mo: locales/%/LC_MESSAGES/dashboard.po
	$(PYBABEL) compile --domain dashboard --directory locales --locale $* --statistics

# The messages of the code into locales/dashboard.pot, then merged into every language's .po: new messages
# arrive untranslated, removed ones go (git keeps them), and a translator fills in the msgstr lines.
locales-update: install
	$(PYBABEL) extract --mapping babel.cfg --add-comments TRANSLATORS: --add-location file --sort-output \
		--project "Kazakhstan political repression dashboard" --output-file locales/dashboard.pot $(MESSAGE_SOURCES)
	$(PYBABEL) update --domain dashboard --input-file locales/dashboard.pot --output-dir locales \
		--ignore-obsolete --no-fuzzy-matching --ignore-pot-creation-date

# A new language: make locales-init LANGUAGE=uz (then add it to LANGUAGES in dashboard/i18n.py)
locales-init: install
	$(PYBABEL) init --domain dashboard --input-file locales/dashboard.pot --output-dir locales --locale $(LANGUAGE)

check: install
	$(BIN)/python -m etl check

clean:
	rm -rf data/warehouse
