"""Reading a stored file: gzip members and bounds, xz streams, whole numbers as every reader reads them."""

from __future__ import annotations

import gzip
import lzma
from pathlib import Path

import pytest

from unvotes.errors import InputError
from unvotes.sources.numbers import whole_number
from unvotes.sources.stored import MAX_DECOMPRESSED_BYTES, read_raw

TEXT = b"rcid,country,vote\n3,Cuba,yes\n"


def test_every_xz_stream_and_gzip_member_is_read(tmp_path: Path) -> None:
    xz = tmp_path / "t.csv.xz"
    xz.write_bytes(lzma.compress(TEXT[:10]) + b"\0" * 4 + lzma.compress(TEXT[10:]))
    gz = tmp_path / "t.csv.gz"
    gz.write_bytes(gzip.compress(TEXT[:10]) + gzip.compress(TEXT[10:]))
    assert read_raw(xz).data == TEXT
    assert read_raw(gz).data == TEXT


def test_gzip_with_trailing_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv.gz"
    path.write_bytes(gzip.compress(TEXT) + b"4,Chile,no\n")
    with pytest.raises(InputError, match=r"t\.csv\.gz: truncated or corrupt compressed stream"):
        read_raw(path)


def test_a_gzip_bomb_is_refused_at_the_bound(tmp_path: Path) -> None:
    block = 64 << 20
    member = gzip.compress(b"0" * block, compresslevel=1)
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(gzip.compress(TEXT) + member * (MAX_DECOMPRESSED_BYTES // block + 1))
    with pytest.raises(InputError, match="larger than 1,024 MiB once decompressed"):
        read_raw(path)


@pytest.mark.parametrize(
    ("text", "value"), [("69", 69), (" 69.0 ", 69), ("007", 7), ("", None), ("9" * 18, 10**18 - 1)]
)
def test_whole_numbers(text: str, value: int | None) -> None:
    assert whole_number(text, column="session", path="x.csv", line=2) == value


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("²", "is not a whole number"),
        ("٦٩", "is not a whole number"),
        ("６９", "is not a whole number"),  # fullwidth digits
        ("69.5", "is not a whole number"),
        ("-1", "is not a whole number"),
        ("1e3", "is not a whole number"),
        (str(2**63), "is too large"),
        ("9" * 5000, "(5,000 characters) is too large"),
    ],
)
def test_what_is_not_a_whole_number(text: str, says: str) -> None:
    with pytest.raises(InputError, match=r"x\.csv, line 2: session .*") as caught:
        whole_number(text, column="session", path="x.csv", line=2)
    assert says in str(caught.value)
