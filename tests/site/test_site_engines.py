"""The example site builds on the engines after Material: ProperDocs (MkDocs 1.x continued) makes the same site as
MkDocs, and the manual's Zensical recipe runs as written and makes a site that asks no other website for anything."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from generator.publish import MARKER  # says which command made the folder: `notices site` or an engine
from tests.conftest import PROJECT, notices
from tests.docs.markdown import fenced_blocks
from tests.site.conftest import SiteServer, copy_project

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
ENGINE_ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
NOTICE = "schools/oakmoor/children-in-need/"
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
# What a browser fetches by itself from a page: each element and the attributes that name what it fetches.
FETCHED_BY = {"link": ("href",), "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
              "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
              "object": ("data",), "input": ("src",), "track": ("src",)}
CSS_FETCH = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


def _recipe() -> str:
    """The manual's Zensical recipe: the first shell block under its heading."""
    manual = (PROJECT / "docs" / "publishing.md").read_text("utf-8")
    section = manual.split("### Building with Zensical: `notices pages`", 1)[1]
    return next(body for language, body in fenced_blocks(section) if language == "sh")


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=ENGINE_ENV, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def external_fetches(folder: Path) -> list[str]:
    """Every address on another website that a page, style sheet or pasted fragment of ``folder`` makes the
    browser fetch by itself (links that a reader follows are not fetches)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".html", ".md") and path.stat().st_size:
            document = lxml.html.document_fromstring(path.read_bytes())
            for element in document.iter(*FETCHED_BY):
                if element.tag == "link" and "alternate" in (element.get("rel") or "").split():
                    continue  # a feed offered to feed readers, not fetched
                for attribute in FETCHED_BY[element.tag]:
                    addresses = [part.split()[0] for part in (element.get(attribute) or "").split(",") if part.strip()]
                    found += [f"{path.name}: <{element.tag} {attribute}={address}>" for address in addresses
                              if urlsplit(address).netloc]
            styles = [style.text or "" for style in document.iter("style")] + [
                element.get("style") for element in document.iter() if isinstance(element.tag, str) and element.get("style")]
            found += [f"{path.name}: {address}" for style in styles for address in CSS_FETCH.findall(style)]
        elif path.suffix == ".css":
            found += [f"{path.name}: {address}" for address in CSS_FETCH.findall(path.read_text("utf-8", "replace"))]
    return found


@pytest.fixture(scope="module")
def zensical_project(tmp_path_factory) -> Path:
    """A copy of the example where the manual's Zensical recipe has run, line for line, in bash."""
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    _run(["bash", "-e", "-c", _recipe()], project)
    return project


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    project = copy_project(tmp_path / "project")
    done = _run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
                project)
    assert "WARNING" not in done.stderr and "end of life" not in done.stderr, done.stderr
    files = sorted(path.relative_to(built_site) for path in built_site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(tmp_path / "site") for path in (tmp_path / "site").rglob("*")
                           if path.is_file())
    different = [str(name) for name in files if name != Path(MARKER) and GENERATOR_TAG.sub(b"", (built_site / name).read_bytes())
                 != GENERATOR_TAG.sub(b"", (tmp_path / "site" / name).read_bytes())]
    assert different == []
    notice = (tmp_path / "site" / NOTICE / "index.html").read_text("utf-8")
    assert 'data-notice="oakmoor/children-in-need"' in notice  # the plugin ran: its pages and markers are there


def test_the_manuals_zensical_recipe_builds_every_page_and_download(zensical_project):
    site = zensical_project / "website" / "site"
    for page in ("", "what-we-hold/", "your-rights/", "contact-us/", "changes/", "schools/oakmoor/", NOTICE):
        assert (site / page / "index.html").is_file(), page
    assert "Hampshire County Council Children" in (site / NOTICE / "index.html").read_text("utf-8")
    assert (site / "downloads" / "oakmoor" / "children-in-need.pdf").read_bytes().startswith(b"%PDF")


def test_notices_pages_and_the_zensical_site_ask_no_other_website_for_fonts_or_scripts(zensical_project):
    assert external_fetches(zensical_project / "website" / "docs") == []  # what `notices pages` wrote
    assert external_fetches(zensical_project / "website" / "site") == []


def test_the_scan_finds_what_the_theme_fetches_from_google_without_font_false(zensical_project, tmp_path):
    """Zensical's default theme loads Google Fonts: the recipe's `font: false` is what keeps them out."""
    shutil.copytree(zensical_project / "website" / "docs", tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text("site_name: Privacy notices\n", "utf-8")
    _run([str(BIN / "zensical"), "build", "--strict"], tmp_path)
    assert any("fonts.googleapis.com" in found for found in external_fetches(tmp_path / "site"))


def test_zensical_pages_in_chromium_ask_no_other_host(zensical_project, open_page):
    server = SiteServer(zensical_project / "website" / "site", not_found="404.html")
    try:
        logged = open_page()
        for page in ("", NOTICE, "who-we-share-with/", "nowhere/"):
            logged.page.goto(server.url + page, wait_until="networkidle")
        assert logged.hosts == {server.url.split("/")[2]}
    finally:
        server.close()


def test_zensical_with_the_site_overrides_carries_the_marker_notices_verify_reads(zensical_project, tmp_path):
    website = tmp_path / "website"
    shutil.copytree(zensical_project / "website" / "docs", website / "docs")
    shutil.copytree(PROJECT / "site_overrides", tmp_path / "site_overrides")
    (website / "mkdocs.yml").write_text("site_name: Privacy notices\ntheme:\n  font: false\n  language: en-GB\n"
                                        "  custom_dir: ../site_overrides\n", "utf-8")
    _run([str(BIN / "zensical"), "build", "--strict", "-f", "website/mkdocs.yml"], tmp_path)
    notice = (website / "site" / NOTICE / "index.html").read_text("utf-8")
    assert '<html lang="en-GB"' in notice and "Download this notice" in notice
    assert "Contact us</a> if you still cannot find" in (website / "site" / "404.html").read_text("utf-8")
    server = SiteServer(website / "site")
    try:
        verified = notices("verify", "--config", str(zensical_project / "mkdocs.yml"), server.url)
    finally:
        server.close()
    assert verified.exit_code == 0, verified.output
    assert "All 9 notices are current." in verified.output
