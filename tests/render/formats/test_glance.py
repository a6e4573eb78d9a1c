"""The one-page PDF of a notice's first layer: one page of A4, carrying each line of the first layer, and a
build that loses one of its facts fails and keeps the previous output."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import AuditFailed
from generator.pipeline import build as build_notices
from generator.render.formats import all_formats
from generator.render.pdf_text import pdf_pages
from tests.conftest import example_with_one_notice, straight_quotes, templates_with
from tests.render.formats.conftest import flat

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

GLANCE = all_formats()["glance"]


def _glance(example_build: Path, notice_id: str = "children-in-need") -> bytes:
    return (example_build / GLANCE.output_path("oakmoor", notice_id)).read_bytes()


def test_it_is_one_page(example_build: Path) -> None:
    assert len(pdf_pages(_glance(example_build))) == 1


def test_it_carries_each_line_of_the_first_layer(example_build: Path, example_notice) -> None:
    text = straight_quotes(flat(GLANCE.read_text(_glance(example_build))))
    assert example_notice.notice.title in text
    for heading in ("What we hold", "Why we use it", "Who we share it with", "How long we keep it", "Your rights",
                    "How to contact us"):
        assert f"{heading}:" in text
    for category in example_notice.notice.categories:  # mid-sentence: "personal information"
        assert category.name.lower() in text.lower()
    for purpose in example_notice.notice.purposes:
        assert purpose.description in text
    for recipient in example_notice.recipients:
        assert recipient.name in text
    assert example_notice.notice.retention[0].period in text
    for right in example_notice.rights:
        assert right.name.lower() in text.lower()
    assert example_notice.dpo.email in text and example_notice.contact.phone in text
    # Where the full notice is, as a reader on paper looks it up: by its title, never a file's name.
    assert f"Everything in full, with the law we rely on, is in our notice \"{example_notice.notice.title}\"" in text
    assert ".pdf" not in text


def test_it_is_offered_beside_the_full_pdf(example_build: Path) -> None:
    assert GLANCE.output_path("oakmoor", "children-in-need").parent == all_formats()["pdf"].output_path(
        "oakmoor", "children-in-need").parent
    assert GLANCE.label.endswith("(PDF)")


def test_a_first_layer_that_loses_a_fact_fails_the_build(tmp_path: Path) -> None:
    templates = templates_with(
        tmp_path, "{{ n.recipients | map(attribute='name') | map('organisation_in_sentence') | join_list }}", "")
    with pytest.raises(AuditFailed) as failed:
        build_notices(example_with_one_notice(tmp_path / "notices"), tmp_path / "dist", templates, ["glance"])
    assert {(finding.rule, Path(finding.location.file).name) for finding in failed.value.findings} == {
        ("A13.1.e", "children-in-need.at-a-glance.pdf")}
    assert "The first layer does not state the recipient 'NHS School Nursing Service'" in str(failed.value)
    assert not (tmp_path / "dist").exists()
