"""A notice's children's versions in age bands, `children/<notice-id>.<youngest>-<oldest>.yaml`: each school
publishes those whose ages overlap its pupils', the full notice links to each naming the ages, the checks run on
each, and a file name that disagrees with its `ages:` or a second version for the same ages is refused where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.markdown import render_markdown
from tests.conftest import TEMPLATES, example_in_age_bands, notices


@pytest.fixture
def facts(example_copy: Path) -> Path:
    """The example with Brook Primary School (4 to 11) beside Oakmoor (11 to 16), and pupils.7-11.yaml and
    pupils.11-16.yaml."""
    return example_in_age_bands(example_copy)


def _pupils(facts: Path) -> dict:
    """The pupils notice of each school, by school id."""
    return {notice.variant.id: notice for notice in load_project(facts).notices if notice.id == "pupils"}


def _line_of(path: Path, words: str) -> int:
    return next(number for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if words in line)


def test_each_school_publishes_the_versions_for_its_pupils_ages(facts: Path) -> None:
    pupils = _pupils(facts)
    assert [document.document_id for document in pupils["brook"].versions()] == ["pupils", "pupils.children-7-11"]
    assert [document.document_id for document in pupils["oakmoor"].versions()] == ["pupils", "pupils.children-11-16"]
    assert pupils["brook"].versions()[1].children.title == "What your school knows about you"


def test_a_school_whose_ages_span_both_bands_or_gives_none_publishes_both(facts: Path) -> None:
    brook = facts / "schools" / "brook.yaml"
    brook.write_text(brook.read_text("utf-8").replace("ages: 4-11", "ages: 4-16"), "utf-8")
    oakmoor = facts / "schools" / "oakmoor.yaml"
    oakmoor.write_text(oakmoor.read_text("utf-8").replace("ages: 11-16\n", ""), "utf-8")
    for school in _pupils(facts).values():
        assert [document.document_id for document in school.versions()] == [
            "pupils", "pupils.children-7-11", "pupils.children-11-16"]


def test_the_full_notice_links_to_each_version_naming_its_ages_and_each_links_back(facts: Path) -> None:
    brook = _pupils(facts)["brook"]
    full = render_markdown(brook, RenderContext(templates=TEMPLATES), suffix=".md")
    assert "- for pupils aged 7 to 11: [What your school knows about you](pupils.children-7-11.md)" in full
    assert "pupils.children-11-16" not in full
    childrens = render_markdown(brook.versions()[1], RenderContext(templates=TEMPLATES), suffix=".md")
    assert "For ages 7 to 11." in childrens and "Grown-ups can read [the full notice](pupils.md)." in childrens


def test_a_fact_a_version_does_not_hold_is_an_error_at_its_own_files_line(facts: Path) -> None:
    path = facts / "children" / "pupils.7-11.yaml"
    path.write_text(path.read_text("utf-8").replace("fact: school-nursing", "fact: school-nurse"), "utf-8")
    result = notices("check", "--facts", str(facts), "--today", "2026-12-01")
    found = {line.strip() for line in result.output.splitlines() if " L.children-facts: " in line}
    assert len(found) == 1, result.output  # the 11 to 16 version, which Oakmoor publishes, names it rightly
    (said,) = found
    assert said.startswith(f"children/pupils.7-11.yaml:{_line_of(path, 'fact: school-nurse')}:")
    assert "did you mean 'school-nursing'?" in said


def test_a_file_name_whose_ages_differ_from_its_ages_says_what_to_write(facts: Path) -> None:
    path = facts / "children" / "pupils.7-11.yaml"
    path.write_text(path.read_text("utf-8").replace("ages: 7 to 11", "ages: 8 to 11"), "utf-8")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert (f"children/pupils.7-11.yaml:{_line_of(path, 'ages: 8 to 11')}:1: says `ages: 8 to 11`, but its "
            "file name is for ages 7 to 11. Rename the file children/pupils.8-11.yaml, or write `ages: 7 to 11` if "
            "that is whom it is written for.") in result.output


def test_two_versions_for_the_same_ages_are_refused(facts: Path) -> None:
    (facts / "children" / "pupils.7-11.yaml").rename(facts / "children" / "pupils.yaml")
    path = facts / "children" / "pupils.11-16.yaml"
    path.write_text(path.read_text("utf-8").replace("ages: 11 to 16", "ages: 7 to 11"), "utf-8")
    (facts / "children" / "pupils.11-16.yaml").rename(facts / "children" / "pupils.7-11.yaml")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    line = _line_of(facts / "children" / "pupils.yaml", "ages: 7 to 11")
    assert (f"children/pupils.yaml:{line}:1: is a second children's version of 'pupils' for ages 7 to 11: "
            "children/pupils.7-11.yaml is the other. Keep one version for each age band") in result.output


def test_a_version_in_a_band_is_not_judged_against_the_schools_other_ages(facts: Path) -> None:
    """Brook's pupils are 4 to 11 and its version is for 7 to 11: a version in a band is for the pupils of its ages."""
    result = notices("check", "--facts", str(facts))
    assert "L.children-ages" not in result.output
    assert "pupils.children-11-16 3.9, pupils.children-7-11 3.8." in result.output


def test_the_json_notice_carries_each_version_the_school_publishes(facts: Path) -> None:
    from generator.render.formats.json import notice_document

    brook = facts / "schools" / "brook.yaml"
    brook.write_text(brook.read_text("utf-8").replace("ages: 4-11", "ages: 4-16"), "utf-8")
    pupils = _pupils(facts)
    both = notice_document(pupils["brook"]).model_dump(mode="json")["children"]
    assert [version["ages"] for version in both] == ["7 to 11", "11 to 16"]
    assert notice_document(pupils["oakmoor"]).model_dump(mode="json")["children"]["ages"] == "11 to 16"


def test_a_review_names_the_change_to_each_version(facts: Path) -> None:
    from generator.diff.compare import compare_notices

    before = _pupils(facts)["brook"]
    path = facts / "children" / "pupils.7-11.yaml"
    path.write_text(path.read_text("utf-8").replace("title: What your school knows about you",
                                                    "title: The facts your school keeps"), "utf-8")
    changes = [change.text for change in compare_notices(before, _pupils(facts)["brook"])]
    assert changes == ["The children's version's title changed from 'What your school knows about you' to "
                       "'The facts your school keeps' (the version for ages 7 to 11)."]
