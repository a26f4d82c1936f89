"""The CSV for Excel: the same cells as the plain CSV, with the byte order mark first and CRLF line
ends, on the server (``?excel=1``), in the static site (``.excel.csv``) and from the command line
(``--format csv-excel``)."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import decision_id
from tests.web.support import UNVOTES

BOM = b"\xef\xbb\xbf"


def _rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def _excel_links(html: str) -> dict[str, str]:
    """The links to a CSV for Excel on a page, and their text."""
    return dict(re.findall(r'<a href="([^"]+)" download data-excel[^>]*>([^<]+)</a>', html))


def _is_excel_of(excel: bytes, plain: bytes) -> None:
    assert excel.startswith(BOM)
    assert not plain.startswith(BOM)
    assert b"\r\n" not in plain
    lines = excel[len(BOM) :].split(b"\r\n")
    assert lines[-1] == b""
    assert _rows(excel) == _rows(plain)


@pytest.mark.parametrize(
    "url",
    ["/decisions/{ga2014}.csv", "/decisions/{ga2014}.csv?table=roll", "/decisions.csv?body=c3", "/countries/KOR.csv"],
)
def test_the_excel_csv_reads_back_as_the_plain_csv(client: TestClient, url: str) -> None:
    url = url.format(ga2014=decision_id(client, "A/RES/69/188"))
    plain = client.get(url)
    excel = client.get(url + ("&" if "?" in url else "?") + "excel=1")
    assert excel.status_code == 200, excel.text
    assert excel.headers["content-type"] == plain.headers["content-type"] == "text/csv; charset=utf-8"
    _is_excel_of(excel.content, plain.content)
    named = excel.headers["content-disposition"]
    assert named.endswith('.excel.csv"'), named
    assert client.get(url + ("&" if "?" in url else "?") + "excel=0").content == plain.content


def test_the_plain_csv_is_unchanged(client: TestClient) -> None:
    body = client.get(f"/decisions/{decision_id(client, 'A/RES/69/188')}.csv?table=by_position").content
    assert body.startswith(b"vote,count") and body.endswith(b"\n") and b"\r" not in body


@pytest.mark.parametrize("url", ["/decisions.json?excel=1", "/decisions.csv?excel=yes"])
def test_excel_outside_a_csv_or_with_another_value_is_refused(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "excel" in response.json()["error"]["message"]


def test_each_page_links_its_excel_csv_beside_the_plain_one(client: TestClient) -> None:
    html = client.get("/countries/KOR").text
    assert _excel_links(html)["/countries/KOR.csv?table=record&amp;excel=1"] == "for Excel"
    meta = client.get("/countries/KOR.json").json()["meta"]
    assert meta["formats"]["csv_excel"] == "/countries/KOR.csv?excel=1"


def test_the_static_site_writes_the_excel_csv_beside_each_csv(static_site: Path) -> None:
    bulk = static_site / "downloads"  # the bulk download is data for programs, one CSV per table
    plain = sorted(
        p for p in static_site.rglob("*.csv") if not p.name.endswith(".excel.csv") and not p.is_relative_to(bulk)
    )
    assert len(plain) > 100
    for path in plain[:: max(1, len(plain) // 40)]:
        excel = path.with_name(path.name.removesuffix(".csv") + ".excel.csv")
        _is_excel_of(excel.read_bytes(), path.read_bytes())
    page = (static_site / "countries" / "KOR.html").read_text(encoding="utf-8")
    assert _excel_links(page)["KOR.record.excel.csv"] == "for Excel"


def test_the_command_line_writes_the_csv_for_excel(dossier_db: Path) -> None:
    def run(fmt: str) -> bytes:
        args = [str(UNVOTES), "votes", "A/RES/69/188", "--db", str(dossier_db), "--format", fmt]
        return subprocess.run(args, check=True, capture_output=True).stdout

    _is_excel_of(run("csv-excel"), run("csv"))
