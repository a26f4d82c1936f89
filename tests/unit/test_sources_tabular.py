"""The shared file plumbing of the readers: compression, encoding, headers, broken CSV."""

from __future__ import annotations

import gzip
import hashlib
import lzma
from pathlib import Path

import numpy as np
import pytest

from unvotes.errors import HeaderError, InputError
from unvotes.model import FileRole, SourceBatch, SourceKind
from unvotes.sources.tabular import (
    MAX_FIELD_BYTES,
    TableSpec,
    assign_files,
    encode,
    find_duplicate,
    read_csv,
    read_raw,
    to_int,
)

SPEC = TableSpec("test table", ("rcid", "country", "vote"), ("note",))
GOOD = "rcid,country,vote\n3,Cuba,yes\n4,Chile,no\n5,Peru,abstain\n"


def write(directory: Path, name: str, data: str | bytes) -> Path:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if name.endswith(".xz"):
        raw = lzma.compress(raw)
    elif name.endswith(".gz"):
        raw = gzip.compress(raw)
    path = directory / name
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize("name", ["t.csv", "t.csv.xz", "t.csv.gz"])
def test_plain_and_compressed_files_read_alike(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, GOOD)
    table = read_csv(read_raw(path), SPEC)
    assert table.strings("country") == ["Cuba", "Chile", "Peru"]
    assert table.lines.tolist() == [2, 3, 4]
    source = table.raw.source_file(kind=SourceKind.OHCHR, rows_read=3, citation="c")
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.file_name == name
    assert source.roles == frozenset()


def test_a_batch_names_its_files_by_role(tmp_path: Path) -> None:
    raw = read_raw(write(tmp_path, "t.csv", GOOD))
    table = raw.source_file(SourceKind.OHCHR, 3, "c", {FileRole.DECISIONS})
    votes = raw.source_file(SourceKind.OHCHR, 3, "c", {FileRole.POSITIONS, FileRole.DISASSOCIATIONS})
    batch = SourceBatch(SourceKind.OHCHR, (table, votes), ())
    assert [batch.file_index(role) for role in FileRole] == [0, 1, 1, 1, 1, 0, 0]
    assert batch.file_for(FileRole.DISASSOCIATIONS) is votes
    # a role no file plays falls back: sponsor counts -> sponsorships -> positions -> decisions
    only = SourceBatch(SourceKind.OHCHR, (table,), ())
    assert {only.file_for(role) for role in FileRole} == {table}
    with pytest.raises(ValueError, match="no file plays the role decisions"):
        SourceBatch(SourceKind.OHCHR, (votes,), ())
    with pytest.raises(ValueError, match="all play the role decisions"):
        SourceBatch(SourceKind.OHCHR, (table, table), ())


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", b"\xef\xbb\xbf" + GOOD.encode())
    assert read_csv(read_raw(path), SPEC).data.column_names == ["rcid", "country", "vote"]


def test_bad_utf8_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv.xz", GOOD.encode() + b"6,Caf\xe9,yes\n")
    with pytest.raises(InputError) as err:
        read_raw(path)
    assert err.value.line == 5
    assert "bad.csv.xz, line 5" in str(err.value)
    assert "UTF-8 text" in str(err.value)


@pytest.mark.parametrize("content", ["", "\n  \n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, "empty.csv.xz", content)
    with pytest.raises(InputError, match="empty file") as err:
        read_raw(path)
    assert "empty.csv.xz" in str(err.value)


def test_truncated_xz_stream(tmp_path: Path) -> None:
    whole = lzma.compress(GOOD.encode() * 200)
    path = tmp_path / "cut.csv.xz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="truncated or corrupt") as err:
        read_raw(path)
    assert "cut.csv.xz" in str(err.value)


def test_xz_name_without_xz_data(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.csv", GOOD).rename(tmp_path / "plain.csv.xz")
    with pytest.raises(InputError, match="not a compressed stream"):
        read_raw(path)


def test_missing_and_extra_columns_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "rcid,country,colour\n3,Cuba,red\n")
    with pytest.raises(HeaderError) as err:
        read_csv(read_raw(path), SPEC)
    text = str(err.value)
    assert "h.csv, line 1" in text
    assert "missing column(s) vote" in text
    assert "'colour'" in text


def test_optional_column_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "o.csv", "rcid,country,vote,note\n3,Cuba,yes,x\n")
    assert len(read_csv(read_raw(path), SPEC)) == 1


def test_semicolons_show_up_as_a_header_error(tmp_path: Path) -> None:
    path = write(tmp_path, "semi.csv", GOOD.replace(",", ";"))
    with pytest.raises(HeaderError, match="delimiter is not a comma") as err:
        read_csv(read_raw(path), SPEC)
    assert err.value.line == 1


def test_wrong_field_count_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "short.csv.xz", GOOD + "6,Peru\n7,Chad,no\n")
    with pytest.raises(InputError) as err:
        read_csv(read_raw(path), SPEC)
    assert err.value.line == 5
    assert "short.csv.xz, line 5" in str(err.value)
    assert "found 2" in str(err.value) and "3 fields" in str(err.value)


def test_truncated_last_line(tmp_path: Path) -> None:
    path = write(tmp_path, "trunc.csv", GOOD + "6,Pe")
    with pytest.raises(InputError) as err:
        read_csv(read_raw(path), SPEC)
    assert err.value.line == 5


def test_unterminated_quote(tmp_path: Path) -> None:
    path = write(tmp_path, "quote.csv", GOOD + '6,"Peru,yes\n7,Chad,no\n')
    with pytest.raises(InputError) as err:
        read_csv(read_raw(path), SPEC)
    assert err.value.line == 5
    assert "quote.csv, line 5" in str(err.value)


def test_huge_field(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.csv.xz", GOOD + f"6,{'x' * (MAX_FIELD_BYTES + 10)},yes\n")
    with pytest.raises(InputError, match="bytes long") as err:
        read_csv(read_raw(path), SPEC)
    assert err.value.line == 5
    assert "huge.csv.xz, line 5" in str(err.value)


def test_line_numbers_follow_quoted_line_breaks(tmp_path: Path) -> None:
    path = write(tmp_path, "nl.csv", 'rcid,country,vote\n3,"Cu\nba",yes\n\n4,Chile,no\n')
    table = read_csv(read_raw(path), SPEC)
    assert table.strings("country") == ["Cu\nba", "Chile"]
    assert table.lines.tolist() == [2, 5]


def test_to_int_accepts_r_floats_and_names_bad_values(tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", "rcid,country,vote\n3.0,Cuba,yes\n4,Chile,no\nfive,Peru,no\n")
    table = read_csv(read_raw(path), SPEC)
    with pytest.raises(InputError, match="'five' is not a whole number") as err:
        to_int(table, "rcid")
    assert err.value.line == 4
    ok = read_csv(read_raw(write(tmp_path, "m.csv", "rcid,country,vote\n3.0,Cuba,yes\n4,Chile,no\n")), SPEC)
    assert to_int(ok, "rcid").tolist() == [3, 4]


def test_encode_round_trips(tmp_path: Path) -> None:
    table = read_csv(read_raw(write(tmp_path, "e.csv", GOOD + "6,Cuba,no\n")), SPEC)
    indices, values = encode(table.data.column("country"))
    assert [values[i] for i in indices] == ["Cuba", "Chile", "Peru", "Cuba"]


def test_find_duplicate_reports_the_earliest_second_occurrence() -> None:
    decision = np.array([0, 1, 0, 1, 0], np.int32)
    country = np.array([5, 7, 6, 7, 5], np.int64)
    lines = np.arange(2, 7, dtype=np.int64)
    assert find_duplicate(decision, country, lines) == (1, 3)
    assert find_duplicate(decision[:3], country[:3], lines[:3]) is None


def test_files_are_told_apart_by_header_not_name(tmp_path: Path) -> None:
    specs = {"a": SPEC, "b": TableSpec("other table", ("x", "y"))}
    first = write(tmp_path, "b_misleading.csv", GOOD)
    second = write(tmp_path, "a_misleading.csv.gz", "x,y\n1,2\n")
    found = assign_files([first, second], specs, required=("a", "b"))
    assert found["a"].path == first and found["b"].path == second
    with pytest.raises(InputError, match="no other table file"):
        assign_files([first], specs, required=("a", "b"))
    odd = write(tmp_path, "odd.csv", "x,z\n1,2\n")
    with pytest.raises(HeaderError, match="missing column"):
        assign_files([odd], specs, required=())
