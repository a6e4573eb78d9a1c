"""What a reader meets around a notice in Chromium: every download link downloads, the staff formats stand apart, and a device that prefers dark mode still gets the readable light page."""

from __future__ import annotations

import pytest

from tests.conftest import expect
from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE
from tests.site.test_site_browser import _violations

READERS = ["PDF", "The notice at a glance, one page (PDF)", "Word document", "Web page (HTML)"]
STAFF = ["Machine-readable data (JSON)", "HTML to paste into a school website"]


def test_the_web_page_download_saves_the_file_instead_of_opening_it(site_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    with page.expect_download() as download:
        page.get_by_role("link", name="Web page (HTML)", exact=True).click()
    assert download.value.suggested_filename == "children-in-need.html"
    assert page.url == site_url + PAGE_TYPES["notice"], "the page was left for the download"


def test_the_staff_formats_are_under_their_own_heading_after_the_readers_ones(site_url, open_page):
    page = open_page(PHONE).page
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    downloads = page.get_by_role("region", name="Download this notice")
    lists = downloads.get_by_role("list")
    expect(lists).to_have_count(2)
    assert [text.strip() for text in lists.nth(0).get_by_role("link").all_inner_texts()] == READERS
    staff = downloads.get_by_role("heading", name="For staff and systems", level=3)
    expect(staff).to_be_visible()
    assert [text.strip() for text in lists.nth(1).get_by_role("link").all_inner_texts()] == STAFF
    assert staff.evaluate("heading => heading.nextElementSibling.tagName") == "UL"


@pytest.mark.parametrize("kind", ["home", "notice", "how long we keep it"])
def test_a_device_that_prefers_dark_mode_gets_the_dark_page_and_it_passes_axe(site_url, chromium, kind):
    context = chromium.new_context(color_scheme="dark", viewport={"width": PHONE, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert page.locator("body").evaluate("body => getComputedStyle(body).colorScheme") == "dark"
        assert _violations(page) == []
    finally:
        context.close()
