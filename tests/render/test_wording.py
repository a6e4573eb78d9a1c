"""The notice reads as a reviewer would write it: lists joined once, a role named as a role, no stray
escapes, no bare headings, each source said once, email addresses in free text as links; and a notice
can name its own contact and the part of a recipient its data goes to."""

from __future__ import annotations

from pathlib import Path

from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.html import notice_body_html
from generator.render.formats.markdown import render_markdown
from tests.check.conftest import minimal_facts, write_facts
from tests.conftest import TEMPLATES


def _notice(tmp_path: Path, change=lambda files: None):
    files = minimal_facts()
    change(files)
    (notice,) = load_project(write_facts(tmp_path, files)).notices
    return notice


def _markdown(tmp_path: Path, change=lambda files: None) -> str:
    return " ".join(render_markdown(_notice(tmp_path, change), RenderContext(TEMPLATES)).split())


def _html(tmp_path: Path, change=lambda files: None) -> str:
    return " ".join(notice_body_html(_notice(tmp_path, change), RenderContext(TEMPLATES), ".html").split())


def test_a_list_item_that_holds_its_own_and_is_set_apart_by_a_comma(tmp_path: Path) -> None:
    text = _markdown(tmp_path, lambda files: files["pupils.yaml"].update(
        data_subjects=["pupils", "parents and carers"]))
    assert "This notice is about: pupils, and parents and carers." in text
    assert "pupils and parents and carers" not in text


def test_a_dpo_given_as_a_role_reads_as_a_role(tmp_path: Path) -> None:
    text = _markdown(tmp_path, lambda files: files["organisation.yaml"]["dpo"].update(
        name="Trust Data Protection Officer"))
    assert "Our data protection officer (the Trust Data Protection Officer): email" in text
    assert "officer is Trust Data Protection Officer" not in text


def test_a_dpo_given_by_name_is_named(tmp_path: Path) -> None:
    assert "Our data protection officer is Sam Jones: email" in _markdown(tmp_path)


def test_the_version_is_written_without_a_markdown_escape(tmp_path: Path) -> None:
    text = _markdown(tmp_path, lambda files: (files["pupils.yaml"].update(version="2.0"),
                                              files["pupils.yaml"]["changes"][0].update(version="2.0")))
    assert "Version 2.0." in text and "version 2.0**" in text
    assert "2\\.0" not in text


def test_a_recipient_with_nothing_to_say_gets_no_bare_heading(tmp_path: Path) -> None:
    def bare_local_authority(files):
        files["pupils.yaml"]["recipients"][1] = {"id": "local-authority"}
    text = _markdown(tmp_path, bare_local_authority)
    assert "### Countyshire Council" not in text
    assert "We also share it with Countyshire Council Children's Services." in text
    assert "### Department for Education" in text


def test_a_recipient_s_description_is_published_under_its_heading(tmp_path: Path) -> None:
    text = _markdown(tmp_path, lambda files: files["organisation.yaml"]["recipients"]["dfe"].update(
        description="The government department for schools in England."))
    assert "### Department for Education The government department for schools in England." in text


def test_a_source_list_does_not_claim_the_person_as_well(tmp_path: Path) -> None:
    text = _markdown(tmp_path, lambda files: files["pupils.yaml"].update(
        sources=[{"name": "Parents, carers and the children themselves"}]))
    assert "We get this information from: - Parents, carers and the children themselves" in text
    assert "As well as from you" not in text


def test_an_email_address_in_free_text_is_a_link_in_html(tmp_path: Path) -> None:
    html = _html(tmp_path, lambda files: (
        files["pupils.yaml"]["recipients"][1].update(reason="Ask its team at email <send_team@county.gov.uk>."),
        files["pupils.yaml"].update(sections=[{"id": "more", "title": "More", "body": "Write to <dpo@hill.org>."}])))
    assert '<a href="mailto:send_team@county.gov.uk">send_team@county.gov.uk</a>' in html
    assert "&lt;send_team" not in html and "&lt;dpo@" not in html
    assert "mailto:dpo@hill.org" in html


def test_a_notice_names_its_own_contact_over_the_school_s(tmp_path: Path) -> None:
    text = _markdown(tmp_path, lambda files: files["pupils.yaml"].update(
        contact={"role": "HR Manager", "email": "hr@hill.example.org"}))
    assert "For questions about this notice: the HR Manager; email [hr@hill.example.org]" in text
    assert "Office Manager" not in text


def test_a_notice_names_the_part_of_each_school_s_recipient_its_data_goes_to(tmp_path: Path) -> None:
    def payroll(files):
        files["schools/hill.yaml"]["recipients"]["local-authority"]["name"] = "Countyshire Council"
        files["schools/dale.yaml"] = dict(files["schools/hill.yaml"], name="Dale School", recipients={
            "local-authority": {"name": "Daleshire Council"}})
        files["pupils.yaml"]["recipients"][1].update(service="payroll service",
                                                     description="It pays our staff on our behalf.")
    files = minimal_facts()
    payroll(files)
    notices = load_project(write_facts(tmp_path, files)).notices
    texts = {n.variant.id: " ".join(render_markdown(n, RenderContext(TEMPLATES)).split()) for n in notices}
    assert "### Countyshire Council (payroll service) It pays our staff on our behalf." in texts["hill"]
    assert "### Daleshire Council (payroll service) It pays our staff on our behalf." in texts["dale"]
