# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
APT_GET := $(shell command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo) apt-get
export DATABASE_URL_TEST ?= postgres://postgres@127.0.0.1:5432/memorandum_portal

.PHONY: run test lint messages compilemessages bench vendor system-deps test-deps clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# gettext compiles the translation catalogs.
system-deps:
	@command -v msgfmt >/dev/null || ($(APT_GET) update -qq && $(APT_GET) install -y -qq gettext)

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work
# on these machines).
test-deps: system-deps
	@command -v chromium >/dev/null || ($(APT_GET) update -qq && $(APT_GET) install -y -qq chromium)

compilemessages: system-deps $(VENV)/.runtime
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

## make run: the portal on http://127.0.0.1:8000 with SQLite; no Postgres or Redis needed.
run: compilemessages
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_reference_data --demo
	$(PY) manage.py ensure_coordinator
	@# Without Redis there is no Celery beat: a sweep every minute sends reminders (to the console
	@# unless EMAIL_URL says otherwise); it stops with the server.
	$(PY) manage.py send_due_reminders --every 60 & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: the whole suite on Postgres (DATABASE_URL, default the local server).
test: test-deps $(VENV)/.dev
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_TEST)} $(VENV)/bin/pytest -n auto

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## make messages: refresh the Russian and Kyrgyz catalogs from the source strings.
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages -l ru -l ky --no-obsolete --ignore=.venv --ignore=node_modules --ignore=static/vendor --ignore=tests --ignore=locale_vendor

## make bench: the benchmark (bench/run.py) on Postgres at BENCH_SCALE=small|full (default small);
## results in bench/results/. Not part of `make test`.
bench: compilemessages
	$(PY) -m bench.run

## make vendor: refresh static/vendor from the npm registry (package.json).
vendor:
	./scripts/vendor-static.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
