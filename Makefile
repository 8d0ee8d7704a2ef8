# Annals: `make run` serves the demo archive, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# The suite runs on every core (at most 4), a test file per worker so module fixtures load once;
# PYTEST_PARALLEL= runs it in one process.
PYTEST_PARALLEL ?= -n auto --maxprocesses=4 --dist loadfile
PYTEST := $(BIN)/python -m pytest $(PYTEST_PARALLEL)

.PHONY: run test test-fast test-sqlite test-postgres install browser lint check-deploy bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt requirements-ner.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt "setuptools<81" wheel
	$(BIN)/pip install -q --disable-pip-version-check --no-build-isolation -r requirements-ner.txt
	touch $@

install: $(VENV)/.installed

## run: virtualenv, dependencies, migrations on SQLite, demo archive, editor login, server and a job worker
run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py demo_editor --url http://$(HOST):$(PORT)/admin/
	@echo "Serving the demo archive at http://$(HOST):$(PORT)/ with one job worker beside it (Ctrl-C stops both)"
	@DJANGO_DEBUG=1 $(BIN)/python manage.py jobs_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

## browser: Debian's chromium for the Playwright tests (never a downloaded browser)
browser:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null; }

## test: everything the tests need, lint, then the suite on SQLite and (when reachable) PostgreSQL
test: install browser lint check-deploy test-sqlite test-postgres

## test-fast: lint and the suite on SQLite without the browser tests
test-fast: install lint
	DATABASE_URL= $(PYTEST) -m "not browser"

## lint: ruff's checks and formatting (ruff.toml: 110 columns)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-sqlite:
	@echo "== test suite on SQLite"
	DATABASE_URL= $(PYTEST) -m "not browser"
	@echo "== browser tests on SQLite (their own run: Playwright's event loop stays in each worker)"
	DATABASE_URL= $(PYTEST) -m browser

test-postgres:
	@if $(BIN)/python scripts/pg_reachable.py "$${TEST_DATABASE_URL:-$(PG_URL)}"; then \
	  echo "== test suite on PostgreSQL (browser tests ran on SQLite: they test pages, not the engine)"; \
	  TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$(PG_URL)}" $(PYTEST) -m "not browser"; \
	else echo "== PostgreSQL not reachable at $${TEST_DATABASE_URL:-$(PG_URL)}: suite ran on SQLite only"; fi

check-deploy: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets;print(secrets.token_urlsafe(50))') \
	  DJANGO_ALLOWED_HOSTS=archive.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

## bench: the benchmark on a temporary database (DATABASE_URL picks the engine); BENCH_ARGS= for the full run
BENCH_ARGS ?= --quick
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS) --json bench.json

messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages -l zh_Hans -l en --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

## axe: axe-core and the Nu HTML checker (vnu-jar) from the npm registry into var/node, for tests/browser/a11y
AXE_JS := var/node/node_modules/axe-core/axe.min.js
$(AXE_JS):
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; }
	npm install --prefix var/node --no-audit --no-fund --silent axe-core@4 vnu-jar
axe: $(AXE_JS)

## screenshots: the person, article and events pages at 1280 and 390 px into docs/screenshots/
screenshots: install browser
	@fc-list :lang=zh | grep -q . || { echo "Installing Debian's CJK fonts for the screenshots"; (apt-get update -qq && apt-get install -y -qq fonts-noto-cjk) >/dev/null; }
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///var/screenshots.sqlite3 $(BIN)/python scripts/screenshots.py docs/screenshots

test-sqlite test-postgres: axe
.PHONY: axe screenshots
