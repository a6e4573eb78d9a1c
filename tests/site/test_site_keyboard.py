"""A keyboard and screen-reader user in Chromium: every Tab stop is visible, on screen and named; the menu and search open and close from the keyboard."""

from __future__ import annotations

import pytest

from tests.conftest import expect
from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE

ZOOMED_400 = DESKTOP // 4  # a 1280 px window at 400% zoom lays the page out at 320 CSS px (WCAG 1.4.10)
MOST_TAB_STOPS = 150  # more than any page has: a walk that never comes back round is a failure, not a hang

# Judged once the focused element's transitions (a skip link fading in, a drawer sliding) have ended.
FOCUSED = """async () => {
  const element = document.activeElement;
  const settled = Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
  await Promise.race([settled, new Promise(resolve => setTimeout(resolve, 1000))]);
  const box = element.getBoundingClientRect();
  return {
    html: element.outerHTML.slice(0, 120),
    first: element.dataset.tabWalk === "first",
    body: element === document.body,
    visible: element.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    // Wholly inside the window; a region taller than the window (a long table) fills at least half of it.
    inside: box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth + 1
            && (box.height > window.innerHeight
                ? Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0) >= window.innerHeight / 2
                : box.top >= 0 && box.bottom <= window.innerHeight + 1),
  };
}"""


def _accessible_name_of_focus(page) -> str:
    """The name Chromium's accessibility tree gives the focused element: what a screen reader announces."""
    session = page.context.new_cdp_session(page)
    try:
        focused = session.send("Runtime.evaluate", {"expression": "document.activeElement"})
        tree = session.send("Accessibility.getPartialAXTree",
                            {"objectId": focused["result"]["objectId"], "fetchRelatives": False})
    finally:
        session.detach()
    node = next(node for node in tree["nodes"] if not node.get("ignored"))
    return str(node.get("name", {}).get("value", "")).strip()


def _tab_stops(page) -> list[dict]:
    """Each element Tab focuses, from the top of the page round to the first one again."""
    stops = []
    for _ in range(MOST_TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["first"]:
            return stops
        if not focused["body"]:  # between the page's last stop and its first, focus leaves for the browser
            if not stops:
                page.evaluate("document.activeElement.dataset.tabWalk = 'first'")
            focused["name"] = _accessible_name_of_focus(page)
            stops.append(focused)
    raise AssertionError(f"Tab did not come back to the first stop after {MOST_TAB_STOPS} presses")


@pytest.mark.parametrize("kind, width, scheme",
                         [(kind, width, "light") for kind in PAGE_TYPES for width in (DESKTOP, PHONE)]
                         + [("home", ZOOMED_400, "light"), ("notice", ZOOMED_400, "light")]
                         + [(kind, PHONE, "dark") for kind in PAGE_TYPES])  # a device that prefers dark
def test_every_tab_stop_is_visible_on_screen_and_named(site_url, open_page, kind, width, scheme):
    page = open_page(width).page
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    stops = _tab_stops(page)
    assert stops, f"Tab reached nothing on the {kind} page"
    hidden = [stop["html"] for stop in stops if not stop["visible"]]
    off_screen = [stop["html"] for stop in stops if not stop["inside"]]
    unnamed = [stop["html"] for stop in stops if not stop["name"]]
    assert hidden == [], f"{len(hidden)} Tab stops on the {kind} page cannot be seen"
    assert off_screen == [], f"{len(off_screen)} Tab stops on the {kind} page are outside the window"
    assert unnamed == [], f"{len(unnamed)} Tab stops on the {kind} page have no name for a screen reader"


def _focus_by_tab(page, role: str, name: str):
    """Press Tab until the element with that role and name has focus (as a keyboard user reaches it)."""
    target = page.get_by_role(role, name=name, exact=True)
    for _ in range(10):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return target
    raise AssertionError(f"Tab never reached the {role} {name!r}")


@pytest.mark.parametrize("key", ["Enter", " "])
@pytest.mark.parametrize("kind", ["home", "notice"])
def test_the_phone_menu_opens_and_closes_with_the_keyboard(site_url, open_page, kind, key):
    page = open_page(PHONE).page
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    menu = _focus_by_tab(page, "button", "Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press(key)
    expect(menu).to_have_attribute("aria-expanded", "true")
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer.get_by_role("link", name="What we hold", exact=True)).to_be_visible()
    assert drawer.evaluate("drawer => drawer.contains(document.activeElement)"), "focus did not move into the menu"
    page.keyboard.press("Tab")
    assert drawer.evaluate("drawer => drawer.contains(document.activeElement)"), "Tab left the open menu"
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(drawer.get_by_role("link", name="What we hold", exact=True)).not_to_be_in_viewport()


def test_escape_closes_search_on_a_phone_and_focus_returns_to_its_button(site_url, open_page):
    page = open_page(PHONE).page
    page.goto(site_url, wait_until="networkidle")
    search_button = _focus_by_tab(page, "button", "Search")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Search")
    query = dialog.get_by_role("textbox", name="Search")
    expect(query).to_be_focused()
    expect(query).to_be_in_viewport()
    page.keyboard.type("Department", delay=30)
    expect(dialog.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")
    expect(query).not_to_be_in_viewport()
    expect(search_button).to_be_focused()


def test_escape_closes_search_on_a_desktop(site_url, open_page):
    page = open_page(DESKTOP).page
    page.goto(site_url, wait_until="networkidle")
    _focus_by_tab(page, "textbox", "Search")
    page.keyboard.type("Department", delay=30)
    results = page.get_by_role("dialog", name="Search").locator(".md-search-result__item").first
    expect(results).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")
    expect(results).to_be_hidden()
    expect(page.locator("#__search")).not_to_be_checked()
