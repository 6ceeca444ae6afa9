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
.PHONY: help install run serve migrate demo admin test test-fast test-browser lint format messages lock check clean \
	prod-check collectstatic serve-prod backup restore test-production bench-load

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-15s %s\n", $$1, $$2}'

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

messages: install ## Refresh the catalogues (needs gettext), fill them from scripts/translations/ and compile
	$(MANAGE) makemessages -l ru -l en --ignore=.venv --ignore=node_modules --ignore=tests \
		--ignore=scripts --ignore=benchmarks --add-location=file --no-obsolete
	@# polib is a translator's tool, kept out of requirements.lock.
	@$(BIN)/python -c "import polib" 2>/dev/null || $(BIN)/python -m pip install --quiet polib
	@# Russian is the identity (source strings are Russian); English comes from the dict files.
	@# Lists what is left to translate and stops: add it to scripts/translations/ and run again.
	$(BIN)/python scripts/fill_en_catalogue.py
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

lock: ## Re-resolve requirements.lock from pyproject.toml (needs the registry)
	$(PYTHON) -m venv /tmp/portal-lock-venv
	/tmp/portal-lock-venv/bin/pip install --quiet --upgrade pip pip-tools
	/tmp/portal-lock-venv/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

# --- Production profile (README: «Производственный режим») --------------------------
# These targets read DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS ... from the
# environment, with portal.settings.production.
PROD := DJANGO_SETTINGS_MODULE=portal.settings.production
PROD_PORT ?= 8600
WORKERS ?= $(shell nproc)

prod-check: install ## Production settings: `check --deploy` must be clean
	$(PROD) $(MANAGE) check --deploy --fail-level WARNING

collectstatic: install ## Production: collect and compress static files (hashed names) into STATIC_ROOT
	$(PROD) $(MANAGE) collectstatic --noinput

serve-prod: install ## Production: migrate, then uvicorn with WORKERS processes on HOST:PROD_PORT behind the proxy (deploy/nginx.conf)
	$(PROD) $(MANAGE) migrate --noinput
	$(PROD) $(BIN)/uvicorn portal.asgi:application --host $(HOST) --port $(PROD_PORT) \
		--workers $(WORKERS) --proxy-headers --forwarded-allow-ips 127.0.0.1 \
		--lifespan off --no-access-log --no-server-header --log-config deploy/uvicorn-logging.json \
		--timeout-graceful-shutdown 20

backup: install ## Back up the database and media into backups/ (BACKUP_DIR=... to choose)
	$(MANAGE) backup $(if $(BACKUP_DIR),--output $(BACKUP_DIR))

restore: install ## Restore ARCHIVE=backups/portal-....tar.gz (add FORCE=1 to replace existing data)
	@test -n "$(ARCHIVE)" || (echo "usage: make restore ARCHIVE=backups/portal-YYYYmmdd-HHMMSS.tar.gz [FORCE=1]"; exit 2)
	$(MANAGE) restore $(ARCHIVE) $(if $(FORCE),--force)

test-production: install ## Production tests on PostgreSQL + Redis: real uvicorn workers, faults, backup round trips
	$(BIN)/pytest tests/production tests/browser/test_production_csp.py $(PYTEST_ARGS)

bench-load: install ## Load benchmark: uvicorn workers on PostgreSQL + Redis; anonymous pages, search, registration and chat (BENCH_ARGS=...)
	$(BIN)/python benchmarks/load.py --serve --workers $(WORKERS) $(BENCH_ARGS)

clean: ## Remove the virtual environment and collected static files
	rm -rf $(VENV) collected-static
