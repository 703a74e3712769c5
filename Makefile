# Facet: the two commands are `make run` and `make test`; everything else is what they need.
SHELL := /bin/bash
PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup venv triton models protos check-protos lint unit clean

run: setup
	$(PY) -m scripts.stack

test: setup
	$(PY) -m pytest -q

setup: venv triton models

venv: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

triton: venv
	bash scripts/setup_triton.sh

models: venv
	$(PY) model_repository/build.py

protos: venv
	PYTHON=$(PY) bash scripts/gen_protos.sh

check-protos: venv
	PYTHON=$(PY) bash scripts/check_protos.sh

lint: venv
	$(PY) -m ruff check .
	$(PY) -m mypy services gateway scripts bench model_repository/build.py
	PYTHON=$(PY) bash scripts/check_protos.sh
	bash scripts/lint_protos.sh

unit: venv
	$(PY) -m pytest -q tests/unit

clean:
	rm -rf $(VENV) .venv-triton .triton .run
