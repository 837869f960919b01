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

.PHONY: install serve build test check lint browser bench gates copy-paste determinism links claims-audit clean clean-cache

# uv itself, pinned, in a private venv (nothing is installed outside the repo).
$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --compile-bytecode --quiet
	touch $@

install: $(VENV)/.synced

# Live preview: link checking and the privacy guard are gates, skipped here (build and
# test keep them); the snippet workers stay warm between rebuilds, and --dirty renders
# only the pages whose inputs changed (guide/live.py).
serve: install
	GUIDE_GATE_CHECKS=false $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --livereload

build: install
	$(BIN)/mkdocs build --strict

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The strict build runs every snippet on two workers and fills the cache; the tests
# then reuse those results (and the built site/) and run only the extra seeds the
# claims need, plus the browser tests. Tests that read a common snippet share a worker
# (tests/conftest.py), so no extra seed is computed twice; the slowest tests are listed.
test: install lint browser build
	GUIDE_SITE_DIR=site $(BIN)/python -m pytest -n 2 --dist loadgroup --codeblocks --durations=15

# Debian's Chromium for the browser tests: installed where we are root with apt-get
# (CI, containers); elsewhere the browser tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found and not installable here: browser tests will be skipped"; fi; }

# Gates too slow for `make test` (each runs every snippet again): every code block as
# rendered in the built HTML, run alone in a fresh Python process; and a second cold
# build, offline, that must agree with the first byte for byte. .ci/run runs them after
# `make test`.
gates: copy-paste determinism

copy-paste: install build
	GUIDE_SITE_DIR=site GUIDE_FRESH_TIMEOUT=300 $(BIN)/python -m pytest -n 2 tests/gates/test_copy_paste.py

# Build times against their budgets, on an idle machine; FULL=1 adds make test and
# make claims-audit (minutes).
bench: install
	$(BIN)/python -m guide.bench $(if $(FULL),--full)

# A cold build without network (into an empty cache) gives the same outputs and figures,
# byte for byte, as the build in .cache/ (cold too on a clean clone).
determinism: build
	$(BIN)/python -m guide.bench --determinism

# One page: ruff, its snippets' contract, its claims, its prose numbers, and a strict
# build that runs only its snippets. PAGE=l1 (or batch-norm, labs/moons, ...).
check: install
	$(BIN)/python -m guide.check $(PAGE)

# Every claim test on seeds 0-9: each check's values per seed and worst-case margin.
# Not part of `make test` (it runs every snippet on ten seeds); PAGES="l1 dropout"
# audits only those pages.
claims-audit: install
	$(BIN)/python -m guide.audit $(PAGES)

# External links of the built site with the pages using them: listed, never fetched.
links: build
	$(BIN)/python -m guide.links site

clean-cache:
	rm -rf .cache

clean: clean-cache
	rm -rf site $(VENV) .tools
