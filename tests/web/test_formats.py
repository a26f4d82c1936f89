"""A page's HTML, JSON, CSV and XLSX come from one page object: read the files back and compare."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json
from unvotes.export import csv_text, sheet_names
from unvotes.reports import Table

PAGES = [
    ("/index", ""),
    ("/decisions/{ga2014}", ""),
    ("/decisions/{c3amendment}", ""),
    ("/years/2014", ""),
    ("/countries/KOR", "?ref=USA"),
    ("/compare", "?c=KOR&c=PRK&c=USA"),
    ("/decisions", "?body=c3&page_size=7"),
    ("/sources", ""),
    ("/downloads", ""),
]


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str, int]:
    return {"ga2014": decision_id(client, "A/RES/69/188"), "c3amendment": decision_id(client, "A/C.3/69/L.63")}


def _whole(path: str, query: str) -> str:
    """The query of the JSON a download is compared with: a list's CSV and spreadsheet hold the
    whole selection, which the JSON shows when its page is large enough to hold it."""
    return query.replace("page_size=7", "page_size=200") if path == "/decisions" else query


def _tables(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {**body["data"]["tables"], "sources": body["data"]["sources"]}


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(("path", "query"), PAGES)
def test_each_table_as_csv_equals_the_json(client: TestClient, ids: dict[str, int], path: str, query: str) -> None:
    path = path.format(**ids)
    tables = _tables(get_json(client, f"{path}.json{_whole(path, query)}"))
    for name, table in tables.items():
        sep = "&" if query else "?"
        response = client.get(f"{path}.csv{query}{sep}table={name}")
        assert response.status_code == 200, (name, response.text)
        rows = _csv_rows(response.text)
        assert rows[0] == table["columns"], name
        expected = [[csv_text(record[c]) for c in table["columns"]] for record in table["rows"]]
        assert rows[1:] == expected, name


@pytest.mark.parametrize(("path", "query"), PAGES)
def test_the_page_csv_is_its_first_table(client: TestClient, ids: dict[str, int], path: str, query: str) -> None:
    path = path.format(**ids)
    body = get_json(client, f"{path}.json{_whole(path, query)}")
    first = next(iter(body["data"]["tables"].values()), body["data"]["sources"])
    rows = _csv_rows(client.get(f"{path}.csv{query}").text)
    assert rows[0] == first["columns"]
    assert len(rows) - 1 == len(first["rows"])


@pytest.mark.parametrize(("path", "query"), PAGES)
def test_the_xlsx_holds_every_table_as_in_the_json(
    client: TestClient, ids: dict[str, int], path: str, query: str
) -> None:
    path = path.format(**ids)
    tables = _tables(get_json(client, f"{path}.json{_whole(path, query)}"))
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{path}.xlsx{query}").content), read_only=True)
    names = sheet_names([Table(n, "", (), ()) for n in tables])
    assert book.sheetnames == ["about", *names]
    for (name, table), sheet_name in zip(tables.items(), names, strict=True):
        values = [list(r) for r in book[sheet_name].iter_rows(values_only=True)]
        assert values[0] == table["columns"], name
        expected = [[record[c] for c in table["columns"]] for record in table["rows"]]
        got = [[None if v == "" else v for v in row] for row in values[1:]]
        assert got == expected, name


def test_html_shows_the_numbers_of_the_json(client: TestClient, ids: dict[str, int]) -> None:
    body = get_json(client, f"/decisions/{ids['ga2014']}.json")
    html = client.get(f"/decisions/{ids['ga2014']}").text
    for record in body["data"]["tables"]["by_position"]["rows"]:
        assert f'<strong data-count="{record["vote"]}">{record["count"]}</strong>' in html
    for record in body["data"]["tables"]["roll"]["rows"]:
        assert f">{record['country_code']}</a>" in html
