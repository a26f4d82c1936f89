"""The audit's rules (``facts/acknowledged_rules.csv``): a narrow, cited rule explains a class of
findings, each explained finding names its rule, a finding outside the rule stays open, and a
broken rules file is refused in one line."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.hardening.harness import cli
from tests.hardening.test_check import _check, dossier_db

from unvotes import reports, store
from unvotes.errors import InputError
from unvotes.sources.dossier import dossier_folder

__all__ = ["dossier_db"]  # the dossier database of test_check, built once for this module too

RULE = "voeten2017-vote-before-admission"


@pytest.fixture()
def db(dossier_db: Path, tmp_path: Path) -> Path:
    """A copy of the dossier database with a Voeten 2017 source added, to give positions to."""
    copy = Path(shutil.copyfile(dossier_db, tmp_path / "rules.db"))
    con = sqlite3.connect(copy)
    with con:
        con.execute(
            "INSERT INTO sources (kind, file_name, sha256, rows_read, citation, priority, ingested_at)"
            " VALUES ('voeten2017', 'votes.csv', 'test', 1, 'a test file', 6, '2026-01-01T00:00:00')"
        )
    con.close()
    return copy


def _position(db: Path, *, country_code: str, admitted: str | None, source_kind: str = "voeten2017") -> None:
    """Give ``country_code`` a yes on the 2014 plenary resolution (2014-12-18), from a source of
    ``source_kind``; with ``admitted``, the state is made a member from that day on."""
    con = sqlite3.connect(db)
    with con:
        (decision_id,) = con.execute(
            "SELECT decision_id FROM decisions WHERE symbol = 'A/RES/69/188' AND body = 'ga'"
        ).fetchone()
        (source_id,) = con.execute("SELECT min(source_id) FROM sources WHERE kind = ?", (source_kind,)).fetchone()
        if admitted is not None:
            con.execute(
                "UPDATE countries SET un_member_from = ?, un_member_to = NULL WHERE country_code = ?",
                (admitted, country_code),
            )
        con.execute(
            "INSERT INTO positions (source_id, decision_id, country_code, vote, reason, is_inferred)"
            " VALUES (?, ?, ?, 'yes', NULL, 0)",
            (source_id, decision_id, country_code),
        )
    con.close()


def _outside(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["country_code"]: f for f in payload["findings"] if f["kind"] == "outside_membership"}


def test_a_position_days_before_admission_is_explained_by_the_rule(db: Path) -> None:
    _position(db, country_code="SUN", admitted="2015-01-29")  # 42 days after the vote: the rule's bound
    code, payload = _check(db)
    assert code == 0 and payload["clean"] is True
    finding = _outside(payload)["SUN"]
    assert finding["is_acknowledged"] is True and finding["rule"] == RULE
    assert "dataverse.harvard.edu" in finding["explanation"]
    assert {r["rule"]: r["findings"] for r in payload["rules"]}[RULE] == 1
    assert [r["kind"] for r in payload["rules"] if r["rule"] == RULE] == ["outside_membership"]


@pytest.mark.parametrize(
    ("admitted", "source_kind"),
    [
        ("2015-01-30", "voeten2017"),  # 43 days before admission: outside the rule's bound
        ("2015-01-10", "dossier"),  # another source kind than the rule's
    ],
)
def test_a_finding_outside_the_rule_stays_open(db: Path, admitted: str, source_kind: str) -> None:
    _position(db, country_code="SUN", admitted=admitted, source_kind=source_kind)
    code, payload = _check(db)
    assert code == 1 and payload["clean"] is False
    finding = _outside(payload)["SUN"]
    assert finding["is_acknowledged"] is False and finding["rule"] is None and finding["explanation"] is None
    assert {r["rule"]: r["findings"] for r in payload["rules"]}[RULE] == 0


def test_a_position_after_membership_ended_stays_open(db: Path) -> None:
    """The rule speaks of admission only: a Voeten 2017 position after a seat ended is not explained."""
    _position(db, country_code="YUG", admitted=None)  # Yugoslavia's seat ended in 2000
    code, payload = _check(db)
    assert code == 1 and _outside(payload)["YUG"]["is_acknowledged"] is False


def test_the_table_lists_each_rule_with_its_count(db: Path) -> None:
    _position(db, country_code="SUN", admitted="2015-01-10")
    done = cli("check", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "Check: clean" in done.stdout and "Rules" in done.stdout and RULE in done.stdout


def _folder_with_rules(tmp_path: Path, text: str) -> Path:
    folder = Path(shutil.copytree(str(dossier_folder()), tmp_path / "dprk"))
    (folder / "facts" / "acknowledged_rules.csv").write_text(text, encoding="utf-8")
    return folder


_HEADER = "rule,kind,source_kind,body,condition,explanation,source\n"


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("r,integrity,voeten2017,ga,days_before_admission<=42,Why.,A cite\n", "unknown FindingKind 'integrity'"),
        ("r,outside_membership,voeten,ga,days_before_admission<=42,Why.,A cite\n", "unknown SourceKind 'voeten'"),
        ("r,outside_membership,voeten2017,ga,about 40,Why.,A cite\n", "bad condition 'about 40'"),
        ("r,outside_membership,voeten2017,ga,days_before_admission<=-1,Why.,A cite\n", "bad condition"),
        (
            "r,totals_vs_roll,voeten2017,ga,days_before_admission<=42,Why.,A cite\n",
            "does not apply to totals_vs_roll findings",
        ),
        (
            "r,outside_membership,ohchr,hrc,totals_and_roll_of_one_source,Why.,A cite\n",
            "does not apply to outside_membership findings",
        ),
        ("r,outside_membership,voeten2017,ga,days_before_admission<=42,Why.,\n", "row has no source citation"),
    ],
)
def test_a_broken_rule_is_refused_in_one_line(dossier_db: Path, tmp_path: Path, row: str, says: str) -> None:
    folder = _folder_with_rules(tmp_path, _HEADER + row)
    con = store.open_db(dossier_db, read_only=True)
    try:
        with pytest.raises(InputError) as caught:
            reports.audit(con, dossier=folder)
    finally:
        con.close()
    message = str(caught.value)
    assert "facts/acknowledged_rules.csv" in message and "line 2" in message and says in message
    assert "\n" not in message


def test_a_rule_named_twice_is_refused(dossier_db: Path, tmp_path: Path) -> None:
    row = "r,outside_membership,voeten2017,ga,days_before_admission<=42,Why.,A cite\n"
    folder = _folder_with_rules(tmp_path, _HEADER + row + row)
    con = store.open_db(dossier_db, read_only=True)
    try:
        with pytest.raises(InputError, match="line 3"):
            reports.audit(con, dossier=folder)
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.shared
def test_every_position_outside_membership_in_the_shared_data_is_explained(shared_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    done = cli("build", "--data-dir", str(shared_data), "--db", str(db))
    assert done.returncode == 0, done.stderr
    _, payload = _check(db)
    outside = [f for f in payload["findings"] if f["kind"] == "outside_membership"]
    assert outside and all(f["is_acknowledged"] and f["rule"] == RULE for f in outside)
    assert {r["rule"]: r["findings"] for r in payload["rules"]}[RULE] == len(outside)
    # the sources that disagree on the totals of 2007, 2009 and 2010 are explained by curated rows
    disagree = [f for f in payload["findings"] if f["kind"] == "sources_disagree_totals"]
    assert {f["symbol"] for f in disagree} == {"A/RES/62/167", "A/RES/64/175", "A/RES/65/225"}
    assert all(f["is_acknowledged"] for f in disagree)


def test_a_dossier_without_a_rules_file_has_no_rules(dossier_db: Path, tmp_path: Path) -> None:
    folder = _folder_with_rules(tmp_path, _HEADER)
    (folder / "facts" / "acknowledged_rules.csv").unlink()
    con = store.open_db(dossier_db, read_only=True)
    try:
        result = reports.audit(con, dossier=folder)
    finally:
        con.close()
    assert result.rules == () and result.explained_by_rule == {} and result.is_clean
