"""`notices verify URL` says, per notice, whether the live website (or a school's own page with a pasted fragment)
shows what the facts publish now, and exits 1 when one is out of date or missing: tested on 127.0.0.1."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import threading
from pathlib import Path

import lxml.html
import pytest
import yaml

from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.fragment import render_fragment
from generator.site.verify import LARGEST_PAGE, PageNotRead, expected_pages, read_page, served_markers, verify_all
from tests.conftest import PROJECT, notices
from tests.diff.test_workflow import _actionlint
from tests.docs.markdown import fenced_blocks
from tests.site.conftest import SiteServer

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

NOTICE = "children-in-need at oakmoor"
FRAGMENT = Path("downloads/oakmoor/children-in-need.fragment.html")


def _verify(project: Path, *urls: str):
    return notices("verify", "--config", str(project / "mkdocs.yml"), *urls)


def _served(folder: Path, files: dict[str, bytes]):
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return SiteServer(folder)


@pytest.fixture
def newer_facts(project_copy: Path) -> Path:
    """The example after a review of children-in-need that the live site has not caught up with."""
    facts = project_copy / "notices" / "children-in-need.yaml"
    text = facts.read_text("utf-8")
    text = text.replace('version: "2.0"\nlast_reviewed: 2026-09-01', 'version: "3.0"\nlast_reviewed: 2026-12-01')
    text = text.replace("changes:\n", 'changes:\n  - date: 2026-12-01\n    version: "3.0"\n'
                                      "    summary: Said how long we keep the records of care leavers.\n", 1)
    facts.write_text(text, "utf-8")
    return project_copy


def test_a_site_built_from_the_current_facts_is_current(example_project, site_url):
    result = _verify(example_project, site_url)
    assert result.exit_code == 0, result.output
    assert f"current: {NOTICE}: the site ({site_url}schools/oakmoor/children-in-need/) shows version 2.0 of " \
           "1 September 2026." in result.output
    assert "current: pupils (children's version) at oakmoor:" in result.output
    assert "All 9 notices are current." in result.output


def test_a_site_behind_the_facts_is_stale_and_says_which_versions_differ(newer_facts, site_url):
    result = _verify(newer_facts, site_url)
    assert result.exit_code == 1, result.output
    assert (f"STALE: {NOTICE}: the site ({site_url}schools/oakmoor/children-in-need/) shows version 2.0 of "
            "1 September 2026; the facts say version 3.0 of 1 December 2026.") in result.output
    assert "current: pupils at oakmoor:" in result.output  # only the reviewed notice is behind
    assert "1 of 9 notices are out of date or missing" in result.output


def test_new_wording_under_the_same_version_is_stale_too(project_copy, site_url):
    facts = project_copy / "notices" / "children-in-need.yaml"
    facts.write_text(facts.read_text("utf-8").replace("keep track of how they are doing", "follow their progress"),
                     "utf-8")
    result = _verify(project_copy, site_url)
    assert result.exit_code == 1, result.output
    assert f"STALE: {NOTICE}: the site ({site_url}schools/oakmoor/children-in-need/) shows version 2.0 of 1 " \
           "September 2026, as the facts do, but with other wording" in result.output


def test_a_school_page_with_the_pasted_fragment_is_judged_on_the_notice_it_carries(built_site, example_project,
                                                                                  newer_facts, tmp_path):
    fragment = (built_site / FRAGMENT).read_bytes()
    server = _served(tmp_path / "cms", {"privacy.html": b"<!doctype html><html><head><title>Privacy</title></head>"
                                        b"<body><h1>Our school</h1>" + fragment + b"</body></html>"})
    try:
        current = _verify(example_project, server.url + "privacy.html")
        stale = _verify(newer_facts, server.url + "privacy.html")
    finally:
        server.close()
    assert current.exit_code == 0, current.output
    assert current.output.startswith(f"current: {NOTICE}: the page shows version 2.0 of 1 September 2026.\n")
    assert stale.exit_code == 1, stale.output
    assert f"STALE: {NOTICE}: the page shows version 2.0 of 1 September 2026; the facts say version 3.0 of " \
           "1 December 2026." in stale.output


def test_a_notice_missing_from_the_site_is_named_with_the_servers_answer(example_project, tmp_path):
    server = _served(tmp_path / "empty", {"index.html": b"<!doctype html><title>Another site</title>"})
    try:
        result = _verify(example_project, server.url)
    finally:
        server.close()
    assert result.exit_code == 1, result.output
    assert (f"STALE: {NOTICE}: not on the site: {server.url}schools/oakmoor/children-in-need/ answered 404 "
            "File not found; the facts publish version 2.0 of 1 September 2026.") in result.output
    assert "9 of 9 notices are out of date or missing" in result.output


def test_an_unreachable_or_wrong_address_is_one_plain_line(example_project):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # closed when the test runs: nothing listens there
    refused = _verify(example_project, f"http://127.0.0.1:{port}/")
    assert refused.exit_code == 1
    assert refused.output == f"error: http://127.0.0.1:{port}/ could not be reached (Connection refused)\n"
    wrong = _verify(example_project, "file:///etc/passwd")
    assert wrong.exit_code == 1
    assert "error: 'file:///etc/passwd' is not a web address" in wrong.output
    assert "Traceback" not in refused.output + wrong.output


def test_a_page_too_large_to_be_a_notice_is_not_read(tmp_path):
    server = _served(tmp_path / "large", {"big.html": b"<p>" + b"x" * LARGEST_PAGE})
    try:
        with pytest.raises(PageNotRead, match="is larger than 5 MB"):
            read_page(server.url + "big.html")
    finally:
        server.close()


def test_the_marker_carries_a_hostile_version_as_text(tmp_path):
    """The fragment's marker is made by code and escaped: a version written as markup comes back as the same text."""
    notice = next(n for n in load_project(PROJECT / "notices").notices if n.key == "oakmoor/children-in-need")
    hostile = '2.0" onmouseover="alert(1)'
    notice = notice.model_copy(update={"notice": notice.notice.model_copy(update={"version": hostile})})
    fragment = render_fragment(notice, RenderContext(templates=PROJECT / "templates"))
    assert not lxml.html.fragment_fromstring(fragment).xpath("//*[@onmouseover]")
    [marker] = served_markers(fragment.encode("utf-8"))
    assert marker.key == "oakmoor/children-in-need" and marker.version == hostile


def test_the_workflow_checks_the_live_site_after_each_deploy_unless_turned_off():
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "notices.yml").read_text("utf-8"))
    job = workflow["jobs"]["verify"]
    assert job["needs"] == "deploy" and job["if"] == "vars.NOTICES_VERIFY != 'false'"
    assert workflow["jobs"]["deploy"]["outputs"]["page_url"] == "${{ steps.deployment.outputs.page_url }}"
    step = job["steps"][-1]
    assert step["env"]["SITE_URL"] == "${{ needs.deploy.outputs.page_url }}"
    assert step["run"] == 'notices verify --wait 600 "$SITE_URL"'


def test_with_wait_it_asks_again_until_the_host_serves_the_new_pages(built_site, newer_facts, tmp_path):
    """Just after a deploy a host may serve the old pages for a while: --wait asks again instead of failing."""
    page = tmp_path / "cms" / "privacy.html"
    server = _served(tmp_path / "cms", {"privacy.html": (built_site / FRAGMENT).read_bytes()})
    notice = next(n for n in load_project(newer_facts / "notices").notices if n.key == "oakmoor/children-in-need")
    sleeps = []

    def host_catches_up(seconds: float) -> None:
        sleeps.append(seconds)
        page.write_text(render_fragment(notice, RenderContext(templates=newer_facts / "templates")), "utf-8")

    try:
        findings = verify_all([server.url + "privacy.html"], expected_pages(newer_facts / "mkdocs.yml"), wait=60,
                              sleep=host_catches_up)
    finally:
        server.close()
    assert sleeps == [15]
    assert [(finding.current, finding.words) for finding in findings] == [
        (True, "the page shows version 3.0 of 1 December 2026.")]


class _RedirectToFtp(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "ftp://127.0.0.1/notices.html")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_redirect_away_from_the_web_is_not_followed():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RedirectToFtp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with pytest.raises(PageNotRead, match="sends the reader to ftp://127.0.0.1/notices.html, which is not a web page"):
            read_page(url)
    finally:
        server.shutdown()
        server.server_close()


def test_the_manuals_github_pages_workflow_checks_the_live_site_and_passes_actionlint(tmp_path):
    manual = (PROJECT / "docs" / "publishing.md").read_text("utf-8").split("- **GitHub Pages**", 1)[1]
    indented = next(body for language, body in fenced_blocks(manual.replace("\n  ", "\n")) if language == "yaml")
    steps = yaml.safe_load(indented)["jobs"]["publish"]["steps"]
    assert steps[-2] == {"id": "deployment", "uses": "actions/deploy-pages@v5"}
    assert steps[-1]["run"] == '.venv/bin/notices verify --wait 600 "$SITE_URL"'
    assert steps[-1]["env"]["SITE_URL"] == "${{ steps.deployment.outputs.page_url }}"
    actionlint = _actionlint()
    if actionlint is None and not os.environ.get("CI"):
        pytest.skip("actionlint is not installed: pip install -e '.[lint]'")
    (tmp_path / "pages.yml").write_text(indented, "utf-8")
    linted = subprocess.run([actionlint, "-no-color", str(tmp_path / "pages.yml")], capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_a_page_without_a_marker_is_stale_and_says_why(example_project, tmp_path):
    """A notice page built by an older version of the tool (or without its site_overrides/) shows no marker."""
    server = _served(tmp_path / "old", {"index.html": b"<!doctype html><title>Privacy notices</title>",
                                        "schools/oakmoor/children-in-need/index.html":
                                            b"<!doctype html><title>Children in need</title><p>Notice version 2.0.</p>"})
    try:
        result = _verify(example_project, server.url)
    finally:
        server.close()
    assert result.exit_code == 1
    assert (f"STALE: {NOTICE}: the page {server.url}schools/oakmoor/children-in-need/ carries no notice marker (it was "
            "built by an older version of the tool, or without its site_overrides/); the facts publish version 2.0 of "
            "1 September 2026.") in result.output


def test_settings_without_the_notices_plugin_say_what_to_add(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Our school\n", "utf-8")
    result = _verify(tmp_path, "http://127.0.0.1:9/")
    assert result.exit_code == 1
    assert "does not use the notices plugin: add '- notices' under 'plugins:'." in result.output
