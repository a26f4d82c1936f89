"""``unvotes site build DIR`` through the real command line: it writes only inside DIR, deletes
only files it wrote (listed in DIR's manifest), refuses an unusable DIR in one line and leaves
nothing half-written.

Every case runs in a fresh temporary folder and lists afterwards every file in it, so a file
written beside DIR, or removed from it, shows as a difference. The database is the dossier's,
built once by ``unvotes build``; the crafted ones are copies changed with sqlite3.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.hardening.harness import cli_command, cli_env
from tests.web import support

MANIFEST = ".unvotes-site.json"


def site_build(
    outdir: str | Path, db: Path, *, cwd: Path, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = cli_env() | ({"HOME": str(home)} if home else {})
    return subprocess.run(
        cli_command("site", "build", str(outdir), "--db", str(db)),
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
        check=False,
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file and link under ``folder`` (not followed): its contents, or where it points."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_text(encoding="utf-8", errors="replace") if path.stat().st_size < 200 else "<big>"
    return found


def one_error_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def manifest(site: Path) -> list[str]:
    files: list[str] = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["files"]
    return files


def db_copy(folder: Path, *sql: str) -> Path:
    db = folder / "copy.db"
    shutil.copyfile(support.dossier_db(), db)
    con = sqlite3.connect(db)
    with con:
        for statement in sql:
            con.execute(statement)
    con.close()
    return db


@pytest.mark.slow
def test_a_rebuild_keeps_the_files_it_did_not_write_and_removes_its_own_stale_ones(tmp_path: Path) -> None:
    db = db_copy(tmp_path)
    site = tmp_path / "site"
    (tmp_path / "site.building").mkdir()
    (tmp_path / "site.building" / "keep.txt").write_text("the user's own folder")
    first = site_build(site, db, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "site.building" / "keep.txt").read_text() == "the user's own folder"
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {MANIFEST}
    assert set(manifest(site)) == written and len(written) > 3000

    (tmp_path / "outside.txt").write_text("not the site's")
    (site / "CNAME").write_text("unvotes.example.org")
    (site / "notes").mkdir()
    (site / "notes" / "todo.txt").write_text("the user's")
    (site / "decisions" / "page-99.html").write_text("a page an earlier build wrote")
    (site / "countries" / "link.html").symlink_to(tmp_path / "outside.txt")
    listed = [*manifest(site), "decisions/page-99.html", "countries/link.html", "gone/old.html"]
    (site / MANIFEST).write_text(json.dumps({"files": listed}))
    before = tree(tmp_path)

    second = site_build(site, db, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "1 files of the previous build removed" in second.stderr
    after = tree(tmp_path)
    assert set(before) - set(after) == {"site/decisions/page-99.html"}
    assert set(after) == set(before) - {"site/decisions/page-99.html"}
    for kept in (
        "site/CNAME",
        "site/notes/todo.txt",
        "site/countries/link.html",
        "outside.txt",
        "site.building/keep.txt",
    ):
        assert after[kept] == before[kept]
    assert set(manifest(site)) == written
    assert not [p for p in site.iterdir() if p.name.startswith(".unvotes-building-")]


@pytest.mark.slow
def test_a_page_that_the_database_names_out_of_the_folder_is_skipped_and_counted(tmp_path: Path) -> None:
    db = db_copy(tmp_path, "INSERT INTO countries (country_code, name) VALUES ('../../../X', 'Crafted')")
    site = tmp_path / "a" / "b" / "site"
    result = site_build(site, db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    outside = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if not p.is_relative_to(site)]
    assert sorted(outside) == ["a", "a/b", "copy.db"]
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert skipped == [f"skipped 1 page(s) whose name in the database would lead out of {site}: countries/../../../X"]
    assert (site / "countries" / "KOR.html").is_file()
    assert all(".." not in name for name in manifest(site))


def _a_file(tmp: Path) -> str:
    (tmp / "site").write_text("a file, not a folder")
    return "site"


def _a_symlink(tmp: Path) -> str:
    (tmp / "elsewhere").mkdir()
    (tmp / "site").symlink_to(tmp / "elsewhere")
    return "site"


def _the_current_folder(tmp: Path) -> str:
    return "."


def _the_current_folders_parent(tmp: Path) -> str:
    (tmp / "here").mkdir()
    return ".."


def _the_home_folder(tmp: Path) -> str:
    (tmp / "home").mkdir()
    return str(tmp / "home")


def _a_repository(tmp: Path) -> str:
    (tmp / "repo" / ".git").mkdir(parents=True)
    return "repo"


def _a_site_holding_the_database(tmp: Path) -> str:
    (tmp / "site").mkdir()
    (tmp / "site" / ".unvotes-site").write_text("written by unvotes site build\n")
    (tmp / "copy.db").rename(tmp / "site" / "copy.db")
    return "site"


def _a_manifest_naming_a_file_outside(tmp: Path) -> str:
    (tmp / "site").mkdir()
    (tmp / "outside.txt").write_text("not the site's")
    (tmp / "site" / MANIFEST).write_text(json.dumps({"files": ["index.html", "../outside.txt"]}))
    return "site"


def _a_manifest_that_is_not_json(tmp: Path) -> str:
    (tmp / "site").mkdir()
    (tmp / "site" / MANIFEST).write_text("{files: [")
    return "site"


def _a_foreign_folder(tmp: Path) -> str:
    (tmp / "site").mkdir()
    (tmp / "site" / "thesis.txt").write_text("keep me")
    return "site"


REFUSED: list[tuple[Callable[[Path], str], str]] = [
    (_a_file, "is a file, not a folder"),
    (_a_symlink, "is a symbolic link"),
    (_the_current_folder, "is the current folder"),
    (_the_current_folders_parent, "is the current folder or holds it"),
    (_the_home_folder, "is the home folder"),
    (_a_repository, "is a repository"),
    (_a_site_holding_the_database, "holds the database"),
    (_a_manifest_naming_a_file_outside, "not a plain path inside the folder"),
    (_a_manifest_that_is_not_json, "not a manifest of a site build"),
    (_a_foreign_folder, "not empty and not an unvotes site"),
]


@pytest.mark.parametrize(("make", "says"), REFUSED, ids=[m.__name__.strip("_") for m, _ in REFUSED])
def test_an_unusable_folder_is_refused_in_one_line_with_nothing_written(
    tmp_path: Path, make: Callable[[Path], str], says: str
) -> None:
    db = db_copy(tmp_path)
    outdir = make(tmp_path)
    db = db if db.exists() else tmp_path / "site" / db.name
    cwd = tmp_path / "here" if (tmp_path / "here").is_dir() else tmp_path
    before = tree(tmp_path)
    result = site_build(outdir, db, cwd=cwd, home=tmp_path / "home" if (tmp_path / "home").is_dir() else None)
    one_error_line(result, outdir, says)
    assert tree(tmp_path) == before


@pytest.mark.parametrize("outdir", ["site", "new/deeper/site"])
def test_a_failed_build_leaves_the_folders_as_they_were(tmp_path: Path, outdir: str) -> None:
    db = db_copy(tmp_path, "DROP TABLE events")
    (tmp_path / "site.building").mkdir()
    (tmp_path / "site.building" / "keep.txt").write_text("the user's own folder")
    if outdir == "site":  # a site built before, with a file added by hand
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "index.html").write_text("the site before")
        (tmp_path / "site" / "CNAME").write_text("unvotes.example.org")
        (tmp_path / "site" / MANIFEST).write_text(json.dumps({"files": ["index.html"]}))
    before = tree(tmp_path)
    result = site_build(outdir, db, cwd=tmp_path)
    one_error_line(result, "no such table: events")
    assert tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["copy.db", "site.building", *(["site"] * (outdir == "site"))]
    )
