"""What a trust's schools share is rendered once and reused; a school's own change never leaks."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.markdown import render_markdown
from tests.conftest import FIXTURES, TEMPLATES, templates_with

REGIS_OVERRIDE = """
notices:
  children-in-need:
    add:
      categories:
        - id: bus-passes
          name: Bus pass numbers
"""


def two_schools(example_copy: Path, regis_extra: str = "") -> list:
    regis = (FIXTURES / "second-school" / "regis.yaml").read_text("utf-8") + regis_extra
    (example_copy / "schools" / "regis.yaml").write_text(regis, "utf-8")
    return load_project(example_copy).notices


def test_schools_that_share_a_notice_share_its_sections_but_not_their_own_details(example_copy: Path) -> None:
    oakmoor, regis = two_schools(example_copy)
    assert oakmoor.notice is regis.notice and oakmoor.bases is regis.bases and oakmoor.rights is regis.rights
    context = RenderContext(TEMPLATES)
    first, second = render_markdown(oakmoor, context), render_markdown(regis, context)
    assert "Hampshire County Council Children's Services" in first and "West Sussex" not in first
    assert "West Sussex County Council Children's Services" in second and "Hampshire" not in second
    shared_sections = first[first.index("## What information we hold"):first.index("## Who we share it with")]
    assert shared_sections in second


def test_a_school_that_changes_a_notice_gets_its_own_sections(example_copy: Path) -> None:
    oakmoor, regis = two_schools(example_copy, REGIS_OVERRIDE)
    context = RenderContext(TEMPLATES)
    assert "Bus pass numbers" not in render_markdown(oakmoor, context)  # rendered first: its sections are held
    assert "Bus pass numbers" in render_markdown(regis, context)
    assert "Bus pass numbers" not in render_markdown(oakmoor, context)


def test_a_shared_section_that_names_the_school_is_an_error_not_another_schools_name(tmp_path: Path,
                                                                                      example_copy: Path) -> None:
    templates = templates_with(tmp_path, "We use this information to:", "{{ n.variant.name }} uses this information to:")
    (notice,) = load_project(example_copy).notices
    with pytest.raises(jinja2.UndefinedError, match="'n' is undefined"):
        render_markdown(notice, RenderContext(templates))
