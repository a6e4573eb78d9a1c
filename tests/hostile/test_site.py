"""The website built from hostile facts: every page shows the payloads as text, and none runs or links them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from generator.render.reading import html_text
from generator.site.build_site import build_site
from tests.conftest import straight_quotes
from tests.hostile.conftest import (
    ALLOWED_LINK,
    DANGEROUS_URL,
    SECTION_BODY_VISIBLE,
    SHOWN_FIELDS,
    hostile_facts,
    hostile_value,
    write_facts,
)
from tests.site.conftest import SiteServer, copy_project

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

VERSION = '<img src=x onerror="alert(\'version\')">'
CONTENT_ACTIVE_ELEMENTS = ("script", "iframe", "object", "embed", "img", "form", "base")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-site") / "project")
    shutil.rmtree(project / "notices")
    files = hostile_facts()
    files["pupils.yaml"]["version"] = VERSION
    write_facts(project / "notices", files)
    return build_site(project / "mkdocs.yml", project / "site")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_of_the_site_carries_an_event_handler_a_dangerous_link_or_a_fact_script(hostile_site: Path) -> None:
    assert len(_pages(hostile_site)) > 5
    for path in _pages(hostile_site):
        where = path.relative_to(hostile_site).as_posix()
        root = lxml.html.parse(str(path)).getroot()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute, value in element.attrib.items():
                assert not attribute.lower().startswith("on"), f"{where}: <{element.tag} {attribute}=...>"
                if attribute in ("href", "src", "action", "formaction"):
                    assert not DANGEROUS_URL.match(value), f"{where}: <{element.tag} {attribute}='{value}'>"
        for script in root.iter("script"):
            assert "alert" not in (script.text or "") + script.get("src", ""), f"{where}: a script from the facts"
        for article in root.xpath("//article"):
            for name in CONTENT_ACTIVE_ELEMENTS:
                assert article.xpath(f".//{name}") == [], f"{where}: a <{name}> in the page content"
            for link in article.xpath(".//a[@href]"):
                href = link.get("href")
                assert ALLOWED_LINK.match(href) or "://" not in href, f"{where}: a link to '{href}'"


def test_the_notice_page_shows_every_payload_as_written(hostile_site: Path) -> None:
    page = lxml.html.parse(str(hostile_site / "schools" / "hill" / "pupils" / "index.html")).getroot()
    (article,) = page.xpath("//article")
    # Typographic quotes are how the facts' straight ones are printed.
    unspaced = straight_quotes(html_text(lxml.html.tostring(article))).replace(" ", "").replace("\n", "")
    missing = [index for index in range(len(SHOWN_FIELDS)) if hostile_value(index).replace(" ", "") not in unspaced]
    assert not missing, f"not shown as written: {[hostile_value(index) for index in missing]}"
    for visible in SECTION_BODY_VISIBLE:
        assert visible.replace(" ", "") in unspaced
    title = hostile_value(SHOWN_FIELDS.index(("pupils.yaml", ("title",))))
    assert page.findtext(".//title").startswith(title)
    assert VERSION in html_text(lxml.html.tostring(page))


def test_search_results_show_titles_as_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    titles = [entry["title"] for entry in index["docs"] if entry["location"].startswith("schools/hill/pupils/")]
    assert titles and not [title for title in titles if "<" in title], "a raw tag in the search index"


@pytest.fixture(scope="module")
def hostile_site_url(hostile_site: Path) -> Iterator[str]:
    server = SiteServer(hostile_site)
    yield server.url
    server.close()


def test_no_page_runs_a_payload_in_chromium(hostile_site: Path, hostile_site_url: str, chromium) -> None:
    context = chromium.new_context()
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for path in _pages(hostile_site):
            page.goto(hostile_site_url + path.relative_to(hostile_site).as_posix())
            page.wait_for_load_state("load")
            # The live page, after the theme's own scripts have run and built the parts they build.
            assert page.evaluate(LIVE_HANDLERS) == [], path
    finally:
        context.close()
    assert dialogs == []


LIVE_HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(element =>
    [...element.attributes]
        .filter(attribute => attribute.name.startsWith('on')
                || (['href', 'src'].includes(attribute.name) && /^\\s*(javascript|data|vbscript):/i.test(attribute.value)))
        .map(attribute => element.tagName + ' ' + attribute.name + '=' + attribute.value))"""
