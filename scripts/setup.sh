#!/bin/sh
# Create .venv (if missing) and install unvotes with its dependencies at the versions pinned in
# requirements/constraints.txt. Usage: sh scripts/setup.sh [dev]
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
extra=""
if [ "${1:-}" = "dev" ]; then
    extra="[dev]"
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c requirements/constraints.txt -e ".$extra"
