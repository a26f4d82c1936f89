"""Text a spreadsheet would run as a formula ("CSV injection", OWASP) is neutralised in every CSV
the project writes, and stays text in XLSX.

Two roll calls whose titles and descriptions start with ``=``, ``@``, ``-`` and ``+`` are ingested
through the real command; then the pages' ``.csv``, the bulk download, the static site and the
command line's ``--format csv`` must write those cells with a single quote before them, numbers
(negative ones too) as they are, and the XLSX and Parquet files the text itself.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from starlette.testclient import TestClient
from tests.hardening.harness import cli
from tests.hardening.test_bad_input import ROLL_CALLS_HEADER, lines, voeten

from unvotes import ingest, sources
from unvotes.cli.output import Format, render
from unvotes.export import csv_bytes, csv_text
from unvotes.reports import Table
from unvotes.web import build_site, create_app

#: The texts of the two roll calls, as the source gives them.
FORMULAS = {
    "A/RES/69/901": ('=HYPERLINK("http://example.invalid/","click")', "@SUM(1+1)"),
    "A/RES/69/902": ("-2+3", "+cmd|' /C calc'!A0"),
}
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv-injection")
    path = folder / "unvotes.db"
    ingest.build(path, [("dossier", sources.read_dossier)])
    rows = [
        f"99{symbol[-2:]},69.0,0,2014-12-18,R/69/{symbol[-3:]},0,0,{_quoted(title)},{_quoted(descr)}"
        for symbol, (title, descr) in FORMULAS.items()
    ]
    (folder / "in").mkdir()
    files = voeten(folder / "in", calls=lines(ROLL_CALLS_HEADER, rows))
    done = cli("ingest", "voeten2021", *map(str, files), "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def _risky(cell: str) -> bool:
    return cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not _NUMBER.fullmatch(cell)


def _check(text: str) -> list[dict[str, str]]:
    """The rows of a CSV, once no cell of it is found that a spreadsheet would run."""
    table = list(csv.reader(io.StringIO(text)))
    assert [c for row in table for c in row if _risky(c)] == []
    return [dict(zip(table[0], row, strict=True)) for row in table[1:]]


def _titles(rows: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    return {r["symbol"]: (r["title"], r.get("description", "")) for r in rows if r["symbol"] in FORMULAS}


def test_pages_csv(client: TestClient) -> None:
    rows = _check(client.get("/decisions.csv?from=2014&to=2014&page_size=200").text)
    assert {s: t for s, (t, _) in _titles(rows).items()} == {s: f"'{t}" for s, (t, _) in FORMULAS.items()}
    decision = client.get("/symbol/A/RES/69/901.csv", follow_redirects=False).headers["location"]
    _check(client.get(decision).text)


def test_bulk_download(client: TestClient, tmp_path: Path) -> None:
    rows = _check(client.get("/downloads/csv/decisions.csv").text)
    assert _titles(rows) == {s: (f"'{t}", f"'{d}") for s, (t, d) in FORMULAS.items()}
    parquet = tmp_path / "decisions.parquet"
    parquet.write_bytes(client.get("/downloads/parquet/decisions.parquet").content)
    stored = {r["symbol"]: (r["title"], r["description"]) for r in pq.read_table(parquet).to_pylist()}
    assert {s: stored[s] for s in FORMULAS} == FORMULAS  # Parquet keeps the text itself


def test_xlsx_stores_text_as_text(client: TestClient, tmp_path: Path) -> None:
    book = tmp_path / "decisions.xlsx"
    book.write_bytes(client.get("/decisions.xlsx?from=2014&to=2014&page_size=200").content)
    sheet = openpyxl.load_workbook(book)["decisions"]
    header = [c.value for c in sheet[1]]
    cells = {row[header.index("symbol")].value: row[header.index("title")] for row in sheet.iter_rows(min_row=2)}
    for symbol, (title, _) in FORMULAS.items():
        assert (cells[symbol].data_type, cells[symbol].value) == ("s", title)


def test_cli_csv(db: Path) -> None:
    done = cli("decisions", "--year", "2014", "--format", "csv", "--db", str(db))
    assert done.returncode == 0, done.stderr
    rows = _check(done.stdout)
    assert {s: t for s, (t, _) in _titles(rows).items()} == {s: f"'{t}" for s, (t, _) in FORMULAS.items()}


def test_static_site(db: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(db, site)
    written = sorted(site.rglob("*.csv"))
    assert len(written) > 100
    for path in written:
        rows = _check(path.read_text(encoding="utf-8"))
        if path.name == "decisions.csv" and path.parent.name == "csv":
            assert _titles(rows) == {s: (f"'{t}", f"'{d}") for s, (t, d) in FORMULAS.items()}


def _cli_csv(value: str | int | float) -> str:
    """A one-cell table as the command line writes it in CSV."""
    console = Console(file=io.StringIO())
    render(Table("t", "", ("value",), ((value,),)), Format.CSV, console)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def _export_csv(value: str | int | float) -> str:
    return csv_bytes(Table("t", "", ("value",), ((value,),))).decode("utf-8")


@given(st.text(alphabet=st.sampled_from("=+-@\t\r.0123456789eE a\"',"), max_size=8))
def test_one_rule_for_every_csv(text: str) -> None:
    written = csv_text(text)
    assert not _risky(written)
    assert written == text or written == f"'{text}"
    assert _cli_csv(text) == _export_csv(text)


@pytest.mark.parametrize("number", [-3, -0.25, 0, 7, -1e-05])
def test_numbers_stay_numbers(number: int | float) -> None:
    assert csv_text(number) == str(number)
    assert _cli_csv(number) == _export_csv(number) == f"value\n{number}\n"
