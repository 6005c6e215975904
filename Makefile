# WISE Business: the commands of the README. Each target sets up .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format messages stop admin bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Serve the site with its demo content on http://$(HOST):$(PORT)/ (embedded PostgreSQL unless DATABASE_URL is set).
run: $(STAMP)
	@$(BIN)/python -m wisebusiness.port_check $(HOST) $(PORT)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=.data -v 0
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_local_admin --url http://$(HOST):$(PORT)/admin/
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Lint and run every test on PostgreSQL.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=.data -v 0
	$(BIN)/python -m pytest

# Format the code.
format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract UI strings into every app's and the site's .po files.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=.data --ignore=tests --ignore=bench

# Stop the embedded PostgreSQL server.
stop: $(STAMP)
	$(BIN)/python -m wisebusiness.embedded_db stop

# Create (or reset the password of) the local admin account.
admin: $(STAMP)
	$(BIN)/python manage.py ensure_local_admin --reset

# Benchmark the catalogue with 10,000 synthetic tools, then print the search relevance pass rate (own databases; not part of make test).
bench: $(STAMP)
	$(BIN)/python bench/catalogue.py --tools 10000
	$(BIN)/python bench/relevance.py

# Remove the environment and local data (database, collected static files, uploads).
clean: stop
	rm -rf $(VENV) .data
