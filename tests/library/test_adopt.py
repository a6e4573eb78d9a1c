"""`notices library` lists the library; `notices new notice ID --from LIBRARY-ID` copies a notice with its
shared sections and the recipients it names, never over a school's own files, and says what is left to fill in."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.library import NOTICES, SECTIONS
from tests.conftest import notices
from tests.library.test_every_notice import empty_trust


def test_the_library_lists_each_notice_with_what_it_is_for() -> None:
    listed = notices("library")
    assert listed.exit_code == 0
    for path in NOTICES.glob("*.yaml"):
        facts = yaml.safe_load(path.read_text("utf-8"))
        assert f"{path.stem}  " in listed.output and facts["title"] in listed.output
    assert ("We hold information about our pupils and their parents or carers so that we can teach and look "
            "after each pupil, keep them safe and report on their progress.\n") in listed.output


def test_adopting_copies_the_notice_its_sections_and_the_recipients_each_school_names(tmp_path: Path) -> None:
    facts = empty_trust(tmp_path / "trust")
    adopted = notices("new", "notice", "our-pupils", "--from", "pupils", "--facts", str(facts))
    assert adopted.exit_code == 0, adopted.output
    adopted_text = (facts / "our-pupils.yaml").read_text("utf-8")
    library_text = (NOTICES / "pupils.yaml").read_text("utf-8")
    # An academy trust's copy: the library's lines and comments, less the passages for other kinds of school.
    assert adopted_text.splitlines()[:20] == library_text.splitlines()[:20]
    assert set(adopted_text.splitlines()) < set(library_text.splitlines())
    assert "academy-funding-agreement-and-handbook" in adopted_text
    for other_kinds_law in ("education-act-2002-s175", "pupil-information-regulations-2005", "We are an independent school"):
        assert other_kinds_law in library_text and other_kinds_law not in adopted_text
    for section in ("how-the-dfe-uses-data", "national-pupil-database", "youth-support-services"):
        assert (facts / "sections" / f"{section}.yaml").read_bytes() == (SECTIONS / f"{section}.yaml").read_bytes()
    school = yaml.safe_load((facts / "schools" / "hill.yaml").read_text("utf-8"))["recipients"]
    organisation = yaml.safe_load((facts / "organisation.yaml").read_text("utf-8"))["recipients"]
    assert school["youth-support-services"]["name"].startswith("TO BE COMPLETED: who provides youth support")
    assert organisation["next-school"]["name"] == "The school or college a pupil moves on to"
    assert "youth-support-services" not in organisation  # a school's own body, named by each school
    assert "added youth-support-services, awarding-bodies (recipients the notice names) to" in adopted.output
    assert "values are marked TO BE COMPLETED: 'notices check' lists them" in adopted.output
    checked = notices("check", "--facts", str(facts))
    assert "recipients.youth-support-services.name is still to be completed" in checked.output
    assert "our-pupils.yaml" in checked.output and "retention[1].period is still to be completed" in checked.output


def test_a_schools_own_copy_of_a_shared_section_is_kept_and_named(tmp_path: Path) -> None:
    facts = empty_trust(tmp_path / "trust")
    own = facts / "sections" / "national-pupil-database.yaml"
    own.parent.mkdir()
    own.write_text((SECTIONS / own.name).read_text("utf-8").replace("owns and runs", "runs"), "utf-8")
    before = own.read_bytes()
    adopted = notices("new", "notice", "pupils", "--from", "pupils", "--facts", str(facts))
    assert adopted.exit_code == 0, adopted.output
    assert own.read_bytes() == before
    assert f"kept {own}: your own copy, which differs from the library's" in adopted.output


def test_an_unknown_library_notice_or_a_taken_id_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    facts = empty_trust(tmp_path / "trust")
    before = sorted(path.relative_to(facts) for path in facts.rglob("*"))
    unknown = notices("new", "notice", "pupils", "--from", "pupil", "--facts", str(facts))
    assert unknown.exit_code == 1
    assert "no notice 'pupil' in the library; choose one of: " in unknown.output
    assert "children-in-need" in unknown.output and "pupils" in unknown.output
    (facts / "pupils.yaml").write_text("mine", "utf-8")
    taken = notices("new", "notice", "pupils", "--from", "pupils", "--facts", str(facts))
    assert taken.exit_code == 1 and "pupils.yaml already exists; edit it, or choose another id" in taken.output
    assert (facts / "pupils.yaml").read_text("utf-8") == "mine"
    assert sorted(path.relative_to(facts) for path in facts.rglob("*")) == sorted(before + [Path("pupils.yaml")])


def test_a_school_on_its_own_names_its_own_recipients_in_its_organisation_file(tmp_path: Path) -> None:
    started = notices("init", str(tmp_path / "school"), "--notices", "early-years")
    assert started.exit_code == 0, started.output
    facts = tmp_path / "school" / "notices"
    organisation = yaml.safe_load((facts / "organisation.yaml").read_text("utf-8"))["recipients"]
    assert organisation["local-authority"]["name"].startswith("TO BE COMPLETED: your local authority")
    assert organisation["dfe"]["name"] == "Department for Education (DfE)"
    assert sorted(path.name for path in (facts / "sections").iterdir()) == [
        "how-the-dfe-uses-data.yaml", "national-pupil-database.yaml"]
