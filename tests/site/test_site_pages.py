"""The site does not hang on its theme's engine: `notices pages DIR` writes a docs folder that plain MkDocs (no plugin) and Zensical build, and `notices site` says when the theme is no longer maintained."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.site import theme_support
from generator.site.theme_support import end_of_life_note
from tests.conftest import PROJECT, notices
from tests.site.conftest import copy_project

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the theme's end-of-life banner (docs/publishing.md)
NOTICE = "schools/oakmoor/children-in-need"
RECIPIENT = [f"Hampshire County Council Children{apostrophe}s Services" for apostrophe in ("'", "&#39;", "&#x27;")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("pages") / "project")
    written = notices("pages", "--config", str(project / "mkdocs.yml"), str(project / "pages"))
    assert written.exit_code == 0, written.output
    return project / "pages"


def _front_matter(path: Path) -> tuple[dict, str]:
    _, meta, body = path.read_text("utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


def test_each_page_is_markdown_with_what_the_theme_shows_around_it(pages):
    meta, body = _front_matter(pages / f"{NOTICE}.md")
    assert meta["title"] == "How we use information about children in need and children looked after (Oakmoor School)"
    assert meta["notice_version"] == "2.0" and meta["last_reviewed"] == "1 September 2026"
    assert {"url": "downloads/oakmoor/children-in-need.pdf", "label": "PDF"}.items() <= meta["downloads"][0].items()
    for download in meta["downloads"]:
        assert (pages / download["url"]).stat().st_size > 1000, download
    assert "Hampshire County Council Children's Services" in body
    home, _ = _front_matter(pages / "index.md")  # the home page's front matter: its footer and its look
    assert home["footer"][0] == {"label": "", "text": "University of Chichester Academy Trust", "href": None}
    assert home["page_kind"] == "home" and "downloads" not in home
    assert (pages / "changes.xml").read_text("utf-8").count("<entry>") >= 1


def test_the_same_facts_write_the_same_folder(pages, tmp_path):
    again = notices("pages", "--config", str(pages.parent / "mkdocs.yml"), str(tmp_path / "again"))
    assert again.exit_code == 0, again.output
    files = sorted(path.relative_to(pages) for path in pages.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(tmp_path / "again") for path in (tmp_path / "again").rglob("*")
                           if path.is_file())
    assert all((pages / name).read_bytes() == (tmp_path / "again" / name).read_bytes() for name in files)


def _built(engine: list[str], pages: Path, tmp_path: Path) -> Path:
    """The folder built by ``engine`` from a project that holds only the pages and the least settings."""
    shutil.copytree(pages, tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text("site_name: Privacy notices\n", "utf-8")
    done = subprocess.run(engine, cwd=tmp_path, env=QUIET, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return tmp_path / "site"


@pytest.mark.parametrize("engine", [["mkdocs", "build", "--strict"], ["zensical", "build", "--strict"]],
                         ids=["mkdocs", "zensical"])
def test_an_engine_without_the_plugin_builds_every_page_and_download(pages, tmp_path, engine):
    site = _built([str(BIN / engine[0]), *engine[1:]], pages, tmp_path)
    for page in ("", "what-we-hold/", "how-long-we-keep-it/", "your-rights/", "contact-us/", "changes/",
                 "schools/oakmoor/", f"{NOTICE}/"):
        assert (site / page / "index.html").is_file(), page
    notice = (site / NOTICE / "index.html").read_text("utf-8")
    assert any(name in notice for name in RECIPIENT)  # engines escape the apostrophe differently
    assert re.search(r'href="(\./)?schools/oakmoor/children-in-need/"', (site / "index.html").read_text("utf-8"))
    assert (site / "downloads" / "oakmoor" / "children-in-need.pdf").read_bytes().startswith(b"%PDF")
    assert (site / "changes.xml").is_file()


def test_mkdocs_with_the_site_overrides_shows_the_downloads_and_version_from_the_front_matter(pages, tmp_path):
    shutil.copytree(PROJECT / "site_overrides", tmp_path / "site_overrides")
    shutil.copytree(pages, tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text("site_name: Privacy notices\n"
                                         "theme: {name: material, custom_dir: site_overrides}\n", "utf-8")
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=tmp_path, env=QUIET, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    notice = (tmp_path / "site" / NOTICE / "index.html").read_text("utf-8")
    assert 'href="../../../downloads/oakmoor/children-in-need.pdf" download>PDF</a>' in notice
    assert "Notice version 2.0." in notice and "Last reviewed 1 September 2026." in notice


def test_notices_site_says_when_the_theme_is_no_longer_maintained(monkeypatch, tmp_path):
    """Material prints its end-of-life banner only when the program is called mkdocs: notices site says it itself."""
    assert end_of_life_note(datetime.date(2027, 5, 4)) is None  # maintained: nothing to act on
    monkeypatch.setattr(theme_support, "THEME_END_OF_LIFE", datetime.date.today())
    project = copy_project(tmp_path / "project")
    built = notices("site", "--config", str(project / "mkdocs.yml"), "--out", str(project / "site"))
    assert built.exit_code == 0, built.output
    assert "note: the website's theme, Material for MkDocs, gets no security fixes since" in built.output
    assert "publishing.md#the-websites-engine" in built.output
