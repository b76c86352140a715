# The two commands of the README: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: demo test lint typecheck bench bench-mutations bench-store bench-web clean libreoffice

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.0.1
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@for f in tests/corpus/*.txt; do \
		echo "== $$f"; \
		$(BIN)/cnbudget parse "$$f" --format summary || exit 1; \
	done

lint: $(STAMP)
	$(BIN)/ruff check cnbudget tests bench
	$(BIN)/ruff format --check cnbudget tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck libreoffice
	bash .ci/postgresql.sh  # the store tests start a throwaway PostgreSQL cluster
	bash .ci/chromium.sh  # the web tests drive Debian's Chromium
	$(BIN)/pytest

# LibreOffice for the XLSX export tests (headless conversion); installed once, when apt exists.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
		{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends libreoffice-calc-nogui; } >/dev/null || \
		echo "注意：无法安装 libreoffice-calc-nogui，LibreOffice 转换测试将跳过"

bench: $(STAMP)
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/synthetic_accuracy.py $(or $(DOCS),1000)
	$(BIN)/python bench/performance_roundtrip.py $(or $(BLOCKS),1000)

bench-store: $(STAMP)  # ingest throughput and compare latency, SQLite and PostgreSQL
	bash .ci/postgresql.sh
	$(BIN)/python bench/store_bench.py --docs $(or $(DOCS),10000)

bench-web: $(STAMP)  # page load times over a synthetic database of 10,000 documents
	$(BIN)/python bench/web_bench.py --docs $(or $(DOCS),10000)

bench-mutations: $(STAMP)
	$(BIN)/python bench/mutation_rate.py $(or $(DOCS),200)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
