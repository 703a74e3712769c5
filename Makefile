# Facet: the two commands are `make run` and `make test`; everything else is what they need.
SHELL := /bin/bash
PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-nudenet setup venv triton models protos check-protos client-toolchains lint unit clean deploy-check images

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

# deploy/: render every overlay and component with kubectl kustomize, validate strictly against the
# Kubernetes 1.32 schemas, run checkov offline (in its own venv: it pins packaging<24, which pytest
# rejects). No cluster needed. `make images` builds and smoke-checks the container images (buildah).
CHECKOV_STAMP := .venv-checkov/.installed
$(CHECKOV_STAMP): deploy/checkov-requirements.txt
	rm -rf .venv-checkov
	$(PYTHON_BIN) -m venv .venv-checkov
	.venv-checkov/bin/python -m pip install --quiet -r deploy/checkov-requirements.txt
	touch $(CHECKOV_STAMP)

deploy-check: venv $(CHECKOV_STAMP)
	$(PY) -m scripts.deploy_check

images:
	command -v buildah >/dev/null && command -v debootstrap >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah debootstrap >/dev/null)
	bash deploy/images/build.sh

clean:
	rm -rf $(VENV) .venv-triton .venv-checkov .triton .run
