"""Each release has one version number, which `notices --version` prints and the changelog has a heading for."""

from __future__ import annotations

import tomllib

from click.testing import CliRunner

from generator.cli import main
from tests.conftest import PROJECT


def test_the_version_printed_is_the_one_pyproject_declares_and_the_changelog_describes() -> None:
    version = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert CliRunner().invoke(main, ["--version"], prog_name="notices").output == f"notices, version {version}\n"
    headings = [line for line in (PROJECT / "CHANGELOG.md").read_text("utf-8").splitlines() if line.startswith("## ")]
    assert headings[0] == "## Unreleased"  # where the next release's changes are written as they are made
    assert any(heading.startswith(f"## {version} - ") for heading in headings), headings
