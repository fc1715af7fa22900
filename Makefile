# Trauma-Informed London: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# The pinned requirements are for Python 3.11: any other version is refused.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CHROMIUM := /usr/bin/chromium

.PHONY: help install assets browser weasyprint valgrind python migrate seed run lint test test-fast bench serve deploy-packages deploy-check deploy-up deploy-down clean

# Install a Debian package as root, or with sudo if it needs no password; fails otherwise.
apt_install = { if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
	else false; fi; }

help: ## List the targets and what each does
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(VENV)/.installed node_modules/.installed ## Install the pinned Python and npm dependencies

python: ## Check that Python 3.11 is there (name another with PYTHON=/path/to/python3.11)
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "Python 3.11 is needed: '$(PYTHON)' was not found."; \
		echo "Install it (Debian: sudo apt-get install python3.11 python3.11-venv)"; \
		echo "or name it: make PYTHON=/path/to/python3.11 ..."; \
		exit 1; }
	@version="$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')"; \
	if [ "$$version" != "3.11" ]; then \
		echo "Python 3.11 is needed: '$(PYTHON)' is Python $$version."; \
		echo "Name a Python 3.11: make PYTHON=/path/to/python3.11 ..."; \
		exit 1; \
	fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(MAKE) --no-print-directory python PYTHON=$(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

assets: install ## Build the CSS and JavaScript into static/dist
	npm run --silent build

browser: ## Install Debian's Chromium for the browser tests, if it is missing
	@if [ -x $(CHROMIUM) ]; then \
		echo "Chromium: $$($(CHROMIUM) --version 2>/dev/null)"; \
	else \
		$(call apt_install,chromium) || { \
		echo "The browser tests need Debian's Chromium at $(CHROMIUM)."; \
		echo "Install it with: sudo apt-get install chromium   (then run make test again)"; \
		exit 1; }; \
	fi

weasyprint: ## Install the Debian libraries WeasyPrint needs for the findings' PDF report (Pango, fonts)
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi "dejavu\|liberation"; then \
		echo "WeasyPrint's libraries: present"; \
	else \
		$(call apt_install,libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation) || { \
		echo "The findings' PDF report needs Pango and fonts."; \
		echo "Install them with: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation"; \
		exit 1; }; \
	fi

migrate: install ## Apply database migrations (starts the embedded PostgreSQL if needed)
	$(MANAGE) migrate --noinput

seed: migrate ## Load the demo content (idempotent) and print the demo staff sign-ins
	$(MANAGE) seed_demo

run: assets weasyprint seed ## Set up everything and serve the site with demo content on http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

lint: install ## Check formatting and lint rules with ruff, and who imports whom (lint-imports)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: assets browser weasyprint lint ## Set up and run every test: ruff, import contracts, migrations and questionnaire checks, pytest (browser tests included)
	$(MANAGE) makemigrations --check --dry-run
	for file in survey/questionnaires/practice-survey-v*.yaml; do $(MANAGE) load_questionnaire --check "$$file" || exit 1; done
	$(BIN)/pytest -n 2 --dist loadfile

test-fast: install ## Run the tests without the browser tests, on one process
	$(BIN)/pytest -m "not e2e"

valgrind: ## Install Debian's valgrind for the instruction-count benchmark, if it is missing
	@if command -v valgrind >/dev/null; then \
		echo "valgrind: $$(valgrind --version)"; \
	else \
		$(call apt_install,valgrind) || \
		echo "bench/bench_survey_instructions.py needs valgrind (sudo apt-get install valgrind); it is skipped without it."; \
	fi

bench: assets migrate valgrind browser ## Run the benchmarks in bench/ and print figures against their baselines
	$(BIN)/python bench/run.py

serve: assets migrate ## Serve with production settings through gunicorn (needs SECRET_KEY, ALLOWED_HOSTS, SITE_URL, EMAIL_URL, DATABASE_URL); put nginx in front (deploy/)
	@echo "make serve: gunicorn alone. Each client that sends its request slowly holds a worker"
	@echo "thread: in production put a buffering proxy in front (nginx, deploy/nginx/tilondon.conf;"
	@echo "docs/operations.md). make deploy-up starts the whole topology on this machine."
	DJANGO_ENV=production $(MANAGE) collectstatic --noinput
	DJANGO_ENV=production $(BIN)/gunicorn tilondon.wsgi -c deploy/gunicorn.conf.py

deploy-packages: ## Install Debian's PostgreSQL 15, PgBouncer and nginx for the deploy targets, if missing
	@if [ -x /usr/lib/postgresql/15/bin/postgres ] && [ -x /usr/sbin/pgbouncer ] && [ -x /usr/sbin/nginx ]; then \
		echo "PostgreSQL 15, PgBouncer and nginx are installed."; \
	else \
		$(call apt_install,postgresql-15 pgbouncer nginx curl openssl) || { \
		echo "make deploy-check needs Debian's postgresql-15, pgbouncer and nginx."; \
		echo "Install them with: sudo apt-get install postgresql-15 pgbouncer nginx"; \
		exit 1; }; \
	fi

deploy-check: assets deploy-packages ## Run the production topology on loopback (TLS nginx, 2 app servers, PgBouncer, primary + replica) and check it all; one line of figures (not part of make test)
	$(BIN)/python -m deploy.check

deploy-up: assets deploy-packages ## Start the production topology on this machine and leave it running (prints its HTTPS address and a staff sign-in)
	$(BIN)/python -m deploy.check --up

deploy-down: ## Stop everything make deploy-up started, by PID
	$(BIN)/python -m deploy.check --down

clean: ## Remove installed dependencies, built assets and collected static files (keeps the database)
	rm -rf $(VENV) node_modules static/dist staticfiles
