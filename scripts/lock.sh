#!/bin/sh
# Regenerate requirements/constraints.txt: the exact versions of every dependency (dev included),
# resolved in a fresh virtual environment from the ranges in pyproject.toml.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --upgrade pip
"$tmp/venv/bin/python" -m pip install --quiet ".[dev]"
{
    echo "# Exact versions for set-up and CI (scripts/lock.sh writes this file)."
    "$tmp/venv/bin/python" -m pip freeze --exclude unvotes
} > requirements/constraints.txt
rm -rf "$tmp"
