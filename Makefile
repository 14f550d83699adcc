# Two set-up commands: `make run` and `make test`; everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
FLASK  := $(BIN)/flask --app calendar_app
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install translations migrate seed run serve test browser lint bench messages

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the app with its test tools

translations: $(STAMP) ## Compile the gettext catalogs (.po -> .mo)
	$(BIN)/pybabel compile --use-fuzzy -d calendar_app/translations --statistics 2>&1 | tail -n 1

migrate: translations ## Apply the Alembic migrations to DATABASE_URL (default: instance/calendar.sqlite)
	$(FLASK) db upgrade

seed: migrate ## Load the seed events (idempotent)
	$(FLASK) seed

# Development: Flask debug mode for run and the migrate/seed steps it runs, so no configuration is needed.
run: export FLASK_DEBUG := 1
run: seed ## Install, migrate, seed and serve on http://$(HOST):$(PORT) (development server, debug mode)
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production: every step refuses a missing or weak SECRET_KEY (see README, Deployment).
serve: seed ## Same, served by gunicorn (production mode: needs SECRET_KEY)
	BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py 'calendar_app:create_app()'

browser: ## Install Debian's chromium for the browser tests when it is missing (needs root)
	@bash scripts/ensure-chromium

test: translations browser ## The whole test suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff
	$(BIN)/ruff check calendar_app tests migrations

bench: translations ## Feed rendering and serving benchmarks, as ratios to baselines of the same run
	$(BIN)/python -m benchmarks.feeds

messages: $(STAMP) ## Extract interface strings and update every catalog (then translate the new entries)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -o calendar_app/translations/messages.pot --sort-by-file --omit-header .
	$(BIN)/pybabel update -i calendar_app/translations/messages.pot -d calendar_app/translations --width 100
