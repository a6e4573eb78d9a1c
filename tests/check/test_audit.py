"""The audit of rendered notices: every format read back, each applicable rule's section present, in
order, with the facts' values; a build whose output leaves one out fails and keeps the old output."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from generator.check import AuditFailed, audit_rendered
from generator.check.audit import audit_text
from generator.facts.errors import Location
from generator.facts.sections import TITLES
from generator.pipeline import build
from generator.project import load_project
from generator.render.formats import all_formats
from tests.check.conftest import minimal_facts, write_facts
from tests.conftest import EXAMPLE, TEMPLATES, example_with_one_notice, notice_template_holding, notices, templates_with

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

TRANSFERS_HEADING = "## {{ titles['transfers'] }} {{ anchor('transfers') }}"
RIGHTS_LOOP = "{% for right in rights | rejectattr('stands_apart') %}"
OBJECTION_APART = "{% set apart = rights | selectattr('stands_apart') | list %}"


def without_transfers_section(tmp_path: Path) -> Path:
    folder = templates_with(tmp_path, TRANSFERS_HEADING, "")
    template = notice_template_holding(folder, "{% if notice.transfers == 'none' %}")
    text = template.read_text("utf-8")
    start = text.index("{% if notice.transfers == 'none' %}")
    end = text.index("{{ extras(notice, 'transfers') | trusted }}")
    template.write_text(text[:start] + text[end:], "utf-8")
    return folder


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def example_build(tmp_path_factory) -> Path:
    """The example built in every format; the build itself has audited it."""
    return build(EXAMPLE, tmp_path_factory.mktemp("example") / "dist", TEMPLATES).out


def test_every_format_has_a_reader() -> None:
    # A format is read back as text, or (the record of processing, the retention schedule) audited by its own reader.
    assert [name for name, f in all_formats().items() if f.read_text is None and f.audit is None] == []


def test_the_example_in_every_format_passes_the_audit(example_build: Path) -> None:
    assert audit_rendered(example_build, load_project(EXAMPLE).notices) == []


# The one-page first layer has no sections to lose: its own audit is tested in tests/render/formats/test_glance.py.
# The documents made from the notices (consent forms, letters, the record, the schedule) have audits of their own,
# tested beside them in tests/render/formats/.
@pytest.mark.parametrize("name", sorted(name for name, f in all_formats().items()
                                        if not f.first_layer_only and f.document is None and f.audit is None))
def test_each_format_read_back_without_its_transfers_heading_fails_the_audit(example_build: Path, name: str) -> None:
    output_format = all_formats()[name]
    notices = [notice for notice in load_project(EXAMPLE).notices  # those the file holds
               if output_format.scope == "school" or notice.id == "children-in-need"]
    path = example_build / (output_format.output_path("oakmoor") if output_format.scope == "school"
                            else output_format.output_path("oakmoor", "children-in-need"))
    text = output_format.read_text(path.read_bytes())
    assert audit_text(text, notices, Location(path.name), output_format.laid_out) == []
    lines = [line for line in text.splitlines() if line.strip() != "Transfers outside the UK"]
    assert len(lines) < len(text.splitlines()), f"{name} shows no 'Transfers outside the UK' heading"
    findings = audit_text("\n".join(lines), notices, Location(path.name), output_format.laid_out)
    # One finding for each notice the file holds: a booklet holds every notice of the school.
    assert len(findings) == (len(notices) if output_format.scope == "school" else 1)
    for finding in findings:
        assert (finding.rule, finding.location.file) == ("A13.1.f", path.name)
        assert "'Transfers outside the UK' is missing" in finding.message


def test_a_template_without_the_transfers_section_fails_the_build_and_keeps_the_old_output(
        example_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(example_build, out)
    before = digest(out)
    result = notices("build", "--facts", str(EXAMPLE), "--out", str(out), "--templates",
                                       str(without_transfers_section(tmp_path)))
    assert result.exit_code == 1
    assert f"A13.1.f: {out}/oakmoor/children-in-need.md: The section 'Transfers outside the UK' is missing" in result.output
    assert f"A13.1.f: {out}/oakmoor/children-in-need.pdf:" in result.output
    assert "A13.1.f: " not in result.output.split(".json")[0].rsplit("\n", 1)[-1]  # JSON has no template
    assert "Traceback" not in result.output
    assert digest(out) == before


def test_a_template_that_empties_the_recipients_fails_naming_the_recipient(tmp_path: Path) -> None:
    templates = templates_with(tmp_path, "{% for recipient in n.recipients if", "{% for recipient in [] if")
    with pytest.raises(AuditFailed) as failed:
        build(example_with_one_notice(tmp_path / "notices"), tmp_path / "dist", templates, ["md"])
    assert {(f.rule, Path(f.location.file).name) for f in failed.value.findings} == {("A13.1.e", "children-in-need.md")}
    assert "Hampshire County Council Children's Services" in str(failed.value)
    assert not (tmp_path / "dist").exists()


def test_a_template_that_empties_a_section_stated_as_none_fails(tmp_path: Path) -> None:
    templates = templates_with(tmp_path, "We do not send this information outside the UK.", "")
    with pytest.raises(AuditFailed) as failed:
        build(example_with_one_notice(tmp_path / "notices"), tmp_path / "dist", templates, ["md", "fragment"])
    assert [(f.rule, Path(f.location.file).name) for f in failed.value.findings] == [
        ("A13.1.f", "children-in-need.fragment.html"), ("A13.1.f", "children-in-need.md")]
    assert "'Transfers outside the UK' is empty" in failed.value.findings[0].message


def test_a_template_that_drops_the_derived_rights_breaks_a13_2_b(tmp_path: Path) -> None:
    facts = write_facts(tmp_path / "notices", minimal_facts())
    templates = templates_with(tmp_path, RIGHTS_LOOP,
                               "{% for right in rights | rejectattr('stands_apart') if right.id == 'access' %}")
    with pytest.raises(AuditFailed) as failed:
        build(facts, tmp_path / "dist", templates, ["md", "html"])
    assert {f.rule for f in failed.value.findings} == {"A13.2.b"}
    assert any("'Right to restriction'" in f.message for f in failed.value.findings)


def test_a_template_that_drops_withdrawing_consent_breaks_a13_2_c(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["lawful_bases"] = [{"article": "6(1)(a)"}]
    facts = write_facts(tmp_path / "notices", files)
    templates = templates_with(tmp_path, RIGHTS_LOOP,
                               "{% for right in rights | rejectattr('stands_apart') if right.id != 'withdraw-consent' %}")
    with pytest.raises(AuditFailed) as failed:
        build(facts, tmp_path / "dist", templates, ["md"])
    assert [f.rule for f in failed.value.findings] == ["A13.2.c"]


def test_the_right_to_object_listed_among_the_others_breaks_a21_4_in_every_format_people_read(tmp_path: Path) -> None:
    facts = write_facts(tmp_path / "notices", minimal_facts())  # public task: the right to object applies
    templates = templates_with(tmp_path, OBJECTION_APART, "{% set apart = [] %}")
    loop = notice_template_holding(templates, RIGHTS_LOOP)
    loop.write_text(loop.read_text("utf-8").replace(RIGHTS_LOOP, "{% for right in rights %}"), "utf-8")
    laid_out = ["md", "html", "pdf", "docx", "fragment"]
    with pytest.raises(AuditFailed) as failed:
        build(facts, tmp_path / "dist", templates, laid_out + ["json"])
    assert {f.rule for f in failed.value.findings} == {"A21.4"}
    assert sorted(Path(f.location.file).name for f in failed.value.findings) == [  # the JSON data is not laid out
        "pupils.docx", "pupils.fragment.html", "pupils.html", "pupils.md", "pupils.pdf"]
    assert all("no heading 'Your right to object'" in f.message for f in failed.value.findings)


def test_sections_out_of_order_fail(tmp_path: Path) -> None:
    templates = templates_with(tmp_path, TRANSFERS_HEADING, "")
    template = notice_template_holding(templates, "## {{ titles['who-we-are'] }}")
    template.write_text(template.read_text("utf-8").replace(
        "## {{ titles['who-we-are'] }}", TRANSFERS_HEADING + "\n\nNone.\n\n## {{ titles['who-we-are'] }}", 1), "utf-8")
    with pytest.raises(AuditFailed) as failed:
        build(example_with_one_notice(tmp_path / "notices"), tmp_path / "dist", templates, ["md"])
    (finding,) = failed.value.findings
    assert finding.rule == "A13.1.f" and "out of the standard order" in finding.message


def test_check_rendered_audits_a_folder_built_before(example_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(example_build, out)
    clean = notices("check", "--facts", str(EXAMPLE), "--rendered", str(out), "--strict")
    assert clean.exit_code == 0, clean.output
    page = out / "oakmoor" / "children-in-need.md"
    page.write_text(page.read_text("utf-8").replace("unicat@chi.ac.uk", "someone@example.org"), "utf-8")
    result = notices("check", "--facts", str(EXAMPLE), "--rendered", str(out), "--format", "github")
    assert result.exit_code == 1
    assert result.output.startswith(f"::error file={out}/oakmoor/children-in-need.md,title=A13.1.b::")
    assert "the DPO's email 'unicat@chi.ac.uk'" in result.output


def test_check_rendered_on_a_folder_with_no_notice_is_a_plain_error(tmp_path: Path) -> None:
    result = notices("check", "--facts", str(EXAMPLE), "--rendered", str(tmp_path))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path} holds no rendered notice")


def test_a_booklet_of_two_notices_is_audited_notice_by_notice(tmp_path: Path) -> None:
    files = minimal_facts()
    second = dict(files["pupils.yaml"], title="How we use staff information", data_subjects=["staff"],
                  retention=[{"id": "records", "records": "Staff records", "period": "six years after they leave"}])
    files["staff.yaml"] = second
    facts = write_facts(tmp_path / "notices", files)
    out = build(facts, tmp_path / "dist", TEMPLATES, ["booklet"]).out
    booklet = all_formats()["booklet"]
    text = booklet.read_text((out / booklet.output_path("hill")).read_bytes())
    notices = load_project(facts).notices
    assert audit_text(text, notices, Location("booklet.pdf"), True) == []
    # The staff notice's period stated only in the pupils' chapter does not count for the staff notice.
    staff_period = re.compile("six years after they leave", re.IGNORECASE)
    assert len(staff_period.findall(text)) == 2  # in the staff notice's first layer, and in its section
    moved = re.sub("until the pupil is 25", r"\g<0>, six years after they leave", staff_period.sub("", text), count=1,
                   flags=re.IGNORECASE)
    (finding,) = audit_text(moved, notices, Location("booklet.pdf"), True)
    assert (finding.rule, finding.notice) == ("A13.2.a", "staff")


def test_a_section_missing_from_one_notice_of_a_booklet_is_not_looked_for_in_the_next(tmp_path: Path) -> None:
    files = minimal_facts()
    files["staff.yaml"] = dict(files["pupils.yaml"], title="How we use staff information", data_subjects=["staff"])
    facts = write_facts(tmp_path / "notices", files)
    out = build(facts, tmp_path / "dist", TEMPLATES, ["booklet"]).out
    booklet = all_formats()["booklet"]
    text = booklet.read_text((out / booklet.output_path("hill")).read_bytes())
    notices = load_project(facts).notices
    assert [notice.id for notice in notices] == ["pupils", "staff"]
    title = TITLES["how-long-we-keep-it"]
    first = text.index(f"\n{title}\n")
    without = text[:first] + "\nA heading the template was changed to\n" + text[first + len(title) + 2:]
    findings = audit_text(without, notices, Location("booklet.pdf"), True)
    assert {(finding.rule, finding.notice) for finding in findings} == {("A13.2.a", "pupils")}
    assert "'How long we keep it' is missing" in findings[0].message


def test_a_notice_that_states_everything_passes_the_audit_in_every_format(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"].update(
        categories=[{"id": "contact", "name": "Contact details"},
                    {"id": "health", "name": "Medical information", "special": True}],
        purposes=[{"id": "teaching", "description": "teach pupils"},
                  {"id": "photos", "description": "share photos of school events"}],
        lawful_bases=[
            {"article": "6(1)(e)", "purposes": ["teaching"]},
            {"article": "6(1)(a)", "purposes": ["photos"]},
            {"article": "6(1)(f)", "purposes": ["photos"], "legitimate_interests": "celebrating pupils' success"},
            {"article": "9(2)(g)", "schedule_1": "Schedule 1, Part 2, paragraph 18 (safeguarding)"},
        ],
        sources=[{"name": "the previous school", "description": "the pupil's record"}],
        transfers=[{"destination": "United States", "what": "photos, to our photo service",
                    "safeguard": "the International Data Transfer Agreement", "get_a_copy": "ask the office"}],
        automated_decisions=[{"description": "Sorting pupils into reading groups", "logic": "reading test scores",
                              "consequences": "which group a pupil starts in"}],
        changes=[{"date": "2026-09-01", "version": "1.0", "summary": "Added photos.", "new_purpose": True}],
    )
    facts = write_facts(tmp_path / "notices", files)
    out = build(facts, tmp_path / "dist", TEMPLATES).out
    assert audit_rendered(out, load_project(facts).notices) == []
