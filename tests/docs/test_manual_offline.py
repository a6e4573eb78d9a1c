"""A finding's 'see' line is the manual's public address, and `notices docs` shows that same section from the
copy installed with the tool, offline."""

from __future__ import annotations

from generator.defaults import packaged
from generator.distribution import manual
from tests.conftest import notices


def test_the_address_of_a_see_line_shows_its_section_of_the_installed_manual() -> None:
    shown = notices("docs", manual("errors.md#unknown-key"))
    assert shown.exit_code == 0, shown.output
    path, _, text = shown.output.partition("\n\n")
    assert path == str(packaged("manual") / "errors.md")
    assert text.startswith('<a id="unknown-key"></a>\n\n## A key the file does not understand\n')
    assert "## The file is not valid YAML" not in text  # the section asked for, and what follows it, not the page's start


def test_a_page_and_a_heading_are_topics_too() -> None:
    assert notices("docs", "errors").output.split("\n\n", 1)[1] == (packaged("manual") / "errors.md").read_text(
        "utf-8").rstrip() + "\n"
    shown = notices("docs", "releasing#releasing-a-version").output
    assert shown.split("\n\n", 1)[1].startswith("# Releasing a version")


def test_an_unknown_page_is_refused_with_the_pages_there_are() -> None:
    refused = notices("docs", "../pyproject")
    assert refused.exit_code == 1
    assert "the manual has no page '../pyproject'; choose one of README, architecture, consent-forms, contributing, errors," in refused.output
