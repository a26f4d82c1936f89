#!/bin/sh
# Set up (first run only), build the database from the North Korea human-rights dossier and open the
# explorer on http://127.0.0.1:${PORT:-8000}/ (Ctrl-C stops it).
# Extra arguments go to 'unvotes build', e.g. --data-dir ../shared/data for every GA roll call.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
.venv/bin/unvotes build "$@"
exec .venv/bin/unvotes serve --port "${PORT:-8000}"
