# The two commands: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)
DB := $(or $(SERVICEDESK_DB),data/servicedesk.duckdb)
PORT ?= 8501
TEST_WORKERS ?= auto
PO := dashboard/kernel/i18n/locale/fr_CA/LC_MESSAGES/messages.po
MO := $(PO:.po=.mo)

.PHONY: run test setup node db migrate check unit e2e bench bench-browser clean i18n

run: setup db migrate ## serve the dashboard on http://localhost:8501
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT) --server.headless true

migrate: setup ## bring the store to the newest schema (a deploy step, never a page's)
	$(BIN)/servicedesk-migrate --db "$(DB)"

# The tests that need no browser run on every core; the browser journeys run after
# them, alone, since a busy machine makes a real browser miss its waits.
test: setup node db check ## every check: lint, format, types, import contracts, all tests
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile tests/unit tests/integration tests/app
	$(BIN)/pytest -q tests/e2e

setup: $(STAMP) $(MO)

# The French catalogue, compiled from the .po kept in git.
$(MO): $(PO) $(STAMP)
	$(BIN)/servicedesk-i18n compile

i18n: setup ## fold the code's messages into the French catalogue; list what lacks French
	$(BIN)/servicedesk-i18n update
	$(BIN)/servicedesk-i18n missing

# axe-core, the accessibility checker the browser tests run in each page.
node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch node_modules/.installed

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

db: setup ## create and seed the demo store when it is missing
	@if [ -e "$(DB)" ]; then echo "store: $(DB) (exists, left as it is)"; \
	else $(BIN)/python -m seed --db "$(DB)"; fi

check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: setup
	$(BIN)/pytest -q tests/unit tests/integration

e2e: setup node
	$(BIN)/pytest -q tests/e2e

bench: setup ## benchmarks with figures on DuckDB, then PostgreSQL (not run by make test)
	$(BIN)/python -m tests.bench.bench_seed --tickets 1000000
	$(BIN)/python -m tests.bench.bench_desk --db data/bench-1m.duckdb
	$(BIN)/python -m tests.bench.bench_sla --db data/bench-1m.duckdb
	$(BIN)/python -m tests.bench.bench_analytics --db data/bench-1m.duckdb
	$(BIN)/python -m tests.bench.bench_suggestions --db data/bench-1m.duckdb
	$(BIN)/python -m tests.bench.bench_postgres --tickets 1000000
	$(BIN)/python -m tests.bench.bench_browser --db data/bench-1m.duckdb

bench-browser: setup ## the pages in Chromium beside a minimal Streamlit page
	$(BIN)/python -m tests.bench.bench_browser --db data/bench-1m.duckdb

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache
