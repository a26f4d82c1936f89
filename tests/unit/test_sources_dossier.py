"""The dossier reader on small dossiers written by the tests, and its refusals of bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from unvotes.errors import (
    DuplicatePositionError,
    HeaderError,
    InputError,
    UnknownCodeError,
    UnknownCountryError,
)
from unvotes.model import (
    VOTE_CODES,
    AdoptionMethod,
    Coverage,
    CoveredFact,
    DecisionKind,
    FileRole,
    FindingKind,
    LinkRelation,
    SourceKind,
    StatementKind,
    Vote,
)
from unvotes.sources.dossier.facts import (
    ACKNOWLEDGED_COLUMNS,
    COVERAGE_COLUMNS,
    DISASSOCIATION_COLUMNS,
    EVENT_COLUMNS,
    HOLDER_COLUMNS,
    SPONSOR_COUNT_COLUMNS,
    STATEMENT_COLUMNS,
)
from unvotes.sources.dossier.reader import DECISION_COLUMNS, POSITION_COLUMNS, SPONSOR_COLUMNS, read_dossier

DECISIONS = [
    "c3-2014-amendment,c3,amendment,2014-11-18,69,,A/C.3/69/L.63,recorded_vote,rejected,40,77,50,,"
    "A/C.3/69/SR.46,c3-2014,Amendment,,A/C.3/69/SR.46",
    "c3-2014,c3,draft,2014-11-18,69,,A/C.3/69/L.28/Rev.1,recorded_vote,adopted,111,19,55,,A/C.3/69/SR.47,"
    "ga-2014,Situation,,A/C.3/69/SR.47",
    "ga-2014,ga,resolution,2014-12-18,69,A/RES/69/188,,recorded_vote,adopted,116,20,53,,,,Situation,,A/RES/69/188",
    "ga-2016,ga,resolution,2016-12-19,71,A/RES/71/202,,without_vote,adopted,,,,,A/71/PV.65,,Situation,,A/RES/71/202",
]


def write_dossier(
    folder: Path,
    *,
    decisions: list[str] | None = None,
    positions: list[str] | None = None,
    sponsors: list[str] | None = None,
    disassociations: list[str] | None = None,
    acknowledged: list[str] | None = None,
    decision_header: str | None = None,
) -> Path:
    (folder / "facts").mkdir(parents=True, exist_ok=True)
    files = {
        "facts/decisions.csv": (decision_header or ",".join(DECISION_COLUMNS), decisions or DECISIONS),
        "positions.csv": (
            ",".join(POSITION_COLUMNS),
            positions
            if positions is not None
            else ["ga-2014,PRK,no,,voeten", "ga-2014,KOR,yes,,voeten", "c3-2014-amendment,CUB,yes,,c3"],
        ),
        "sponsors.csv": (
            ",".join(SPONSOR_COLUMNS),
            sponsors if sponsors is not None else ["ga-2016,KOR,initial,,,A/C.3/71/L.23"],
        ),
        "facts/sponsor_counts.csv": (
            ",".join(SPONSOR_COUNT_COLUMNS),
            ["ga-2016,,,59,Total reported without the split,ROK foreign ministry"],
        ),
        "facts/events.csv": (
            ",".join(EVENT_COLUMNS),
            ["2014-12-22,security_council,On the agenda,The Council puts the DPRK on its agenda,S/PV.7353,S/PV.7353"],
        ),
        "facts/rapporteurs.csv": (
            ",".join(HOLDER_COLUMNS),
            ["Vitit Muntarbhorn,THA,special_rapporteur,2004-07,2010,Commission on Human Rights,,E/CN.4/RES/2004/13"],
        ),
        "facts/acknowledged.csv": (
            ",".join(ACKNOWLEDGED_COLUMNS),
            acknowledged
            if acknowledged is not None
            else ["ga-2014,totals_vs_roll,announced and counted differ,A/69/PV.73"],
        ),
        "facts/disassociations.csv": (
            ",".join(DISASSOCIATION_COLUMNS),
            disassociations if disassociations is not None else ["ga-2016,CHN,1,partial list,A/71/PV.65"],
        ),
        "facts/coverage.csv": (
            ",".join(COVERAGE_COLUMNS),
            ["ga-2014,sponsors,partial,the draft's face only,A/C.3/69/L.28/Rev.1"],
        ),
        "facts/statements.csv": (
            ",".join(STATEMENT_COLUMNS),
            ["ga-2014,KOR,sponsored,0,,a ministry release", "ga-2016,CUB,spoke_against,1,a blog says so,a blog"],
        ),
    }
    for name, (header, rows) in files.items():
        (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def test_reads_decisions_positions_links_and_series(tmp_path: Path) -> None:
    batch = read_dossier(write_dossier(tmp_path))
    assert batch.kind is SourceKind.DOSSIER
    assert batch.series is not None and batch.series.series == "dprk-human-rights"
    amendment = batch.decisions[0]
    assert amendment.kind is DecisionKind.AMENDMENT
    assert amendment.symbol == "A/C.3/69/L.63"  # an amendment is known by its own symbol
    assert batch.decisions[3].adoption_method is AdoptionMethod.WITHOUT_VOTE
    assert {(k.from_ref, k.to_ref, k.relation) for k in batch.links} == {
        ("c3-2014-amendment", "c3-2014", LinkRelation.AMENDS),
        ("c3-2014", "ga-2014", LinkRelation.BECAME),
    }
    assert list(batch.positions.country) == ["PRK", "KOR", "CUB"]
    assert batch.sponsorships[0].country_code == "KOR"
    assert batch.disassociations[0].is_partial_list is True
    assert batch.events[0].symbol == "S/PV.7353"
    assert (batch.sponsor_counts[0].initial_count, batch.sponsor_counts[0].total_count) == (None, 59)
    assert batch.mandate_holders[0].term_start == "2004-07"  # partial dates stay partial
    assert batch.files[0].file_name == "dprk/facts/decisions.csv"
    assert {role: batch.file_for(role).file_name for role in FileRole} == {
        FileRole.DECISIONS: "dprk/facts/decisions.csv",
        FileRole.POSITIONS: "dprk/positions.csv",
        FileRole.SPONSORSHIPS: "dprk/sponsors.csv",
        FileRole.SPONSOR_COUNTS: "dprk/facts/sponsor_counts.csv",
        FileRole.DISASSOCIATIONS: "dprk/facts/disassociations.csv",
        FileRole.COVERAGE: "dprk/facts/coverage.csv",
        FileRole.STATEMENTS: "dprk/facts/statements.csv",
    }
    assert [(c.decision_ref, c.fact, c.coverage) for c in batch.coverage] == [
        ("ga-2014", CoveredFact.SPONSORS, Coverage.PARTIAL)
    ]
    assert [(x.country_code, x.statement, x.is_secondary) for x in batch.statements] == [
        ("KOR", StatementKind.SPONSORED, False),
        ("CUB", StatementKind.SPOKE_AGAINST, True),
    ]
    assert batch.acknowledgements[0].kind is FindingKind.TOTALS_VS_ROLL
    assert all(len(f.sha256) == 64 for f in batch.files)
    assert batch.positions.vote.tolist()[1] == VOTE_CODES[Vote.YES]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"positions": ["ga-2014,PRK,no,,"]},
            InputError,
            r"positions.csv, line 2: row has no source citation",
        ),
        (
            {"positions": ["ga-2014,PRK,maybe,,x"]},
            UnknownCodeError,
            r"positions.csv, line 2: unknown value 'maybe'",
        ),
        (
            {"positions": ["ga-2014,XXK,no,,x"]},
            UnknownCountryError,
            r"positions.csv, line 2: unknown country",
        ),
        (
            {"positions": ["ga-2099,PRK,no,,x"]},
            InputError,
            r"positions.csv, line 2: unknown decision_key 'ga-2099'",
        ),
        (
            {"positions": ["ga-2014,PRK,no,,x", "ga-2014,PRK,yes,,x"]},
            DuplicatePositionError,
            r"positions.csv, line 3: PRK already has a position on ga-2014 \(line 2\)",
        ),
        ({"positions": ["ga-2014,PRK,no"]}, InputError, r"positions.csv, line 2: row has 3 fields"),
        (
            {"decision_header": "decision_key,body,kind"},
            HeaderError,
            r"facts/decisions.csv, line 1: columns differ \(missing: \['date'",
        ),
        (
            {"decisions": [*DECISIONS[:3], DECISIONS[2]]},
            InputError,
            r"facts/decisions.csv, line 5: decision_key 'ga-2014' repeats line 4",
        ),
        (
            {"decisions": [DECISIONS[2].replace("2014-12-18", "18/12/2014")]},
            InputError,
            r"facts/decisions.csv, line 2: bad date '18/12/2014' \(expected YYYY-MM-DD\)",
        ),
        (
            {"sponsors": ["ga-2016,KOR,initial,,,x", "ga-2016,KOR,additional,,,y"]},
            InputError,
            r"sponsors.csv, line 3: KOR is already a sponsor of ga-2016",
        ),
        (
            {"acknowledged": ["ga-2014,integrity,the file is fine,x"]},
            UnknownCodeError,
            r"facts/acknowledged.csv, line 2: unknown finding kind 'integrity' \(expected totals_vs_roll, "
            r"sources_disagree_totals, sources_disagree_positions, sources_disagree_method, outside_membership\)",
        ),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, kwargs: dict[str, list[str]], error: type, message: str) -> None:
    folder = write_dossier(tmp_path, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(error, match=message):
        read_dossier(folder)
