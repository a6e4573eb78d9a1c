"""A notice page in layers, in Chromium: "At a glance" first, then the downloads (near the top on a phone,
one-page PDF among them), then the full notice; a children's version has its own page, linked both ways."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

from generator.site.build_site import build_site
from tests.conftest import EXAMPLE, expect
from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE, SiteServer, copy_project
from tests.site.test_site_browser import _violations

PUPILS, CHILDRENS = "schools/oakmoor/pupils/", "schools/oakmoor/pupils.children/"
# A phone screen is 800 px tall here: the downloads start within the first two and a half screens (the
# example's start about 1,400 px down, after its first layer; below the whole notice they were 9,000 px down).
NEAR_THE_TOP = 2000


@pytest.fixture(scope="module")
def layered_site_url(tmp_path_factory) -> Iterator[str]:
    """The example (its pupils notice has a children's version), built and served."""
    project = copy_project(tmp_path_factory.mktemp("layered-project"))
    server = SiteServer(build_site(project / "mkdocs.yml", project / "site"))
    yield server.url
    server.close()


def _top(locator) -> float:
    return locator.evaluate("element => element.getBoundingClientRect().top + window.scrollY")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_notice_page_reads_first_layer_then_downloads_then_the_full_notice(site_url, open_page, width):
    page = open_page(width).page
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    glance = page.get_by_role("heading", name="At a glance")
    downloads = page.get_by_role("region", name="Download this notice")
    full = page.get_by_role("heading", name="Who we are")
    assert _top(glance) < _top(downloads) < _top(full)
    if width == PHONE:
        assert _top(downloads) < NEAR_THE_TOP, f"the downloads start {_top(downloads):.0f}px down on a phone"


def test_the_one_page_pdf_is_offered_among_the_downloads(site_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    link = page.get_by_role("region", name="Download this notice").get_by_role(
        "link", name="The notice at a glance, one page (PDF)")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.body().startswith(b"%PDF")


def test_the_first_layer_links_to_its_full_sections(site_url, open_page):
    page = open_page(PHONE).page
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    page.locator("#at-a-glance + p + ul, #at-a-glance + ul").get_by_role("link", name="How long we keep it").click()
    page.wait_for_url(re.compile(r"#how-long-we-keep-it$"))
    expect(page.locator("#how-long-we-keep-it")).to_be_in_viewport()


def test_the_notice_and_its_childrens_version_link_to_each_other(layered_site_url, open_page):
    page = open_page(PHONE).page
    page.goto(layered_site_url + PUPILS, wait_until="networkidle")
    page.locator(".md-content").get_by_role("link", name="How your school uses facts about you").click()
    page.wait_for_url(re.compile(re.escape(CHILDRENS) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("How your school uses facts about you")
    page.locator(".md-content").get_by_role("link", name="the full notice").click()
    page.wait_for_url(re.compile(re.escape(PUPILS) + "$"))
    title = yaml.safe_load((EXAMPLE / "pupils.yaml").read_text("utf-8"))["title"]
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_childrens_page_passes_axe_and_offers_its_own_downloads(layered_site_url, open_page, width):
    logged = open_page(width)
    logged.page.goto(layered_site_url + CHILDRENS, wait_until="networkidle")
    assert _violations(logged.page) == []
    assert logged.hosts == {layered_site_url.split("/")[2]}
    downloads = logged.page.get_by_role("region", name="Download this notice")
    href = downloads.get_by_role("link", name="PDF", exact=True).evaluate("a => a.href")
    assert href.endswith("/downloads/oakmoor/pupils.children.pdf")
    assert _top(downloads) < _top(logged.page.get_by_role("heading", name="Who we are"))


def test_the_school_page_lists_the_childrens_version(layered_site_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(layered_site_url + "schools/oakmoor/", wait_until="networkidle")
    page.locator(".md-content").get_by_role("link", name="How your school uses facts about you").click()
    page.wait_for_url(re.compile(re.escape(CHILDRENS) + "$"))
