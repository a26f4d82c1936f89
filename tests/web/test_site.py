"""The static site: every page and download as files that link to each other by relative paths,
with the same data as the server's."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web import support
from tests.web.conftest import decision_id, get_json
from unvotes import store
from unvotes.errors import UnvotesError
from unvotes.model import Selection, SortOrder
from unvotes.web import build_site
from unvotes.web.security import CSP_META


def test_every_link_of_the_site_leads_to_a_file(static_site: Path) -> None:
    pages, broken = support.broken_links(static_site)
    assert pages > 250
    assert broken == {}, "links to no file, or absolute (they break on a sub-folder host)"


@pytest.mark.parametrize(
    "stem",
    ["index", "years/2014", "countries/KOR", "countries", "compare/KOR-PRK", "decisions", "sources", "methodology"],
)
def test_every_page_is_there_in_every_format(static_site: Path, stem: str) -> None:
    for ext in ("html", "json", "csv", "xlsx", "sources.csv"):
        assert (static_site / f"{stem}.{ext}").is_file(), f"{stem}.{ext}"
    html = (static_site / f"{stem}.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP_META}">' in html.replace("&#39;", "'")
    assert "<form" not in html, "forms need a server"


def test_the_site_holds_the_data_the_server_serves(static_site: Path, client: TestClient) -> None:
    ga2014 = decision_id(client, "A/RES/69/188")
    for stem, url in [(f"decisions/{ga2014}", f"/decisions/{ga2014}.json"), ("countries/KOR", "/countries/KOR.json")]:
        written = json.loads((static_site / f"{stem}.json").read_text(encoding="utf-8"))
        served = get_json(client, url)
        assert written["data"] == served["data"]
        assert (static_site / f"{stem}.csv").read_bytes() == client.get(url.replace(".json", ".csv")).content


def test_the_site_has_the_assets_and_the_bulk_download(static_site: Path) -> None:
    assert (static_site / "static/app.js").is_file()
    assert (static_site / "static/vendor/vega.min.js").is_file()
    assert (static_site / "downloads/datapackage.json").is_file()
    assert (static_site / "downloads/unvotes-data.zip").is_file()
    assert (static_site / "404.html").is_file()


def test_a_site_build_replaces_only_a_site(dossier_db: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "papers"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("keep me")
    with pytest.raises(UnvotesError, match="not an unvotes site"):
        build_site(dossier_db, foreign)
    assert (foreign / "thesis.txt").read_text() == "keep me"


def test_the_site_lists_exactly_the_files_it_wrote_in_its_manifest(static_site: Path) -> None:
    manifest = json.loads((static_site / ".unvotes-site.json").read_text(encoding="utf-8"))
    written = {p.relative_to(static_site).as_posix() for p in static_site.rglob("*") if p.is_file()}
    assert set(manifest["files"]) == written - {".unvotes-site.json"}
    assert len(manifest["files"]) == len(set(manifest["files"])) > 3000
    assert not [p for p in static_site.iterdir() if p.name.startswith(".unvotes-building-")]


def test_a_site_build_refuses_a_file_or_a_link_in_place_of_the_folder(dossier_db: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    for name, says in (("file", "is a file, not a folder"), ("link", "is a symbolic link")):
        with pytest.raises(UnvotesError, match=says):
            build_site(dossier_db, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "link"]


def test_a_lists_downloads_hold_the_whole_selection(static_site: Path, client: TestClient) -> None:
    """The browser shows 50 decisions a page; its CSV, on the server and in the site, holds all 70."""
    served = client.get("/decisions.csv?series=dprk-human-rights")
    assert len(list(csv.reader(io.StringIO(served.text)))) - 1 == 70
    page = client.get("/decisions.json?series=dprk-human-rights").json()["data"]
    assert len(page["tables"]["decisions"]["rows"]) == 50 and page["facts"]["total"] == 70
    assert any("all 70 decisions" in n for n in page["tables"]["decisions"]["notes"])
    written = (static_site / "decisions.csv").read_text(encoding="utf-8")
    assert len(list(csv.reader(io.StringIO(written)))) - 1 == 70


def test_the_index_holds_every_decision_once(static_site: Path, dossier_db: Path) -> None:
    index = json.loads((static_site / "decisions/index.json").read_text(encoding="utf-8"))
    ids = [row[index["columns"].index("decision_id")] for row in index["rows"]]
    con = store.open_db(dossier_db, read_only=True)
    try:
        expected = [d.decision_id for d in store.list_decisions(con, Selection(sort=SortOrder.DATE))]
    finally:
        con.close()
    assert ids == expected and len(set(ids)) == len(ids) == 70
    assert all(len(row) == len(index["columns"]) for row in index["rows"])
