"""Plumbing shared by the readers: stored bytes in, checked columns out.

A file is read whole and checked by :mod:`unvotes.sources.stored` (compression, size, encoding,
line ends). A CSV file's header is checked against the reader's declared :class:`TableSpec` before
anything else, then the body is parsed by pyarrow with every column as a string. When pyarrow refuses the body, the file
is scanned again with the standard ``csv`` module only to say *where* it is broken.

Columns are handed to readers either as Python lists (small tables of decisions) or dictionary
encoded (:func:`encode`): an index array plus the distinct values, so that a reader maps each
distinct spelling or code once and broadcasts the result with numpy.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from unvotes.errors import DuplicatePositionError, HeaderError, InputError
from unvotes.sources.numbers import shown
from unvotes.sources.stored import RawFile, first_line, head_text, header_of, read_raw

__all__ = [
    "MAX_FIELD_BYTES",
    "RawFile",
    "Table",
    "TableSpec",
    "assign_files",
    "encode",
    "find_duplicate",
    "first_line",
    "first_row_of",
    "head_text",
    "header_of",
    "raise_duplicate",
    "read_csv",
    "read_raw",
    "to_int",
]

#: A single field longer than this is taken as a broken file, not data.
MAX_FIELD_BYTES = 1 << 20
_BLOCK_BYTES = 4 << 20


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A CSV layout: the columns a reader needs, and those it accepts when present.

    ``role`` names the layout in messages ("Voeten 2021 votes").
    """

    role: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def matches(self, header: Sequence[str]) -> bool:
        names = set(header)
        return set(self.required) <= names and names <= set(self.required) | set(self.optional)

    def check(self, header: Sequence[str], path: Path) -> None:
        """Raise :class:`HeaderError` naming missing, unexpected and repeated columns."""
        names = list(header)
        missing = [c for c in self.required if c not in names]
        extra = [c for c in names if c not in self.required and c not in self.optional]
        repeated = sorted({c for c in names if names.count(c) > 1})
        if not (missing or extra or repeated):
            return
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unexpected column(s) {', '.join(repr(c) for c in extra)}")
        if repeated:
            parts.append(f"repeated column(s) {', '.join(repeated)}")
        hint = ""
        if len(names) == 1 and any(sep in names[0] for sep in ";\t|"):
            hint = "; the delimiter is not a comma"
        raise HeaderError(
            f"{self.role} header: {'; '.join(parts)}{hint}",
            path=path,
            line=1,
            expected=f"comma-separated columns {', '.join(self.required)}",
        )


@dataclass(frozen=True, slots=True)
class Table:
    """A parsed CSV file: string columns, and the 1-based source line of every row."""

    raw: RawFile
    data: pa.Table
    lines: npt.NDArray[np.int64]

    @property
    def path(self) -> Path:
        return self.raw.path

    def __len__(self) -> int:
        return int(self.data.num_rows)

    def has(self, name: str) -> bool:
        return name in self.data.column_names

    def strings(self, name: str) -> list[str]:
        """A column as a Python list (for small tables)."""
        values: list[str] = self.data.column(name).to_pylist()
        return values

    def encoded(self, name: str) -> tuple[npt.NDArray[np.int32], list[str]]:
        return encode(self.data.column(name))

    def line(self, row: int) -> int:
        return int(self.lines[row])


def encode(column: pa.ChunkedArray) -> tuple[npt.NDArray[np.int32], list[str]]:
    """Dictionary-encode a string column: (index of each row's value, the distinct values)."""
    encoded = pc.dictionary_encode(column)
    chunks = [c for c in encoded.chunks if len(c)]
    if not chunks:
        return np.zeros(0, np.int32), []
    # The chunks share one growing memo table: the last dictionary extends every earlier one.
    indices = np.concatenate([_numbers(c.indices) for c in chunks]).astype(np.int32, copy=False)
    values: list[str] = chunks[-1].dictionary.to_pylist()
    return indices, values


def _numbers(array: pa.Array) -> npt.NDArray[np.generic]:
    """A null-free numeric arrow array as a numpy view (``to_numpy`` would import pandas)."""
    dtype = np.dtype(array.type.to_pandas_dtype())
    return np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array), offset=array.offset * dtype.itemsize)


def first_row_of(indices: npt.NDArray[np.int32], value: int) -> int:
    """The first row whose encoded value is ``value``."""
    return int(np.flatnonzero(indices == value)[0])


def read_csv(raw: RawFile, spec: TableSpec, columns: Sequence[str] | None = None) -> Table:
    """Check the header against ``spec`` and parse the body, every column (or ``columns``) as a string."""
    header = raw.header
    spec.check(header, raw.path)
    try:
        data = pacsv.read_csv(
            pa.py_buffer(raw.data),
            read_options=pacsv.ReadOptions(block_size=_BLOCK_BYTES),
            # Without quotes there can be no line break inside a field; the plain parser is faster.
            parse_options=pacsv.ParseOptions(newlines_in_values=b'"' in raw.data),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(columns) if columns is not None else None,
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException) as exc:
        _locate_bad_record(raw, len(header))
        raise InputError(f"cannot parse CSV ({exc})", path=raw.path) from exc
    _check_field_sizes(raw, data)
    return Table(raw=raw, data=data, lines=_row_lines(raw, data.num_rows))


def _check_field_sizes(raw: RawFile, data: pa.Table) -> None:
    for name in data.column_names:
        lengths = pc.binary_length(data.column(name))
        longest = pc.max(lengths).as_py()
        if longest is not None and longest > MAX_FIELD_BYTES:
            row = int(np.argmax(lengths.to_numpy()))
            lines = _row_lines(raw, data.num_rows)
            raise InputError(
                f"field {name!r} is {longest:,} bytes long",
                path=raw.path,
                line=int(lines[row]),
                expected=f"fields of at most {MAX_FIELD_BYTES:,} bytes",
            )


def _row_lines(raw: RawFile, rows: int) -> npt.NDArray[np.int64]:
    """The line on which each data row starts (header = line 1)."""
    newlines = raw.data.count(b"\n")
    physical = newlines + (0 if raw.data.endswith(b"\n") else 1)
    if physical == rows + 1:
        return np.arange(2, rows + 2, dtype=np.int64)
    # Quoted line breaks or blank lines: ask the csv module where each record starts.
    starts: list[int] = []
    reader = csv.reader(io.StringIO(raw.data.decode("utf-8"), newline=""))
    previous_end = 0
    for row in reader:
        if reader.line_num > 1 and row:
            starts.append(previous_end + 1)
        previous_end = reader.line_num
    return np.array(starts[:rows], dtype=np.int64)


def _locate_bad_record(raw: RawFile, width: int) -> None:
    """Find the record pyarrow refused and raise an :class:`InputError` naming its line."""
    reader = csv.reader(io.StringIO(raw.data.decode("utf-8"), newline=""), strict=True)
    old_limit = csv.field_size_limit(MAX_FIELD_BYTES)
    start = 1
    try:
        for row in reader:
            if row and len(row) != width:
                raise InputError(
                    f"wrong number of fields: found {len(row)}",
                    path=raw.path,
                    line=start,
                    expected=f"{width} fields as in the header",
                )
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"malformed CSV record ({exc})",
            path=raw.path,
            line=start,
            expected="properly quoted fields of at most 1 MB",
        ) from exc
    finally:
        csv.field_size_limit(old_limit)


def to_int(table: Table, name: str) -> npt.NDArray[np.int64]:
    """A column of whole numbers ("12", or "12.0" as R writes them) as int64; blanks are refused."""
    column = table.data.column(name)
    cleaned = pc.replace_substring_regex(column, pattern=r"\.0+$", replacement="")
    try:
        numbers = pc.cast(cleaned, pa.int64())
        if not len(numbers.chunks):
            return np.zeros(0, np.int64)
        return np.concatenate([_numbers(c) for c in numbers.chunks]).astype(np.int64, copy=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        # At most 18 digits: every such number fits in int64 (a longer one overflowed the cast).
        good = pc.match_substring_regex(cleaned, pattern=r"^[+-]?[0-9]{1,18}$")
        row = int(np.flatnonzero(~np.asarray(good.to_numpy(zero_copy_only=False), dtype=bool))[0])
        raise InputError(
            f"{name} {shown(column[row].as_py())} is not a whole number of at most 18 digits",
            path=table.path,
            line=table.line(row),
            expected=f"an integer {name}",
        ) from None


def find_duplicate(
    decision: npt.NDArray[np.int32], country: npt.NDArray[np.int64], lines: npt.NDArray[np.int64]
) -> tuple[int, int] | None:
    """The (first, second) rows of the repeated (decision, country) pair whose second row comes first."""
    if len(decision) < 2:
        return None
    key = decision.astype(np.int64) * (int(country.max()) + 1) + country
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    same = np.flatnonzero(ordered[1:] == ordered[:-1])
    if not len(same):
        return None
    firsts, seconds = order[same], order[same + 1]
    pick = int(np.argmin(lines[seconds]))
    return int(firsts[pick]), int(seconds[pick])


def raise_duplicate(path: Path, first_line: int, second_line: int, what: str) -> None:
    raise DuplicatePositionError(
        f"{what} holds a second position (first on line {first_line})",
        path=path,
        line=second_line,
        expected="one position per state and decision",
    )


def assign_files(paths: Sequence[Path], specs: dict[str, TableSpec], *, required: Sequence[str]) -> dict[str, RawFile]:
    """Read ``paths`` and tell which layout each one is, by its header (never by its name).

    A header that fits no layout raises the :class:`HeaderError` of the closest one, so the
    message names the missing and unexpected columns.
    """
    found: dict[str, RawFile] = {}
    for path in paths:
        raw = read_raw(path)
        header = raw.header
        role = next((r for r, spec in specs.items() if spec.matches(header)), None)
        if role is None:
            # A header in one column holding ; TAB or | was written with another delimiter: judge
            # the closest layout by its names, so the message names the layout the file was meant as.
            names = set(re.split(r"[;\t|]", header[0])) if len(header) == 1 else set(header)
            closest = max(specs.values(), key=lambda s: len(set(s.required) & names))
            closest.check(header, path)
            raise HeaderError("unrecognised header", path=path, line=1)  # pragma: no cover
        if role in found:
            raise InputError(
                f"a second {specs[role].role} file (the first is {found[role].path.name})",
                path=path,
                expected="one file of each layout",
            )
        found[role] = raw
    for role in required:
        if role not in found:
            given = ", ".join(p.name for p in paths) or "none"
            raise InputError(f"no {specs[role].role} file among the files given ({given})")
    return found
