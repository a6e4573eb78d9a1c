"""The completeness audit reads every print and document format back and finds what a template leaves out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import render_all
from generator.project import load_project
from generator.render.formats import select_formats
from generator.check import audit_rendered
from generator.render.formats import RenderContext, all_formats
from tests.conftest import EXAMPLE, TEMPLATES, example_with_one_notice, templates_with

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
