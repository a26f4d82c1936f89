#!/bin/sh
# Set up (first run only) and show the North Korea human-rights dossier.
# Extra arguments go to 'unvotes build', e.g. --data-dir ../shared/data for every GA roll call.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
.venv/bin/unvotes build "$@"
.venv/bin/unvotes decisions --series dprk-human-rights
