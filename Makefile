# The two commands of the README: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: demo test lint typecheck bench bench-limits bench-real bench-scale bench-startup bench-mutations bench-readers bench-store bench-web clean libreoffice

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.0.1
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on the embedded default (SQLite): parse, check and store the bundled samples,
# then query, compare and export them. DEMO_DB is a local file so the demo never touches the
# user's default database; a second `make demo` skips the stored documents (idempotent).
DEMO_DB ?= demo/cnbudget.db
demo: $(STAMP)
	@mkdir -p demo
	$(BIN)/cnbudget ingest "tests/corpus/*.txt" --db $(DEMO_DB)
	COLUMNS=160 $(BIN)/cnbudget list --db $(DEMO_DB)
	COLUMNS=160 $(BIN)/cnbudget compare share --db $(DEMO_DB)
	COLUMNS=160 $(BIN)/cnbudget compare code 2101501 --db $(DEMO_DB)
	COLUMNS=160 $(BIN)/cnbudget compare three_public --db $(DEMO_DB)
	$(BIN)/cnbudget check tests/corpus/*.txt --format html > demo/check.html || true
	$(BIN)/cnbudget export --db $(DEMO_DB) --format xlsx --out demo/xlsx
	$(BIN)/cnbudget export --db $(DEMO_DB) --format datapackage --out demo/datapackage
	@echo "核查报告：demo/check.html；工作簿：demo/xlsx/；数据包：demo/datapackage/"
	@echo "网页界面：$(BIN)/cnbudget serve --db $(DEMO_DB)  （http://127.0.0.1:8000/）"

lint: $(STAMP)
	$(BIN)/ruff check cnbudget tests bench
	$(BIN)/ruff format --check cnbudget tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck libreoffice
	bash .ci/postgresql.sh  # the store tests start a throwaway PostgreSQL cluster
	bash .ci/chromium.sh  # the web tests drive Debian's Chromium
	$(BIN)/pytest

# LibreOffice for the XLSX export tests and the format fixtures (headless conversion), and the
# CJK fonts of the PDF fixtures; installed once, when apt exists.
FIXTURE_PACKAGES := libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk
libreoffice:
	@dpkg -s $(FIXTURE_PACKAGES) >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
		{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			$(FIXTURE_PACKAGES); } >/dev/null || \
		echo "注意：无法安装 $(FIXTURE_PACKAGES)，LibreOffice 转换与字体相关测试将跳过"

bench: $(STAMP)
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/synthetic_accuracy.py $(or $(DOCS),1000)
	$(BIN)/python bench/performance_roundtrip.py $(or $(BLOCKS),1000)

bench-real: $(STAMP)  # real published PDFs and the samples: coverage, identities, metadata, time
	$(BIN)/python bench/real_bench.py $(if $(CORPUS),--corpus $(CORPUS))

bench-limits: $(STAMP)  # long texts (linear time) and hostile inputs against the reader limits
	$(BIN)/python bench/limits_bench.py $(if $(LINES),--lines $(LINES))

bench-mutations: $(STAMP)  # synthetic documents, then the real ones (tests/corpus, tests/corpus/real)
	$(BIN)/python bench/mutation_rate.py $(or $(DOCS),200) --per-kind $(or $(PER_KIND),4)

bench-readers: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/readers_bench.py --docs $(or $(DOCS),40)

bench-store: $(STAMP)  # ingest throughput and compare latency, SQLite and PostgreSQL
	bash .ci/postgresql.sh
	$(BIN)/python bench/store_bench.py --docs $(or $(DOCS),10000)

bench-startup: $(STAMP)  # whole-process time of `cnbudget --help`, `parse` and `check` (medians)
	$(BIN)/python bench/startup_bench.py --runs $(or $(RUNS),15)

SCALE_WORKERS ?= 1,2
# DOCS documents ingested per worker count (CPU per stage, docs/s, load); COMPARE_DOCS > 0: the
# compare queries on a store bulk-loaded with that many documents (bench/bulk_store.py)
bench-scale: $(STAMP)  # Dask ingest into PostgreSQL, 1 and 2 workers, compare queries (docs/scale.md)
	bash .ci/postgresql.sh
	$(BIN)/python bench/scale_bench.py --docs $(or $(DOCS),5000) --workers $(SCALE_WORKERS) \
		--compare-docs $(or $(COMPARE_DOCS),0)

bench-web: $(STAMP)  # page load times over a synthetic database of 10,000 documents
	$(BIN)/python bench/web_bench.py --docs $(or $(DOCS),10000)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
