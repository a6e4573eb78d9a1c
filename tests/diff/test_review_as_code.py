"""A pull request that changes no fact but a page, mkdocs.yml, a template or the workflow is shown by `notices diff`
as a change to review as code, with its diff, in every report; what mkdocs.yml makes the build run is said plainly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.diff.review_report import COMMENT_LIMIT
from generator.site.build_site import build_site
from tests.conftest import PROJECT
from tests.diff.conftest import Repo, committed_example
from tests.diff.test_acceptance import diff
from tests.site.conftest import SiteServer, set_plugin_option

PAYLOAD = "<img src=x onerror=alert(1)>"
PAGE = "templates/site/pages/accessibility.md"
HOOK = "mkdocs.yml adds the hook evil.py: Python code that runs in every build, in CI too."


def committed_project(tmp_path: Path) -> Repo:
    """The example's facts with the files a school's repository builds with: settings (offering no downloads,
    for a quick site), templates with a hand-written page, theme overrides and the workflow; committed once."""
    repo = committed_example(tmp_path)
    for name in ("templates", "site_overrides", ".github"):
        shutil.copytree(PROJECT / name, repo.root / name)
    settings = (PROJECT / "mkdocs.yml").read_text("utf-8")
    (repo.root / "mkdocs.yml").write_text(settings, "utf-8")
    set_plugin_option(repo.root / "mkdocs.yml", "formats", "[]")
    (repo.root / PAGE).write_text("# Accessibility statement\n\nWe test every page against WCAG 2.2 AA.\n", "utf-8")
    repo.commit("the site's own files")
    return repo


@pytest.fixture
def project(tmp_path: Path) -> Repo:
    return committed_project(tmp_path)


def append(repo: Repo, relative: str, text: str) -> None:
    with open(repo.root / relative, "a", encoding="utf-8") as file:
        file.write(text)


def test_a_page_that_gains_a_script_is_a_change_to_review_in_the_text_and_the_comment(project, tmp_path):
    append(project, PAGE, f"\n{PAYLOAD}\n")
    project.commit("a picture")
    comment_file = tmp_path / "comment.md"
    result = diff(project, "main~1", "main", "--comment", str(comment_file))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Changes from main~1 to main: No changes to the facts. 1 file outside the facts that the website or the build "
        "reads changes: review it as code.\n\nChanged: review as code:\n"
        f"  {PAGE} (a hand-written page of the website) changed: review as code.\n")
    assert f"--- a/{PAGE}\n+++ b/{PAGE}\n" in result.output and f"\n+{PAYLOAD}\n" in result.output
    comment = comment_file.read_text("utf-8")
    assert f"- {PAGE} (a hand-written page of the website) changed: review as code." in comment
    assert f"```diff\n--- a/{PAGE}\n+++ b/{PAGE}\n" in comment and f"\n+{PAYLOAD}\n```" in comment
    assert "No changes to the notices" not in comment


def test_a_hook_in_mkdocs_yml_is_called_out_as_code_that_runs_in_the_build(project, tmp_path):
    append(project, "mkdocs.yml", "hooks: [evil.py]\n")
    project.commit("a hook")
    text = diff(project, "main~1", "main")
    assert text.exit_code == 0
    assert "mkdocs.yml (the website's settings) changed: review as code." in text.output
    assert f"Code that will run in the build:\n  {HOOK}\n" in text.output
    assert "\n+hooks: [evil.py]\n" in text.output
    comment_file = tmp_path / "comment.md"
    diff(project, "main~1", "main", "--format", "markdown", "--comment", str(comment_file))
    assert f"**Code that will run in the build:**\n\n- **{HOOK}**" in comment_file.read_text("utf-8")


def test_the_hook_file_plugins_extensions_and_raw_html_are_each_named(project):
    (project.root / "evil.py").write_text("import os\n", "utf-8")
    (project.root / "more.yml").write_text("hooks: [other.py]\n", "utf-8")
    append(project, "mkdocs.yml", "hooks:\n  - evil.py\nINHERIT: more.yml\n")
    settings = (project.root / "mkdocs.yml").read_text("utf-8")
    (project.root / "mkdocs.yml").write_text(
        settings.replace("  - search:\n", "  - macros\n  - search:\n")
        .replace("  - notices:\n", "  - notices:\n      raw_html_in_pages: true\n")
        .replace("  - assets/notices.js\n", "  - assets/notices.js\n  - path: https://evil.example/x.js\n")
        .replace("  - sane_lists\n", "  - sane_lists\n  - pymdownx.superfences:\n      custom_fences:\n"
                 "        - name: x\n          format: !!python/name:evil.run\n"), "utf-8")
    project.commit("code")
    review = json.loads(diff(project, "main~1", "main", "--format", "json").output)
    assert [(file["path"], file["status"], file["role"]) for file in review["review_as_code"]] == [
        ("evil.py", "added", "a build hook: Python that runs in every build"),
        ("mkdocs.yml", "changed", "the website's settings"), ("more.yml", "added", "the website's settings")]
    assert review["runs_in_build"] == [
        HOOK,
        "mkdocs.yml adds the plugin 'macros': code that runs in every build, in CI too.",
        "mkdocs.yml adds the Markdown extension 'pymdownx.superfences': code that runs in every build, in CI too.",
        "mkdocs.yml names Python code (!!python/name:evil.run): code that runs in every build, in CI too.",
        "mkdocs.yml takes more settings from more.yml: read it as you read mkdocs.yml.",
        "mkdocs.yml adds the script https://evil.example/x.js to every page of the website: it runs in every "
        "visitor's browser.",
        "mkdocs.yml sets 'raw_html_in_pages: true': hand-written pages may now put any HTML, scripts included, "
        "on the website."]


def test_templates_overrides_the_workflow_and_a_logo_are_listed_and_the_rest_is_not(project):
    append(project, "templates/site/home.md.j2", "\nWelcome.\n")
    append(project, "site_overrides/main.html", "\n<script>steal()</script>\n")
    append(project, ".github/workflows/notices.yml", "\n# run anything\n")
    (project.facts / "brand" / "trust-logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0changed")
    (project.root / "README.md").write_text("Our notices.\n", "utf-8")
    project.commit("everything but the facts")
    review = json.loads(diff(project, "main~1", "main", "--format", "json").output)
    assert [(file["path"], file["role"]) for file in review["review_as_code"]] == [
        (".github/workflows/notices.yml", "a CI workflow: it runs on GitHub with the repository's permissions"),
        ("notices/brand/trust-logo.png",
         "a file in the facts folder that is not a fact (a logo, say): published as it is"),
        ("site_overrides/main.html", "a theme override: HTML and scripts on every page of the website"),
        ("templates/site/home.md.j2", "a template of the notices or of the website")]
    logo = review["review_as_code"][1]["diff"]
    assert len(logo) == 1 and logo[0].startswith("Not text that can be shown here (")
    assert review["runs_in_build"] == [] and review["notices"] == []


def test_a_change_in_the_working_tree_is_reviewed_and_identical_revisions_still_say_no_changes(project):
    assert diff(project, "main", "main").output == "No changes to the notices.\n"
    assert diff(project, "main").output == "No changes to the notices.\n"
    (project.root / "templates/site/pages/new.md").write_text("# New\n", "utf-8")  # not yet added to git
    assert "templates/site/pages/new.md (a hand-written page of the website) added: review as code." in diff(
        project, "main").output


def test_no_line_of_a_diff_can_end_its_code_block_or_rewrite_the_terminal(project, tmp_path):
    append(project, PAGE, "\n`````\n</details>\n\x1b[2Kerased\n")
    project.commit("fences and escapes")
    text = diff(project, "main~1", "main").output
    assert "\x1b" not in text and "+\\x1b[2Kerased" in text
    comment_file = tmp_path / "comment.md"
    diff(project, "main~1", "main", "--comment", str(comment_file))
    comment = comment_file.read_text("utf-8")
    assert "``````diff\n" in comment and "\n+`````\n+</details>\n" in comment  # the fence is one longer


def test_a_diff_too_long_for_the_comment_is_left_to_the_full_review_and_the_file_still_named(project, tmp_path):
    (project.root / PAGE).write_text("".join(f"Line {number} of a long page.\n" for number in range(5000)), "utf-8")
    project.commit("a long page")
    comment_file = tmp_path / "comment.md"
    result = diff(project, "main~1", "main", "--format", "markdown", "--comment", str(comment_file))
    assert "+Line 4999 of a long page." in result.output
    comment = comment_file.read_text("utf-8")
    assert len(comment) < COMMENT_LIMIT
    assert f"- {PAGE} (a hand-written page of the website) changed: review as code." in comment
    assert f"The diff of {PAGE} is in the full review." in comment and "```diff" not in comment


def _dialogs_and_handlers(site: Path, chromium, page_path: str) -> tuple[list[str], list[str], str]:
    """The dialogs opened, the elements with an onerror attribute, and the text of the page in Chromium."""
    server, context, dialogs = SiteServer(site), chromium.new_context(), []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(server.url + page_path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # a broken picture's error event comes after the load
        handlers = page.evaluate("() => [...document.querySelectorAll('[onerror]')].map(e => e.outerHTML)")
        return dialogs, handlers, page.inner_text("article")
    finally:
        context.close()
        server.close()


def test_the_script_the_review_shows_does_not_run_on_the_built_site(project, tmp_path, chromium):
    append(project, PAGE, f"\n{PAYLOAD}\n")
    project.commit("a picture")
    assert f"\n+{PAYLOAD}\n" in diff(project, "main~1", "main").output
    site = build_site(project.root / "mkdocs.yml", tmp_path / "site")
    dialogs, handlers, text = _dialogs_and_handlers(site, chromium, "accessibility/")
    assert (dialogs, handlers) == ([], [])
    assert PAYLOAD in text  # shown as written, as free text from the facts is
    # The same page where mkdocs.yml says pages are code: the script runs, so the check above can see it.
    settings = project.root / "mkdocs.yml"
    set_plugin_option(settings, "raw_html_in_pages", "true")
    trusted = build_site(settings, tmp_path / "trusted")
    dialogs, handlers, _ = _dialogs_and_handlers(trusted, chromium, "accessibility/")
    assert dialogs == ["1"] and len(handlers) == 1


def test_changes_to_the_facts_come_under_their_own_heading_after_the_files_to_review_as_code(project):
    append(project, PAGE, "\nWe answer within a month.\n")
    project.edit("children-in-need.yaml", "reaches the age of 25", "reaches the age of 21")
    project.commit("a page and a fact")
    markdown = diff(project, "main~1", "main", "--format", "markdown").output
    code, facts = markdown.index("#### Changed: review as code"), markdown.index("#### Changes to the facts\n\n- ")
    assert code < facts < markdown.index("<details>")
    text = diff(project, "main~1", "main").output
    assert text.index("Changed: review as code:\n") < text.index("Changes to the facts:\n  ")


def test_settings_that_name_no_plugin_are_reviewed_as_a_change_not_an_internal_error(project):
    (project.root / "mkdocs.yml").write_text("site_name: Our notices\n", "utf-8")
    project.commit("settings with no plugins")
    result = diff(project, "main~1", "main")
    assert result.exit_code == 0, result.output
    assert "mkdocs.yml (the website's settings) changed: review as code." in result.output
    assert "+site_name: Our notices\n" in result.output
