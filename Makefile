# One Makefile; CI runs the same targets. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The port `make demo` serves on: `make demo PORT=8001` beside another one.
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
PYTEST_ARGS ?=
# The suite runs in one process per core (pytest-xdist; `make test TEST_WORKERS=0` runs it in
# this one), each test file whole in one process: a file's tests share its module fixtures
# (a migrated database, a generated workbook), made once instead of once per process.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

.PHONY: install demo test test-fast lint format bench lock system-deps browser-deps clean docs messages docs-images vendor-js

install: $(STAMP) system-deps

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	$(BIN)/python -m compileall -q ocop > /dev/null
	touch $(STAMP)

# Debian packages, installed only when missing (apt needs root, as on the CI machine; without
# it the command says what to install and the rest goes on):
# - system-deps: Liberation fonts for Vietnamese, LibreOffice Writer for PDF letters, Calc to
#   print the workbooks in tests (each appendix numbered from 1, the text at 10 pt or more) and
#   poppler-utils (pdftotext, pdftoppm) to read PDFs back and render a page in tests.
# - browser-deps: Chromium for the browser tests (Playwright drives Debian's build).
SYSTEM_PACKAGES := fonts-liberation2 libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
BROWSER_PACKAGES := chromium

system-deps:
	@PACKAGES="$(SYSTEM_PACKAGES)" sh scripts/apt-ensure.sh

browser-deps:
	@PACKAGES="$(BROWSER_PACKAGES)" sh scripts/apt-ensure.sh

demo: install
	OCOP_DEMO=1 $(BIN)/ocop migrate --no-input
	OCOP_DEMO=1 $(BIN)/ocop demo_setup
	OCOP_DEMO=1 sh scripts/demo-serve.sh $(BIN) 127.0.0.1:$(PORT)

test: install browser-deps
	$(BIN)/ocop makemigrations --check --dry-run > /dev/null || \
	  (echo "Migrations are not up to date: run '$(BIN)/ocop makemigrations'"; exit 1)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PYTEST) $(PYTEST_ARGS)

# The suite without the browser tests, for a quick loop while editing.
test-fast: install
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev,bench]"
	$(BIN)/python bench/run.py

# Refresh the lock file after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/ocop-lock && $(PYTHON) -m venv /tmp/ocop-lock
	/tmp/ocop-lock/bin/pip install --quiet --disable-pip-version-check -e ".[dev,bench]"
	/tmp/ocop-lock/bin/pip freeze --exclude-editable | grep -v '^ocop-registry' > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Refresh the vendored Chart.js of the statistics page from the npm registry (needs npm).
vendor-js:
	sh scripts/vendor-chartjs.sh $(VERSION)

docs: install
	COLUMNS=100 $(BIN)/python -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ocop.settings'); django.setup(); from ocop.cli_docs import render; open('docs/commands.md', 'w').write(render())"

# The pictures of docs/ (letter and lists of the sample at 31/12/2025, as printed); the Excel
# lists are printed through LibreOffice Calc, which only this target needs.
docs-images: install
	@PACKAGES="libreoffice-calc-nogui" sh scripts/apt-ensure.sh
	sh scripts/render-docs.sh

# The catalogues of ocop/locale (needs gettext's xgettext, msgmerge and msgfmt): the English of
# the public pages (en: its msgids, the Vietnamese of the code and templates, are refreshed from
# the code first; write the English of any new one) and our additions to Django's Vietnamese
# catalogs (vi, written by hand). The .mo files are committed so that installing needs no
# gettext; tests/test_translations.py fails when a .mo no longer says what its .po says.
MESSAGES_IGNORE := --ignore ".venv" --ignore "var" --ignore "tests" --ignore "bench" --ignore "docs" --ignore "scripts"

messages: install
	$(BIN)/ocop makemessages --locale en $(MESSAGES_IGNORE) --add-location file --no-obsolete
	$(BIN)/ocop compilemessages --locale vi --locale en --ignore ".venv" --ignore "var"
