"""The manual's page "The law we cite" is generated from the catalogue: every instrument with its quote, address,
whom it binds, ages, checked date and the notices that cite it; the committed page is what the catalogue says now."""

from __future__ import annotations

from generator.law.instruments import instruments, resolve_all
from generator.manual import reference_pages
from generator.manual_law import KIND_WORDS
from tests.conftest import EXAMPLE, PROJECT
from tests.docs.markdown import anchors

DOCS = PROJECT / "docs"
PAGE = DOCS / "law.md"


def section_of(page: str, instrument_id: str) -> str:
    return page.split(f'<a id="{instrument_id}"></a>', 1)[1].split("<a id=", 1)[0]


def test_the_committed_page_is_what_the_catalogue_says_now() -> None:
    assert PAGE.read_text("utf-8") == reference_pages(EXAMPLE)["law.md"], (
        "docs/law.md is out of date: run 'notices docs' and commit the result")


def test_every_instrument_has_its_section_with_quote_address_binds_and_checked_date() -> None:
    page = PAGE.read_text("utf-8")
    assert set(instruments()) <= anchors(PAGE)
    for instrument in instruments().values():
        section = section_of(page, instrument.id)
        assert f"> {' '.join(instrument.quote.split())}" in section, instrument.id
        assert f"- **Address:** <{instrument.url}>" in section, instrument.id
        assert f"- **Id:** `{instrument.id}`" in section, instrument.id
        for kind in instrument.binds:
            assert KIND_WORDS[kind] in section, (instrument.id, kind)
        assert ("- **Checked:** not checked" in section) == (instrument.checked is None), instrument.id
        if instrument.ages:
            assert f"- **Ages:** {instrument.ages.words()}" in section, instrument.id


def test_the_page_names_the_notices_that_cite_an_instrument() -> None:
    page = PAGE.read_text("utf-8")
    cited = 0
    for path in sorted(EXAMPLE.glob("*.yaml")):
        for line in path.read_text("utf-8").splitlines():
            found = resolve_all(line.strip().removeprefix("- ").removeprefix("schedule_1: "))
            for instrument in found or []:
                cited_by = section_of(page, instrument.id).split("- **Cited by:** ", 1)[1]
                assert f"`{path.stem}`" in cited_by.split("the example's ", 1)[1], (instrument.id, path.name)
                cited += 1
    assert cited > 20  # the example cites the law on one line per instrument, and the page says where


def test_the_manual_links_the_page() -> None:
    assert "[The law we cite](law.md)" in (DOCS / "README.md").read_text("utf-8")
