# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python

.PHONY: run test setup lint typecheck messages static clean-var

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end assets come from npm and are copied into static/vendor (not committed).
static/vendor/.built: node_modules/.installed
	mkdir -p static/vendor/rhc static/vendor/htmx static/vendor/axe
	cp node_modules/@rijkshuisstijl-community/design-tokens/dist/index.css static/vendor/rhc/design-tokens.css
	cp node_modules/@rijkshuisstijl-community/components-css/dist/index.css static/vendor/rhc/components.css
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/htmx.min.js
	cp node_modules/axe-core/axe.min.js static/vendor/axe/axe.min.js
	touch $@

setup: $(VENV)/.installed static/vendor/.built
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

run: setup
	mkdir -p var
	DEBUG=true PORTAL_HTTPS=false PORTAL_DEMO_MODE=true EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend \
	  $(PY) scripts/portal_env.py -- sh -c '$(PY) manage.py collectstatic --noinput -v 0 && $(PY) scripts/run_portal.py'

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy .

test: setup lint typecheck
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) scripts/portal_env.py --prefer-local -- sh -c '$(PY) manage.py makemigrations --check --dry-run -v 1 && $(PY) manage.py collectstatic --noinput -v 0 && $(PY) -m pytest $(PYTEST_ARGS)'

messages: $(VENV)/.installed
	DEBUG=true $(PY) manage.py makemessages -l nl -l en --no-location --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench --ignore="*.egg-info"

clean-var:
	rm -rf var
