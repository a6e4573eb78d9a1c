"""Search in Chromium finds the page that answers the words parents type: other names for a thing (retention, DPO, SAR) and one typo."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.site.conftest import DESKTOP

# What a parent types, and the page that should come first.
PARENT_QUERIES = {
    "retention": "how-long-we-keep-it/",
    "retension": "how-long-we-keep-it/",  # one letter wrong
    "DPO": "contact-us/",
    "concern": "contact-us/",
    "SAR": "your-rights/",
    "subject access": "your-rights/",
}


@pytest.mark.parametrize("query", PARENT_QUERIES)
def test_a_parents_words_find_the_page_that_answers_them_first(site_url, open_page, query):
    page = open_page(DESKTOP).page
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type(query, delay=30)
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible(timeout=10_000)
    expect(first).to_have_attribute("href", re.compile(rf"^{re.escape(site_url + PARENT_QUERIES[query])}[?#]"))
