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
    return render_markdown(pupils.for_children(*pupils.childrens_versions), RenderContext(templates=TEMPLATES))


def test_the_childrens_version_belongs_to_its_notice(facts: Path) -> None:
    by_id = {notice.id: notice for notice in load_project(facts).notices}
    assert [version.title for version in by_id["pupils"].childrens_versions] == ["How your school uses facts about you"]
    assert by_id["children-in-need"].childrens_versions == ()


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
    assert "- The council’s youth support team, once you are 13" in before  # the recipient in a child's words
    assert "- Your school file: until the pupil reaches the age of 25" in before
    notice = facts / "pupils.yaml"
    notice.write_text(notice.read_text("utf-8").replace(
        "until the pupil reaches the age of 25", "until the pupil moves to another school"), "utf-8")
    assert "- Your school file: until the pupil moves to another school" in _childrens_markdown(facts)


def test_its_sections_follow_the_notices_standard_order_with_the_childrens_words(facts: Path) -> None:
    markdown = _childrens_markdown(facts)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## Who we are {#who-we-are}", "## What we keep about you {#what-we-hold}",
                            "## Why we keep it {#why-we-use-it}"]
    assert "For ages 11 to 16." in markdown


# Issue 29, item 15: a children's version says only what its notice holds, names the controller, explains
# what a pupil must be told, and is written for the school's ages.

def _check_lines(facts: Path, rule: str) -> list[str]:
    result = notices("check", "--facts", str(facts), "--today", "2026-12-01")
    assert "internal error" not in result.output
    return [line.strip() for line in result.output.splitlines() if f" {rule}: " in line]


def _line_of(path: Path, words: str) -> int:
    return next(number for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if words in line)


def test_a_source_the_notice_does_not_hold_is_an_error_at_its_line(facts: Path) -> None:
    path = facts / "children" / "pupils.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("Most of the facts come from you and your family.",
                                 "Some facts come from doctors."), "utf-8")
    (line,) = _check_lines(facts, "L.children-facts")
    assert line.startswith(f"children/pupils.yaml:{_line_of(path, 'Some facts come from doctors.') - 1}:")
    assert "names doctors among the places the facts come from, but the notice names none" in line


def test_a_fact_named_by_an_id_the_notice_does_not_hold_is_an_error_at_its_line(facts: Path) -> None:
    path = facts / "children" / "pupils.yaml"
    path.write_text(path.read_text("utf-8").replace("fact: school-nursing", "fact: school-nurse"), "utf-8")
    (line,) = _check_lines(facts, "L.children-facts")
    assert line.startswith(f"children/pupils.yaml:{_line_of(path, 'fact: school-nurse')}:")
    assert "puts 'school-nurse' in a child's words, but the notice holds no such fact under 'Who we share it with, " \
           "and why': did you mean 'school-nursing'?" in line


def test_the_example_names_only_facts_of_its_notice(facts: Path) -> None:
    assert _check_lines(facts, "L.children-facts") == []
    assert "doctors" not in (facts / "children" / "pupils.yaml").read_text("utf-8")


def test_the_childrens_page_names_the_controller(facts: Path) -> None:
    assert "In charge of the facts about you: University of Chichester Academy Trust." in _childrens_markdown(facts)


def test_the_youth_support_choice_and_the_dfes_sharing_must_be_explained(facts: Path) -> None:
    path = facts / "children" / "pupils.yaml"
    version = yaml.safe_load(path.read_text("utf-8"))
    version["sections"] = [section for section in version["sections"]
                           if section["about"] not in ("youth-support-services", "national-pupil-database")]
    path.write_text(yaml.safe_dump(version, sort_keys=False, allow_unicode=True), "utf-8")
    lines = _check_lines(facts, "L.children-sections")
    assert len(lines) == 2
    assert any("does not explain that youth support services get facts about pupils from age 13, and that a parent "
               "(or the pupil, from 16) can ask us to pass on only the name, address and date of birth: add a "
               "section with `about: youth-support-services`" in line for line in lines)
    assert any("may share them with others: add a section with `about: national-pupil-database`" in line
               for line in lines)


def test_the_example_explains_them_with_a_link_to_the_full_section(facts: Path) -> None:
    assert _check_lines(facts, "L.children-sections") == []
    markdown = _childrens_markdown(facts)
    assert "## Help with what you do next {#youth-support-services}" in markdown
    assert "Your parents can ask us to send them only your name, address and birthday" in markdown
    assert "It can share some facts with other people" in markdown
    assert ("More about this: [Youth support services, for pupils aged 13 and over](pupils.md#youth-support-services)"
            in markdown)


def test_a_section_the_notice_does_not_have_is_an_error(facts: Path) -> None:
    notice = facts / "pupils.yaml"
    notice.write_text(notice.read_text("utf-8").replace("  - include: youth-support-services\n", ""), "utf-8")
    (line,) = _check_lines(facts, "L.children-sections")
    assert "explains the section 'youth-support-services', which this notice does not have" in line
    assert "## Help with what you do next" not in _childrens_markdown(facts)


def test_the_example_is_written_for_oakmoors_ages_and_the_library_says_its_own() -> None:
    from generator.library import CHILDREN
    from tests.conftest import EXAMPLE

    for written in (EXAMPLE / "children" / "pupils.yaml", CHILDREN / "pupils.11-16.yaml"):
        assert yaml.safe_load(written.read_text("utf-8"))["ages"] == "11 to 16"  # Oakmoor is a secondary school


@pytest.mark.parametrize("ages", ["about 8", "12 to 8", "2 to 6"])
def test_ages_written_otherwise_are_refused(facts: Path, ages: str) -> None:
    path = facts / "children" / "pupils.yaml"
    path.write_text(path.read_text("utf-8").replace("ages: 11 to 16", f"ages: {ages}"), "utf-8")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert "write the ages it is written for as two ages from 4 to 18, youngest first, e.g. `11 to 16`" in result.output


@pytest.mark.parametrize(("school", "told"), [("11-16", False), ("11-18", True), ("9-13", True)])
def test_a_school_whose_pupils_are_outside_its_ages_is_told(facts: Path, school: str, told: bool) -> None:
    """The school's facts state its pupils' ages (`ages: 11-16`); a children's version for other ages is named."""
    path = facts / "schools" / "oakmoor.yaml"
    path.write_text(path.read_text("utf-8").replace("ages: 11-16", f"ages: {school}"), "utf-8")
    result = notices("check", "--facts", str(facts))
    found = [line.strip() for line in result.output.splitlines() if "L.children-ages" in line]
    assert bool(found) == told, result.output
    if told:
        line = _line_of(facts / "children" / "pupils.yaml", "ages: 11 to 16")
        (said,) = found
        assert said.startswith(f"children/pupils.yaml:{line}:1: warning L.children-ages: The children's version is written "
                         f"for ages 11 to 16, but Oakmoor School's pupils are {school.replace('-', ' to ')}: write it "
                         f"for ages {min(11, int(school.split('-')[0]))} to {max(16, int(school.split('-')[1]))} "
                         "(shorter words for the youngest), and say so in `ages:`.")
