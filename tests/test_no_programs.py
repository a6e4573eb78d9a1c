"""`notices build` and `notices site` run no other program, so they work on a machine that has nothing
but the Python packages installed (no poppler-utils, no git, nothing on PATH)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import EXAMPLE, TEMPLATES
from tests.site.conftest import copy_project

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

NOTICES = Path(sys.executable).parent / "notices"
# Every way Python starts another program; a process pool starts its workers by fork, not through these.
STARTERS = [(subprocess, "Popen"), (os, "system"), (os, "popen"), (os, "posix_spawn"), (os, "posix_spawnp"),
            *[(os, name) for name in dir(os) if name.startswith(("exec", "spawn"))]]


@pytest.fixture
def programs_started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the test's code tried to run; each attempt also fails, as on a machine without the program."""
    started: list[str] = []

    def refuse(name: str):
        def starter(*args, **kwargs):
            started.append(f"{name}{args[:2]!r}")
            raise FileNotFoundError(f"no programs in this test: {name}{args[:2]!r}")
        return starter

    for module, name in STARTERS:
        monkeypatch.setattr(module, name, refuse(f"{module.__name__}.{name}"))
    return started


def test_a_build_and_a_site_build_start_no_program(programs_started: list[str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    build = runner.invoke(main, ["build", "--facts", str(EXAMPLE), "--templates", str(TEMPLATES),
                                 "--out", str(tmp_path / "dist"), "--no-cache"])
    assert build.exit_code == 0, build.output
    monkeypatch.chdir(copy_project(tmp_path / "project"))
    site = runner.invoke(main, ["site", "--out", "site"])
    assert site.exit_code == 0, site.output
    assert programs_started == []
    assert (tmp_path / "dist" / "oakmoor" / "children-in-need.pdf").is_file()
    assert (tmp_path / "project" / "site" / "index.html").is_file()


def test_the_example_builds_with_nothing_on_the_path(tmp_path: Path) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    result = subprocess.run([str(NOTICES), "build", "--facts", str(EXAMPLE), "--templates", str(TEMPLATES),
                             "--out", str(tmp_path / "dist"), "--no-cache"],
                            env={**os.environ, "PATH": str(empty)}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built ") and (tmp_path / "dist" / "oakmoor" / "booklet.pdf").is_file()
