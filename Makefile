# Two commands for a fresh machine (README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: benchmark-mtlogin benchmark-requests benchmark-scheduling benchmark-ombudsman benchmark-xvia install run test lint check-deploy benchmark a11y fuzz xvia-demo

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

## Install everything, load the demo data into the embedded SQLite database and start the
## portal (and its background worker) at http://127.0.0.1:$(PORT)/
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	PORT=$(PORT) PY=$(PY) scripts/run-dev.sh

## Run the whole test suite (DATABASE_URL selects the database; SQLite by default).
test: install
	$(PY) -m pytest -n 2 --dist loadfile

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-deploy: install
	DJANGO_ENV=production SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-value-0123456789abcdef \
	ALLOWED_HOSTS=portal.mt.gov.br SITE_URL=https://portal.mt.gov.br CACHE_URL=redis://127.0.0.1:6379/1 CELERY_BROKER_URL=redis://127.0.0.1:6379/2 \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/plataforma} \
	$(PY) manage.py check --deploy --fail-level WARNING

benchmark: install
	$(PY) benchmarks/catalog_bench.py

## MT Login over real HTTP: gunicorn + PostgreSQL + Redis (both must be running locally).
benchmark-mtlogin: install
	$(PY) benchmarks/mtlogin_bench.py --worker-class gthread --workers 2 --threads 4 --wait-idle 10

## Service requests with 1,000,000 requests in PostgreSQL: requester's list, agency inbox, panel
## (server-side p95) and sustained submissions over HTTP on gunicorn (PostgreSQL and Redis must run).
benchmark-requests: install
	$(PY) benchmarks/requests_bench.py

## Scheduling (issue #5): availability of a service across 50 units over 30 days, and parallel
## bookings with the overbooking checks (PostgreSQL and Redis must run).
benchmark-scheduling: install
	$(PY) benchmarks/scheduling_bench.py

## Ouvidoria (issue #6): 500,000 manifestações — the inbox for the Ouvidoria-Geral and an agency's
## ouvidor with every filter, the yearly report and the ranking (PostgreSQL and Redis must run).
benchmark-ombudsman: install
	$(PY) benchmarks/ombudsman_bench.py

benchmark-xvia: install
	$(PY) benchmarks/xvia_bench.py

## With `make run` going (in another terminal): calls crossing X-VIA, with their X-Road headers.
xvia-demo: install
	$(PY) manage.py xvia_demo

## Accessibility gate (WCAG 2.1 AA, eMAG 3.1): scans a throw-away portal with the demo data in
## headless Chromium with axe-core, both contrast modes, desktop and 320 px; non-zero on any violation.
a11y: install
	scripts/a11y/run.sh

## API fuzzing from the OpenAPI document (Schemathesis): no server error, responses as documented.
fuzz: install
	scripts/fuzz/run.sh
