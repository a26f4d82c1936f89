"""The documentation site builds with warnings as errors, its examples run, its references cover
the program, and the citation file has the shape CFF 1.2.0 asks for.

The build runs ``mkdocs build --strict`` as a user does; our hook (``scripts/docs_hooks.py``) runs
every ``python`` block of every page against the shipped dossier while it builds, so a block that
fails, fails the build. The ``sh`` blocks' ``unvotes`` commands run here, through the CLI.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.main import get_command
from typer.testing import CliRunner

import unvotes
from unvotes.cli import app

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SHELL_BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.M | re.S)
RUNNER = CliRunner()


def _mkdocs(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)]
    return subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    built = _mkdocs(REPO / "mkdocs.yml", folder)
    assert built.returncode == 0, built.stderr
    return folder


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def test_every_page_of_the_docs_folder_is_built(site: Path) -> None:
    for page in DOCS.glob("*.md"):
        built = site / "index.html" if page.stem == "index" else site / page.stem / "index.html"
        assert built.exists(), f"{page.name} is not in the site"


def test_the_cli_reference_names_every_command_and_option(site: Path) -> None:
    text = _page(site, "cli")
    root = get_command(app)
    assert hasattr(root, "commands")
    for name, command in root.commands.items():
        subs = [f" {sub}" for sub in command.commands] if hasattr(command, "commands") else [""]
        for full in (f"unvotes {name}{sub}" for sub in subs):
            assert f"<code>{full}</code>" in text, f"{full} is not in the CLI reference"
    assert "--min-common" in text and "--allow-partial" in text


def test_the_api_reference_documents_the_library(site: Path) -> None:
    text = _page(site, "api")
    words = html.unescape(re.sub(r"<[^>]+>", "", text))
    assert 'roll = db.votes("A/RES/69/188")' in words and "``" not in words  # the library's example, run
    for name in unvotes.__all__:
        if name != "__version__":
            assert f"unvotes.{name}" in text
    for method in ("decisions", "votes", "country", "sponsors", "agreement", "ideal_points", "close"):
        assert f"Database.{method}" in text


def test_the_worked_example_shows_its_tables(site: Path) -> None:
    text = _page(site, "worked-dprk")
    assert "unvotes:table" not in text
    assert text.count("<table>") == 5
    assert "A/RES/69/188" in text and "Republic of Korea" in text
    assert "<td>PRK</td>" in text  # among the states most often against
    assert "<td>—</td>" in text  # the tallies no source prints are not known, not 0


def test_a_failing_example_fails_the_build(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# x\n\n```python\nimport unvotes\nunvotes.open().votes('A/RES/1/1')\n```\n"
    )
    config = f"site_name: x\nhooks:\n  - {REPO / 'scripts' / 'docs_hooks.py'}\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = _mkdocs(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert built.returncode != 0
    assert "index.md: python block 1 fails: NotFoundError: no decision with symbol 'A/RES/1/1'" in built.stderr


def test_the_readmes_python_examples_run(tmp_path: Path) -> None:
    unvotes.build(path=tmp_path / "dossier.db")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", readme, flags=re.M | re.S)
    assert blocks
    env = {**os.environ, "UNVOTES_DB": str(tmp_path / "dossier.db")}
    for block in blocks:
        ran = subprocess.run([sys.executable, "-c", block], env=env, cwd=tmp_path, capture_output=True, text=True)
        assert ran.returncode == 0, ran.stderr


def _shell_commands() -> list[tuple[str, list[str]]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for block in SHELL_BLOCK.findall(page.read_text(encoding="utf-8")):
            for line in block.splitlines():
                words = shlex.split(line, comments=True)
                if words[:1] == ["unvotes"] and words[1:2] != ["serve"]:  # a server runs until stopped
                    found.append((page.name, words[1:]))
    return found


def test_the_shell_examples_run(tmp_path: Path) -> None:
    commands = _shell_commands()
    assert ("quickstart.md", ["build"]) in commands
    env = {"UNVOTES_DB": str(tmp_path / "unvotes.db")}
    for page, words in commands:
        result = RUNNER.invoke(app, words, env=env)
        assert result.exit_code == 0, f"{page}: unvotes {shlex.join(words)}: {result.output}"


# -- CITATION.cff -----------------------------------------------------------------------------------

CFF_REQUIRED = {"cff-version", "message", "title", "authors"}
REFERENCE_REQUIRED = {"type", "title", "authors"}


def test_the_citation_file_has_the_shape_of_cff_1_2_0() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert set(citation) >= CFF_REQUIRED
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == unvotes.__version__
    assert all({"name"} <= set(a) or {"family-names"} <= set(a) for a in citation["authors"])
    preferred = citation["preferred-citation"]
    assert set(preferred) >= REFERENCE_REQUIRED and preferred["type"] == "dataset"
    references = citation["references"]
    for reference in references:
        assert set(reference) >= REFERENCE_REQUIRED, reference.get("title")
    text = " ".join(str(r) for r in references)
    for source in ("hdl:1902.1/12379", "DGACM", "hrc-voting", "PolyForm Noncommercial", "unvotes DPRK dossier"):
        assert source in text, f"{source} is not cited"
