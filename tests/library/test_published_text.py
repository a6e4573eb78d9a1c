"""What a parent, a pupil, an employee or a visitor looks for in each of the six newer library notices is in the notice Oakmoor publishes from its facts (adopting them is tests/library/test_every_notice.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLE, PROJECT, TEMPLATES, notices

LIBRARY = PROJECT / "generator" / "library"
NOTICES = ("workforce", "governance", "job-applicants", "visitors-cctv", "biometrics", "photographs")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("library-content") / "dist"
    result = notices("build", "--facts", str(EXAMPLE), "--templates", str(TEMPLATES), "--out", str(out),
                     "--format", "md,html")
    assert result.exit_code == 0, result.output
    return out / "oakmoor"


def section(built: Path, notice: str, anchor: str) -> str:
    """One section of the published Markdown notice, from its heading to the next one of the same level."""
    text = (built / f"{notice}.md").read_text("utf-8")
    match = re.search(rf"^## [^\n]*\{{#{anchor}\}}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"{notice} has no section {anchor}"
    return " ".join(match[1].replace("\\", "").split())


def test_the_biometrics_notice_tells_a_child_they_can_refuse_and_get_another_way_to_pay(built: Path) -> None:
    choice = section(built, "biometrics", "your-choice")
    assert "A pupil may refuse, or object, at any time, whatever their age and whatever their parents have said" in choice
    assert "another way to pay for and collect their meals" in choice
    assert "At least one parent must give consent in writing" in choice
    assert "If any parent objects in writing, we do not use it" in choice
    assert "Article 9(2)(a) of the UK GDPR: explicit consent" in section(built, "biometrics", "lawful-bases")
    assert "Right to withdraw consent" in section(built, "biometrics", "your-rights")


def test_the_photographs_notice_says_how_to_withdraw_consent_and_what_happens_then(built: Path) -> None:
    withdrawing = section(built, "photographs", "withdrawing-consent")
    assert "You can withdraw your consent, or change which uses you agree to, at any time" in withdrawing
    assert "take the images down from our website and our social media accounts" in withdrawing
    assert "We cannot recall printed materials that were already handed out" in withdrawing
    rights = section(built, "photographs", "your-rights")
    assert "Right to withdraw consent" in rights and "enquiries@oakmoor.hants.sch.uk" in rights
    sharing = section(built, "photographs", "who-we-share-with")
    assert "Newspapers, magazines and broadcasters" in sharing and "Only with consent" in sharing


def test_the_workforce_notice_names_the_schedule_1_condition_for_criminal_records(built: Path) -> None:
    bases = section(built, "workforce", "lawful-bases")
    criminal = re.search(r"\*\*Article 10 of the UK GDPR: criminal offence data\.\*\*([^\n]*?)(?= - \*\*|$)", bases)
    assert criminal, bases
    assert "(criminal records information)" in criminal[1]
    assert "Data Protection Act 2018 condition: Schedule 1, Part 1, paragraph 1 (employment" in criminal[1]
    # An academy's workforce census rests on its funding agreement (the 2007 Regulations' reach to academies is unconfirmed).
    assert "the academy trust's funding agreement and the Academy Trust Handbook" in bases


def test_the_workforce_notice_names_the_pay_and_pension_bodies_and_how_the_dfe_uses_the_census(built: Path) -> None:
    sharing = section(built, "workforce", "who-we-share-with")
    for recipient in ("HM Revenue and Customs (HMRC)", "Teachers' Pensions", "Hampshire Pension Fund",
                      "Disclosure and Barring Service (DBS)", "Example Payroll Services Ltd"):
        assert f"### {recipient}" in (built / "workforce.md").read_text("utf-8")
    assert "Regulation 219 of The Teachers' Pension Scheme Regulations 2014" in sharing
    dfe = section(built, "workforce", "how-the-dfe-uses-workforce-data")
    assert "school workforce census" in dfe and "personal-information-charter" in dfe


def test_an_academy_sends_its_own_census_so_its_workforce_notice_names_no_local_authority(built: Path) -> None:
    library = (LIBRARY / "notices" / "workforce.yaml").read_text("utf-8")
    assert "- id: local-authority" in library  # a maintained school keeps it
    assert "Hampshire County Council Children's Services" not in (built / "workforce.md").read_text("utf-8")


def test_the_governance_notice_says_what_is_recorded_and_published_about_governors(built: Path) -> None:
    sharing = section(built, "governance", "who-we-share-with")
    assert "Get Information About Schools" in sharing and "Companies House" in sharing
    published = section(built, "governance", "what-we-publish")
    assert "business and pecuniary interests" in published and "past twelve months" in published
    kept = section(built, "governance", "how-long-we-keep-it")
    assert "Twelve months after you step down" in kept and "One year after the end of your term of office" in kept


def test_the_job_applicants_notice_keeps_unsuccessful_applications_six_months_and_equality_data_apart(built: Path) -> None:
    kept = section(built, "job-applicants", "how-long-we-keep-it")
    assert "| The application, interview notes and references of an unsuccessful applicant | Six months after the interview |" in kept
    giving = section(built, "job-applicants", "must-you-give-it")
    assert "You may choose whether to give us: the equality monitoring form." in giving
    assert "We never use equality monitoring information to decide your application" in giving
    sources = section(built, "job-applicants", "where-it-comes-from")
    assert "publicly available online" in sources


def test_the_visitors_notice_publishes_the_cctv_period_the_school_set(built: Path) -> None:
    kept = section(built, "visitors-cctv", "how-long-we-keep-it")
    assert "| CCTV recordings | 30 days, unless a recording is needed for an investigation |" in kept
    sharing = section(built, "visitors-cctv", "who-we-share-with")
    assert "### The police" in (built / "visitors-cctv.md").read_text("utf-8")
    assert "we may give them recordings or visitor records that help them" in sharing
    bases = section(built, "visitors-cctv", "lawful-bases")
    assert "Our legitimate interests: ours and the contractor's" in bases


@pytest.mark.parametrize("notice", NOTICES)
def test_each_notice_page_states_its_facts_on_the_web_page_too(built: Path, notice: str) -> None:
    page = html.unescape((built / f"{notice}.html").read_text("utf-8"))
    title = yaml.safe_load((EXAMPLE / f"{notice}.yaml").read_text("utf-8"))["title"]
    assert f">{title}" in page
    assert "University of Chichester Academy Trust" in page
