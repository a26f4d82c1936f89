"""Long commands say what they are doing on standard error, one line per step with counts and
seconds when it is not a terminal, and nothing of it on standard output (tables go there)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from tests.integration.conftest import run_cli
from unvotes.cli.progress import StepLines, steps

_LINE = re.compile(r"^(build|release|site): .+ \((?:\d+(?:/\d+)?[a-z ]*, )?\d+\.\d s\)$")


def _progress_lines(stderr: str, prefix: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{prefix}: ")]


def test_a_build_prints_one_line_per_step_on_stderr(tmp_path: Path) -> None:
    done = run_cli("build", "--db", str(tmp_path / "a.db"))
    assert done.returncode == 0, done.stderr
    lines = _progress_lines(done.stderr, "build")
    assert lines[0].startswith("build: storing dossier (1/1, ") and lines[-1].startswith("build: done (")
    assert any(line.startswith("build: reconciling and checking") for line in lines)
    assert all(_LINE.match(line) for line in lines), lines
    assert "build: " not in done.stdout and "rows read" in done.stdout


def test_a_release_and_a_site_build_say_each_step(built_dossier: Path, tmp_path: Path) -> None:
    (tmp_path / "releases").mkdir()
    release = run_cli("release", str(tmp_path / "releases"), "--db", str(built_dossier))
    assert release.returncode == 0, release.stderr
    lines = _progress_lines(release.stderr, "release")
    assert lines[0].startswith("release: decisions (1/") and lines[-1].startswith("release: done (")
    assert all(_LINE.match(line) for line in lines) and "release: " not in release.stdout
    site = run_cli("site", "build", str(tmp_path / "site"), "--db", str(built_dossier))
    shutil.rmtree(tmp_path / "site", ignore_errors=True)  # about 90 MB
    assert site.returncode == 0, site.stderr
    steps_seen = [line.split(" (")[0] for line in _progress_lines(site.stderr, "site")]
    assert {"site: decisions", "site: countries", "site: compare", "site: done"} <= set(steps_seen)
    assert all(_LINE.match(line) for line in _progress_lines(site.stderr, "site"))


def test_a_step_is_said_once_however_often_its_count_moves() -> None:
    out = io.StringIO()
    lines = StepLines("build", out)
    for done in range(3):
        lines("reading voeten2021", done, 3)
    lines("storing voeten2021", 0, 1)
    lines.done()
    said = out.getvalue().splitlines()
    assert [s.split(" (")[0] for s in said] == ["build: reading voeten2021", "build: storing voeten2021", "build: done"]


def test_not_a_terminal_gets_lines_not_a_bar() -> None:
    out = io.StringIO()
    with steps("site", unit="files written", stream=out) as progress:
        progress("countries", 12, 0)
    assert out.getvalue().startswith("site: countries (12 files written, ")
