# The two commands a fresh machine needs: `make run` and `make test`.
# Each creates .venv when it is missing and installs the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXAMPLE ?= examples/build-intermediate.yaml
PORT ?= 8000
DEMO_DB ?= $(CURDIR)/.runlift/demo.db

.PHONY: run plan test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The web app on SQLite, with a demo runner seeded on first run (its sign-in is printed).
run: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/runlift serve --demo --port $(PORT) --db sqlite:///$(DEMO_DB)

# The CLI on the article's example week.
plan: $(STAMP)
	$(BIN)/runlift plan $(EXAMPLE)

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_planner.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_fit.py
	$(BIN)/python benchmarks/bench_import.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
