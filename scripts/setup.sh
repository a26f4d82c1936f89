#!/bin/sh
# Create .venv (if missing) and install unvotes with its dependencies at the versions pinned in
# requirements/constraints.txt. Usage: sh scripts/setup.sh [dev]
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "setup: first run: creating .venv and installing the pinned dependencies (about half a minute) ..." >&2
    "$PYTHON" -m venv .venv
else
    echo "setup: checking the dependencies in .venv ..." >&2
fi
extra=""
if [ "${1:-}" = "dev" ]; then
    extra="[dev]"
fi
start=$(date +%s)
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c requirements/constraints.txt -e ".$extra"
echo "setup: dependencies ready ($(( $(date +%s) - start )) s)" >&2
# The explorer's charts: Vega, Vega-Lite, Vega-Embed and the world geometry, pinned in
# package-lock.json, copied into src/unvotes/web/static/vendor/ (not in the repository). Without
# them the pages work and say that charts are unavailable.
vendor=src/unvotes/web/static/vendor/manifest.json
if [ ! -f "$vendor" ] || [ package-lock.json -nt "$vendor" ] || [ scripts/vendor_assets.py -nt "$vendor" ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "setup: installing the chart libraries (npm ci) ..." >&2
        npm ci --no-audit --no-fund --loglevel=error
        .venv/bin/python scripts/vendor_assets.py
    else
        echo "setup: npm not found, the explorer will run without charts (install Node.js and npm, then rerun)" >&2
    fi
fi
