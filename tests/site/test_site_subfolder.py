"""The website published in a subfolder (/privacy/ of a school's site, a GitHub Pages project site) and named by site_url: every page styled, its links and search working, and the not-found page at any depth."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from generator.site.build_site import build_site
from tests.conftest import expect
from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE, SiteServer, copy_project

FOLDER = "privacy/"


@pytest.fixture(scope="module")
def subfolder_url(tmp_path_factory) -> Iterator[str]:
    """The example's website built for https://www.example.org/privacy/ and served under /privacy/."""
    project = copy_project(tmp_path_factory.mktemp("subfolder") / "project")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8") + f"site_url: https://www.example.org/{FOLDER}\n", "utf-8")
    web_root = project / "web"
    build_site(settings, web_root / FOLDER)
    server = SiteServer(web_root, not_found=FOLDER + "404.html")
    yield server.url + FOLDER
    server.close()


def _failed_requests(logged) -> list[str]:
    failed: list[str] = []
    logged.page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    logged.page.on("requestfailed", lambda request: failed.append(request.url))
    return failed


def _is_styled(page) -> bool:
    return page.locator(".md-header").evaluate("header => getComputedStyle(header).backgroundColor") != "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("kind", [kind for kind in PAGE_TYPES if kind != "not found"])
def test_every_page_type_loads_everything_it_needs_from_the_subfolder(subfolder_url, open_page, kind):
    logged = open_page(DESKTOP)
    failed = _failed_requests(logged)
    logged.page.goto(subfolder_url + PAGE_TYPES[kind], wait_until="networkidle")
    assert failed == []
    assert _is_styled(logged.page)
    hrefs = logged.page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    local = [href for href in hrefs if href.startswith(subfolder_url.split(FOLDER)[0])]
    assert local and all(href.startswith(subfolder_url) for href in local), "a link leaves the subfolder"


@pytest.mark.parametrize("address", ["404.html", "schools/oakmoor/an-old-notice/", "no/such/page.html"])
def test_a_mistyped_address_at_any_depth_shows_the_styled_not_found_page_with_working_links(
        subfolder_url, open_page, address):
    logged = open_page(PHONE)
    failed = _failed_requests(logged)
    logged.page.goto(subfolder_url + address, wait_until="networkidle")
    assert failed == ([] if address == "404.html" else [subfolder_url + address])  # only the page itself is missing
    expect(logged.page.get_by_role("heading", level=1)).to_have_text("We cannot find that page")
    assert _is_styled(logged.page)
    logged.page.get_by_role("link", name="Go to the home page").click()
    logged.page.wait_for_url(subfolder_url)
    expect(logged.page.get_by_role("heading", level=1)).to_be_visible()


def test_search_in_the_subfolder_finds_a_notice(subfolder_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(subfolder_url, wait_until="networkidle")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("Hampshire", delay=30)
    result = page.locator(f".md-search-result__item a[href^='{subfolder_url}schools/oakmoor/children-in-need/']")
    expect(result.first).to_be_visible(timeout=10_000)
    result.first.click()
    page.wait_for_url(re.compile(re.escape(subfolder_url) + r"schools/oakmoor/children-in-need/"))
