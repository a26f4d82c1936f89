#!/bin/sh
# Set up (first run only), build the database from the North Korea human-rights dossier when there
# is none yet, and open the explorer on http://127.0.0.1:${PORT:-8000}/ (Ctrl-C stops it).
# An existing database is kept: a full build (--data-dir) is never replaced by a smaller one.
#   sh scripts/run.sh                                  # build once, then keep the database
#   sh scripts/run.sh --data-dir ../shared/data        # build with every GA roll call (replaces it)
#   sh scripts/run.sh --rebuild                        # build the database anew from the dossier
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
db="${UNVOTES_DB:-${HOME}/.local/share/unvotes/unvotes.db}"
if [ "${1:-}" = "--rebuild" ]; then
    shift
    .venv/bin/unvotes build --estimates "$@"
elif [ "$#" -gt 0 ] || [ ! -f "$db" ]; then
    echo "run: building the database (about ten seconds from the dossier, a minute and a half with --data-dir and its estimates) ..." >&2
    .venv/bin/unvotes build --estimates "$@"
else
    echo "run: using the database at $db (sh scripts/run.sh --rebuild builds it anew)" >&2
fi
exec .venv/bin/unvotes serve --port "${PORT:-8000}"
