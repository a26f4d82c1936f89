"""Stored files in, checked bytes out: the first thing every reader does with a path.

A file is read whole. Only a regular file is opened (a FIFO or a device would be read forever);
xz and gzip are recognised by their magic bytes and must decompress completely, with nothing but
stream padding after the last stream; the decompressed size is bounded
(:data:`MAX_DECOMPRESSED_BYTES`); a UTF-8 byte-order mark is dropped, the text must be UTF-8, and
its lines must end in LF or CRLF.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import lzma
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from unvotes.errors import InputError
from unvotes.model import FileRole, SourceFile, SourceKind

__all__ = [
    "MAX_DECOMPRESSED_BYTES",
    "RawFile",
    "first_line",
    "head_text",
    "header_of",
    "read_raw",
]

#: The largest file (stored or decompressed) a reader takes. The largest shared source is 59 MB
#: decompressed (Voeten 2017 votes) and the largest known upstream file, the UN Library's GA voting
#: CSV, is 364 MB; 1 GiB leaves room for both to grow while a decompression bomb stops at a
#: bounded, stated size instead of exhausting memory.
MAX_DECOMPRESSED_BYTES = 1 << 30
_XZ_MAGIC = b"\xfd7zXZ\x00"
_GZ_MAGIC = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"
_CORRUPT = "a complete xz or gzip stream"


@dataclass(frozen=True, slots=True)
class RawFile:
    """The decompressed bytes of one file (without a byte-order mark) and the hash of the stored file."""

    path: Path
    data: bytes
    sha256: str

    def source_file(
        self, kind: SourceKind, rows_read: int, citation: str, roles: Iterable[FileRole] = ()
    ) -> SourceFile:
        """This file as a batch cites it, playing ``roles`` in its batch."""
        return SourceFile(kind, self.path.name, self.sha256, rows_read, citation, frozenset(roles))

    def line_of_offset(self, offset: int) -> int:
        """The 1-based line on which byte ``offset`` lies."""
        return self.data.count(b"\n", 0, offset) + 1

    @property
    def header(self) -> tuple[str, ...]:
        """The column names in the first line."""
        end = self.data.find(b"\n")
        first = self.data if end < 0 else self.data[:end]
        return header_of(first.decode("utf-8").rstrip("\r"))


def header_of(line: str) -> tuple[str, ...]:
    """The column names of a CSV header line."""
    return tuple(next(csv.reader([line]), []))


@contextmanager
def _open_regular(path: Path) -> Iterator[IO[bytes]]:
    """``path`` opened for reading, if it is a regular file of at most the size bound.

    The file is opened without blocking and checked through its descriptor, so a FIFO with no
    writer, a device or a folder is refused at once rather than read forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path=path) from exc
    handle = os.fdopen(fd, "rb")
    with handle:
        mode = os.fstat(fd)
        if not stat.S_ISREG(mode.st_mode):
            what = "a folder" if stat.S_ISDIR(mode.st_mode) else "a pipe, socket or device"
            raise InputError(f"not a regular file ({what})", path=path, expected="a data file")
        if mode.st_size > MAX_DECOMPRESSED_BYTES:
            raise _too_large(path, "")
        os.set_blocking(fd, True)
        yield handle


def _too_large(path: Path, how: str) -> InputError:
    return InputError(
        f"larger than {MAX_DECOMPRESSED_BYTES >> 20:,} MiB{how}",
        path=path,
        expected=f"a source of at most {MAX_DECOMPRESSED_BYTES >> 20:,} MiB",
    )


def _inflate_xz(stored: bytes, path: Path) -> bytes:
    """Every xz stream in ``stored``, each complete; only stream padding may follow the last one.

    (``lzma.decompress`` stops silently at the first stream it cannot read after a good one.)
    """
    parts: list[bytes] = []
    size = 0
    rest = stored
    while rest:
        if not rest.startswith(_XZ_MAGIC):
            raise InputError(
                f"{len(rest):,} bytes after the end of the compressed stream", path=path, expected=_CORRUPT
            )
        decompressor = lzma.LZMADecompressor(lzma.FORMAT_XZ)
        part = decompressor.decompress(rest, max_length=MAX_DECOMPRESSED_BYTES - size + 1)
        while True:
            size += len(part)
            if size > MAX_DECOMPRESSED_BYTES:
                raise _too_large(path, " once decompressed")
            parts.append(part)
            if decompressor.eof:
                break
            if decompressor.needs_input:
                raise EOFError("Compressed data ended before the end-of-stream marker was reached")
            part = decompressor.decompress(b"", max_length=MAX_DECOMPRESSED_BYTES - size + 1)
        rest = decompressor.unused_data
        # Stream padding: NUL bytes in multiples of four, between or after streams.
        padded = len(rest) - len(rest.lstrip(b"\0"))
        if padded % 4 == 0:
            rest = rest[padded:]
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _inflate_gz(stored: bytes, path: Path) -> bytes:
    """Every gzip member in ``stored``; trailing bytes other than NUL padding are refused."""
    with gzip.GzipFile(fileobj=io.BytesIO(stored)) as stream:
        data = stream.read(MAX_DECOMPRESSED_BYTES + 1)
    if len(data) > MAX_DECOMPRESSED_BYTES:
        raise _too_large(path, " once decompressed")
    return data


def _decompress(stored: bytes, path: Path) -> bytes:
    try:
        if stored.startswith(_XZ_MAGIC):
            return _inflate_xz(stored, path)
        if stored.startswith(_GZ_MAGIC):
            return _inflate_gz(stored, path)
    except (lzma.LZMAError, EOFError, OSError, zlib.error) as exc:
        raise InputError(f"truncated or corrupt compressed stream ({exc})", path=path, expected=_CORRUPT) from exc
    if path.name.lower().endswith((".xz", ".gz")):
        raise InputError("not a compressed stream despite its name", path=path, expected="xz or gzip data")
    return stored


def read_raw(path: Path) -> RawFile:
    """Read, decompress and check one file: non-empty, UTF-8, LF or CRLF line ends, BOM removed."""
    with _open_regular(path) as handle:
        try:
            stored = handle.read()
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror})", path=path) from exc
    data = _decompress(stored, path)
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if not re.search(rb"\S", data):
        raise InputError("empty file", path=path, expected="a header line and data")
    _check_line_ends(data, path)
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                path=path,
                line=line,
                expected="UTF-8 text",
            ) from None
    return RawFile(path=path, data=data, sha256=hashlib.sha256(stored).hexdigest())


def _check_line_ends(data: bytes, path: Path) -> None:
    """Refuse lines ended by a carriage return alone (classic Mac OS).

    Such a file would be one line long to every reader here: the row count, the line numbers in
    messages and the JSON-lines split would all be wrong. No source is published that way, and a
    bare CR inside a quoted field is data, so the file is refused rather than guessed at. Only the
    first line is looked at: a CR before its end (not part of CRLF) is the sign.
    """
    end = data.find(b"\n")
    first = data if end < 0 else data[:end]
    if b"\r" in first.rstrip(b"\r"):
        raise InputError(
            "lines end in a carriage return alone (classic Mac OS line ends)",
            path=path,
            line=1,
            expected="lines ending in LF or CRLF",
        )


@contextmanager
def _stream(path: Path) -> Iterator[IO[bytes]]:
    """A binary stream of the file's decompressed content."""
    with _open_regular(path) as handle:
        magic = handle.read(len(_XZ_MAGIC))
        handle.seek(0)
        if magic.startswith(_XZ_MAGIC):
            with lzma.open(handle, "rb") as xz:
                yield cast(IO[bytes], xz)
        elif magic.startswith(_GZ_MAGIC):
            with gzip.open(handle, "rb") as gz:
                yield cast(IO[bytes], gz)
        else:
            yield handle


def _head(path: Path, read: Callable[[IO[bytes]], bytes]) -> str:
    """What ``read`` takes from the start of the decompressed file, as text (BOM dropped)."""
    try:
        with _stream(path) as stream:
            data = read(stream)
    except (lzma.LZMAError, EOFError, OSError, zlib.error) as exc:
        raise InputError(f"truncated or corrupt compressed stream ({exc})", path=path) from exc
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    return data.decode("utf-8", errors="replace")


def head_text(path: Path, size: int = 1 << 16) -> str:
    """The first ``size`` decompressed bytes of a file as text (for recognising formats)."""
    return _head(path, lambda stream: stream.read(size))


def first_line(path: Path, limit: int = 1 << 16) -> str:
    """The first line of a file (decompressing only as much as needed), for recognising formats."""
    return _head(path, lambda stream: stream.readline(limit)).rstrip("\r\n")
