# WISE Business: the commands of the README. Each target sets up .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run dev test lint format messages stop admin bench bench-http scale-demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Migrate, compile translations, collect static files, load the demo content, show the admin login.
define PREPARE
	@$(BIN)/python -m wisebusiness.port_check $(HOST) $(PORT)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=.data -v 0
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_local_admin --url http://$(HOST):$(PORT)/admin/
endef

# Serve the site with its demo content on http://$(HOST):$(PORT)/ with gunicorn, as production does
# (DEBUG off, embedded PostgreSQL unless DATABASE_URL is set).
run: $(STAMP)
	$(PREPARE)
	DEBUG=false GUNICORN_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py wisebusiness.wsgi

# The same with Django's development server, which reloads on every code change.
dev: $(STAMP)
	$(PREPARE)
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

# Pages under gunicorn (production settings) with wrk, side by side with a bare view, then a mixed load
# over the demo's public pages (own databases; not part of make test). Shorter: ARGS="--seconds 3 --mixed-seconds 10".
bench-http: $(STAMP)
	$(BIN)/python bench/http_bench.py $(ARGS)

# Two gunicorn instances behind nginx on PostgreSQL, Redis and S3-compatible storage: checks and load.
scale-demo: $(STAMP)
	$(BIN)/python bench/scale_demo.py

# Remove the environment and local data (database, collected static files, uploads).
clean: stop
	rm -rf $(VENV) .data
