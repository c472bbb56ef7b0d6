# The README's commands. Every target installs what it needs; nothing is installed by hand.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000

# Reference data (Kemendagri codes, BPS boundaries, statistics) live outside the repository.
export PETAKAN_DATA_DIR ?= $(abspath ../shared/data)

.PHONY: demo test test-sqlite test-postgres lint bench install install-test system-deps system-test-deps messages clean

demo: install system-deps messages ## set up and run the demo on SQLite at http://$(HOST):$(PORT)
	$(BIN)/petakan migrate --noinput -v0
	$(BIN)/petakan demo
	@echo "Petakan berjalan di http://$(HOST):$(PORT)  (Ctrl+C untuk berhenti)"
	$(BIN)/petakan serve $(HOST):$(PORT)  # the server and the task queue's worker; Ctrl+C stops both

test: install-test system-test-deps messages lint test-sqlite test-postgres ## everything CI runs

test-sqlite:
	$(BIN)/pytest -p no:cacheprovider

test-postgres:
	scripts/with-postgres.sh $(BIN)/pytest -p no:cacheprovider

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: install-test system-test-deps messages ## each benchmark prints its time, budget and ratio to a baseline measured in the same run
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done
	@echo "== benchmarks/bench_indices.py --national (PostgreSQL)"
	scripts/with-postgres.sh $(BIN)/python benchmarks/bench_indices.py --national

install: $(VENV)/.installed node_modules/.installed
install-test: install $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the application needs: LibreOffice Writer (headless) turns the masterplan books into PDF, and
# pdftotext (poppler-utils) finds the page of each heading for the PDF's table of contents.
system-deps:
	@missing=""; \
	command -v libreoffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Debian packages the tests need: chromium for the browser tests, PostgreSQL for the second database, gettext
# for compiling translations, LibreOffice for the PDF books and poppler-utils (pdftotext, pdftoppm) to read them.
system-test-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v libreoffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

messages:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext; }
	cd src/petakan && ../../$(BIN)/petakan compilemessages -v0

clean:
	rm -rf var test-artifacts
