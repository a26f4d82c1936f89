#!/bin/sh
# Create .venv (if missing) and install unvotes with its pinned dependencies.
# Usage: sh scripts/setup.sh [dev]
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "dev" ]; then
    .venv/bin/python -m pip install --quiet -r requirements/dev.lock
    .venv/bin/python -m pip install --quiet --no-deps -e .
else
    .venv/bin/python -m pip install --quiet -r requirements/main.lock
    .venv/bin/python -m pip install --quiet --no-deps -e .
fi
