"""Recognising source files by their header, and the reader registry."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

import pytest

from unvotes.errors import InputError
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


VOTES_2021 = "rcid,country,country_code,vote\n3,Cuba,CU,yes\n"


def test_a_file_meant_as_a_source_that_cannot_be_read_is_unreadable(tmp_path: Path) -> None:
    put(tmp_path / "votes.csv", VOTES_2021.replace("country_code", "iso2"))  # most of the header
    put(tmp_path / "voeten2021_un_votes.csv.xz", "garbled\n")  # the name
    put(tmp_path / "unxml_extract.jsonl", '{"symbol": \n')  # the name
    put(tmp_path / "notes.csv", "a,b,vote\n")  # neither: ignored
    found = detect(tmp_path)
    assert found.groups == {}
    assert [(u.path.name, u.error.line) for u in found.unreadable] == [
        ("unxml_extract.jsonl", 1),
        ("voeten2021_un_votes.csv.xz", 1),
        ("votes.csv", 1),
    ]
    assert "missing column(s) country_code; unexpected column(s) 'iso2'" in found.unreadable[2].reason
    assert [(i.path.name, i.reason) for i in found.ignored] == [("notes.csv", "unrecognised")]
    with pytest.raises(InputError, match=r"unxml_extract.jsonl, line 1: .*2 more file\(s\) cannot be read"):
        found.check(tmp_path)
    with pytest.raises(InputError, match=r"no source files here \(1 ignored, 3 unreadable\)"):
        found.check(tmp_path, allow_partial=True)


def test_linked_folders_are_read_once_and_links_back_are_ignored(tmp_path: Path) -> None:
    put(tmp_path / "real" / "votes.csv", VOTES_2021)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "data" / "b").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "up").symlink_to(tmp_path / "data", target_is_directory=True)
    (tmp_path / "data" / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    found = detect(tmp_path / "data")
    assert found.groups == {SourceKind.VOETEN_2021: (tmp_path / "data" / "a" / "votes.csv",)}
    assert {str(i.path.relative_to(tmp_path)): i.reason for i in found.ignored} == {
        "data/a/up": "a folder already read (a symbolic link back into the tree)",
        "data/b": "a folder already read (a symbolic link back into the tree)",
    }
    assert [u.path.name for u in found.unreadable] == ["gone.csv"]
    found.check(tmp_path / "data", allow_partial=True)


def test_deeply_nested_json_is_not_a_source(tmp_path: Path) -> None:
    put(tmp_path / "deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    found = detect(tmp_path)
    assert [(i.path.name, i.reason) for i in found.ignored] == [("deep.json", "unrecognised")]
