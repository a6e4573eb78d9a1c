"""For every kind of school, `notices init` told what it is, then only its placeholders filled in, passes `check`
with no error, no warning and no passage that does not fit, under the law of 2026-12-07, and builds in every
format; a maintained school's notices say nothing that is an academy's alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import fill_placeholders
from tests.starter.test_init_asks import EVERY_KIND

# Slow: builds every format; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

SHARED_FACTS = ["--dpo-email", "dpo@example.org.uk", "--local-authority", "Countyshire County Council",
                "--retention-policy", "our records retention policy"]
# What only an academy or its trust is, or answers to: none of it may reach a maintained school's parents.
# (A maintained governing body has associate members: the trust's members are the academy's alone.)
ACADEMY_ONLY = re.compile(r"\b(members of the (academy )?trust|trust's members|trustees|funding agreement|"
                          r"Academy Trust Handbook|Companies House|Independent School Standards)\b", re.IGNORECASE)


def started(folder: Path, kind: str) -> Path:
    result = CliRunner().invoke(main, ["init", str(folder), *EVERY_KIND[kind], *SHARED_FACTS])
    assert result.exit_code == 0, result.output
    fill_placeholders(folder / "notices")
    return folder / "notices"


@pytest.mark.parametrize("kind", sorted(EVERY_KIND))
def test_filled_in_it_checks_clean_and_builds_in_every_format(tmp_path, kind) -> None:
    facts = started(tmp_path / kind, kind)
    checked = CliRunner().invoke(main, ["check", "--facts", str(facts), "--today", "2026-12-07"])
    assert checked.exit_code == 0, checked.output
    assert re.search(r": 0 errors, 0 warnings\.\n$", checked.output), checked.output
    built = CliRunner().invoke(main, ["build", "--facts", str(facts), "--out", str(tmp_path / "dist"), "--no-cache"])
    assert built.exit_code == 0, built.output
    said = {page.name: ACADEMY_ONLY.search(page.read_text("utf-8")) for page in (tmp_path / "dist").rglob("*.md")}
    if kind == "maintained-school":
        assert not [f"{name}: {found[0]}" for name, found in said.items() if found]
    if kind == "academy":  # what the maintained school's notices must not say, an academy's do
        assert any(said.values())
