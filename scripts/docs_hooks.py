"""MkDocs hooks of ours (``hooks:`` in ``mkdocs.yml``); nothing here needs the network.

* ``<!-- unvotes:cli-reference -->`` becomes the reference of every command, read from the Typer app;
* ``<!-- unvotes:api-reference -->`` becomes the reference of the library, read from its docstrings;
* every fenced ``python`` block of a page runs, in order and in one namespace per page, against
  the shipped dossier built into a temporary folder (``$UNVOTES_DB`` points at it while they run);
  a block that raises fails the build; ``<!-- unvotes:table NAME -->`` becomes the data frame
  ``NAME`` those blocks left behind, as a table.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from mkdocs.exceptions import PluginError
from typer.main import get_command

import unvotes
import unvotes.library
from unvotes.cli import app

CLI_MARKER = "<!-- unvotes:cli-reference -->"
API_MARKER = "<!-- unvotes:api-reference -->"
TABLE_MARKER = re.compile(r"<!-- unvotes:table (\w+) -->")
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.M | re.S)

_built: dict[str, Path] = {}


def dossier_database() -> Path:
    """The shipped dossier, built once per process into a temporary folder."""
    if "db" not in _built:
        folder = Path(tempfile.mkdtemp(prefix="unvotes-docs-"))
        unvotes.build(path=folder / "dossier.db")
        _built["db"] = folder / "dossier.db"
    return _built["db"]


# -- the CLI reference ------------------------------------------------------------------------------


def _commands(command: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Each command under ``command``, by its full name (Typer's commands are Click's, vendored)."""
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():  # in the order the program lists them
            yield from _commands(sub, f"{path} {name}")
    else:
        yield path, command


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _command_section(path: str, command: Any) -> str:
    ctx = command.context_class(command, info_name=path)
    lines = [f"## `{path}`", "", (command.help or "").strip(), "", "```text", command.get_usage(ctx), "```", ""]
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None and param.param_type_name == "argument":
            record = (param.human_readable_name, getattr(param, "help", None) or "")
        if record is not None and record[0] != "--help":
            rows.append(f"| `{_cell(record[0])}` | {_cell(record[1])} |")
    if rows:
        lines += ["| argument or option | meaning |", "|---|---|", *rows, ""]
    return "\n".join(lines)


def cli_reference() -> str:
    """Every command of ``unvotes`` with its usage, arguments and options, from the Typer app."""
    root = get_command(app)
    return "\n".join(_command_section(path, command) for path, command in _commands(root, "unvotes"))


# -- the API reference ------------------------------------------------------------------------------

_ROLE = re.compile(r":(?:func|class|meth|mod|data|attr|exc):`(~?)([\w.]+)`")
_LITERAL = re.compile(r"(?<!`)``([^`\n]+)``(?!`)")


def _markdown(doc: str | None) -> str:
    """A docstring as Markdown: Sphinx roles and double-backquoted literals as code spans
    (``~`` keeps the last part of a name, as in Sphinx); fenced blocks left as they are."""
    text = inspect.cleandoc(doc or "")
    text = _ROLE.sub(lambda m: f"`{m.group(2).rsplit('.', 1)[-1] if m.group(1) else m.group(2)}`", text)
    return _LITERAL.sub(r"`\1`", text)


class _Written:
    """An annotation shown as it is written in the source (``from __future__ import annotations``
    keeps them as text; ``inspect`` would quote them)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _signature(name: str, member: Any) -> str:
    try:
        signature = inspect.signature(member)
    except (TypeError, ValueError):
        return name
    empty = inspect.Parameter.empty

    def written(annotation: Any) -> Any:
        return _Written(annotation) if isinstance(annotation, str) else annotation

    parameters = [p.replace(annotation=written(p.annotation)) for p in signature.parameters.values()]
    returns = signature.return_annotation
    shown = signature.replace(parameters=parameters, return_annotation=empty if returns is empty else written(returns))
    return f"{name}{shown}"


def api_reference() -> str:
    """``unvotes.__all__`` and the methods of :class:`unvotes.Database`, from their docstrings."""
    parts = [_markdown(unvotes.library.__doc__), ""]
    for name in sorted(n for n in unvotes.__all__ if n != "__version__"):
        member = getattr(unvotes, name)
        parts += [
            f"## `unvotes.{name}`",
            "",
            "```text",
            _signature(name, member),
            "```",
            "",
            _markdown(member.__doc__),
            "",
        ]
    for name, member in inspect.getmembers(unvotes.Database):
        if name.startswith("_"):
            continue
        shown = _signature(name, member) if callable(member) else name
        parts += [f"### `Database.{name}`", "", "```text", shown, "```", "", _markdown(inspect.getdoc(member)), ""]
    return "\n".join(parts)


# -- running the examples ---------------------------------------------------------------------------


def frame_table(frame: pd.DataFrame) -> str:
    """A data frame as a Markdown table; a cell that is not known shows as an em dash."""
    head = "| " + " | ".join(_cell(str(c)) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = [
        "| " + " | ".join("—" if pd.isna(v) else _cell(str(v)) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([head, rule, *body])


def run_examples(markdown: str, where: str) -> str:
    """Run the page's ``python`` blocks against the dossier; put the frames asked for in place."""
    blocks = PYTHON_BLOCK.findall(markdown)
    if not blocks:
        return markdown
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    before = os.environ.get("UNVOTES_DB")
    os.environ["UNVOTES_DB"] = str(dossier_database())
    try:
        for number, code in enumerate(blocks, 1):
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(code, f"{where}, python block {number}", "exec"), namespace)
    except Exception as exc:
        raise PluginError(f"{where}: python block {number} fails: {type(exc).__name__}: {exc}") from exc
    finally:
        if before is None:
            del os.environ["UNVOTES_DB"]
        else:
            os.environ["UNVOTES_DB"] = before

    def table(match: re.Match[str]) -> str:
        frame = namespace.get(match.group(1))
        if not isinstance(frame, pd.DataFrame):
            raise PluginError(f"{where}: no data frame named {match.group(1)} after the python blocks")
        return frame_table(frame)

    return TABLE_MARKER.sub(table, markdown)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Expand our markers and run the page's examples."""
    markdown = markdown.replace(CLI_MARKER, cli_reference()).replace(API_MARKER, api_reference())
    return run_examples(markdown, page.file.src_path)
