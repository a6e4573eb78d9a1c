"""Every format reads back, through its own reader, as the whole notice: each section, in order, with its values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.render.formats import all_formats
from tests.formats.conftest import assert_states_the_notice, flat

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


def test_the_json_reads_back_with_every_value(example_build: Path, example_notice) -> None:
    reader = all_formats()["json"].read_text
    text = flat(reader((example_build / "oakmoor" / "children-in-need.json").read_bytes()))
    for value in [example_notice.dpo.email, example_notice.organisation.name, example_notice.notice.title,
                  *(recipient.name for recipient in example_notice.recipients),
                  *(rule.period for rule in example_notice.notice.retention),
                  *(basis.article for basis in example_notice.bases)]:
        assert value in text


def test_a_pdf_reads_web_addresses_back_whole_even_when_they_wrap(example_build: Path) -> None:
    text = all_formats()["pdf"].read_text((example_build / "oakmoor" / "children-in-need.pdf").read_bytes())
    assert "https://www.gov.uk/government/publications/national-pupil-database-requests-received" in text


@pytest.mark.parametrize("name", [*DOCUMENT_FORMATS, "booklet", "json"])
def test_each_print_and_document_format_has_a_reader(name: str) -> None:
    assert callable(all_formats()[name].read_text)


def test_json_reader_lists_strings_in_document_order() -> None:
    content = json.dumps({"a": "first", "b": [{"c": "second"}, 3, None, True]}).encode()
    assert all_formats()["json"].read_text(content) == "first\nsecond\n3"
