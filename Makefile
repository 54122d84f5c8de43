# `make dev` runs NollyCrew on the embedded stack; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup dev test test-unit bench clean catalogs

setup: $(VENV)/.installed node_modules/.installed redis

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --constraint requirements.lock -e '.[dev]'
	touch $@

# --ignore-scripts: PouchDB's leveldown ships prebuilt binaries; the install scripts would
# only try to download or compile what is already there.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

redis:
	@scripts/ensure-redis

dev: setup app
	$(BIN)/nollycrew dev

test: setup app
	$(BIN)/pytest

test-unit: setup
	$(BIN)/pytest tests/unit

bench: setup
	$(BIN)/python -m bench.feed
	$(BIN)/python -m bench.replication
	$(BIN)/python -m bench.search

clean:
	rm -rf var test-artifacts

# After editing reply templates: re-extract the English (babel.cfg lists the files) and merge it
# into each language's catalog. New English comes out untranslated and changed English fuzzy;
# tests/unit/bots/test_i18n.py fails until a translator fills them in. Nothing is compiled.
catalogs: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg --no-location --project NollyCrew --version 0.1 \
		--copyright-holder NollyCrew -o bots/locale/messages.pot .
	$(BIN)/pybabel update -i bots/locale/messages.pot -d bots/locale --ignore-obsolete --previous
	$(BIN)/pybabel extract -F babel-refusals.cfg --no-location --project NollyCrew --version 0.1 \
		--copyright-holder NollyCrew -o bots/locale/refusals.pot .
	$(BIN)/pybabel update -D refusals -i bots/locale/refusals.pot -d bots/locale --ignore-obsolete --previous
	$(BIN)/pybabel extract -F web/app/babel.cfg --no-default-keywords -k t --no-location --project NollyCrew \
		--version 0.1 --copyright-holder NollyCrew --ignore-dirs "node_modules .* _*" -o web/app/locale/webapp.pot .
	$(BIN)/pybabel update -D webapp -i web/app/locale/webapp.pot -d web/app/locale --ignore-obsolete --previous

# The producers' web app: esbuild bundles web/app/src (Preact, htm, pouchdb-browser) into
# web/app/dist, which the api serves at /, /app/ and /sw.js. Rebuilt only when a source changes.
# The crew's languages come from the app's own catalogs and the core's refusals (bots/locale).
APP_SOURCES := web/app/build.mjs web/app/compile_catalogs.mjs $(shell find web/app/src web/app/locale -type f 2>/dev/null) \
	$(wildcard bots/locale/*/LC_MESSAGES/refusals.po)

.PHONY: app
app: web/app/dist/build.json

web/app/dist/build.json: node_modules/.installed $(APP_SOURCES)
	npm run build --silent
