"""The Python library: the questions of the ``unvotes`` command, answered as data frames.

```python
import unvotes

with unvotes.open() as db:  # the database 'unvotes build' made; see open()
    roll = db.votes("A/RES/69/188")
    print(roll.shape)  # (193, 7): one row per member state
    print(roll["vote"].value_counts())
```

Each method calls the same report as the command of the same name, so a frame has exactly the
columns of that command's ``--format csv`` output, in the same order; the report's title and
notes (sources, caveats) are in ``frame.attrs``. pandas frames use the nullable types
(``Int64``, ``boolean``, ``string``), so an empty cell is ``<NA>``: not known, never ``no`` or 0.
Errors are those of :mod:`unvotes.errors`.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from unvotes import ingest, reports, store
from unvotes.errors import ParameterError
from unvotes.model import Selection
from unvotes.reports.selection import selection_from_options

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Database", "build", "cached_dossier_path", "open"]

F = TypeVar("F")
FrameKind = Literal["pandas", "polars"]


def _pandas(table: reports.Table) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame.from_records(list(table.rows), columns=list(table.columns)).convert_dtypes()
    frame.attrs.update(name=table.name, title=table.title, notes=list(table.notes))
    return frame


def _polars(table: reports.Table) -> Any:
    try:
        polars = importlib.import_module("polars")
    except ImportError:
        raise ParameterError("frames='polars' needs the polars package (pip install polars)") from None
    return polars.DataFrame(list(table.rows), schema=list(table.columns), orient="row", infer_schema_length=None)


class Database(Generic[F]):
    """A built unvotes database, opened read-only; each question returns one data frame.

    Use it in a ``with`` block, or call :meth:`close` when done. Make one with :func:`open`.
    """

    def __init__(self, path: Path, convert: Callable[[reports.Table], F]) -> None:
        self.path = path
        self._convert = convert
        self._con: sqlite3.Connection | None = store.open_db(path, read_only=True)

    def __repr__(self) -> str:
        return f"<unvotes.Database {str(self.path)!r}{'' if self._con else ' (closed)'}>"

    def __enter__(self) -> Database[F]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the object answers no more questions."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def connection(self) -> sqlite3.Connection:
        """The read-only SQLite connection (for questions of your own, in SQL)."""
        if self._con is None:
            raise ParameterError(f"{self.path}: this database was closed")
        return self._con

    def decisions(
        self,
        *,
        series: str | None = None,
        body: str | None = None,
        year: int | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        search: str | None = None,
        kind: str | None = None,
        method: str | None = None,
        topic: str | None = None,
    ) -> F:
        """One row per decision, in date order, as ``unvotes decisions``.

        ``body`` is ``ga``, ``c3``, ``chr``, ``hrc`` or ``sc``; ``year`` one calendar year, or
        ``year_from``/``year_to`` a range; ``search`` text in the title, symbol or description;
        ``kind`` and ``method`` (``recorded_vote``, ``without_vote``, ``non_recorded_vote``) as the
        command's ``--kind`` and ``--method``; ``topic`` one of Voeten's issue codes.
        """
        sel = selection_from_options(
            series=series,
            body=body,
            year=year,
            year_from=year_from,
            year_to=year_to,
            search=search,
            kind=kind,
            method=method,
            topic=topic,
        )
        return self._convert(reports.decisions_table(self.connection, sel))

    def votes(self, symbol_or_id: str | int) -> F:
        """How each member state voted on one decision (a UN symbol or a decision id), as ``unvotes votes``."""
        return self._convert(reports.votes_table(self.connection, str(symbol_or_id)))

    def country(
        self,
        code_or_name: str,
        *,
        series: str | None = None,
        body: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> F:
        """A state's vote, sponsorship and disassociation on each decision it took part in, as
        ``unvotes country``; the state by ISO 3166-1 alpha-3 code (``PRK``) or by name (``Japan``)."""
        sel = selection_from_options(body=body, series=series, year_from=year_from, year_to=year_to)
        code = reports.resolve_country(self.connection, code_or_name)
        return self._convert(reports.record_table(self.connection, code, sel))

    def sponsors(
        self,
        symbol_or_id: str | int | None = None,
        *,
        series: str | None = None,
        body: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> F:
        """The sponsors of one decision, as ``unvotes sponsors SYMBOL``; without a decision, one row per
        decision chosen by ``series``/``body``/``year_from``/``year_to`` with its number of sponsors
        as far as it is known, as ``unvotes sponsors --series ...``."""
        if symbol_or_id is not None:
            decision = reports.resolve_decision(self.connection, str(symbol_or_id))
            return self._convert(reports.sponsors_table(self.connection, decision))
        sel = selection_from_options(body=body, series=series, year_from=year_from, year_to=year_to)
        if sel == Selection():
            raise ParameterError("give a decision, or choose decisions with series=, body=, year_from= or year_to=")
        return self._convert(reports.sponsor_coverage_table(self.connection, sel))

    def agreement(
        self,
        *,
        with_country: str | None = None,
        method: str = "voeten",
        count_absences: bool = False,
        min_common: int = 1,
        series: str | None = None,
        body: str | None = None,
        topic: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> F:
        """Agreement with one state, ranked (``with_country``), or between every pair of states, over
        the decisions chosen by ``series``, ``body`` or ``topic`` (one at least) and the years, as
        ``unvotes analyse agreement``. ``method`` and ``count_absences`` are its ``--method`` and
        ``--absences count``."""
        sel = _analysis_selection(series, body, topic, year_from, year_to)
        table = reports.agreement_table(
            self.connection,
            sel,
            with_country=with_country,
            method=method,
            count_absences=count_absences,
            min_common=min_common,
        )
        return self._convert(table)

    def ideal_points(
        self,
        *,
        reference: str = "USA",
        bootstrap: int = 0,
        seed: int = 0,
        series: str | None = None,
        body: str | None = None,
        topic: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> F:
        """One-dimensional ideal points (a model estimate) from the yes/no votes on the decisions
        chosen, ``reference`` on the positive side, with ``bootstrap`` fits for standard errors, as
        ``unvotes analyse ideal-points``."""
        sel = _analysis_selection(series, body, topic, year_from, year_to)
        table = reports.ideal_points_table(self.connection, sel, reference=reference, n_bootstrap=bootstrap, seed=seed)
        return self._convert(table)


def _analysis_selection(
    series: str | None, body: str | None, topic: str | None, year_from: int | None, year_to: int | None
) -> Selection:
    if series is None and body is None and topic is None:
        raise ParameterError("choose the decisions with series=, body= or topic=")
    return selection_from_options(series=series, body=body, topic=topic, year_from=year_from, year_to=year_to)


def cached_dossier_path() -> Path:
    """Where :func:`open` builds the shipped dossier when there is no database:
    ``$XDG_CACHE_HOME/unvotes/dossier.db`` (``~/.cache/unvotes/dossier.db``)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "unvotes" / "dossier.db"


def _shipped_since(path: Path) -> bool:
    """Whether a file the package ships (its data, its schema) is newer than ``path``: the
    dossier cached by an older version or copy of the package is built again."""
    package = Path(__file__).parent
    shipped = [*(package / "data").rglob("*"), *(package / "store").rglob("*.sql")]
    built = path.stat().st_mtime
    return any(p.stat().st_mtime > built for p in shipped if p.is_file())


def _default_path() -> Path:
    path = store.default_db_path()
    if path.exists() or os.environ.get("UNVOTES_DB"):
        return path
    cached = cached_dossier_path()
    if not cached.exists() or _shipped_since(cached):
        sys.stderr.write(f"unvotes: no database at {path}; building the shipped dossier into {cached}\n")
        build(path=cached)
    return cached


@overload
def open(
    path: str | os.PathLike[str] | None = None, *, frames: Literal["pandas"] = "pandas"
) -> Database[pd.DataFrame]: ...


@overload
def open(path: str | os.PathLike[str] | None = None, *, frames: Literal["polars"]) -> Database[Any]: ...


def open(path: str | os.PathLike[str] | None = None, *, frames: FrameKind = "pandas") -> Database[Any]:
    """Open a built database read-only: ``path``, else ``$UNVOTES_DB``, else the one ``unvotes build``
    makes (``~/.local/share/unvotes/unvotes.db``); when there is none of these, the shipped dossier
    is built into :func:`cached_dossier_path` first, and again when the package's data is newer
    than that copy (a one-line message on standard error says so).

    Questions return pandas data frames, or polars ones with ``frames="polars"`` (polars must be
    installed). A missing or unreadable ``path`` raises :class:`~unvotes.errors.StoreError`.
    """
    convert: Callable[[reports.Table], Any]
    if frames == "pandas":
        convert = _pandas
    elif frames == "polars":
        convert = _polars
    else:
        raise ParameterError(f"frames must be 'pandas' or 'polars', not {frames!r}")
    return Database(_default_path() if path is None else Path(path), convert)


def build(
    data_dir: str | os.PathLike[str] | None = None,
    path: str | os.PathLike[str] | None = None,
    progress: ingest.Progress | None = None,
) -> ingest.IngestReport:
    """Build a database anew, as ``unvotes build``: the shipped dossier and every source file under
    ``data_dir``, into ``path`` (default ``$UNVOTES_DB``, else ``~/.local/share/unvotes/unvotes.db``).

    ``progress(stage, done, total)`` is called as the work advances. The old database is replaced
    only when the new one is complete; the report says what was read, stored and skipped, and why.
    """
    target = store.default_db_path() if path is None else Path(path)
    folder = None if data_dir is None else Path(data_dir)
    return ingest.build_database(target, data_dir=folder, progress=progress)
