"""The documentation keeps up with the code: every schema column and every CLI command is described."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from typer.main import get_command

from unvotes import store
from unvotes.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs"
README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_table_and_column_is_in_the_data_dictionary(tmp_path: Path) -> None:
    con = store.open_db(tmp_path / "x.db", create=True)
    text = (DOCS / "data-dictionary.md").read_text(encoding="utf-8")
    headings = " ".join(re.findall(r"^## (.+)$", text, flags=re.M))
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"):
        if name.startswith("decision_text_"):  # FTS5's own shadow tables of the search index
            continue
        assert re.search(rf"\b{name}\b", headings), f"table {name} has no section in data-dictionary.md"
        for column in con.execute(f"SELECT name FROM pragma_table_info('{name}')"):
            assert f"`{column[0]}`" in text, f"column {name}.{column[0]} is not described"
    con.close()


def test_every_command_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    command = get_command(app)
    assert hasattr(command, "commands")
    for name in command.commands:
        assert f"unvotes {name}" in readme, f"command {name} is not shown in README.md"


def test_sqlite_is_the_only_place_with_sql() -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "unvotes"
    pattern = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")
    offenders = [
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if "store" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert sqlite3.sqlite_version_info >= (3, 35)
