"""A hand-written page is held to the rules of free text in the facts: its raw HTML and attribute lists show as
text, a link or picture that goes anywhere but a fact's kind of link or this site stops the build naming
file:line:col, and so do front matter the theme would act on and a file beside the pages that can run script."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from tests.conftest import keep_only_notice, notices, straight_quotes
from tests.site.conftest import set_plugin_option

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

PAGES = "templates/site/pages"


@pytest.fixture
def small_project(project_copy: Path) -> Path:
    """The example with one notice and no downloads: a site that builds in seconds."""
    keep_only_notice(project_copy / "notices")
    settings = project_copy / "mkdocs.yml"
    set_plugin_option(settings, "formats", "[]")
    return project_copy


def site(project: Path, out: Path):
    return notices("site", "--config", str(project / "mkdocs.yml"), "--out", str(out))


def test_raw_html_and_attribute_lists_show_as_text_and_the_title_is_escaped(small_project, tmp_path):
    (small_project / PAGES / "accessibility.md").write_text(
        '---\ntitle: Access <b onmouseover="alert(1)">me</b>\ndescription: \'"><script>alert(2)</script>\'\n---\n'
        "# Accessibility\n\nWe test <script>alert(3)</script> every page. {: onclick=\"alert(4)\" }\n\n"
        "[Our home page](index.md), [the ICO](https://ico.org.uk) and <https://www.w3.org/WAI/>.\n", "utf-8")
    result = site(small_project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site/accessibility/index.html").read_text("utf-8")
    root = lxml.html.fromstring(html)
    assert root.xpath("//article//script") == [] and root.xpath("//*[@onclick or @onmouseover]") == []
    assert [script for script in root.iter("script") if "alert" in (script.text or "")] == []
    article = straight_quotes(root.xpath("//article")[0].text_content())  # quotes are printed curled
    assert "We test <script>alert(3)</script> every page. {: onclick=\"alert(4)\" }" in article
    assert [link.get("href") for link in root.xpath("//article//a[@href]") if "headerlink" not in link.get("class", "")
            ] == ["../", "https://ico.org.uk", "https://www.w3.org/WAI/"]
    assert root.findtext(".//title").startswith('Access <b onmouseover="alert(1)">me</b> - ')
    assert root.xpath("//meta[@name='description']/@content") == ['"><script>alert(2)</script>']


@pytest.mark.parametrize("line, problem", [
    ("[Click here](javascript:alert(1))",
     "the page links to 'javascript:alert(1)': links may only go to a web page (https://...), an email address "
     "(mailto:...), a phone number (tel:...) or a page of this site"),
    ("[Elsewhere](//evil.example/page)", "the page links to '//evil.example/page'"),
    ("![Our logo](https://tracker.example/pixel.png)",
     "the page shows a picture from 'https://tracker.example/pixel.png': pictures must be files of this site"),
])
def test_a_link_or_picture_to_anywhere_else_stops_the_build_naming_its_line(small_project, tmp_path, line, problem,
                                                                            caplog):
    (small_project / PAGES / "accessibility.md").write_text(f"# Accessibility\n\nSee {line}.\n", "utf-8")
    result = site(small_project, tmp_path / "site")
    assert result.exit_code == 1
    column = len("See ") + line.index("](") + 3  # where the target starts
    assert f"{PAGES}/accessibility.md:3:{column}: {problem}" in caplog.text
    assert not (tmp_path / "site").exists()


def test_front_matter_the_theme_acts_on_and_a_script_file_beside_the_pages_stop_the_build(small_project, tmp_path,
                                                                                         caplog):
    page = small_project / PAGES / "accessibility.md"
    page.write_text("---\ntitle: Access\nbrand_style: '</style><script>alert(1)</script>'\n---\n# Access\n", "utf-8")
    result = site(small_project, tmp_path / "site")
    assert result.exit_code == 1
    assert (f"{PAGES}/accessibility.md:3:1: the front matter key 'brand_style' is not allowed in a hand-written page "
            "(only title and description are)") in caplog.text
    caplog.clear()
    page.write_text("# Access\n", "utf-8")
    (small_project / PAGES / "offers.html").write_text("<script>alert(1)</script>", "utf-8")
    result = site(small_project, tmp_path / "site")
    assert result.exit_code == 1
    assert f"{PAGES}/offers.html: a file of this kind (.html) can run script on the website" in caplog.text
    assert "raw_html_in_pages: true" in caplog.text  # what to write instead


def test_notices_pages_copies_hand_written_pages_under_the_same_rules(small_project, tmp_path):
    page = small_project / PAGES / "accessibility.md"
    page.write_text("---\ntitle: Access <b>me</b>\n---\n# Access\n\n<img src=x onerror=alert(1)>\n", "utf-8")
    result = notices("pages", "--config", str(small_project / "mkdocs.yml"), str(tmp_path / "docs"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "docs/accessibility.md").read_text("utf-8") == (
        "---\ntitle: Access &lt;b&gt;me&lt;/b&gt;\n---\n\n# Access\n\n&lt;img src=x onerror=alert(1)&gt;\n")
    page.write_text("# Access\n\n[Click](javascript:alert(1))\n", "utf-8")
    refused = notices("pages", "--config", str(small_project / "mkdocs.yml"), str(tmp_path / "other"))
    assert refused.exit_code == 1 and not (tmp_path / "other").exists()
    assert f"{PAGES}/accessibility.md:3:9: the page links to 'javascript:alert(1)'" in refused.output
