"""One test per rule: the minimal notice with exactly one fact broken yields exactly that rule id."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check import check_notices, rules_table
from generator.check.documents import DOCUMENT_RULES
from generator.distribution import manual
from generator.project import load_project
from tests.check.conftest import findings_for, minimal_facts, write_facts


def _set(file: str, key: str, value) -> Callable[[dict], None]:
    def change(files: dict) -> None:
        files[file][key] = value
    return change


def _drop(file: str, key: str) -> Callable[[dict], None]:
    def change(files: dict) -> None:
        del files[file][key]
    return change


def _add(file: str, content: dict) -> Callable[[dict], None]:
    def change(files: dict) -> None:
        files[file] = content
    return change


# A children's version written as a lawyer would write it: its words read far above a child's grade.
EASY_CHILDRENS_VERSION = {"title": "Your facts", "ages": "11 to 16", "summary": "We keep facts."}
HARD_CHILDRENS_VERSION = {
    "title": "Information concerning the processing of pupils' personal data",
    "ages": "8 to 12",
    "summary": "Personal data is processed in accordance with the statutory obligations incumbent upon the school.",
    "sections": [{"about": "your-rights", "title": "Your rights", "text": (
        "Notwithstanding the foregoing, data subjects may exercise the rights conferred by the applicable "
        "legislation, subject to the exemptions enumerated therein.")}],
}


def _notice(change: Callable[[dict], None]) -> Callable[[dict], None]:
    return lambda files: change(files["pupils.yaml"])


# (rule id, what is broken, the change to the minimal facts)
BREAKS = [
    ("A13.1.a", "the organisation has no name", _drop("organisation.yaml", "name")),
    ("A13.1.a", "no contact for the school or the organisation", _drop("schools/hill.yaml", "contact")),
    ("A13.1.b", "an academy trust with no DPO", _drop("organisation.yaml", "dpo")),
    ("A13.1.c", "a purpose no Article 6 basis covers", _notice(lambda n: (
        n["purposes"].append({"id": "fundraising", "description": "raise funds"}),
        n["lawful_bases"][0].update(purposes=["teaching"])))),
    ("A13.1.c9", "special category data with no Article 9 condition", _notice(lambda n: n["categories"].append(
        {"id": "health", "name": "Medical information", "special": True}))),
    ("A13.1.c9", "Article 9(2)(g) with no Schedule 1 condition", _notice(lambda n: (
        n["categories"].append({"id": "health", "name": "Medical information", "special": True}),
        n["lawful_bases"].append({"article": "9(2)(g)"})))),
    ("A10", "DBS check results with no Schedule 1 condition", _notice(lambda n: n["categories"].append(
        {"id": "dbs", "name": "DBS check results", "criminal_offence": True}))),
    ("A13.1.d", "legitimate interests without the interests", lambda files: (
        files["organisation.yaml"].update(public_authority=False),  # a public authority is told F.public-authority-interests
        files["pupils.yaml"]["lawful_bases"].append({"article": "6(1)(f)", "purposes": ["teaching"]}))),
    ("A13.1.e", "recipients not stated", _drop("pupils.yaml", "recipients")),
    ("A13.1.f", "transfers not stated", _drop("pupils.yaml", "transfers")),
    ("A13.1.f", "a transfer under the IDTA with no way to get a copy", _set("pupils.yaml", "transfers", [
        {"destination": "United States", "what": "pupil photos, to our photo service", "safeguard": "the IDTA"}])),
    ("A13.2.a", "no retention period", _drop("pupils.yaml", "retention")),
    ("A13.2.d", "a supervisory authority that is not the ICO", _set("organisation.yaml", "supervisory_authority", {
        "name": "Data Protection Commission"})),
    ("S164A", "no way to complain to us", _drop("organisation.yaml", "complaints")),
    ("A13.2.e", "no word on whether the data must be given", _drop("pupils.yaml", "provision")),
    ("A13.2.e", "no consequences of not giving it", _notice(lambda n: n["provision"].pop("consequences"))),
    ("A13.2.f", "automated decisions not stated", _drop("pupils.yaml", "automated_decisions")),
    ("A14.1.d", "a school removes every category", _set("schools/hill.yaml", "notices", {
        "pupils": {"remove": {"categories": ["contact"]}}})),
    ("A14.2.f", "sources not stated", _drop("pupils.yaml", "sources")),
    ("A13.3", "the change log does not record the current version", _set("pupils.yaml", "version", "1.1")),
    ("L.privacy-shield", "a transfer under the Privacy Shield", _set("pupils.yaml", "transfers", [
        {"destination": "United States", "what": "photos", "safeguard": "the EU-US Privacy Shield",
         "get_a_copy": "ask the office"}])),
    ("L.article-22", "Article 22 in the summary", _set("pupils.yaml", "summary", "No decision falls under Article 22.")),
    ("L.adequacy", "a transfer under an adequacy decision", _set("pupils.yaml", "transfers", [
        {"destination": "France", "what": "trip lists", "safeguard": "an adequacy decision"}])),
    ("L.stale-law", "last reviewed before the complaints duty began", _set("pupils.yaml", "last_reviewed", "2026-06-18")),
    ("L.naming", "'the GDPR' in the summary", _set("pupils.yaml", "summary", "We follow the GDPR.")),
    ("L.naming", "the Data Protection Act 1998 in a recipient's name", lambda files: files["organisation.yaml"][
        "recipients"]["dfe"].update(description="It is bound by the Data Protection Act 1998.")),
    ("L.rights-wording", "'blocked' in a hand-written list of rights", _set("pupils.yaml", "sections", [
        {"id": "more-rights", "title": "More about your rights", "after": "your-rights",
         "body": "You can have inaccurate data blocked."}])),
    ("L.rights", "portability under public task", _set("pupils.yaml", "sections", [
        {"id": "more-rights", "title": "More about your rights", "after": "your-rights",
         "body": "You can ask us to move your data to another school by data portability."}])),
    ("L.rights", "a hand-written list of rights without restriction", _set("pupils.yaml", "sections", [
        {"id": "more-rights", "title": "More about your rights", "after": "your-rights",
         "body": "- see your data (access)\n- have it corrected\n- object to our use of it"}])),
    ("L.article", "an Article that does not exist", _set("pupils.yaml", "summary", "See Article 6(1)(g).")),
    ("L.review", "a review date in the past", _set("pupils.yaml", "next_review", "2026-01-01")),
    ("L.summary", "no summary", _drop("pupils.yaml", "summary")),
    ("L.recipient-reason", "a recipient with neither a reason nor a law", _notice(
        lambda n: n["recipients"][0].pop("gateway"))),
    ("L.retention-period", "kept 'as long as necessary'", _notice(
        lambda n: n["retention"][0].update(period="as long as necessary"))),
    ("L.retention-period", "a period still 'TBC'", _notice(lambda n: n["retention"][0].update(period="TBC"))),
    ("L.retention-period", "kept indefinitely for no stated reason", _notice(
        lambda n: n["retention"][0].update(period="indefinitely"))),
    ("L.record", "no security measures for the record of processing", _drop("organisation.yaml", "security_measures")),
    ("L.record", "no systems named for the record of processing", _notice(lambda n: n.pop("systems"))),
    ("L.record", "a system run by a processor that is no recipient", _notice(
        lambda n: n["systems"][0].update(processor="no-such-supplier"))),
    ("L.record", "a joint controller with no contact details", _notice(
        lambda n: n.update(joint_controllers=[{"name": "Countyshire Council"}]))),
    ("L.retention-end", "a retention rule that does not say what happens at the end", _notice(
        lambda n: n["retention"][0].pop("at_the_end"))),
    ("L.mixed-requirement", "a 'mixed' requirement with no voluntary items", _notice(
        lambda n: n["provision"].update(requirement="mixed"))),
    ("L.special-unmarked", "medical conditions in a category not marked special", _notice(
        lambda n: n["categories"][0]["examples"].append("medical conditions"))),
    ("L.special-unmarked", "religion named by a category not marked special", _notice(lambda n: n["categories"].append(
        {"id": "beliefs", "name": "Religion"}))),
    ("L.special-unmarked", "cautions in a category not marked criminal offence data", _notice(
        lambda n: n["categories"].append({"id": "conduct", "name": "Conduct", "examples": ["police cautions"]}))),
    ("L.override-contradicts", "a school drops the local authority its summary still names", lambda files: (
        files["pupils.yaml"].update(summary="We share it with the local authority."),
        files["schools/hill.yaml"].update(notices={"pupils": {"remove": {"recipients": ["local-authority"]}}}))),
    ("L.override-contradicts", "a school keeps records for 7 years, its summary still says 25", lambda files: (
        files["pupils.yaml"].update(summary="We keep it until the pupil is 25."),
        files["schools/hill.yaml"].update(notices={"pupils": {"add": {"retention": [
            {"id": "records", "records": "Pupil records", "period": "7 years after the pupil leaves",
             "at_the_end": "securely destroyed"}]}}}))),
    ("L.reading-grade", "a children's version in a lawyer's words", _add("children/pupils.yaml", HARD_CHILDRENS_VERSION)),
    ("L.children-facts", "a children's version naming a category the notice does not hold", _add(
        "children/pupils.yaml", EASY_CHILDRENS_VERSION | {"sections": [{
            "about": "what-we-hold", "title": "What we keep", "text": "We keep some facts.",
            "names": [{"fact": "health", "words": "Your health"}]}]})),
    ("L.children-sections", "a children's version explaining a section the notice does not have", _add(
        "children/pupils.yaml", EASY_CHILDRENS_VERSION | {"sections": [{
            "about": "youth-support-services", "title": "Help when you are older", "text": "We tell a team."}]})),
    ("L.children-ages", "a school whose pupils are younger than its children's version is written for", lambda files: (
        files.update({"children/pupils.yaml": EASY_CHILDRENS_VERSION | {"sections": [{
            "about": "what-we-hold", "title": "What we keep", "text": "We keep some facts."}]}}),
        files["schools/hill.yaml"].update(ages="9-12"))),
    ("L.printable", "an emoji in the organisation's name", _set("organisation.yaml", "name", "Hill Trust \U0001F3EB")),
    ("L.one-page", "a summary longer than the one-page summary holds", _set(
        "pupils.yaml", "summary", "We keep the records of pupils safely. " * 60)),
    ("L.cite-by-id", "law the catalogue holds, written in words", _notice(
        lambda n: n["lawful_bases"][0].update(relied_on=["Education Act 1996"]))),
    ("L.cite-by-id", "law the catalogue does not hold", _notice(
        lambda n: n["recipients"][0].update(gateway=["The Schools Act 2031"]))),
]


def test_the_minimal_facts_break_no_rule(tmp_path: Path) -> None:
    assert findings_for(tmp_path, minimal_facts()) == []


@pytest.mark.parametrize("rule_id, _why, change", BREAKS, ids=[f"{b[0]}: {b[1]}" for b in BREAKS])
def test_breaking_one_fact_yields_exactly_its_rule(tmp_path: Path, rule_id: str, _why: str, change) -> None:
    files = minimal_facts()
    change(files)
    findings = findings_for(tmp_path, files)
    assert findings, f"{rule_id} was not reported"
    assert {finding.rule for finding in findings} == {rule_id}, [str(f) for f in findings]
    expected = next(entry.severity for entry in rules_table() if entry.id == rule_id)
    assert {finding.severity for finding in findings} == {expected}
    # A notice's own facts (and its children's version) with one school are that school's; see test_report_once.
    about_the_organisation = findings[0].location.file.endswith("organisation.yaml")
    owner = (None, None) if about_the_organisation else ("hill", "pupils")
    assert all((finding.school, finding.notice) == owner for finding in findings)


def test_a_gap_in_the_organisation_file_is_reported_once_for_every_school_and_notice(tmp_path: Path) -> None:
    files = minimal_facts()
    del files["organisation.yaml"]["dpo"]
    files["staff.yaml"] = dict(files["pupils.yaml"], title="How we use staff information")
    files["schools/dale.yaml"] = dict(files["schools/hill.yaml"], name="Dale School")
    (finding,) = findings_for(tmp_path, files)
    assert (finding.rule, finding.school, finding.notice) == ("A13.1.b", None, None)


def test_every_rule_judged_on_the_facts_has_a_breaking_test() -> None:
    audited_only = {"A13.2.b", "A13.2.c", "A21.4"}  # derived from the bases: test_audit.py breaks them in the output
    # The consent forms' and subject access letters' own rules judge those files alone: their tests break them.
    audited_only |= set(DOCUMENT_RULES)
    judged = {entry.id for entry in rules_table() if entry.kind != "fit"}  # fit rules: tests/check/test_fit.py
    assert judged - audited_only == {rule_id for rule_id, _, _ in BREAKS}


def test_a_finding_points_at_the_fact_concerned(tmp_path: Path) -> None:
    files = minimal_facts()
    files["organisation.yaml"]["public_authority"] = False
    files["pupils.yaml"]["lawful_bases"].append({"article": "6(1)(f)", "purposes": ["teaching"]})
    (finding,) = findings_for(tmp_path, files)
    lines = (tmp_path / "pupils.yaml").read_text("utf-8").splitlines()
    assert finding.location.file.endswith("pupils.yaml")
    assert lines[finding.location.line - 1].strip() == "- article: 6(1)(f)"
    assert finding.see == manual("rules.md#a13-1-d")


def test_an_absent_fact_points_at_the_notice_file(tmp_path: Path) -> None:
    files = minimal_facts()
    del files["pupils.yaml"]["transfers"]
    (finding,) = findings_for(tmp_path, files)
    assert finding.location.file.endswith("pupils.yaml") and finding.location.line == 1


def test_stated_as_none_is_not_the_same_as_not_stated(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"].update(recipients="none", sources="none", transfers="none", automated_decisions="none")
    assert findings_for(tmp_path, files) == []


def test_a_transfer_under_adequacy_regulations_needs_no_copy(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["transfers"] = [{"destination": "Ireland", "what": "backups",
                                          "safeguard": "UK adequacy regulations for the EEA"}]
    # Approved by regulations, so no copy to get; only the wording is out of date (Art 13(1)(f) as amended).
    assert [finding.rule for finding in findings_for(tmp_path, files)] == ["L.adequacy"]


def test_the_uk_gdpr_and_real_articles_are_not_flagged(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = ("Under the UK GDPR, Article 6(1)(e) and Article 9(2)(g), and the UK General "
                                       "Data Protection Regulation, with the Data Protection Act 2018; the EU GDPR applies in Ireland.")
    assert findings_for(tmp_path, files) == []


def test_a_hand_written_list_of_the_rights_the_bases_give_is_not_flagged(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["sections"] = [{
        "id": "more-rights", "title": "Your rights in brief", "after": "your-rights",
        "body": "You can see your data (access), have it corrected, restricted or, in some cases, erased, and "
                "object to our use of it."}]
    assert findings_for(tmp_path, files) == []


def test_articles_of_other_laws_are_not_checked_against_the_uk_gdpr(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = ("Article 12 of the United Nations Convention on the Rights of the Child and "
                                       "Article 104 of the Treaty apply; so does Article 9(2)(g) of the UK GDPR.")
    assert findings_for(tmp_path, files) == []
    files["pupils.yaml"]["summary"] = "We rely on Article 104 of the UK GDPR."
    assert [finding.rule for finding in findings_for(tmp_path, files)] == ["L.article"]


def test_the_review_date_is_judged_against_the_date_given(tmp_path: Path) -> None:
    notices = load_project(write_facts(tmp_path, minimal_facts())).notices
    assert check_notices(notices, datetime.date(2027, 9, 1)) == []
    assert [f.rule for f in check_notices(notices, datetime.date(2027, 9, 2))] == ["L.review"]
