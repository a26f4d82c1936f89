"""Regenerate ``src/unvotes/data/groups/regional.csv`` from a list of the five UN regional groups.

    .venv/bin/python scripts/regional_groups.py [GROUPS_CSV]

GROUPS_CSV is ``un_regional_groups.csv.xz`` (columns ``group_code, group_name, iso3, iso2, name, note``;
see ``shared/data/MANIFEST.md``), by default ``../shared/data/groups/`` beside the repository. The
list gives today's membership. The rows it cannot express (a state taking part in two groups, an
observer, a membership that began after admission, the seats that no longer exist) come from the
table ``SPECIAL`` below, each with its citation; the folder README explains them. Running it twice on
the same input writes the same bytes.
"""

from __future__ import annotations

import csv
import io
import lzma
import sys
from pathlib import Path

from unvotes.reference.countries import load_registry

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "unvotes" / "data" / "groups" / "regional.csv"
DEFAULT_INPUT = REPO.parent / "shared" / "data" / "groups" / "un_regional_groups.csv.xz"

GROUP_CODES = {"AG": "ag", "AP": "apg", "EEG": "eeg", "GRULAC": "grulac", "WEOG": "weog"}
EXPECTED_ROWS = {"ag": 54, "apg": 55, "eeg": 23, "grulac": 33, "weog": 29}
COLUMNS = ("group", "country_code", "member_from", "member_to", "role", "note")

DGACM = "UN DGACM, Regional groups of Member States (https://www.un.org/dgacm/en/content/regional-groups)"
ASK_DAG = "UN Dag Hammarskjold Library, Ask DAG 'Where can I get information about regional groups?' (https://ask.un.org/faq/14521)"
SEAT = "Seat that no longer exists; {}."

# (group, country_code) -> (member_from, member_to, role, note). Rows of the input not named here are
# plain members for as long as the state has been a UN Member.
SPECIAL: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("weog", "TUR"): (
        "",
        "",
        "member",
        f"Takes part fully in WEOG and in the Asia-Pacific Group; counted with WEOG for elections. {DGACM}; {ASK_DAG}.",
    ),
    ("apg", "TUR"): (
        "",
        "",
        "participant",
        f"Takes part fully in the Asia-Pacific Group but is counted with WEOG for elections. {DGACM}; {ASK_DAG}.",
    ),
    ("weog", "USA"): (
        "",
        "",
        "observer",
        f"Member of no regional group; attends WEOG as an observer and is counted with WEOG for elections. {DGACM}.",
    ),
    ("weog", "ISR"): (
        "2000-05-30",
        "",
        "member",
        "In no group before: the Asian Group did not admit it. WEOG invited it on 26 May 2000 as a temporary member "
        "(New York only, renewable every four years) and Israel accepted on 30 May 2000; made permanent in 2004. "
        "Not a WEOG member in Geneva until 2014. "
        f"{ASK_DAG}; JTA, 'Israel's admission to U.N. group seen as beginning of a new era', 31 May 2000.",
    ),
    ("apg", "KIR"): (
        "",
        "",
        "member",
        f"Listed with the Asia-Pacific States by {DGACM}. The day it joined is not established: {ASK_DAG} says it "
        "was in no group 'as of 2010', other compilations say it joined in 2010. Counted from its UN admission "
        "(14 September 1999).",
    ),
}
FORMER_SEATS: tuple[tuple[str, str, str], ...] = (
    ("eeg", "SUN", "counted with the Eastern European States, as the Russian Federation that continued it"),
    ("eeg", "CSK", "counted with the Eastern European States, as Czechia and Slovakia that took its place"),
    ("eeg", "DDR", "sat with the Eastern European States (it held their Security Council seat in 1980-1981)"),
    ("eeg", "YUG", "counted with the Eastern European States, as Serbia"),
    ("eeg", "SCG", "counted with the Eastern European States, as Serbia that continued it"),
    ("apg", "YMD", "counted with the Asia-Pacific States, as Yemen into which it merged"),
    ("apg", "TWN", "China's seat until 25 October 1971; counted with the Asia-Pacific States, as China"),
    ("ag", "XZN", "counted with the African States, as the United Republic of Tanzania into which it merged"),
)


def read_input(path: Path) -> list[dict[str, str]]:
    with lzma.open(path, "rt", encoding="utf-8") if path.suffix == ".xz" else path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rows_from(source: list[dict[str, str]]) -> list[tuple[str, ...]]:
    registry = load_registry()
    rows: list[tuple[str, ...]] = []
    counts: dict[str, int] = {}
    for record in source:
        group = GROUP_CODES[record["group_code"]]
        code = record["iso3"]
        if code not in registry:
            raise SystemExit(f"unknown country code {code!r} in the input ({record['name']})")
        counts[group] = counts.get(group, 0) + 1
        member_from, member_to, role, note = SPECIAL.get((group, code), ("", "", "member", ""))
        rows.append((group, code, member_from, member_to, role, note))
    if counts != EXPECTED_ROWS:
        raise SystemExit(f"rows per group {counts}, expected {EXPECTED_ROWS}: check the input and SPECIAL")
    missing = set(SPECIAL) - {(r[0], r[1]) for r in rows}
    if missing:
        raise SystemExit(f"special cases not in the input: {sorted(missing)}")
    for group, code, why in FORMER_SEATS:
        ended = registry.get(code).un_member_to
        rows.append((group, code, "", ended.isoformat() if ended else "", "member", SEAT.format(why)))
    return sorted(rows, key=lambda r: (r[0], r[1]))


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_INPUT
    rows = rows_from(read_input(path))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(buffer.getvalue(), encoding="utf-8")
    print(f"{OUTPUT.relative_to(REPO)}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
