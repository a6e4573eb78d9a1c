"""The completeness audit reads every print and document format back and finds what a template leaves out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.check import audit_rendered
from generator.pipeline import render_all
from generator.project import load_project
from generator.render.formats import RenderContext, all_formats, select_formats
from tests.conftest import EXAMPLE, TEMPLATES, example_with_one_notice, keep_only_notice, templates_with

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

FORMATS = ["pdf", "booklet", "docx", "fragment"]
RETENTION_HEADING = "## {{ titles['how-long-we-keep-it'] }} {{ anchor('how-long-we-keep-it') }}\n"


def _render(facts: Path, templates: Path, names: list[str], into: Path) -> list:
    notices = load_project(facts).notices
    render_all(notices, select_formats(names), RenderContext(templates), into)
    return notices


def test_every_format_of_the_example_passes_the_audit(example_build: Path) -> None:
    assert audit_rendered(example_build, load_project(EXAMPLE).notices) == []


def test_a_booklet_of_two_notices_passes_the_audit(two_notice_facts: Path, tmp_path: Path) -> None:
    notices = _render(two_notice_facts, TEMPLATES, ["booklet", "json"], tmp_path)
    assert len(notices) == 2
    assert audit_rendered(tmp_path, notices) == []


@pytest.mark.parametrize("name", FORMATS)
def test_a_template_that_drops_the_retention_section_fails_the_audit(name: str, tmp_path: Path) -> None:
    templates = templates_with(tmp_path, RETENTION_HEADING, "")
    notices = _render(example_with_one_notice(tmp_path / "notices"), templates, [name], tmp_path / "out")
    findings = audit_rendered(tmp_path / "out", notices)
    output_format = all_formats()[name]
    audited = output_format.output_path("oakmoor") if output_format.scope == "school" \
        else output_format.output_path("oakmoor", "children-in-need")
    assert [(finding.rule, Path(finding.location.file).name) for finding in findings] == [("A13.2.a", audited.name)]


CONTROLLER_LINE = "In charge of the facts about you: {{ n.organisation.name }}.\n"


def _childrens_template_without(tmp_path: Path, line: str) -> Path:
    """A copy of the project's templates whose children's version leaves out one line."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    template = folder / "notice.children.md.j2"
    assert template.read_text("utf-8").count(line) == 1
    template.write_text(template.read_text("utf-8").replace(line, ""), "utf-8")
    return folder


@pytest.mark.parametrize("name", ["md", "pdf", "docx"])
def test_a_childrens_page_that_drops_the_controller_fails_the_audit(name: str, tmp_path: Path) -> None:
    """Children's pages are audited like their notice: read back, they name the controller and every fact."""
    templates = _childrens_template_without(tmp_path, CONTROLLER_LINE)
    facts = shutil.copytree(EXAMPLE, tmp_path / "notices")
    keep_only_notice(facts, "pupils")
    notices = _render(facts, templates, [name], tmp_path / "out")
    findings = audit_rendered(tmp_path / "out", notices)
    children = all_formats()[name].output_path("oakmoor", "pupils.children")
    assert [(finding.rule, Path(finding.location.file).name) for finding in findings] == [("A13.1.a", children.name)]
    assert "does not state the controller's name 'University of Chichester Academy Trust'" in findings[0].message


def test_a_childrens_page_missing_a_fact_it_lists_fails_the_audit(tmp_path: Path) -> None:
    templates = _childrens_template_without(tmp_path, "- {{ fact.shown }}{{ fact.after }}\n")
    facts = shutil.copytree(EXAMPLE, tmp_path / "notices")
    keep_only_notice(facts, "pupils")
    notices = _render(facts, templates, ["md"], tmp_path / "out")
    findings = audit_rendered(tmp_path / "out", notices)
    assert {(finding.rule, Path(finding.location.file).name) for finding in findings} == {
        ("L.children-facts", "pupils.children.md")}
    assert any("does not state the fact 'The school nurse'" in finding.message for finding in findings)
