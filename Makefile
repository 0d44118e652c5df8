# Two commands for a newcomer: `make demo` and `make test`. Everything else is a helper of those.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
SETTINGS := scripts.workbench_settings
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONPATH := $(CURDIR)
export DJANGO_SETTINGS_MODULE := $(SETTINGS)

.PHONY: demo test venv install-demo install-test migrate course serve bench translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade 'pip>=24' 'setuptools>=69' wheel

$(VENV)/.demo-installed: $(BIN)/python setup.py $(CONSTRAINTS)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[demo]'
	touch $@

$(VENV)/.test-installed: $(BIN)/python setup.py $(CONSTRAINTS)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[demo,test]'
	touch $@ $(VENV)/.demo-installed

venv: $(VENV)/.demo-installed
install-demo: $(VENV)/.demo-installed
install-test: $(VENV)/.test-installed

var:
	mkdir -p var

migrate: install-demo var
	$(BIN)/python -m django migrate --run-syncdb --verbosity 0

course: install-demo
	$(BIN)/python -m scripts.course_build --bundle

serve: migrate
	$(BIN)/python -m scripts.demo_urls $(HOST) $(PORT)
	$(BIN)/python -m django runserver --noreload $(HOST):$(PORT)

demo: migrate course serve

# The whole suite on SQLite; then, when SIRIUS_TEST_DATABASE_URL names a MariaDB/MySQL (or PostgreSQL)
# server, every test that touches the database again on that server.
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -n "$$SIRIUS_TEST_DATABASE_URL" ]; then \
	  echo "== database tests on $$SIRIUS_TEST_DATABASE_URL =="; \
	  SIRIUS_DATABASE_URL="$$SIRIUS_TEST_DATABASE_URL" $(BIN)/python -m pytest -m database --ignore=tests/browser $(PYTEST_ARGS); \
	fi

bench: migrate
	$(BIN)/python -m scripts.bench

translations: install-test
	$(BIN)/python scripts/i18n.py update

clean:
	rm -rf $(VENV) var dist build *.egg-info
