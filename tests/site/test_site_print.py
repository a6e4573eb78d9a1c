"""A page of the website printed from the browser says whose it is on every sheet: the school's name at the
top, its address and the page numbers at the foot, on a notice's page, the home page, a hub and a hand-written
page alike; and a school's name cannot break out of the print rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.pdf_text import pdf_pages
from generator.render.print_identity import css_string, print_style
from generator.site.build_site import build_site
from tests.conftest import EXAMPLE, TEMPLATES, keep_only_notice, notices
from tests.site.conftest import SiteServer, set_plugin_option

TRUST = "University of Chichester Academy Trust"
ADDRESS = "Oakmoor School, Budds Lane, Bordon, Hampshire"  # the trust gives none: its one school's


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


def _assert_whose(pages: list[str], name: str, where: str) -> None:
    for number, text in enumerate(pages, start=1):
        assert text.splitlines()[0].strip() == name, f"{where} page {number} does not open with {name}"
        assert ADDRESS in text, f"{where} page {number} has no address"
        assert f"Page {number} of {len(pages)}" in text, f"{where} page {number} has no number"


@pytest.mark.browser
def test_the_home_page_and_the_hubs_print_the_organisations_name_the_address_and_numbers(chromium, site_url) -> None:
    for path in ("", "see-your-information/", "your-rights/", "who-we-share-with/"):
        _assert_whose(_printed(chromium, f"{site_url}{path}"), TRUST, path or "the home page")


@pytest.mark.browser
@pytest.mark.slow
def test_a_hand_written_page_prints_and_shows_the_organisations_name_and_address(chromium, project_copy: Path) -> None:
    keep_only_notice(project_copy / "notices")
    set_plugin_option(project_copy / "mkdocs.yml", "formats", "[]")
    (project_copy / "templates/site/pages/accessibility.md").write_text(
        "# Accessibility statement\n\n" + "We test every page with a screen reader and a keyboard.\n\n" * 80, "utf-8")
    site = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    server = SiteServer(site)
    try:
        pages = _printed(chromium, f"{server.url}accessibility/")
    finally:
        server.close()
    assert len(pages) > 1
    _assert_whose(pages, TRUST, "the accessibility statement")
    footer = (site / "accessibility" / "index.html").read_text("utf-8")
    assert f'<p class="notices-footer__name">{TRUST}</p>' in footer and f"Address: {ADDRESS}" in footer


@pytest.mark.browser
def test_the_web_page_download_prints_whose_it_is_its_address_and_numbers(chromium, tmp_path: Path) -> None:
    built = notices("build", "--facts", str(EXAMPLE), "--out", str(tmp_path), "--format", "html",
                    "--templates", str(TEMPLATES), "--no-cache")
    assert built.exit_code == 0, built.output
    pages = _printed(chromium, (tmp_path / "oakmoor" / "pupils.html").as_uri())
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert text.splitlines()[0].strip() == "Oakmoor School", f"page {number} does not open with the school"
        assert ADDRESS in text, f"page {number} has no address"
        assert f"Page {number} of {len(pages)}" in text


def test_a_name_that_holds_css_or_markup_stays_text() -> None:
    hostile = 'Evil"; } body { display: none } </style><script>alert(1)</script>\\'
    rule = str(print_style(hostile, "1 High St\nTown"))
    assert rule.count('"') == 4 and "</style>" not in rule and "<" not in rule and "\n" not in rule
    assert css_string("O'Brien & Sons (Trust)") == '"O\'Brien & Sons (Trust)"'


def test_the_print_stylesheet_is_its_own_file(built_site: Path) -> None:
    page = (built_site / "schools" / "oakmoor" / "pupils" / "index.html").read_text("utf-8")
    assert 'href="../../../assets/print.css"' in page
    assert '<style media="print">@page { @top-left { content: "Oakmoor School"; }' in page
