"""Progress of long commands on standard error, never on standard output (tables go there).

On a terminal a Rich bar shows the step, its count and the time; otherwise (a log, a pipe, a CI
job) one line per step: what it is, how far (``n/total``) and the seconds since the start,
written when the command has succeeded. A failed command writes only its one-line error (the
command line's promise), so the lines are held until then. The
library calls ``progress(step, done, total)`` (:data:`unvotes.ingest.pipeline.Progress`); the
site build's ``progress(page, files)`` is grouped by the first segment of the page's path.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["StepLines", "steps"]

StepCallback = Callable[[str, int, int], None]


class StepLines:
    """One line per step on ``stream`` once the step is over, ``"{prefix}: {step} ({n}/{total}
    {unit}, {seconds} s)"``: the step's place (the callback gives how many were done as it began)
    or, without a total, the count it reached, and the seconds since the start; a step's count
    advancing writes nothing. The lines are held in memory until :meth:`done`, so a command that
    fails writes none and its error stays the one line it prints."""

    def __init__(self, prefix: str, stream: TextIO, unit: str = "") -> None:
        self.prefix = prefix
        self.stream = stream
        self.unit = f" {unit}" if unit else ""
        self.start = time.perf_counter()
        self.current: tuple[str, int, int] | None = None
        self.held: list[str] = []

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.current is not None and self.current[0] != step:
            self._say(*self.current)
        self.current = (step, done, total)

    def _say(self, step: str, done: int, total: int) -> None:
        count = f"{min(done + 1, total)}/{total}{self.unit}, " if total else (f"{done}{self.unit}, " if done else "")
        self.held.append(f"{self.prefix}: {step} ({count}{time.perf_counter() - self.start:.1f} s)\n")

    def done(self) -> None:
        """Write every step's line, then ``done`` with the seconds the whole took."""
        if self.current is not None and self.current[0] != "done":
            self._say(*self.current)
        self._say("done", 0, 0)
        self.stream.write("".join(self.held))
        self.stream.flush()


@contextmanager
def steps(prefix: str, *, unit: str = "", stream: TextIO | None = None) -> Iterator[StepCallback]:
    """A ``progress(step, done, total)`` callback for the duration of the block: a transient Rich
    bar when ``stream`` (default standard error) is a terminal, else :class:`StepLines`."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        lines = StepLines(prefix, out, unit)
        yield lines
        lines.done()
        return
    console = Console(file=out, highlight=False)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(prefix, total=None)

        def update(step: str, done: int, total: int) -> None:
            bar.update(task, description=f"{prefix}: {step}", completed=done, total=total or None)

        yield update
