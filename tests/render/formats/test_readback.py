"""Every format reads back, through its own reader, as the whole notice: each section, in order, with its values."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts.sections import SECTIONS, TITLES
from generator.render.formats import all_formats
from tests.render.formats.conftest import assert_states_the_notice

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

DOCUMENT_FORMATS = ["pdf", "docx", "fragment"]


@pytest.mark.parametrize("name", DOCUMENT_FORMATS)
def test_each_document_format_reads_back_as_the_whole_notice(example_build: Path, example_notice, name: str) -> None:
    output_format = all_formats()[name]
    content = (example_build / output_format.output_path("oakmoor", "children-in-need")).read_bytes()
    assert_states_the_notice(output_format.read_text(content), example_notice)


def test_the_booklet_reads_back_as_the_whole_notice(example_build: Path, example_notice) -> None:
    booklet = all_formats()["booklet"]
    text = booklet.read_text((example_build / booklet.output_path("oakmoor")).read_bytes())
    assert_states_the_notice(text.split("Contents", 1)[1], example_notice)


def test_the_json_reads_back_section_by_section_with_every_value(example_build: Path, example_notice) -> None:
    reader = all_formats()["json"].read_text
    text = reader((example_build / "oakmoor" / "children-in-need.json").read_bytes())
    lines = text.splitlines()
    positions = [lines.index(section.title) for section in SECTIONS]
    assert positions == sorted(positions)

    def section(anchor: str) -> list[str]:
        start = lines.index(TITLES[anchor])
        following = [p for p in positions if p > start]
        return lines[start + 1:following[0] if following else None]

    assert example_notice.organisation.name in section("who-we-are")
    assert [r.name for r in example_notice.recipients] == [
        line for line in section("who-we-share-with") if line in {r.name for r in example_notice.recipients}]
    assert example_notice.notice.retention[0].period in section("how-long-we-keep-it")
    assert "6(1)(e)" in section("lawful-bases") and "https://w3id.org/dpv/legal/eu/gdpr#A6-1-e" in section("lawful-bases")
    assert example_notice.dpo.email in section("contacts")
    assert "Right of access" in section("your-rights")


def test_a_pdf_reads_web_addresses_back_whole_even_when_they_wrap(example_build: Path) -> None:
    # The pupils notice includes the National Pupil Database section (the children-in-need notice no longer does).
    text = all_formats()["pdf"].read_text((example_build / "oakmoor" / "pupils.pdf").read_bytes())
    assert "https://www.gov.uk/government/publications/national-pupil-database-requests-received" in text


@pytest.mark.parametrize("name", [*DOCUMENT_FORMATS, "booklet", "json"])
def test_each_print_and_document_format_has_a_reader(name: str) -> None:
    assert callable(all_formats()[name].read_text)
