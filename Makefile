# Facet: the two commands are `make run` and `make test`; everything else is what they need.
SHELL := /bin/bash
PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-nudenet setup venv triton models protos check-protos client-toolchains lint unit clean

run: setup
	$(PY) -m scripts.stack

test: setup
	$(PY) -m pytest -q

# The opt-in NudeNet (AGPL-3.0) moderation model: fetch it, run its end-to-end tests, then remove it
# again so the default repository stays free of it.
test-nudenet: setup
	FACET_MODERATION_NUDENET=1 $(PY) model_repository/build.py
	FACET_MODERATION_NUDENET=1 $(PY) -m pytest -q tests/unit/moderation tests/e2e/test_moderation_nudenet_e2e.py; \
	status=$$?; $(PY) model_repository/build.py; exit $$status

setup: venv triton models

venv: $(STAMP)
$(STAMP): pyproject.toml clients/python/pyproject.toml
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ./clients/python -e '.[dev]'
	touch $(STAMP)

triton: venv
	bash scripts/setup_triton.sh

models: venv
	$(PY) model_repository/build.py

# Go, Java and TypeScript toolchains from Debian and npm: what `make protos` and the client tests
# in tests/clients need (CI runs it; about 2 minutes on a clean machine).
client-toolchains:
	bash scripts/install_client_toolchains.sh

protos: venv
	PYTHON=$(PY) bash scripts/gen_protos.sh

check-protos: venv
	PYTHON=$(PY) bash scripts/check_protos.sh

lint: venv
	$(PY) -m ruff check .
	$(PY) -m mypy services gateway scripts bench model_repository/build.py clients/python/src/facet
	PYTHON=$(PY) bash scripts/check_protos.sh
	bash scripts/lint_protos.sh

unit: venv
	$(PY) -m pytest -q tests/unit

clean:
	rm -rf $(VENV) .venv-triton .triton .run
