"""Regenerate the DPRK dossier's derived files (positions.csv, sponsors.csv) from the public sources.

    .venv/bin/python scripts/regenerate_dossier.py [DATA_DIR]

DATA_DIR defaults to ../shared/data. The rolls come from the package's own readers: Voeten (GA
plenary), the Third Committee summary records, OHCHR (CHR/HRC); sponsors 2019-2025 from the DGACM
resolutions; Security Council rolls and earlier sponsors from the curated facts. Running it twice
on the same sources writes the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from unvotes import sources
from unvotes.model import SourceKind
from unvotes.sources.dossier import regenerate

REPO = Path(__file__).resolve().parents[1]
FOLDER = REPO / "src" / "unvotes" / "data" / "dprk"


def main() -> int:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data"
    found = sources.detect(data_dir)
    wanted = {kind for body_kinds in regenerate.ROLL_SOURCES.values() for kind in body_kinds} | {SourceKind.UNXML}
    loaders = {kind: sources.loader_for(kind, paths) for kind, paths in found.groups.items() if kind in wanted}
    _, report = regenerate.generate(FOLDER, loaders)
    print(f"positions.csv: {report.positions} rows; sponsors.csv: {report.sponsors} rows")
    for key, origin in report.rolls_found.items():
        print(f"  {key}: {origin}")
    for key in report.rolls_missing:
        print(f"  {key}: NO ROLL FOUND in the sources")
    return 1 if report.rolls_missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
