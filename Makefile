# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup run serve test bench audit screenshots messages clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PY) -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: setup
	bash scripts/run.sh

# The production processes of the Procfile (gunicorn, Celery workers, one beat) on this machine's PostgreSQL
# and Redis, run by honcho (scripts/serve.sh); migrates first and prints the address.
serve: setup
	bash scripts/serve.sh

test: setup
	bash scripts/test.sh

bench: setup
	bash scripts/bench.sh

# Lighthouse's SEO and accessibility scores of the demo bundle, served on localhost (scripts/audit.sh).
audit: setup
	bash scripts/audit.sh

# The demo's de-DE, ja-JP and ar-SA landing pages at 1280 and 390 px, into docs/screenshots/ (scripts/screenshots.sh).
screenshots: setup
	bash scripts/screenshots.sh

messages: setup
	$(PY) manage.py makemessages --locale zh_Hans --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
