"""A page of the website printed from the browser says whose it is on every sheet: the school's name at the
top, its address and the page numbers at the foot; and a school's name cannot break out of the print rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.pdf_text import pdf_pages
from generator.site.print_identity import css_string, print_style


def _printed(chromium, url: str) -> list[str]:
    page = chromium.new_page()
    try:
        page.goto(url)
        return pdf_pages(page.pdf(format="A4"))
    finally:
        page.close()


@pytest.mark.browser
def test_every_printed_page_names_the_school_gives_its_address_and_its_number(chromium, site_url: str) -> None:
    pages = _printed(chromium, f"{site_url}schools/oakmoor/pupils/")
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert text.splitlines()[0].strip() == "Oakmoor School", f"page {number} does not open with the school"
        assert "Oakmoor School, Budds Lane, Bordon, Hampshire" in text, f"page {number} has no address"
        assert f"Page {number} of {len(pages)}" in text


@pytest.mark.browser
def test_a_hub_page_prints_with_the_organisations_name(chromium, site_url: str) -> None:
    pages = _printed(chromium, f"{site_url}your-rights/")
    assert all("University of Chichester Academy Trust" in text.splitlines()[0] for text in pages)


def test_a_name_that_holds_css_or_markup_stays_text() -> None:
    hostile = 'Evil"; } body { display: none } </style><script>alert(1)</script>\\'
    rule = str(print_style(hostile, "1 High St\nTown"))
    assert rule.count('"') == 4 and "</style>" not in rule and "<" not in rule and "\n" not in rule
    assert css_string("O'Brien & Sons (Trust)") == '"O\'Brien & Sons (Trust)"'


def test_the_print_stylesheet_is_its_own_file(built_site: Path) -> None:
    page = (built_site / "schools" / "oakmoor" / "pupils" / "index.html").read_text("utf-8")
    assert 'href="../../../assets/print.css"' in page
    assert '<style media="print">@page { @top-left { content: "Oakmoor School"; }' in page
