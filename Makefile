# Two entry points: `make serve` and `make test`. Everything else is a step they share.
SHELL := /bin/bash
.DEFAULT_GOAL := help

HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# What serving needs, and what testing needs on top (test tools, browsers' drivers).
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed

.PHONY: help serve test test-fast bench measure searchbench setup system-packages test-system-packages bench-system-packages node-packages messages static database check lint pytest pytest-sqlite pytest-postgres lighthouse clean

help:
	@echo "make serve       set everything up and serve the site on http://$(HOST):$(PORT)"
	@echo "make test        set everything up and run checks, linter and the whole test suite on"
	@echo "                 SQLite, then the tests that use the database on PostgreSQL"
	@echo "make test-fast   the quick tier: no browser, no servers, nothing slow (under a minute)"
	@echo "make bench       load-test the site under gunicorn and nginx with wrk (about 3 minutes)"
	@echo "make measure     render times and queries of the main pages in-process, and of a FAQ"
	@echo "                 page before and after its history grows"
	@echo "make searchbench search times in-process over the whole site, new index and old search"
	@echo "make lighthouse  Lighthouse scores (mobile) of the main pages, production settings"

# Django 6 needs Python 3.12 or newer. Prefer what pyenv selects through .python-version,
# then any python3.13 / python3.12 on PATH or in pyenv's folder; stop clearly if none.
$(PY):
	@py=""; \
	for cand in "$$(command -v pyenv >/dev/null && pyenv which python3 2>/dev/null)" \
	            "$$(command -v python3.13)" "$$(command -v python3.12)" \
	            $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null) \
	            "$$(command -v python3)"; do \
	  [ -n "$$cand" ] && [ -x "$$cand" ] || continue; \
	  if "$$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then py="$$cand"; break; fi; \
	done; \
	if [ -z "$$py" ]; then \
	  echo "error: Python 3.12 or newer is needed (Django 6). Install it, or select it with pyenv (see .python-version)." >&2; \
	  exit 1; \
	fi; \
	echo "Using $$py ($$("$$py" --version))"; \
	"$$py" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet ".[test]"
	touch $(TEST_STAMP)

# Another apt run (a second worktree, unattended upgrades) holds the lock for a while: wait.
# Only root can install system packages: anyone else is told what to install.
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300
define apt_install
if [ "$$(id -u)" != 0 ]; then \
  echo "error: missing system packages:$(1). Install them (as root: apt-get install$(1)) and run make again." >&2; \
  exit 1; \
fi; \
echo "Installing$(1) from Debian's packages"; \
apt-get update -qq && $(APT_INSTALL) $(1)
endef

# GNU gettext compiles the translations; install it from Debian's packages when missing.
system-packages:
	@if ! command -v msgfmt >/dev/null; then \
	  $(call apt_install, gettext); \
	fi

# Browser tests drive Debian's Chromium (no browser downloads) with CJK fonts to render Chinese;
# the Nu HTML Checker needs Java (17 or newer); axe-core, the checker and Lighthouse come
# from npm, so Node.js (20 is on the machine image; Debian's is the fallback); the
# scale-out and proxy tests run Debian's Redis and nginx. PostgreSQL 15 (initdb, pg_ctl)
# comes with the machine image; it is installed too when missing.
test-system-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v initdb >/dev/null || [ -x /usr/lib/postgresql/15/bin/initdb ] || missing="$$missing postgresql-15"; \
	if [ -n "$$missing" ]; then \
	  $(call apt_install,$$missing); \
	fi

# The benchmark's load generator, and nginx for the proxy half of it.
bench-system-packages:
	@missing=""; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  $(call apt_install,$$missing); \
	fi

setup: $(STAMP) system-packages messages

# axe-core, vnu-jar (the W3C Nu HTML Checker) and Lighthouse, exactly as package-lock.json
# pins them; reinstalled when node_modules is missing or older than the lock file.
# --ignore-scripts: none of them needs an install step, and none may download anything.
$(NODE_STAMP): package.json package-lock.json | test-system-packages
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

node-packages: $(NODE_STAMP)

messages: $(STAMP) system-packages
	$(MANAGE) compilemessages --ignore=.venv -v 0

# Pages link to fingerprinted file names, so the manifest must exist before any page renders.
static: setup
	$(MANAGE) collectstatic --noinput -v 0

database: setup
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) loadcontent

serve: database static
	$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) guide_site.wsgi

# The shipped content's own check (checkcontent on a fresh database loaded from fixtures/)
# runs in the test suite, on both databases: tests/channels/test_contentcheck.py.
check: setup static
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_ENV=production DJANGO_SECRET_KEY="$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))")" \
	  DJANGO_ALLOWED_HOSTS=example.org $(MANAGE) check --deploy --fail-level WARNING

lint: setup $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The whole suite on SQLite (the default); then, on a PostgreSQL 15 server started for the
# run in a temporary directory on a loopback port and stopped afterwards even when tests fail,
# the tests that use the database, browser tests aside: what does not touch the database
# (browsers, the HTML checker, real servers with databases of their own) runs once. Both
# passes run on two cores (pytest-xdist): each worker has its own test database, var/ and
# ports. Variables from the developer's shell must not redirect either run.
# Debian keeps initdb and pg_ctl out of PATH; the machine image links them into it.
PYTEST_ENV := env -u DATABASE_URL -u DJANGO_CACHE_URL -u DJANGO_ENV -u DJANGO_VAR_DIR \
	PATH="$$PATH:/usr/lib/postgresql/15/bin"
PYTEST := $(VENV)/bin/pytest -n 2 --dist loadgroup
POSTGRES_TESTS := database and not browser
FAST_TESTS := not browser and not services and not slow

pytest-sqlite: setup $(TEST_STAMP) static test-system-packages node-packages
	$(PYTEST_ENV) $(PYTEST)

pytest-postgres: setup $(TEST_STAMP) static test-system-packages
	$(PYTEST_ENV) $(PY) -m tests.tools.servers postgres -- $(PYTEST) -m "$(POSTGRES_TESTS)"

pytest: pytest-sqlite pytest-postgres

# The quick tier, for the edit-test loop: in-process tests on SQLite, no browser, no real
# servers, nothing that takes seconds on its own. `make test` runs these too.
test-fast: setup $(TEST_STAMP) static
	$(PYTEST_ENV) $(PYTEST) -m "$(FAST_TESTS)"

# Not part of `make test`: scores move with the machine's load. See the README for figures.
lighthouse: setup $(TEST_STAMP) static test-system-packages node-packages
	$(PY) -m tests.tools.lighthouse

test: check lint pytest

# Not part of `make test`: about three minutes of load on loopback (see README).
bench: setup $(TEST_STAMP) static bench-system-packages
	$(PY) -m tests.tools.bench

# Not part of `make test`: in-process render times, on a fresh database in a temporary folder.
measure: setup $(TEST_STAMP) static
	$(PY) -m tests.tools.measure --fresh --history

searchbench: setup $(TEST_STAMP)
	$(PY) -m tests.tools.searchbench

clean:
	rm -rf $(VENV) var staticfiles node_modules test-artifacts
