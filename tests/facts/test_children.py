"""A notice's children's version, `children/<notice-id>.yaml`: loaded with its own fields, refused with
file:line:col when it names no notice or says one section twice, and built only from the notice's facts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.facts.errors import FactErrors
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.markdown import render_markdown
from tests.conftest import TEMPLATES, notices


@pytest.fixture
def facts(example_copy: Path) -> Path:
    """The example, whose pupils notice has a children's version."""
    return example_copy


def _childrens_markdown(facts: Path) -> str:
    pupils = next(notice for notice in load_project(facts).notices if notice.id == "pupils")
    return render_markdown(pupils.for_children(), RenderContext(templates=TEMPLATES))


def test_the_childrens_version_belongs_to_its_notice(facts: Path) -> None:
    by_id = {notice.id: notice for notice in load_project(facts).notices}
    assert by_id["pupils"].children.title == "How your school uses information about you"
    assert by_id["children-in-need"].children is None


def test_a_childrens_version_of_no_notice_is_refused_where_it_is(facts: Path) -> None:
    (facts / "children" / "pupils.yaml").rename(facts / "children" / "pupil.yaml")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert ("children/pupil.yaml:1:1: is a children's version of 'pupil', but there is no notice "
            "pupil.yaml.") in result.output
    assert "Did you mean 'pupils'?" in result.output


def test_a_section_explained_twice_is_refused(facts: Path) -> None:
    path = facts / "children" / "pupils.yaml"
    version = yaml.safe_load(path.read_text("utf-8"))
    version["sections"].append(dict(version["sections"][0]))
    path.write_text(yaml.safe_dump(version, sort_keys=False), "utf-8")
    with pytest.raises(FactErrors) as refused:
        load_project(facts)
    assert "explains the section 'who-we-are' twice" in str(refused.value)


def test_an_unknown_key_is_refused_with_a_suggestion(facts: Path) -> None:
    path = facts / "children" / "pupils.yaml"
    path.write_text(path.read_text("utf-8").replace("summary:", "sumary:"), "utf-8")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert "'sumary' is not a key this file understands. Did you mean 'summary'?" in result.output


def test_its_facts_come_from_the_notice_so_a_change_to_the_notice_changes_both(facts: Path) -> None:
    before = _childrens_markdown(facts)
    assert "- Hampshire County Council Children's Services" in before
    assert "- The pupil's educational record: until the pupil reaches the age of 25" in before
    notice = facts / "pupils.yaml"
    notice.write_text(notice.read_text("utf-8").replace(
        "until the pupil reaches the age of 25", "until the pupil moves to another school"), "utf-8")
    assert "- The pupil's educational record: until the pupil moves to another school" in _childrens_markdown(facts)


def test_its_sections_follow_the_notices_standard_order_with_the_childrens_words(facts: Path) -> None:
    markdown = _childrens_markdown(facts)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## Who we are {#who-we-are}", "## What we keep about you {#what-we-hold}",
                            "## Why we keep it {#why-we-use-it}"]
    assert "For ages 8 to 12." in markdown
