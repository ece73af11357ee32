# wirewatch: `make help` lists every target. The README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: record-shapes browser postgres bench-web eval eval-stream corpus-saudinewsnet corpus-english bench-analyze bench-incidents bench-alert bench-poll bench-replay help venv demo test test-unit test-dates test-integration lint format kafka-fetch prometheus-fetch kafka-up kafka-down lock clean check-seed

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), f"wirewatch needs Python 3.11, found {sys.version.split()[0]}"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install wirewatch with pinned dependencies

prometheus-fetch: ## Debian's prometheus and promtool into .cache/prometheus (once; not when on PATH; no service)
	bash deploy/prometheus/fetch.sh .cache/prometheus

kafka-fetch: ## fetch the pinned Kafka jars into .cache/kafka (once)
	$(PYTHON) deploy/kafka/launcher.py fetch

demo: venv kafka-fetch ## THE DEMO: local Kafka, demo feeds, all workers, alerts in the terminal and at local receivers
	$(BIN)/python deploy/demo/run.py

browser: ## Debian's chromium for the browser test (apt-get, as root in CI; skipped when /usr/bin/chromium is there)
	@if [ -x /usr/bin/chromium ]; then echo "chromium: $$(/usr/bin/chromium --version 2>/dev/null)"; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; fi

postgres: ## Debian's PostgreSQL server for the web store's tests (apt-get; skipped when initdb is there; the tests start their own server)
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then echo "postgresql: $$(ls -d /usr/lib/postgresql/*/bin | tail -1)"; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; fi

test: venv kafka-fetch prometheus-fetch browser postgres ## THE TESTS: lint, types, unit, component, integration and end-to-end against a real broker
	$(BIN)/ruff check wirewatch tests deploy bench
	$(BIN)/mypy wirewatch
	$(BIN)/python -m pytest -p no:cacheprovider tests

test-unit: venv ## unit tests only (no broker)
	$(BIN)/python -m pytest tests/unit

test-dates: venv ## unit and component tests with the clock frozen at 9 moments over a week and a year's end
	$(BIN)/python tools/frozen_dates.py

lint: venv ## ruff and mypy
	$(BIN)/ruff check wirewatch tests deploy bench
	$(BIN)/ruff format --check wirewatch tests deploy bench
	$(BIN)/mypy wirewatch

format: venv ## format the code with ruff
	$(BIN)/ruff format wirewatch tests deploy bench
	$(BIN)/ruff check --fix wirewatch tests deploy bench

bench-analyze: venv ## benchmark: full analysis of realistic synthetic news (bench/newsgen.py; figures, then a JSON line)
	$(BIN)/python bench/bench_analyze.py

bench-web: venv ## benchmark: the web board's first page and search with 100,000 incidents in its SQLite store
	$(BIN)/python bench/bench_web.py --incidents $${BENCH_INCIDENTS:-100000}

bench-replay: venv kafka-fetch ## benchmark: articles/s through replay (broker to alert decisions) against analyze on the same text
	$(BIN)/python bench/bench_replay.py

bench-poll: venv ## benchmark: poller refreshes/s on a local farm of 10,000 feeds vs a naive feedparser loop (JSON last)
	$(BIN)/python bench/bench_poll.py

bench-incidents: venv kafka-fetch ## benchmark: processor at 800 articles/s for 10 min (p99 latency, RSS); BENCH_SECONDS=600, BENCH_NEIGHBOUR=1 adds a CPU-bound neighbour
	$(BIN)/python bench/bench_incidents.py --seconds $${BENCH_SECONDS:-600}

bench-alert: venv kafka-fetch ## benchmark: alert latency at 50 incident updates/s and dispatcher throughput; BENCH_HUNG=60 hangs a second channel
	$(BIN)/python bench/bench_alert.py --hung-seconds $${BENCH_HUNG:-0}

kafka-up: kafka-fetch ## start a local broker on 127.0.0.1:9092 (data in .run/kafka)
	$(PYTHON) deploy/kafka/launcher.py up --port 9092 --dir .run/kafka

kafka-down: ## stop the local broker started by kafka-up
	$(PYTHON) deploy/kafka/launcher.py down --dir .run/kafka

check-seed: venv ## the acceptance check on the seed report (needs ../shared)
	../shared/acceptance/check-seed

lock: ## re-resolve dependencies and rewrite constraints.txt (then review the diff)
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet '.[dev]'
	.lockvenv/bin/pip freeze --exclude wirewatch --exclude pip --exclude setuptools > constraints.txt
	rm -rf .lockvenv

clean: ## remove the venv, caches and run data (keeps the Kafka jar cache)
	rm -rf $(VENV) .run .pytest_cache .mypy_cache .ruff_cache *.egg-info

corpus-saudinewsnet: venv ## fetch SaudiNewsNet (31,030 real Arabic articles, CC BY-NC-SA) into .cache/corpora (never committed)
	$(BIN)/python tools/corpora.py saudinewsnet

corpus-english: venv ## fetch Reuters-21578 and FA-KES (real English news) into .cache/corpora/english (never committed)
	$(BIN)/python tools/corpora.py english

eval-stream: venv ## a real stream: volumes per 10,000 and review samples with explain reasons (CORPUS=FILE [SEED=N] [SAMPLE=100])
	@test -n "$(CORPUS)" || { echo "usage: make eval-stream CORPUS=FILE.jsonl [SEED=N] [SAMPLE=100]"; exit 2; }
	$(BIN)/python tests/eval/eval_stream.py $(CORPUS) $(if $(SEED),--seed $(SEED)) --sample $(or $(SAMPLE),100)

record-shapes: venv ## write the shape of each record version that has none (tests/record_shapes; after a version bump)
	$(BIN)/python -m wirewatch.topics.shapes tests/record_shapes

eval: venv ## evaluation: P/R/F1 of detection, watch hits, types and incidents on tests/eval (fails under the bars)
	$(BIN)/python tests/eval/run_eval.py
