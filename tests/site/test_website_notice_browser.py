"""The library's notice about the website itself (this-website) is true of the site as the tool builds it: a visit,
a search and an opened result leave no cookie and nothing in the browser's storage, ask no other host, and the
words searched for reach the server only in the opened result's address, as the notice says."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import yaml

from generator.library import NOTICES
from tests.conftest import expect
from tests.site.conftest import DESKTOP

WEBSITE_NOTICE = NOTICES / "this-website.yaml"


def _said(section_id: str) -> str:
    """One section of the library notice, as one line of words."""
    sections = yaml.safe_load(WEBSITE_NOTICE.read_text("utf-8"))["sections"]
    return " ".join(next(section["body"] for section in sections if section["id"] == section_id).split())


def test_a_visit_and_a_search_store_nothing_and_the_search_words_go_only_into_the_result_address(site_url, open_page):
    assert "This website sets no cookies and keeps nothing in your browser's storage" in _said("cookies")
    assert "the words you searched for may be added to the result's web address" in _said("search")
    logged = open_page(DESKTOP)
    page = logged.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("Hampshire", delay=30)
    # A result whose text holds the words carries them in its address, for the page to highlight them.
    result = page.locator(".md-search-result__item a[href*='h=hampshire']").first
    expect(result).to_be_visible(timeout=10_000)
    typed = [url for url in requested if "ampshire" in url]
    assert typed == [], "the search words were sent while searching"
    result.click()
    page.wait_for_url(re.compile(r"h=hampshire"))
    assert parse_qs(urlsplit(page.url).query).get("h") == ["hampshire"]
    assert any("h=hampshire" in url for url in requested), "the opened result's address carries the words"
    assert logged.context.cookies() == []
    stored = page.evaluate("() => [document.cookie, Object.keys(localStorage), sessionStorage.length]")
    assert stored == ["", [], 0], stored
    assert logged.hosts == {urlsplit(site_url).netloc}
