"""A website built without its address says what that costs: a sitemap with no page and a feed of relative links."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from generator.site.build_site import build_site

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


def test_a_site_without_an_address_builds_and_warns_that_its_sitemap_and_feed_cannot_be_followed(
        project_copy: Path, tmp_path: Path, caplog) -> None:
    organisation = project_copy / "notices" / "organisation.yaml"
    text = organisation.read_text("utf-8")
    assert "  site_address: https://privacy.example.org/\n" in text
    organisation.write_text(text.replace("  site_address: https://privacy.example.org/\n", ""), "utf-8")
    with caplog.at_level(logging.WARNING):
        site = build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    warnings = [record.getMessage() for record in caplog.records if record.name == "generator.site.build_site"]
    assert len(warnings) == 1 and warnings[0].startswith("the website has no address of its own: its sitemap.xml")
    assert "'site_address: https://www.example.org/privacy/'" in warnings[0]
    assert "<loc>" not in (site / "sitemap.xml").read_text("utf-8")  # what the warning says is so
    assert 'href="https://' not in (site / "changes.xml").read_text("utf-8")
