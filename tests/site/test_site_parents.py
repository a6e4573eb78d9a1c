"""A parent in Chromium at phone and desktop size: the school's name in full and its logo in the header, the subject
access answer within two phone screens of the home page, the dark scheme following the device and clean under axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import expect
from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE
from tests.site.test_site_browser import _violations

PHONE_SCREEN = 812
LEGIBLE_LOGO = 32  # px tall: a school's crest is recognisable at this size on a phone
CHILDRENS = "schools/oakmoor/pupils.children/"


@pytest.fixture(scope="module")
def artifacts(request, tmp_path_factory) -> Path:
    """``--screenshots DIR`` keeps the screenshots of each parent's path for a reviewer; else a temporary folder."""
    folder = request.config.getoption("--screenshots") or tmp_path_factory.mktemp("parents")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(open_page, width: int, scheme: str = "light"):
    logged = open_page(width)
    logged.page.set_viewport_size({"width": width, "height": PHONE_SCREEN if width == PHONE else 800})
    logged.page.emulate_media(color_scheme=scheme)
    return logged.page


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind, name", [("home", "University of Chichester Academy Trust"), ("notice", "Oakmoor School")])
def test_the_header_shows_the_whole_name_and_a_legible_logo(site_url, open_page, width, kind, name):
    page = _open(open_page, width)
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    shown = page.locator("header .md-header__topic").first.locator(".md-ellipsis")
    expect(shown).to_have_text(name)
    expect(shown).to_be_in_viewport(ratio=1)
    assert shown.evaluate("span => span.scrollWidth <= span.clientWidth + 1"), f"the name is cut at {width}px"
    page.mouse.wheel(0, 1500)  # scrolled down, the name stays: the page's title does not replace it
    page.wait_for_timeout(500)
    expect(shown).to_be_in_viewport(ratio=1)
    logo = page.locator("header .md-logo img")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.getBoundingClientRect().height") >= LEGIBLE_LOGO


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_subject_access_answer_is_within_two_phone_screens_of_the_home_page(site_url, open_page, artifacts, width):
    page = _open(open_page, width)
    page.goto(site_url, wait_until="networkidle")
    page.screenshot(path=artifacts / f"parents-home-{width}.png")
    question = page.get_by_role("heading", name="Can I see what you hold about my child?")
    answer = page.locator("p", has_text="subject access request")
    whom = answer.get_by_role("link", name="enquiries@oakmoor.hants.sch.uk")
    bottom = whom.evaluate("a => a.getBoundingClientRect().bottom + window.scrollY")
    screens = bottom / PHONE_SCREEN
    assert screens <= 2, f"the answer ends {screens:.1f} screens down at {width}px"
    assert question.evaluate("h => h.getBoundingClientRect().top + window.scrollY") < bottom
    # Its detail, one tap away: the notice's rights and how to use them.
    page.get_by_role("link", name="Pupils and parents").first.click()
    page.wait_for_url(re.compile(r"schools/oakmoor/pupils/#your-rights$"))
    expect(page.locator("#your-rights")).to_be_in_viewport()
    page.screenshot(path=artifacts / f"parents-rights-{width}.png")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("path", [*PAGE_TYPES.values(), CHILDRENS])  # every kind of page, the new ones among them
def test_the_dark_scheme_passes_axe(site_url, open_page, width, path):
    page = _open(open_page, width, scheme="dark")
    page.goto(site_url + path, wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert _violations(page) == []


def test_the_scheme_follows_the_device_as_it_changes_and_offers_no_switch(site_url, open_page):
    page = _open(open_page, DESKTOP)
    page.goto(site_url, wait_until="networkidle")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.emulate_media(color_scheme="dark")  # the reader turns on the device's dark mode
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert _violations(page) == []
    page.emulate_media(color_scheme="light")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.get_by_role("button", name=re.compile("Switch to"))).to_have_count(0)
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_childs_page_has_larger_type_and_no_staff_box(site_url, open_page, width):
    page = _open(open_page, width)
    page.goto(site_url + PAGE_TYPES["notice"], wait_until="networkidle")
    adult = page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    page.goto(site_url + CHILDRENS, wait_until="networkidle")
    child = page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert child > adult
    expect(page.get_by_text("For staff and systems")).to_have_count(0)
    expect(page.get_by_role("heading", name="What we keep about you")).to_be_visible()


def test_the_footer_gives_the_schools_contact_and_review_dates(site_url, open_page):
    page = _open(open_page, PHONE)
    page.goto(site_url + PAGE_TYPES["school"], wait_until="networkidle")
    footer = page.locator("footer address")
    expect(footer).to_contain_text("Oakmoor School")
    expect(footer.get_by_role("link", name="enquiries@oakmoor.hants.sch.uk")).to_have_attribute(
        "href", "mailto:enquiries@oakmoor.hants.sch.uk")
    expect(footer).to_contain_text("Notices last reviewed: 1 September 2026 to 1 November 2026")
