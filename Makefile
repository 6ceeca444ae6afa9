# Наставник.Портал — every set-up step is a target here; see `make help`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The install stamp is rebuilt only when the dependency files change.
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run serve migrate demo admin test test-fast test-browser lint format messages lock check clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP) ## Build the virtual environment (.venv); quick when nothing changed

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(MANAGE) load_demo

admin: migrate ## Create the admin account once (password from PORTAL_ADMIN_PASSWORD or generated)
	$(MANAGE) ensure_admin

run: demo admin ## Install, migrate, load demo content and serve HTTP + WebSocket on 127.0.0.1:8000
	@echo "Наставник.Портал: http://$(HOST):$(PORT)/  (админка: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Serve without touching the database (HTTP + WebSocket)
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole suite: checks, migrations, unit and browser tests
	$(BIN)/python -m playwright --version >/dev/null
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install ## Run the suite without the browser tests
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install ## Run only the browser tests (real Chromium)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: install ## ruff: lint and check formatting of imports
	$(BIN)/ruff check .

format: install ## ruff: fix what can be fixed automatically
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Refresh the catalogues (needs gettext); then translate new English entries and run again
	$(MANAGE) makemessages -l ru -l en --ignore=.venv --ignore=node_modules --ignore=tests --no-obsolete
	# Source strings are Russian: the Russian catalogue is the identity.
	msgen --force-po -o locale/ru/LC_MESSAGES/django.po locale/ru/LC_MESSAGES/django.po
	$(MANAGE) compilemessages --ignore=.venv

lock: ## Re-resolve requirements.lock from pyproject.toml (needs the registry)
	$(PYTHON) -m venv /tmp/portal-lock-venv
	/tmp/portal-lock-venv/bin/pip install --quiet --upgrade pip pip-tools
	/tmp/portal-lock-venv/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

clean: ## Remove the virtual environment and collected static files
	rm -rf $(VENV) collected-static
