"""Builds shared by the format tests: the example with every format, and a school with two notices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.facts.cascade import ResolvedNotice
from generator.facts.sections import SECTIONS
from generator.project import load_project
from tests.conftest import EXAMPLE, TEMPLATES, example_with_one_notice, keep_only_notice, notices, straight_quotes


def build(facts: Path, out: Path, formats: str | None = None) -> Path:
    arguments = ["build", "--facts", str(facts), "--templates", str(TEMPLATES), "--out", str(out)]
    if formats:
        arguments += ["--format", formats]
    result = notices(*arguments)
    assert result.exit_code == 0, result.output
    return out


def add_second_notice(facts: Path) -> None:
    """The school with two notices only, children in need and a copy of it for pupils, so that a booklet has two
    chapters whose titles the tests know."""
    keep_only_notice(facts)
    text = (facts / "children-in-need.yaml").read_text("utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: How we use information about pupils", text, count=1)
    (facts / "pupils.yaml").write_text(text, "utf-8")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """notices/ built once, every format."""
    return build(EXAMPLE, tmp_path_factory.mktemp("example") / "dist")


@pytest.fixture(scope="session")
def example_notice() -> ResolvedNotice:
    return next(notice for notice in load_project(EXAMPLE).notices if notice.key == "oakmoor/children-in-need")


@pytest.fixture(scope="session")
def two_notice_facts(tmp_path_factory) -> Path:
    facts = tmp_path_factory.mktemp("two") / "notices"
    example_with_one_notice(facts)
    add_second_notice(facts)
    return facts


def flat(text: str) -> str:
    """Text with all runs of whitespace as one space: line breaks in a PDF or a table cell do not matter."""
    return " ".join(text.split())


def assert_states_the_notice(text: str, notice: ResolvedNotice) -> None:
    """Each standard section in order, carrying the values a reader needs from it."""
    text = straight_quotes(flat(text))
    position = 0
    for section in SECTIONS:
        found = text.find(section.title, position)
        assert found >= 0, f"section '{section.title}' missing or out of order"
        position = found + len(section.title)
    assert notice.dpo.email in text
    assert notice.organisation.name in text
    for recipient in notice.recipients:
        assert recipient.name in text
    for rule in notice.notice.retention:
        assert rule.period.lower() in text.lower()
    for basis in notice.bases:
        assert f"Article {basis.article}" in text
