"""The manual's page "Which notices do we need?" is generated from what each library notice says it is for: the
committed page is what the library says now, every notice has its row, and the library's page links to it."""

from __future__ import annotations

from generator.library import library
from generator.manual import reference_pages
from generator.manual_library import SCHOOL_KINDS
from tests.conftest import EXAMPLE, PROJECT

DOCS = PROJECT / "docs"
PAGE = DOCS / "which-notices.md"


def row(page: str, library_id: str) -> list[str]:
    """The table's cells for one library notice, after its name and topic, by kind of school."""
    line = next(line for line in page.splitlines() if line.startswith("| ") and f"(`{library_id}`) |" in line)
    return [cell.strip() for cell in line.strip("|").split("|")][2:]


def test_the_committed_page_is_what_the_library_says_now() -> None:
    assert PAGE.read_text("utf-8") == reference_pages(EXAMPLE)["which-notices.md"], (
        "docs/which-notices.md is out of date: run 'notices docs' and commit the result")


def test_every_library_notice_has_a_row_saying_which_kinds_of_school_publish_it() -> None:
    page = PAGE.read_text("utf-8")
    for notice in library().values():
        cells = row(page, notice.id)
        assert len(cells) == len(SCHOOL_KINDS)
        for kind, cell in zip(SCHOOL_KINDS, cells, strict=True):
            fits = notice.applies_to is None or not notice.applies_to.kinds or kind in notice.applies_to.kinds
            assert cell.startswith("yes") == fits, (notice.id, kind, cell)


def test_a_maintained_school_is_pointed_to_its_governing_body_notice_and_an_academy_to_its_trust_s() -> None:
    page = PAGE.read_text("utf-8")
    kinds = list(SCHOOL_KINDS)
    maintained, academy = kinds.index("maintained-school"), kinds.index("academy")
    assert row(page, "governance-maintained")[maintained] == "yes" and row(page, "governance")[maintained] == "no"
    assert row(page, "governance")[academy] == "yes" and row(page, "governance-maintained")[academy] == "no"
    assert row(page, "early-years")[kinds.index("early-years-provider")] == "yes, for children aged 0 to 5"


def test_the_library_page_links_to_it() -> None:
    assert "[Which notices do we need?](which-notices.md)" in (DOCS / "library.md").read_text("utf-8")
