# Kinerja — the two commands: `make run` (embedded suite) and `make test` (every test).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8080
DEMO ?= 0
KINERJA_DATA_DIR ?= ./var
PACKAGES := shared services/identity services/skp services/penilaian services/keberatan \
            services/angka-kredit services/integration services/reporting web
PYPROJECTS := $(foreach p,$(PACKAGES),$(p)/pyproject.toml)
STAMP := $(VENV)/.installed

.PHONY: install system-deps run test test-fast bench fuzz migrate clean help

help:
	@echo "make run      serve the web UI and every service on http://127.0.0.1:$(PORT)/ (SQLite, in-memory bus; DEMO=1 for demo data)"
	@echo "make test     run every test (needs PostgreSQL and RabbitMQ, see README)"
	@echo "make bench    run the benchmarks under bench/"
	@echo "make fuzz     fuzz every service's API from its OpenAPI document (no 5xx; ~15 min)"

install: $(STAMP)

$(STAMP): $(PYPROJECTS) requirements-dev.txt constraints.txt web/package.json web/package-lock.json
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	scripts/web-assets.sh
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -r requirements-dev.txt $(foreach p,$(PACKAGES),-e $(p))
	@touch $(STAMP)

# Debian packages the tests need (system-packages.txt), installed when missing
system-deps:
	@scripts/system-deps.sh

run: install
	KINERJA_DATA_DIR=$(KINERJA_DATA_DIR) KINERJA_DEMO=$(DEMO) PORT=$(PORT) $(VENV)/bin/kinerja embedded

migrate: install
	KINERJA_DATA_DIR=$(KINERJA_DATA_DIR) $(VENV)/bin/kinerja migrate

test: install system-deps
	$(PY) -m pytest

test-fast: install system-deps
	$(PY) -m pytest -m "not slow" -x

bench: install
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

fuzz: install
	$(PY) scripts/fuzz_api.py

clean:
	rm -rf $(VENV) $(KINERJA_DATA_DIR)
