"""The website follows the build's publishing rule: a notice with checker errors stops `notices site` and
`mkdocs build` (naming each error, the previous site kept), unless publish_incomplete marks it on its page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import NOTICES_COMMAND
from tests.site.conftest import set_plugin_option

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

NOTICE = "notices/children-in-need.yaml"
PAGE = "schools/oakmoor/children-in-need/index.html"
BANNER = ("This notice is incomplete. It was published before its facts were complete, and does not yet say "
          "everything the law requires: where the data comes from.")


def _offering_html_only(project: Path) -> None:
    settings = project / "mkdocs.yml"
    set_plugin_option(settings, "formats", "[html]")


def _without_sources(project: Path) -> None:
    notice = project / NOTICE
    lines = notice.read_text().splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if line.startswith("sources:"))
    end = next(index for index in range(start + 1, len(lines)) if lines[index][:1] not in (" ", "-", "\n"))
    notice.write_text("".join(lines[:start] + lines[end:]))


def _page_text(site: Path, page: str) -> str:
    return " ".join(lxml.html.parse(str(site / page)).getroot().text_content().split())


def _site(project: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([NOTICES_COMMAND, "site", "--out", "site", *options], cwd=project, capture_output=True,
                          text=True)


def test_notices_site_refuses_a_notice_with_a_checker_error_and_keeps_the_old_site(project_copy: Path) -> None:
    _offering_html_only(project_copy)
    assert _site(project_copy).returncode == 0
    before = (project_copy / "site" / PAGE).read_bytes()
    _without_sources(project_copy)
    refused = _site(project_copy)
    assert refused.returncode == 1
    assert f"{NOTICE}:" in refused.stderr and "A14.2.f in oakmoor/children-in-need" in refused.stderr
    assert "--publish-incomplete" in refused.stderr and "Traceback" not in refused.stderr
    assert (project_copy / "site" / PAGE).read_bytes() == before

    published = _site(project_copy, "--publish-incomplete")
    assert published.returncode == 0, published.stderr
    assert BANNER in _page_text(project_copy / "site", PAGE)
    assert BANNER in _page_text(project_copy / "site", "downloads/oakmoor/children-in-need.html")


def test_the_plugin_option_publishes_the_notice_marked_with_mkdocs_build(project_copy: Path) -> None:
    _offering_html_only(project_copy)
    _without_sources(project_copy)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    refused = subprocess.run([mkdocs, "build", "--strict"], cwd=project_copy, capture_output=True, text=True)
    assert refused.returncode == 1 and "A14.2.f in oakmoor/children-in-need" in refused.stderr
    settings = project_copy / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("formats: [html]", "formats: [html]\n      publish_incomplete: true"))
    built = subprocess.run([mkdocs, "build", "--strict"], cwd=project_copy, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert BANNER in _page_text(project_copy / "site", PAGE)
