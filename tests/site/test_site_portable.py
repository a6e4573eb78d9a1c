"""A site built with `notices site --portable`, opened from a folder over file:// in Chromium: every page styled, every menu link opens a page, search finds notices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import expect, notices
from tests.site.conftest import DESKTOP, PHONE, copy_project


@pytest.fixture(scope="module")
def portable_site(tmp_path_factory) -> Path:
    """The example's portable website, built as a user would, then moved: a USB stick has another path."""
    project = copy_project(tmp_path_factory.mktemp("portable") / "project")
    built = notices("site", "--config", str(project / "mkdocs.yml"), "--out", str(project / "site"), "--portable")
    assert built.exit_code == 0, built.output
    assert "open " in built.output and "index.html in a browser" in built.output
    stick = tmp_path_factory.mktemp("stick") / "privacy notices"
    (project / "site").rename(stick)
    return stick


def _is_styled(page) -> bool:
    """The theme's stylesheet has loaded: its header is coloured, not the browser's transparent default."""
    return page.locator(".md-header").evaluate("header => getComputedStyle(header).backgroundColor") != "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_menu_link_opens_a_styled_page_from_disk(portable_site, open_page, width):
    page = open_page(width).page
    home = (portable_site / "index.html").as_uri()
    to_visit, visited = [home], set()
    while to_visit:
        address = to_visit.pop()
        if address in visited:
            continue
        visited.add(address)
        page.goto(address)
        assert page.url == address, f"{address} did not open"
        assert page.locator("article h1").count() == 1, f"{address} shows no page (a folder listing?)"
        assert _is_styled(page), f"{address} is not styled"
        # The menu of each page: a school's own notices are listed only on that school's pages.
        links = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all("links => links.map(a => a.href)")
        for link in links:
            assert link.startswith(portable_site.as_uri() + "/") and link.split("#")[0].endswith(".html"), link
            to_visit.append(link.split("#")[0])
    pages = {address.removeprefix(portable_site.as_uri() + "/") for address in visited}
    assert {"index.html", "schools/oakmoor/index.html", "schools/oakmoor/children-in-need.html",
            "how-long-we-keep-it.html", "contact-us.html"} <= pages


def test_search_finds_a_notice_from_disk_and_opens_it(portable_site, open_page):
    page = open_page(DESKTOP).page
    page.goto((portable_site / "index.html").as_uri())
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("Hampshire", delay=30)
    result = page.locator(".md-search-result__item a[href*='schools/oakmoor/children-in-need.html']").first
    expect(result).to_be_visible(timeout=10_000)
    result.click()
    page.wait_for_url(re.compile(r"schools/oakmoor/children-in-need\.html"))
    expect(page.get_by_role("heading", name="Hampshire County Council Children\u2019s Services")).to_be_visible()


def test_a_site_built_for_a_server_is_not_portable(built_site):
    """Only --portable changes the links and adds the search scripts: a served site keeps its addresses."""
    assert (built_site / "schools" / "oakmoor" / "children-in-need" / "index.html").is_file()
    assert not (built_site / "search" / "search_index.js").exists()
    assert "notices-portable.js" not in (built_site / "index.html").read_text("utf-8")
