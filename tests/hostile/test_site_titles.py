"""A name or title written as markup that closes the page's <title> shows as text wherever the site prints it, and runs nothing.

Every fact a reader sees carries the payload, so every fact that reaches a page title, the menu, a
heading, the search index or the feed is covered: the school's, the organisation's (also when it
publishes alone), the notice's, the recipients' and the categories' names among them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest

from generator.site.build_site import build_site
from tests.hostile.conftest import NOTICE_ID, SCHOOL_ID, SHOWN_FIELDS, facts_data, set_value, write_facts
from tests.site.conftest import SiteServer, copy_project, set_plugin_option

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
HEAD_ELEMENTS = {"meta", "title", "link", "script", "style", "noscript"}
META_ATTRIBUTES = {"name", "content", "charset", "property", "http-equiv"}
EXTRA_FEATURES = ("navigation.tabs", "navigation.path", "navigation.footer")


def title_payload(index: int) -> str:
    """The issue's payload, told apart per field by a word the site's search can find."""
    return f"Oak{index}moor </title><img src=x onerror=alert({index})>"


def _payload_of(field: tuple[str, tuple]) -> str:
    return title_payload(SHOWN_FIELDS.index(field))


SCHOOL_NAME = _payload_of(("schools/hill.yaml", ("name",)))
ORGANISATION_NAME = _payload_of(("organisation.yaml", ("name",)))
NOTICE_TITLE = _payload_of(("pupils.yaml", ("title",)))
SITE_NAME = ORGANISATION_NAME  # the facts name the site: the browser tab ends with the organisation's name
VERSION = title_payload(len(SHOWN_FIELDS))
CHANGE = title_payload(len(SHOWN_FIELDS) + 1)


def _title_facts(standalone: bool) -> dict[str, dict]:
    files = facts_data()
    for index, field in enumerate(SHOWN_FIELDS):
        set_value(files, field, title_payload(index))
    notice = files[f"{NOTICE_ID}.yaml"]
    notice["version"] = VERSION
    notice["changes"] = [{"date": "2026-09-01", "version": VERSION, "summary": CHANGE}]
    if standalone:  # the organisation publishes its notices itself: its name is the school's
        school = files.pop(f"schools/{SCHOOL_ID}.yaml")
        files["organisation.yaml"]["recipients"].update(school["recipients"])
        files["organisation.yaml"]["contact"] = school["contact"]
    return files


class TitleSite:
    """A site built from the title payloads, and what its pages must show as their titles."""

    def __init__(self, root: Path, standalone: bool):
        project = copy_project(root)
        shutil.rmtree(project / "notices")
        write_facts(project / "notices", _title_facts(standalone))
        settings = project / "mkdocs.yml"  # downloads are not titles: one format keeps the build quick
        text = set_plugin_option(settings, "formats", "[json]").read_text()
        # The theme's other places for titles, which a school may turn on: tabs, breadcrumbs, next/previous.
        text = text.replace("    - search.highlight\n", "    - search.highlight\n" + "".join(
            f"    - {feature}\n" for feature in EXTRA_FEATURES))
        settings.write_text(text)
        self.folder = build_site(settings, project / "site")
        self.standalone = standalone
        self.school_name = ORGANISATION_NAME if standalone else SCHOOL_NAME
        (school_page,) = self.folder.glob("schools/*/index.html")
        self.school = school_page.parent.relative_to(self.folder).as_posix()
        self.notice = f"{self.school}/{NOTICE_ID}"

    def pages(self) -> list[str]:
        return sorted(path.relative_to(self.folder).as_posix() for path in self.folder.rglob("*.html"))

    def expected_titles(self) -> dict[str, str]:
        """The browser tab's text of the pages a fact names."""
        return {f"{self.school}/index.html": f"{self.school_name} - {SITE_NAME}",
                f"{self.notice}/index.html": f"{NOTICE_TITLE} ({self.school_name}) - {SITE_NAME}"}


@pytest.fixture(scope="module", params=[False, True], ids=["school-of-a-trust", "standalone-organisation"])
def title_site(request, tmp_path_factory) -> TitleSite:
    return TitleSite(tmp_path_factory.mktemp("title-site") / "project", standalone=request.param)


def _html(site: TitleSite, page: str):
    return lxml.html.parse(str(site.folder / page)).getroot()


def test_every_page_has_one_title_of_text_and_a_head_of_the_theme_only(title_site: TitleSite) -> None:
    expected = title_site.expected_titles()
    for page in title_site.pages():
        root = _html(title_site, page)
        (head,) = root.xpath("/html/head")
        assert {child.tag for child in head if isinstance(child.tag, str)} <= HEAD_ELEMENTS, page
        (title,) = head.xpath("title")
        assert len(title) == 0, f"{page}: markup inside <title>"
        assert title.text == expected.get(page, title.text), page
        assert root.xpath("//img") == [], f"{page}: an <img> from the facts"
        for meta in head.iter("meta"):
            assert set(meta.attrib) <= META_ATTRIBUTES, f"{page}: <meta {' '.join(meta.attrib)}>"
    assert set(expected) <= set(title_site.pages())


def test_the_menu_and_the_headings_show_the_names_as_written(title_site: TitleSite) -> None:
    root = _html(title_site, f"{title_site.notice}/index.html")
    (menu,) = root.xpath("//nav[contains(@class, 'md-nav--primary')]")
    menu_text = " ".join(menu.text_content().split())
    assert title_site.school_name in menu_text and NOTICE_TITLE in menu_text
    header = " ".join(root.xpath("//*[@data-md-component='header-title']")[0].text_content().split())
    assert f"{NOTICE_TITLE} ({title_site.school_name})" in header
    school = _html(title_site, f"{title_site.school}/index.html")
    assert [" ".join(h1.text_content().split()) for h1 in school.xpath("//article//h1")] == [title_site.school_name]
    # A standalone organisation's own section is a tab; a trust's schools sit in the "Our schools" tab.
    tabs = " ".join(_html(title_site, "404.html").xpath("//nav[contains(@class, 'md-tabs')]")[0].text_content().split())
    assert (title_site.school_name if title_site.standalone else "Our schools") in tabs
    breadcrumbs = " ".join(root.xpath("//nav[contains(@class, 'md-path')]")[0].text_content().split())
    assert title_site.school_name in breadcrumbs
    footer_labels = [link.get("aria-label") for link in school.xpath("//a[contains(@class, 'md-footer__link')]")]
    assert f"Next: {NOTICE_TITLE}" in footer_labels, footer_labels  # escaped once: read out as written


def test_the_search_index_holds_titles_as_escaped_text_that_reads_as_written(title_site: TitleSite) -> None:
    docs = json.loads((title_site.folder / "search/search_index.json").read_text("utf-8"))["docs"]
    titles = {}
    for entry in docs:
        fragment = lxml.html.fragment_fromstring(entry["title"] or "", create_parent="div")
        assert len(fragment) == 0, f"{entry['location']}: markup in the title {entry['title']!r}"
        titles[entry["location"]] = fragment.text_content()
    assert titles[f"{title_site.school}/"] == title_site.school_name
    assert titles[f"{title_site.notice}/"] == f"{NOTICE_TITLE} ({title_site.school_name})"
    shown = set(titles.values())
    recipient = _payload_of(("organisation.yaml", ("recipients", "dfe", "name")))
    assert recipient in shown, "a recipient's heading on the hub page is missing from the search index"


def test_the_feed_names_the_organisation_notice_and_change_as_text(title_site: TitleSite) -> None:
    feed = ElementTree.parse(title_site.folder / "changes.xml").getroot()
    publisher = ORGANISATION_NAME
    assert feed.findtext(f"{ATOM}title") == f"Changes to the privacy notices of {publisher}"
    (entry,) = feed.iter(f"{ATOM}entry")
    assert NOTICE_TITLE in entry.findtext(f"{ATOM}title") and VERSION in entry.findtext(f"{ATOM}title")
    assert all(element.get("type", "text") == "text" for element in feed.iter() if element.tag.endswith("title"))
    assert CHANGE in ElementTree.tostring(entry, encoding="unicode", method="text")


@pytest.fixture(scope="module")
def title_site_url(title_site: TitleSite) -> Iterator[str]:
    server = SiteServer(title_site.folder)
    yield server.url
    server.close()


def test_no_page_or_search_result_opens_a_dialog_in_chromium(title_site: TitleSite, title_site_url: str,
                                                              chromium) -> None:
    context = chromium.new_context()
    dialogs: list[str] = []
    expected = title_site.expected_titles()
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for path in title_site.pages():
            page.goto(title_site_url + path)
            page.wait_for_load_state("load")
            assert dialogs == [], path  # an <img>'s onerror has run by the load event
            assert page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0, path
            if path in expected:
                assert page.title() == expected[path]
                assert page.locator("h1").first.text_content().strip().startswith(
                    title_site.school_name if path.endswith(f"{title_site.school}/index.html") else NOTICE_TITLE)
        recipient = _payload_of(("organisation.yaml", ("recipients", "dfe", "name")))
        for name in (title_site.school_name, NOTICE_TITLE, recipient):
            page.goto(title_site_url, wait_until="networkidle")
            page.get_by_role("textbox", name="Search").click()
            page.keyboard.type(name.split()[0], delay=30)  # the payload's searchable word, as Oak3moor
            page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
            results = " ".join(page.locator(".md-search-result__list").text_content().split())
            assert name in results, f"search results for {name.split()[0]}: {results[:300]}"
            assert page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0
    finally:
        context.close()
    assert dialogs == []
