"""The cascade: trust -> school -> notice, with a test for each merge rule of a school's overrides
(generator/facts/cascade.py lists them) and for how recipient ids resolve."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.project import load_project
from tests.conftest import FIXTURES
from tests.facts.conftest import edit, line_of, notices, refused, resolved

NOTICE = "children-in-need"


def override(facts: Path, body: str, school: str = "oakmoor") -> None:
    """Give ``school`` an override of the example notice; ``body`` is YAML indented under it."""
    path = facts / "schools" / f"{school}.yaml"
    indented = "".join(f"    {line}\n" for line in body.strip("\n").splitlines())
    path.write_text(path.read_text("utf-8") + f"\nnotices:\n  {NOTICE}:\n{indented}", "utf-8")


def add_second_school(facts: Path) -> None:
    shutil.copy(FIXTURES / "second-school" / "regis.yaml", facts / "schools" / "regis.yaml")


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


@pytest.fixture
def trust_notice(example_copy: Path) -> dict:
    """The notice as the trust wrote it, before any school changes it."""
    return resolved(example_copy)["notice"]


def test_replace_swaps_a_field_whole_and_leaves_the_rest(example_copy: Path, trust_notice: dict) -> None:
    override(example_copy, "replace:\n  title: How Oakmoor uses information about children in care\n"
                           "  transfers: none\n  data_subjects: [children looked after]")
    notice = resolved(example_copy)["notice"]
    assert notice["title"] == "How Oakmoor uses information about children in care"
    assert notice["data_subjects"] == ["children looked after"]
    assert notice["categories"] == trust_notice["categories"]
    assert notice["purposes"] == trust_notice["purposes"]


def test_add_appends_a_new_item_after_the_inherited_ones(example_copy: Path, trust_notice: dict) -> None:
    override(example_copy, "add:\n  categories:\n    - id: photographs\n      name: Photographs\n")
    categories = resolved(example_copy)["notice"]["categories"]
    assert ids(categories) == ids(trust_notice["categories"]) + ["photographs"]
    assert categories[-1]["name"] == "Photographs"


def test_add_with_an_inherited_id_replaces_that_item_in_place(example_copy: Path, trust_notice: dict) -> None:
    override(example_copy, "add:\n  categories:\n    - id: medical\n      name: Health and medical information\n"
                           "      examples: [allergies]\n      special: true\n")
    categories = resolved(example_copy)["notice"]["categories"]
    assert ids(categories) == ids(trust_notice["categories"])
    medical = ids(categories).index("medical")
    assert categories[medical]["name"] == "Health and medical information"
    assert categories[medical]["examples"] == ["allergies"]


def test_remove_drops_an_inherited_item_by_id(example_copy: Path, trust_notice: dict) -> None:
    override(example_copy, "remove:\n  recipients: [school-nursing]\n  categories: [behaviour]")
    notice = resolved(example_copy)
    assert ids(notice["recipients"]) == ["local-authority"]
    assert ids(notice["notice"]["categories"]) == [c for c in ids(trust_notice["categories"]) if c != "behaviour"]


def test_removing_an_id_the_notice_does_not_have_is_an_error_at_its_line(example_copy: Path) -> None:
    override(example_copy, "remove:\n  recipients: [school-nurse]")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"])) == (
        "schools/oakmoor.yaml", line_of(example_copy / "schools" / "oakmoor.yaml", "recipients: [school-nurse]"))
    assert "removes 'school-nurse' from recipients, but the notice has no such item" in line
    assert "Did you mean 'school-nursing'?" in line


def test_publish_false_leaves_the_notice_out_for_that_school_only(example_copy: Path) -> None:
    add_second_school(example_copy)
    override(example_copy, "publish: false")
    keys = [notice.key for notice in load_project(example_copy).notices]
    assert f"regis/{NOTICE}" in keys and f"oakmoor/{NOTICE}" not in keys
    assert "oakmoor/pupils" in keys  # the school's other notices stay
    result = notices("show", "--facts", str(example_copy), f"oakmoor/{NOTICE}")
    assert result.exit_code == 1
    assert "no notice 'oakmoor/children-in-need'" in result.output


def test_a_recipient_id_resolves_in_the_school_first_then_the_organisation(example_copy: Path) -> None:
    add_second_school(example_copy)
    edit(example_copy / "schools" / "oakmoor.yaml", "recipients:\n",
         "recipients:\n  dfe:\n    name: Department for Education, Hampshire regional office\n")
    # The pupils notice names the DfE (the children-in-need notice sends it nothing).
    oakmoor = {r["id"]: r for r in resolved(example_copy, "oakmoor/pupils")["recipients"]}
    regis = {r["id"]: r for r in resolved(example_copy, "regis/pupils")["recipients"]}
    assert (oakmoor["dfe"]["name"], oakmoor["dfe"]["defined_by"]) == (
        "Department for Education, Hampshire regional office", "school")
    assert (regis["dfe"]["name"], regis["dfe"]["defined_by"]) == ("Department for Education (DfE)", "organisation")
    assert regis["local-authority"]["defined_by"] == "school"


def test_an_organisation_without_a_schools_folder_is_itself_the_only_variant(example_copy: Path,
                                                                             tmp_path: Path) -> None:
    school = (example_copy / "schools" / "oakmoor.yaml").read_text("utf-8")
    block = school[school.index("recipients:\n") + len("recipients:\n"):]
    next_key = re.search(r"^[a-z_]+:", block, re.MULTILINE)  # the school's other facts (its address) stay its own
    own_recipients = block[:next_key.start()] if next_key else block
    organisation = example_copy / "organisation.yaml"
    # The school's contact goes too: without one, the checker's error would stop the build.
    contact = "contact:\n  email: office@trust.example\n"
    organisation.write_text(contact + organisation.read_text("utf-8") + own_recipients, "utf-8")
    shutil.rmtree(example_copy / "schools")
    [notice] = [notice for notice in load_project(example_copy).notices if notice.id == NOTICE]
    assert notice.key == f"university-of-chichester-academy-trust/{NOTICE}"
    assert notice.variant.standalone
    assert notice.variant.name == "University of Chichester Academy Trust"
    assert [r.id for r in notice.recipients] == ["local-authority", "school-nursing"]
    out = tmp_path / "dist"
    result = notices("build", "--facts", str(example_copy), "--out", str(out), "--format", "md",
                     "--templates", str(Path(__file__).parents[2] / "templates"))
    assert result.exit_code == 0, result.output
    text = (out / "university-of-chichester-academy-trust" / f"{NOTICE}.md").read_text("utf-8")
    assert "University of Chichester Academy Trust is the controller" in text
    assert "Oakmoor" not in text


def test_an_override_for_a_notice_that_does_not_exist_is_an_error(example_copy: Path) -> None:
    path = example_copy / "schools" / "oakmoor.yaml"
    path.write_text(path.read_text("utf-8") + "\nnotices:\n  children-in-ned:\n    publish: false\n", "utf-8")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == (
        "schools/oakmoor.yaml", line_of(path, "children-in-ned:"), 3)  # the misspelt id itself
    assert "has changes for the notice 'children-in-ned', but there is no children-in-ned.yaml" in line
    assert "Did you mean 'children-in-need'?" in line


def test_a_recipient_a_school_adds_is_checked_where_the_school_wrote_it(example_copy: Path) -> None:
    override(example_copy, "add:\n  recipients:\n    - id: camhs\n      reason: To support a child's mental health.")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"])) == (
        "schools/oakmoor.yaml", line_of(example_copy / "schools" / "oakmoor.yaml", "- id: camhs"))
    assert "names the recipient 'camhs'" in line
    assert "Known ids: " in line and "local-authority" in line and "school-nursing" in line


def test_a_basis_naming_a_category_the_notice_lacks_is_an_error(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "categories: [safeguarding, ethnicity-and-disability, medical]",
         "categories: [safeguarding, ethnicity-and-disability, medicine]")
    where, line = refused(example_copy)
    assert int(where["line"]) == line_of(notice, "categories: [safeguarding, ethnicity-and-disability, medicine]")
    assert "names the category 'medicine', which this notice does not have. Did you mean 'medical'" in line


def test_the_ico_is_the_supervisory_authority_unless_the_organisation_names_another(example_copy: Path) -> None:
    edit(example_copy / "organisation.yaml", "supervisory_authority:\n  complaint_url: https://ico.org.uk/concerns/\n", "")
    authority = resolved(example_copy)["supervisory_authority"]
    assert authority["name"] == "Information Commissioner's Office"
    assert authority["complaint_url"] == "https://ico.org.uk/make-a-complaint/"


def test_a_school_cannot_replace_whose_data_it_is_with_nobody(example_copy: Path) -> None:
    override(example_copy, "replace:\n  data_subjects: []")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"])) == (
        "schools/oakmoor.yaml", line_of(example_copy / "schools" / "oakmoor.yaml", "data_subjects: []"))
    assert "replace.data_subjects: needs at least one item" in line
