"""Search in Chromium finds the page that answers the words parents type (other names for a thing, one typo) and shows table rows readably."""

from __future__ import annotations

import re

import pytest

from tests.conftest import expect
from tests.site.conftest import DESKTOP

# What a parent types, and the page that should come first.
PARENT_QUERIES = {
    "retention": "how-long-we-keep-it/",
    "retension": "how-long-we-keep-it/",  # one letter wrong
    "how long": "how-long-we-keep-it/",
    "DPO": "contact-us/",
    "data protection officer": "contact-us/",
    "concern": "contact-us/",
    "complain": "",  # the home page answers "How do I complain?" first
    "ICO": "contact-us/",
    "SAR": "see-your-information/",
    "subject access": "see-your-information/",
    "copy of my data": "see-your-information/",
    "what you hold": "what-we-hold/",
    "photos": "schools/oakmoor/photographs/",
    "pictures": "schools/oakmoor/photographs/",
    "video": "schools/oakmoor/photographs/",
    "sharing": "who-we-share-with/",
    "who sees": "who-we-share-with/",
    "delete": "your-rights/",
    "delete my data": "your-rights/",
    "correct my data": "your-rights/",
    "wrong information": "your-rights/",
    "remove my data": "your-rights/",
    "withdraw consent": "your-rights/",
    "fingerprint": "schools/oakmoor/biometrics/",
    "camera": "schools/oakmoor/visitors-cctv/",
    "CCTV": "schools/oakmoor/visitors-cctv/",
    "visitors": "schools/oakmoor/visitors-cctv/",
    "signing in": "schools/oakmoor/visitors-cctv/",
    "social worker": "schools/oakmoor/children-in-need/",
    "looked after": "schools/oakmoor/children-in-need/",
    "job application": "schools/oakmoor/job-applicants/",
    "interview": "schools/oakmoor/job-applicants/",
    "governors": "schools/oakmoor/governance/",
    "trustees": "schools/oakmoor/governance/",
    "employees": "schools/oakmoor/workforce/",
    "payroll": "schools/oakmoor/workforce/",
    "pension": "schools/oakmoor/workforce/",
    "census": "schools/oakmoor/pupils/",
    "exam results": "schools/oakmoor/pupils/",
    "free school meals": "schools/oakmoor/pupils/",
    "youth support": "schools/oakmoor/pupils/",
    "changes": "changes/",
    "updates": "changes/",
}


def _search(page, site_url: str, query: str):
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type(query, delay=30)
    return page.locator(".md-search-result__item > a")


@pytest.mark.parametrize("query", PARENT_QUERIES)
def test_a_parents_words_find_the_page_that_answers_them_first(site_url, open_page, query):
    first = _search(open_page(DESKTOP).page, site_url, query).first
    expect(first).to_be_visible(timeout=10_000)
    expect(first).to_have_attribute("href", re.compile(rf"^{re.escape(site_url + PARENT_QUERIES[query])}[?#]"))


def test_a_table_row_comes_back_as_one_line_naming_each_column(site_url, open_page):
    page = open_page(DESKTOP).page
    _search(page, site_url, "looked after records")
    hub = page.locator(f".md-search-result__item > a[href^='{site_url}how-long-we-keep-it/']")
    # Each row reads as one line naming its columns, whichever row the result's excerpt starts with.
    expect(hub.first).to_contain_text(re.compile(
        r"Records: [^;]+; How long we keep them: [^;]+; Why this long: [^;]+; What happens at the end: [^;]+; "
        r"Notice: [^;]+ \(Oakmoor School\)\."),
        timeout=10_000)
