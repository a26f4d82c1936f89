"""The bulk download's ``datapackage.json`` (the server's ``/downloads`` and the static site's)
names, for each resource, the licences and the sources of its rows, and is a valid Frictionless
package whose CSV files match their schema, size and hash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import frictionless
import pytest
from starlette.testclient import TestClient

from unvotes.export.licences import LICENCES, PROJECT


def _valid(folder: Path) -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert list(frictionless.Package.metadata_validate(descriptor)) == []
    package = frictionless.Package(str(folder / "datapackage.json"))
    for resource in package.resources:
        assert resource.licenses, resource.name
        if resource.format == "csv":
            assert resource.bytes and resource.hash, resource.name
        if resource.format == "csv":
            report = frictionless.validate(resource)
            assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    for resource in descriptor["resources"]:  # sources: the files its rows come from (none for no rows)
        kinds = set(resource["source_kinds"])
        assert bool(resource["sources"]) == bool(kinds) or resource["sources"][0]["path"] == PROJECT.path
    return descriptor


def _check_licences(descriptor: dict[str, Any]) -> None:
    by_name = {r["name"]: r for r in descriptor["resources"]}
    positions = by_name["positions"]  # the dossier's rolls, derived from Voeten's and OHCHR's data
    assert [x["name"] for x in positions["licenses"]] == ["CC0-1.0", "MIT", "PolyForm-Noncommercial-1.0.0"]
    assert any("Szoszkiewicz" in x.get("notice", "") for x in positions["licenses"])
    assert [s["path"] for s in positions["sources"]] == ["dprk/positions.csv"]
    countries = by_name["countries"]  # a reference table: the project's own
    assert countries["licenses"] == [PROJECT.descriptor()]
    assert countries["sources"] == [{"title": PROJECT.title, "path": PROJECT.path}]
    assert by_name["positions-parquet"]["licenses"] == positions["licenses"]
    known = {x.name for x in (*LICENCES.values(), PROJECT)}
    assert {x["name"] for x in descriptor["licenses"]} <= known
    assert "PolyForm-Noncommercial-1.0.0" in {x["name"] for x in descriptor["licenses"]}


def test_the_static_sites_bulk_download_names_licences_per_resource(static_site: Path) -> None:
    _check_licences(_valid(static_site / "downloads"))


@pytest.fixture(scope="module")
def served(client: TestClient, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's bulk download, fetched file by file into a folder."""
    folder = tmp_path_factory.mktemp("served-bulk")
    package = client.get("/downloads/datapackage.json")
    assert package.status_code == 200
    (folder / "datapackage.json").write_bytes(package.content)
    for resource in package.json()["resources"]:
        path = folder / resource["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(client.get(f"/downloads/{resource['path']}").content)
    return folder


def test_the_servers_bulk_download_names_licences_per_resource(served: Path) -> None:
    _check_licences(_valid(served))
