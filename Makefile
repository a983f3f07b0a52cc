# Two commands for a fresh machine:  make demo  (install + build demo database + start the dashboard)
#                                    make test  (install + run the whole test suite; what CI runs)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
DB := data/rakor.duckdb
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test install test-debs demo-db serve lint bench wheel-check audit

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

# Debian packages the tests drive: chromium for the browser tests (Playwright's own browser download does not work
# offline), LibreOffice Impress, Calc and Writer to open every PPTX, XLSX and DOCX the product writes, poppler for PDF
# pictures.
TEST_DEBS := chromium libreoffice-impress-nogui libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils
test-debs:
	@missing=$$(for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; fi

demo-db: $(STAMP)
	@test -f $(DB) || $(PY) -m dashboard demo

demo: demo-db
	$(PY) -m dashboard serve

serve: $(STAMP)
	$(PY) -m dashboard serve

test: $(STAMP) test-debs
	$(PY) -m ruff check dashboard pages tests bench tools
	$(PY) -m pytest

# Known vulnerabilities and yanked releases in the installed runtime dependencies (docs/DEPENDENCY_AUDIT.md).
audit: $(STAMP)
	$(PY) tools/audit_dependencies.py

bench: $(STAMP)
	$(PY) bench/bench_import.py

# The built wheel in a fresh venv, run from an empty folder (what CI runs after `make test`).
wheel-check: $(STAMP) test-debs
	bash .ci/wheel-check
