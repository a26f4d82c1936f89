#!/bin/sh
# Set up (first run only) and run every check: lint, types, the test suite.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh dev
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
