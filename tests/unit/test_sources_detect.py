"""Recognising source files by their header, and the reader registry."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

from unvotes.model import SourceKind
from unvotes.sources import READERS, detect
from unvotes.sources.unxml import FIELDS


def put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(lzma.compress(data) if path.name.endswith(".xz") else data)


def test_detect_groups_by_header(tmp_path: Path) -> None:
    put(tmp_path / "a" / "votes.csv.xz", "rcid,country,country_code,vote\n3,Cuba,CU,yes\n")
    put(tmp_path / "a" / "calls.csv", "rcid,session,importantvote,date,unres,amend,para,short,descr\n")
    # Named like a votes file, but its header says Third Committee events.
    put(
        tmp_path / "b" / "voeten2021_un_votes.csv",
        "event_id,session,sr_symbol,meeting_date,kind,draft_symbol,result,stated_yes,stated_no,"
        "stated_abstain,n_yes,n_no,n_abstain,note,subject\n",
    )
    put(tmp_path / "b" / "c3_votes.csv.xz", "event_id,session,draft_symbol,iso3,vote\n")
    put(tmp_path / "unxml" / "extract.jsonl.xz", json.dumps(dict.fromkeys(FIELDS.required, "")) + "\n")
    put(tmp_path / "unxml" / "long.csv.xz", "symbol,adoption_date,adoption_date_iso,ms_name,vote\n")
    put(tmp_path / "groups" / "groups.csv.xz", "group_code,group_name,iso3,iso2,name,note\n")
    put(
        tmp_path / "groups" / "groups.json.xz",
        '{\n "ag": {\n  "gid": "ag",\n  "acronym": "Africa",\n  "countries": []}}',
    )
    put(tmp_path / "MANIFEST.md", "# data\n")
    found = detect(tmp_path)
    assert {k: [p.name for p in v] for k, v in found.groups.items()} == {
        SourceKind.VOETEN_2021: ["calls.csv", "votes.csv.xz"],
        SourceKind.C3_DPRK: ["c3_votes.csv.xz", "voeten2021_un_votes.csv"],
        SourceKind.UNXML: ["extract.jsonl.xz"],
    }
    assert {i.path.name: i.reason for i in found.ignored} == {
        "MANIFEST.md": "unrecognised",
        "groups.csv.xz": "regional groups table, not votes",
        "groups.json.xz": "regional groups table, not votes",
        "long.csv.xz": "derived copy of the unxml JSONL",
    }


def test_registry_covers_every_reader_kind() -> None:
    # every kind has a file reader, except the dossier, which ships inside the package
    assert set(READERS) == set(SourceKind) - {SourceKind.DOSSIER}
