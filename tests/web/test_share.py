"""What a page says when shared: Open Graph and Twitter card tags, absolute only where the site's
address is known; the share images of decision and state pages (1200 x 630 PNG, cached, with an
ETag); and the link to each filtered view, which gives the same rows."""

from __future__ import annotations

import html
import re
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json
from tests.web.support import UNVOTES
from unvotes import store
from unvotes.errors import ParameterError
from unvotes.web import create_app
from unvotes.web import views as page_views
from unvotes.web.render import Renderer
from unvotes.web.share import IMAGE_SIZE, images_available
from unvotes.web.site import Images, _Writer

BASE = "https://example.org/unvotes"
_META = re.compile(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)">')

needs_images = pytest.mark.skipif(not images_available(), reason="vl-convert-python or the world map not installed")


def _meta(page: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _META.findall(page.split("</head>")[0])}


def _png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n" and body[12:16] == b"IHDR"
    width, height = struct.unpack(">II", body[16:24])
    return width, height


@pytest.fixture(scope="module")
def based(dossier_db: Path) -> Iterator[TestClient]:
    """The explorer told the address it is served at."""
    with TestClient(create_app(dossier_db, base_url=BASE + "/"), raise_server_exceptions=False) as c:
        yield c


def test_without_the_sites_address_pages_carry_no_absolute_links(client: TestClient) -> None:
    meta = _meta(client.get(f"/decisions/{decision_id(client, 'A/RES/69/188')}").text)
    assert meta["og:title"].startswith("A/RES/69/188: Situation of human rights")
    assert meta["og:description"].startswith("A/RES/69/188, 2014-12-18: adopted 116-20-53.")
    assert meta["twitter:card"] == "summary"
    assert not {"og:url", "og:image", "twitter:image"} & set(meta)


@needs_images
def test_decision_and_state_pages_carry_a_card_with_their_image(based: TestClient) -> None:
    number = decision_id(based, "A/RES/69/188")
    meta = _meta(based.get(f"/decisions/{number}").text)
    assert meta["og:url"] == f"{BASE}/decisions/{number}"
    assert meta["og:image"] == meta["twitter:image"] == f"{BASE}/decisions/{number}/share.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"].startswith("World map of the positions on A/RES/69/188")
    assert meta["twitter:card"] == "summary_large_image"
    state = _meta(based.get("/countries/kor").text)
    assert state["og:url"] == f"{BASE}/countries/KOR"
    assert state["og:image"] == f"{BASE}/countries/KOR/share.png"
    assert state["og:title"] == "Republic of Korea · unvotes"


def test_other_pages_carry_a_card_without_an_image(based: TestClient) -> None:
    meta = _meta(based.get("/decisions?to=2014&body=ga").text)
    assert meta["og:url"] == f"{BASE}/decisions?body=ga&to=2014"
    assert meta["og:description"] and meta["twitter:card"] == "summary"
    assert "og:image" not in meta


@needs_images
@pytest.mark.parametrize("path", ["/decisions/{id}/share.png", "/countries/PRK/share.png", "/countries/KP/share.png"])
def test_the_share_image_is_a_1200_by_630_png_with_an_etag(based: TestClient, path: str) -> None:
    url = path.format(id=decision_id(based, "A/RES/69/188"))
    response = based.get(url)
    assert response.status_code == 200, response.text[:200]
    assert response.headers["content-type"] == "image/png"
    assert _png_size(response.content) == IMAGE_SIZE
    etag = response.headers["etag"]
    again = based.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag


@pytest.mark.parametrize("url", ["/decisions/999999/share.png", "/countries/XXX/share.png"])
def test_no_share_image_for_what_does_not_exist(based: TestClient, url: str) -> None:
    assert based.get(url).status_code == 404


def test_a_bad_address_of_the_site_is_refused_in_one_line(dossier_db: Path, tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="expected the site's address"):
        create_app(dossier_db, base_url="example.org/unvotes")
    args = [str(UNVOTES), "site", "build", str(tmp_path / "site"), "--db", str(dossier_db), "--base-url", "ftp://x"]
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "--base-url" in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_static_site_without_its_address_has_no_absolute_links(static_site: Path) -> None:
    pages = [static_site / "decisions" / "54.html", static_site / "countries" / "KOR.html"]
    for page in pages:
        meta = _meta(page.read_text(encoding="utf-8"))
        assert meta["og:title"] and meta["twitter:card"] == "summary"
        assert "og:url" not in meta and "og:image" not in meta
    assert not list(static_site.rglob("share.png"))


@needs_images
def test_the_static_site_with_its_address_writes_the_share_images(dossier_db: Path, tmp_path: Path) -> None:
    con = store.open_db(dossier_db, read_only=True)
    try:
        number = page_views.decision_id_of_symbol(con, "A/RES/69/188")
        writer = _Writer(tmp_path, Renderer(), None, Images(BASE, frozenset({f"decisions/{number}"}), drawn=True))
        writer.page(page_views.decision(con, str(number)))
        writer.page(page_views.country(con, "KOR", None))
        writer.page(page_views.year(con, "2014"))
    finally:
        con.close()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("share.png")) == [
        "countries/KOR/share.png",
        f"decisions/{number}/share.png",
    ]
    assert _png_size((tmp_path / f"decisions/{number}/share.png").read_bytes()) == IMAGE_SIZE
    meta = _meta((tmp_path / f"decisions/{number}.html").read_text(encoding="utf-8"))
    assert meta["og:url"] == f"{BASE}/decisions/{number}.html"
    assert meta["og:image"] == f"{BASE}/decisions/{number}/share.png"
    year = _meta((tmp_path / "years/2014.html").read_text(encoding="utf-8"))
    assert year["og:url"] == f"{BASE}/years/2014.html" and "og:image" not in year


# --- the link to a view ------------------------------------------------------------------------------

_PERMALINK = re.compile(r'<a href="([^"]+)" rel="bookmark" data-permalink>')


def _permalink(client: TestClient, url: str) -> str:
    found = _PERMALINK.search(client.get(url).text)
    assert found, url
    return html.unescape(found.group(1))


def _as_json(url: str) -> str:
    path, _, query = url.partition("?")
    return f"{path}.json" + (f"?{query}" if query else "")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/decisions?to=2014&body=ga&page_size=5&from=2005&page=2",
            "/decisions?body=ga&from=2005&page=2&page_size=5&to=2014",
        ),
        ("/decisions?q=korea&sort=relevance&page=1&page_size=50", "/decisions?q=korea"),
        ("/decisions?sort=date&series=dprk-human-rights&method=", "/decisions?series=dprk-human-rights"),
        ("/countries/kor?ref=usa", "/countries/KOR?ref=USA"),
        ("/countries/KOR?ref=PRK", "/countries/KOR"),
        ("/compare?c=usa,kor&c=prk", "/compare?c=USA&c=KOR&c=PRK"),
        ("/years/2014", "/years/2014"),
    ],
)
def test_the_link_to_a_view_is_canonical_and_gives_the_same_rows(client: TestClient, url: str, expected: str) -> None:
    link = _permalink(client, url)
    assert link == expected
    names = [k for k, _v in parse_qsl(urlsplit(link).query)]
    assert names == sorted(names)
    assert get_json(client, _as_json(link))["data"] == get_json(client, _as_json(url))["data"]


def test_paging_links_keep_the_filters(client: TestClient) -> None:
    page = client.get("/decisions?page_size=5&body=c3&sort=date").text
    following = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    assert following == "/decisions?body=c3&page=2&page_size=5"
    back = client.get(following).text
    previous = html.unescape(re.search(r'<a rel="prev" href="([^"]+)"', back).group(1))  # type: ignore[union-attr]
    assert previous == "/decisions?body=c3&page_size=5"
    second = get_json(client, _as_json(following))["data"]["tables"]["decisions"]["rows"]
    whole = get_json(client, "/decisions.json?body=c3&page_size=10")["data"]["tables"]["decisions"]["rows"]
    assert second == whole[5:10]
