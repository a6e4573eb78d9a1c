"""The website names, colours and describes itself from the facts' brand: header, browser titles, logo, meta descriptions, lang, sitemap and feed addresses, and no credit line unless asked for."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest
import yaml

from generator.site.build_site import SiteFailed, build_site
from tests.conftest import expect
from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE, set_plugin_option

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

TRUST = "University of Chichester Academy Trust"
ADDRESS = "https://privacy.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
NAVY, GREEN = "rgb(31, 78, 121)", "rgb(46, 94, 43)"  # the example's trust and Oakmoor header colours


def _head(site: Path, page: str):
    return lxml.html.parse(str(site / page)).getroot()


def _html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if "downloads" not in path.parts)


def test_every_page_is_british_english_and_has_one_description_from_its_facts(built_site: Path) -> None:
    facts = yaml.safe_load((Path(__file__).parents[2] / "notices/children-in-need.yaml").read_text("utf-8"))
    expected = {
        "index.html": f"The privacy notices of {TRUST} and its schools: Oakmoor School.",
        "schools/oakmoor/index.html": f"The privacy notices of Oakmoor School, run by {TRUST}.",
        "schools/oakmoor/children-in-need/index.html": " ".join(facts["summary"].split()),
        "how-long-we-keep-it/index.html": "How long we keep it, across the privacy notices of Oakmoor School.",
    }
    for page in _html_pages(built_site):
        root = _head(built_site, page)
        assert root.get("lang") == "en-GB", page
        if page == "404.html":
            continue
        (description,) = root.xpath("/html/head/meta[@name='description']/@content")
        assert description == expected.get(page, description) and description, page
    assert set(expected) <= set(_html_pages(built_site))


def test_browser_titles_name_the_trust_and_the_home_page_says_what_it_is(built_site: Path) -> None:
    titles = {page: _head(built_site, page).findtext("head/title") for page in _html_pages(built_site)}
    assert titles["index.html"] == f"Privacy notices - {TRUST}"
    assert titles["what-we-hold/index.html"] == f"What we hold - {TRUST}"
    assert titles["schools/oakmoor/children-in-need/index.html"] == (
        f"How we use information about children in need and children looked after (Oakmoor School) - {TRUST}")
    assert all(title.endswith(TRUST) for title in titles.values()), titles


def test_the_sitemap_and_the_feed_use_the_address_from_the_facts(built_site: Path) -> None:
    sitemap = ElementTree.parse(built_site / "sitemap.xml").getroot()
    addresses = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    pages = [page.removesuffix("index.html") for page in _html_pages(built_site) if page != "404.html"]
    assert sorted(addresses) == sorted(ADDRESS + page for page in pages)
    feed = ElementTree.parse(built_site / "changes.xml").getroot()
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": ADDRESS + "changes.xml", "alternate": ADDRESS + "changes/"}
    assert all(link.get("href").startswith(ADDRESS) for link in feed.iter(f"{ATOM}link"))


def test_the_footer_credits_no_tools_unless_mkdocs_yml_asks(built_site: Path, project_copy: Path, tmp_path: Path) -> None:
    for page in _html_pages(built_site):
        assert "Material for MkDocs" not in (built_site / page).read_text("utf-8"), page
    settings = project_copy / "mkdocs.yml"
    set_plugin_option(settings, "formats", "[json]")
    set_plugin_option(settings, "credit", "true")
    site = build_site(settings, tmp_path / "site")
    assert "Made from our privacy facts with MkDocs and Material for MkDocs." in (site / "index.html").read_text("utf-8")


def test_without_a_brand_the_site_is_named_by_the_legal_name_and_keeps_the_theme_colours(
        project_copy: Path, tmp_path: Path) -> None:
    for name in ("organisation.yaml", "schools/oakmoor.yaml"):
        path = project_copy / "notices" / name
        path.write_text(re.sub(r"\n(# [^\n]*\n)*brand:\n(  [^\n]*\n)+", "\n", path.read_text("utf-8")), "utf-8")
    settings = project_copy / "mkdocs.yml"
    set_plugin_option(settings, "formats", "[json]")
    site = build_site(settings, tmp_path / "site")
    home = _head(site, "index.html")
    assert home.findtext("head/title") == f"Privacy notices - {TRUST}"
    assert home.xpath("//body/@data-md-color-primary") == ["indigo"]
    assert not (site / "assets/brand.css").exists()
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    assert [loc.text for loc in sitemap.iter(f"{SITEMAP}loc") if loc.text.startswith("http")] == []
    feed = ElementTree.parse(site / "changes.xml").getroot()
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")] == []  # no address to name: relative links


def test_a_logo_that_is_not_there_stops_the_site_at_its_line(project_copy: Path, tmp_path: Path, caplog) -> None:
    (project_copy / "notices/brand/trust-logo.png").unlink()
    with pytest.raises(SiteFailed):
        build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    assert "organisation.yaml:29:3: brand.logo: 'brand/trust-logo.png' is not a file in the facts folder." in caplog.text
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_header_shows_the_trust_then_the_school_with_their_logos_and_colours(site_url, open_page, width):
    page = open_page(width).page
    for kind, name, logo, colour in (("home", TRUST, "organisation.png", NAVY),
                                     ("contact us", TRUST, "organisation.png", NAVY),
                                     ("school", "Oakmoor School", "oakmoor.png", GREEN),
                                     ("notice", "Oakmoor School", "oakmoor.png", GREEN)):
        page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
        header = page.locator("header.md-header")
        expect(header.locator(".md-header__topic").first).to_have_text(name)
        assert header.evaluate("element => getComputedStyle(element).backgroundColor") == colour, kind
        assert header.evaluate("element => getComputedStyle(element).color") == "rgb(255, 255, 255)", kind
        image = header.locator(".md-logo img")
        if width == DESKTOP:  # Material hides the header's logo on a phone; the menu shows it
            expect(image).to_be_visible()
        assert image.get_attribute("src").endswith(f"assets/brand/{logo}") and image.get_attribute("alt") == ""
        assert image.evaluate("img => img.complete && img.naturalWidth") > 0, f"{kind}: the logo did not load"
        link = page.locator("article a[href]").first
        assert link.evaluate("a => getComputedStyle(a).color") == colour, f"{kind}: links take the brand colour"


def test_a_brand_name_written_as_markup_shows_as_text(project_copy: Path, tmp_path: Path) -> None:
    """The brand's names reach the header, the menu, the logo link's label and every title: all as text."""
    payload = 'Oak "moor" </title><img src=x onerror=alert(1)>'
    for name in ("organisation.yaml", "schools/oakmoor.yaml"):
        path = project_copy / "notices" / name
        path.write_text(path.read_text("utf-8").replace("brand:\n", f"brand:\n  name: '{payload} {name}'\n"), "utf-8")
    settings = project_copy / "mkdocs.yml"
    set_plugin_option(settings, "formats", "[json]")
    site = build_site(settings, tmp_path / "site")
    for page in _html_pages(site):
        root = _head(site, page)
        assert root.xpath("//img[@onerror or @src='x']") == [], page
        assert root.findtext("head/title").endswith(f"{payload} organisation.yaml"), page
    school = _head(site, "schools/oakmoor/index.html")
    topic = school.xpath("//header//div[contains(@class, 'md-header__topic')]")[0].text_content().strip()
    assert topic == f"{payload} schools/oakmoor.yaml"
    assert school.xpath("//header//a[contains(@class, 'md-logo')]/@aria-label") == [f"{payload} organisation.yaml"]
