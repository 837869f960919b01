# Two commands do everything on a fresh machine with python3 (>= 3.11) and make:
#   make serve   set up the environment from uv.lock, build, serve on http://127.0.0.1:8000
#   make test    the whole test suite, the strict build included
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
BIN := $(VENV)/bin
UV := .tools/bin/uv

export NO_MKDOCS_2_WARNING := 1   # Material's banner about MkDocs 2.0; not a problem here
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
export TF_CPP_MIN_LOG_LEVEL := 3
# Some machines set PYTHONDONTWRITEBYTECODE; the venv is byte-compiled at install instead,
# which halves TensorFlow's import time in every process.

.PHONY: install serve build test lint bench clean clean-cache

# uv itself, pinned, in a private venv (nothing is installed outside the repo).
$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --compile-bytecode --quiet
	touch $@

install: $(VENV)/.synced

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: install
	$(BIN)/mkdocs build --strict

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The strict build runs every snippet on two workers and fills the cache; the tests
# then reuse those results and run only the extra seeds the claims need.
test: install lint build
	$(BIN)/python -m pytest -n 2 --codeblocks

bench: install
	$(BIN)/python -m guide.bench

clean-cache:
	rm -rf .cache

clean: clean-cache
	rm -rf site $(VENV) .tools
