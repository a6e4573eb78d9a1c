"""The website as files: every page, the downloads, the feed; strict, deterministic, and safe when a build fails."""

from __future__ import annotations

import calendar
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.facts.cascade import ResolvedNotice
from generator.project import load_project
from generator.render.cache import project_folder
from generator.render.formats import all_formats
from generator.render.pdf_text import pdf_text
from generator.site.build_site import SiteFailed, build_site
from generator.site.plugin import SITE_FORMATS
from tests.conftest import EXAMPLE, notices
from tests.site.conftest import set_plugin_option

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = ["index.html", "schools/oakmoor/index.html", "schools/oakmoor/children-in-need/index.html",
         "what-we-hold/index.html", "who-we-share-with/index.html", "how-long-we-keep-it/index.html",
         "your-rights/index.html", "contact-us/index.html", "changes/index.html", "changes.xml",
         "see-your-information/index.html"]

SECOND_SCHOOL = """\
name: Downland Primary School
local_authority: West Sussex County Council
contact:
  role: School Business Manager
  phone: "01243 000000"
  email: office@downland.example.org
recipients:
  local-authority:
    name: West Sussex County Council Children's Services
    kind: local authority
  school-nursing:
    name: Sussex Community NHS School Nursing
    kind: NHS service
  youth-support-services:
    name: West Sussex County Council Youth Support Services
  awarding-bodies:
    name: AQA and Pearson, and the Joint Council for Qualifications (JCQ)
  lgps-fund:
    name: West Sussex Pension Fund
  payroll-provider:
    name: Example Downland Payroll Ltd
  occupational-health:
    name: Example Downland Occupational Health Ltd
  visitor-system:
    name: Example Downland Visitor Systems Ltd
  cctv-provider:
    name: Example Downland Security Ltd
  catering-system:
    name: Example Downland Catering Systems Ltd
  school-photographer:
    name: Example Downland Photography Ltd
  social-media-services:
    name: Example Downland Social Network
"""


def _tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_site_has_every_page_and_none_of_the_manual(built_site):
    for page in PAGES:
        assert (built_site / page).is_file(), page
    assert not (built_site / "errors").exists() and not (built_site / "fields").exists()
    search = json.loads((built_site / "search/search_index.json").read_text())
    assert not any("docs/" in entry["location"] for entry in search["docs"])


def test_every_configured_format_that_exists_is_a_download(example_project, built_site):
    configured = next(plugin["notices"] for plugin in yaml.safe_load((example_project / "mkdocs.yml").read_text())
                      ["plugins"] if isinstance(plugin, dict) and "notices" in plugin).get("formats", SITE_FORMATS)
    formats = [output_format for name, output_format in all_formats().items() if name in configured]
    assert formats, "the example offers at least one download"
    notice_page = (built_site / "schools/oakmoor/children-in-need/index.html").read_text()
    school_page = (built_site / "schools/oakmoor/index.html").read_text()
    notices = load_project(example_project / "notices").notices
    for output_format in formats:
        path = output_format.output_path("oakmoor", "children-in-need")
        linked_from = school_page if output_format.scope == "school" else notice_page
        if output_format.document:  # a consent form is beside its notice's page, a letter beside its school's
            path, subject = output_format.files(notices)[0]
            linked_from = ((built_site / f"schools/oakmoor/{subject.id}/index.html").read_text()
                           if isinstance(subject, ResolvedNotice) else school_page)
        assert (built_site / "downloads" / path).stat().st_size > 0, path
        assert f"downloads/{path.as_posix()}" in linked_from, path


def test_the_feed_lists_each_change_with_a_link_to_its_notice(built_site):
    feed = ElementTree.parse(built_site / "changes.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert feed.findtext(f"{ATOM}updated") == "2026-11-01T00:00:00Z"
    # The seven notices Oakmoor adopted from the library on 1 November, then children in need.
    assert [entry.findtext(f"{ATOM}updated") for entry in entries] == ["2026-11-01T00:00:00Z"] * 7 + [
        "2026-09-01T00:00:00Z"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith("https://privacy.example.org/"), "the example's brand gives the site's address"
    assert (built_site / link.removeprefix("https://privacy.example.org/") / "index.html").is_file()
    assert 'type="application/atom+xml"' in (built_site / "changes/index.html").read_text()


def test_changes_are_newest_first_across_notices_and_in_the_feed(project_copy, tmp_path):
    notice = project_copy / "notices/children-in-need.yaml"
    notice.write_text(notice.read_text().replace("changes:\n", (
        "changes:\n  - date: 2027-01-15\n    version: \"2.1\"\n    summary: Added the school nursing service.\n"), 1))
    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    feed = ElementTree.parse(site / "changes.xml").getroot()
    assert [e.findtext(f"{ATOM}updated")[:10] for e in feed.findall(f"{ATOM}entry")] == [
        "2027-01-15", *["2026-11-01"] * 7, "2026-09-01"]
    changes = (site / "changes/index.html").read_text()
    assert changes.index("15 January 2027") < changes.index("1 September 2026")


def test_a_second_school_appears_in_nav_hubs_and_search_without_config_changes(project_copy, tmp_path):
    (project_copy / "notices/schools/downland.yaml").write_text(SECOND_SCHOOL)
    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    home = (site / "index.html").read_text()
    assert "Downland Primary School" in home and "Oakmoor School" in home
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    assert 'href="schools/downland/"' in nav and 'href="schools/oakmoor/"' in nav
    # A page's menu lists every school but only its own school's notices (navigation.prune).
    notice = (site / "schools/oakmoor/children-in-need/index.html").read_text()
    menu = notice[notice.index('class="md-nav md-nav--primary"'):notice.index('class="md-nav md-nav--secondary"')]
    assert 'href="../../downland/"' in menu and 'href="../../downland/children-in-need/"' not in menu
    sharing = (site / "who-we-share-with/index.html").read_text()
    assert "West Sussex County Council Children&rsquo;s Services" in sharing
    assert "Hampshire County Council Children&rsquo;s Services" in sharing
    for hub in ("what-we-hold", "how-long-we-keep-it", "your-rights", "contact-us", "changes"):
        assert "Downland Primary School" in (site / hub / "index.html").read_text(), hub
    assert (site / "downloads/downland/booklet.pdf").is_file()
    # The notice both schools publish alike is named once per category, with a link to each school's copy.
    holding = lxml.html.parse(site / "what-we-hold/index.html").getroot()
    looked_after = holding.xpath('//h2[@id="looked-after-children"]/following-sibling::ul[1]/li')
    assert [item.text_content() for item in looked_after] == [
        "How we use information about children in need and children looked after: "
        "Downland Primary School and Oakmoor School"]
    assert [a.get("href") for a in looked_after[0].iter("a")] == [
        "../schools/downland/children-in-need/", "../schools/oakmoor/children-in-need/"]
    # Each change both schools publish alike is one entry naming both, on the page and in the feed.
    changes = (site / "changes/index.html").read_text()
    assert changes.count("<h2") == changes.count("Downland Primary School</a> and <a") > 1
    feed = ElementTree.parse(site / "changes.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == changes.count("<h2")
    assert all("(2 schools)" in entry.findtext(f"{ATOM}title") for entry in entries)
    assert {entry.find(f"{ATOM}link").get("href") for entry in entries} == {"https://privacy.example.org/changes/"}
    search = json.loads((site / "search/search_index.json").read_text())
    found = [entry["location"] for entry in search["docs"] if "West Sussex" in entry["title"] + entry["text"]]
    assert any(location.startswith("schools/downland/children-in-need/") for location in found)


def test_a_failed_build_leaves_the_previous_site_untouched(project_copy, tmp_path):
    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    before = _tree_digest(site)
    school = project_copy / "notices/schools/oakmoor.yaml"
    school.write_text(school.read_text() + "name: Oakmoor School again\n")  # a duplicate key
    with pytest.raises(SiteFailed, match="left as it was"):
        build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    assert _tree_digest(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]


def test_a_broken_link_in_a_site_template_fails_the_strict_build(project_copy, tmp_path):
    home = project_copy / "templates/site/home.md.j2"
    home.write_text(home.read_text() + "\n[A page that does not exist](nowhere.md)\n")
    with pytest.raises(SiteFailed):
        build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_rebuilding_gives_the_same_bytes(built_site, example_project, tmp_path):
    again = build_site(example_project / "mkdocs.yml", tmp_path / "again")
    assert _tree_digest(again) == _tree_digest(built_site)


def test_notices_site_names_the_broken_fact_and_keeps_the_old_site(project_copy, tmp_path):
    notices = Path(sys.executable).parent / "notices"
    built = subprocess.run([str(notices), "site", "--out", "site"], cwd=project_copy, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    before = _tree_digest(project_copy / "site")
    school = project_copy / "notices/schools/oakmoor.yaml"
    school.write_text(school.read_text() + "name: Oakmoor School again\n")
    broken = subprocess.run([str(notices), "site", "--out", "site"], cwd=project_copy, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "notices/schools/oakmoor.yaml:" in broken.stderr and "given twice" in broken.stderr
    assert "Traceback" not in broken.stderr
    assert _tree_digest(project_copy / "site") == before


def test_notices_site_may_replace_a_site_that_mkdocs_build_made(project_copy):
    made = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], cwd=project_copy,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert (project_copy / "site/index.html").is_file()
    assert build_site(project_copy / "mkdocs.yml", project_copy / "site") == project_copy / "site"


def test_no_markdown_shows_as_text_on_any_page(built_site):
    """A list or table marker in a page's text means a template lost a blank line."""
    leaked = []
    for page in sorted(built_site.rglob("index.html")):
        article = lxml.html.parse(page).getroot().xpath("//article")
        for element in article[0].iter("p", "li", "td", "th") if article else []:
            if re.search(r"(^|\s)[-*] |\||\{#|^#", element.text_content()):
                leaked.append(f"{page.relative_to(built_site)}: {element.text_content()[:80]}")
    assert leaked == []
    sharing = (built_site / "who-we-share-with/index.html").read_text()
    assert sharing.count('<li><a href="../schools/oakmoor/children-in-need/">') == 2  # children's services, nurses


def test_a_standalone_school_lists_its_notices_without_a_schools_section(project_copy, tmp_path):
    facts = project_copy / "notices"
    school = yaml.safe_load((facts / "schools/oakmoor.yaml").read_text())
    shutil.rmtree(facts / "schools")
    with (facts / "organisation.yaml").open("a") as organisation:
        # The file ends in its recipients: the school's join them, then the school's contact becomes the trust's.
        organisation.write("".join(f"  {rid}:\n    name: {entry['name']}\n" for rid, entry in school["recipients"].items()))
        organisation.write(yaml.safe_dump({"contact": school["contact"]}))
    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site")
    home = (site / "index.html").read_text()
    assert "Our notices" in home and "Our schools" not in home
    assert "Our schools" not in (site / "contact-us/index.html").read_text()
    assert "Hampshire County Council Children&rsquo;s Services" in (site / "who-we-share-with/index.html").read_text()


def _offering(project: Path, offered: str) -> Path:
    settings = project / "mkdocs.yml"
    text = settings.read_text()
    settings.write_text(text)
    set_plugin_option(settings, "formats", offered)
    return settings


@pytest.mark.parametrize("offered, expected", [
    ("[json]", sorted(f"{path.stem}.json" for path in EXAMPLE.glob("*.yaml") if path.name != "organisation.yaml")),
    ("[]", []),
])
def test_the_downloads_are_the_formats_mkdocs_yml_names(project_copy, tmp_path, offered, expected):
    site = build_site(_offering(project_copy, offered), tmp_path / "site")
    downloads = site / "downloads/oakmoor"
    assert sorted(path.name for path in downloads.iterdir()) == expected if expected else not downloads.exists()
    notice_page = (site / "schools/oakmoor/children-in-need/index.html").read_text()
    assert ("Download this notice" in notice_page) == bool(expected)
    assert "Download every notice" not in (site / "schools/oakmoor/index.html").read_text()


def test_a_format_that_does_not_exist_stops_notices_site_and_mkdocs_build_naming_it(project_copy, tmp_path, caplog):
    settings = _offering(project_copy, "[pdf, xlsx]")
    result = notices("site", "--config", str(settings), "--out", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "'xlsx'" in caplog.text and all(f"'{name}'" in caplog.text for name in all_formats())
    assert "the website was not built" in result.output and not (tmp_path / "site").exists()
    caplog.clear()
    with pytest.raises(Abort):  # what `mkdocs build` runs first
        load_config(str(settings), site_dir=str(tmp_path / "mkdocs-site"))
    assert "option 'formats'" in caplog.text and "'xlsx'" in caplog.text


def test_the_build_dates_pages_by_the_facts_and_leaves_the_clock_alone(built_site):
    stamp = (built_site / "sitemap.xml.gz").read_bytes()[4:8]  # the gzip header's modification time
    assert int.from_bytes(stamp, "little") == calendar.timegm((2026, 11, 1, 0, 0, 0))  # the newest fact's date
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_a_hand_written_page_in_the_docs_folder_joins_the_menu(project_copy, tmp_path):
    (project_copy / "templates/site/pages/accessibility.md").write_text(
        "# Accessibility statement\n\nWe test every page of this site against WCAG 2.2 AA.\n")
    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site")  # strict: a page left out of the menu fails
    home = (site / "index.html").read_text()
    menu = home[home.index('class="md-nav md-nav--primary"'):]
    assert 'href="accessibility/"' in menu and "Accessibility statement" in menu


def test_downloads_from_the_cache_follow_an_edited_fact(project_copy, tmp_path):
    build_site(project_copy / "mkdocs.yml", tmp_path / "first")
    assert project_folder(project_copy / "notices").is_dir(), "the example's site keeps a cache"
    assert not (project_copy / ".notices-cache").exists(), "outside the project"
    school = project_copy / "notices" / "schools" / "oakmoor.yaml"
    school.write_text(school.read_text("utf-8").replace("01420 472132", "01420 999888"), "utf-8")
    second = build_site(project_copy / "mkdocs.yml", tmp_path / "second")
    fragment = (second / "downloads/oakmoor/children-in-need.fragment.html").read_text("utf-8")
    assert "01420 999888" in fragment and "01420 472132" not in fragment
    assert "01420 999888" in pdf_text((second / "downloads/oakmoor/children-in-need.pdf").read_bytes())
