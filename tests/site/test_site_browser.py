"""The built website in Chromium: accessible (axe-core, WCAG 2.2 AA), private, usable on a phone, searchable."""

from __future__ import annotations

import re

import pytest

from generator.project import load_project
from tests.conftest import EXAMPLE, expect
from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # with Playwright: only when a browser test runs

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
            for violation in results.response["violations"]]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_passes_axe_and_asks_no_other_host(site_url, open_page, kind, width):
    logged = open_page(width)
    logged.page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    assert _violations(logged.page) == []
    assert logged.hosts == {site_url.split("/")[2]}
    if width == PHONE:
        overflow = logged.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {width}px"


# Every notice the example publishes for Oakmoor (the whole library), not only the page type above.
OAKMOOR_NOTICES = sorted(notice.id for notice in load_project(EXAMPLE).notices if notice.variant.id == "oakmoor")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("notice_id", OAKMOOR_NOTICES)
def test_every_notice_page_of_the_example_passes_axe(site_url, open_page, notice_id, width):
    logged = open_page(width)
    logged.page.goto(f"{site_url}schools/oakmoor/{notice_id}/", wait_until="networkidle")
    assert logged.page.get_by_role("heading", level=1).count() == 1
    assert _violations(logged.page) == []


def test_searching_hampshire_finds_the_notice_and_its_recipients(site_url, open_page):
    logged = open_page(DESKTOP)
    page = logged.page
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("Hampshire", delay=30)
    result = page.locator(".md-search-result__item a[href*='schools/oakmoor/children-in-need/']").first
    expect(result).to_be_visible(timeout=10_000)
    expect(result).to_contain_text("How we use information about children in need and children looked after "
                                   "(Oakmoor School)")
    result.click()
    page.wait_for_url(re.compile(r"schools/oakmoor/children-in-need/"))
    sharing = page.locator("#who-we-share-with")
    expect(sharing).to_be_visible()
    for recipient in ("Hampshire County Council Children\u2019s Services", "NHS School Nursing Service"):
        expect(page.get_by_role("heading", name=recipient)).to_be_visible()
    assert _violations(page) == []  # the page reached through the results
    assert logged.hosts == {site_url.split("/")[2]}


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_search_results_pass_axe(site_url, open_page, width):
    page = open_page(width).page
    page.goto(site_url, wait_until="networkidle")
    if width == PHONE:  # on a phone the search box hides behind a button
        page.locator("label.md-header__button[for='__search']").click()
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("Department", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert _violations(page) == []


@pytest.mark.parametrize("kind, menu_title", [("home", "University of Chichester Academy Trust"), ("notice", "Oakmoor School")])
def test_the_phone_menu_passes_axe_when_open(site_url, open_page, kind, menu_title):
    page = open_page(PHONE).page
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(page.locator(".md-nav--primary label.md-nav__title", has_text=menu_title).first).to_be_visible()
    page.wait_for_timeout(300)  # the drawer slides in; judge its colours once it has stopped
    assert _violations(page) == []


def test_notice_page_offers_its_other_formats_and_shows_version_in_footer(site_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    downloads = page.get_by_role("region", name="Download this notice")
    for label in ("PDF", "Word document", "Machine-readable data (JSON)"):
        link = downloads.get_by_role("link", name=label, exact=True)
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and len(response.body()) > 1000, label
    footer = page.locator("footer")
    expect(footer).to_contain_text("Notice version 2.0.")
    expect(footer).to_contain_text("Last reviewed 1 September 2026.")
    expect(page).to_have_title(re.compile(r"^How we use information about children in need .* \(Oakmoor School\)"))


def test_print_hides_navigation_and_search_and_keeps_the_version_line(site_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".notices-downloads"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("#who-we-share-with")).to_be_visible()
    expect(page.get_by_text("Notice version 2.0. Last reviewed 1 September 2026.")).to_be_visible()


def test_a_table_that_scrolls_on_a_phone_can_be_reached_by_keyboard(site_url, open_page):
    page = open_page(PHONE).page
    page.goto(site_url + PAGE_TYPES["how long we keep it"], wait_until="networkidle")
    wrapper = page.locator(".md-typeset__scrollwrap").first
    expect(wrapper).to_have_attribute("tabindex", "0")
    wrapper.focus()
    expect(wrapper).to_be_focused()


@pytest.mark.parametrize("width", [320, PHONE])
def test_the_retention_table_says_it_scrolls_on_a_phone_and_scrolls_to_its_last_column(site_url, open_page, width):
    page = open_page(width).page
    page.goto(site_url + PAGE_TYPES["how long we keep it"], wait_until="networkidle")
    expect(page.get_by_text("This table is wider than your screen: scroll it sideways")).to_be_in_viewport()
    table = page.get_by_role("region", name="Table (scrolls sideways on small screens)")
    last_column = table.get_by_role("columnheader", name="Notice")
    expect(last_column).not_to_be_in_viewport(ratio=1)
    table.evaluate("box => box.scrollLeft = box.scrollWidth")
    expect(last_column).to_be_in_viewport(ratio=1)


def test_a_table_that_fits_the_screen_says_nothing_about_scrolling(site_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(site_url + PAGE_TYPES["how long we keep it"], wait_until="networkidle")
    expect(page.get_by_role("columnheader", name="Notice")).to_be_in_viewport(ratio=1)
    expect(page.get_by_text("This table is wider than your screen")).to_be_hidden()


def test_the_not_found_page_says_what_to_do_next(site_url, open_page):
    page = open_page(PHONE).page
    page.goto(site_url + PAGE_TYPES["not found"], wait_until="networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("We cannot find that page")
    expect(page.get_by_text("Use the search at the top of this page")).to_be_visible()
    page.get_by_role("link", name="Contact us", exact=True).last.click()
    expect(page).to_have_title(re.compile(r"^Contact us"))
