"""The legal errors and omissions issue 29 found in the library are put right: each test reads what a school
that adopts the library notice (and Oakmoor, the example) would publish, from the facts the notice resolves to.
Each numbered test names the error of the issue it guards against."""

from __future__ import annotations

import pytest

from generator.facts.cascade import ResolvedBasis, ResolvedNotice, ResolvedRecipient, resolve
from generator.facts.load import load_facts
from generator.law.catalogue import catalogue
from generator.law.instruments import resolve as instrument
from tests.conftest import EXAMPLE
from tests.library.test_every_notice import TRUST_IDS, adopt, empty_trust


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> dict[str, ResolvedNotice]:
    """Every library notice as a trust publishes it once adopted and filled in, by notice id."""
    facts = empty_trust(tmp_path_factory.mktemp("legal") / "trust", "3-16")
    adopt(facts, *TRUST_IDS)
    return {notice.id: notice for notice in resolve(load_facts(facts))}


@pytest.fixture(scope="module")
def example() -> dict[str, ResolvedNotice]:
    return {notice.id: notice for notice in resolve(load_facts(EXAMPLE))}


def cited(notice: ResolvedNotice) -> list[str]:
    """Every law the notice cites: what each basis relies on, each Schedule 1 condition, each gateway."""
    laws = [law for basis in notice.bases for law in basis.relied_on]
    laws += [basis.schedule_1 for basis in notice.bases if basis.schedule_1]
    return laws + [law for recipient in notice.recipients or [] for law in recipient.gateway]


def basis(notice: ResolvedNotice, article: str) -> ResolvedBasis:
    return next(found for found in notice.bases if found.article == article)


def section(notice: ResolvedNotice, section_id: str) -> str:
    found = next(found for found in notice.notice.sections if getattr(found, "id", None) == section_id)
    return " ".join(found.body.split())


def recipient(notice: ResolvedNotice, recipient_id: str) -> ResolvedRecipient | None:
    return next((found for found in notice.recipients or [] if found.id == recipient_id), None)


def both(library: dict[str, ResolvedNotice], example: dict[str, ResolvedNotice],
         notice_id: str) -> list[ResolvedNotice]:
    """The library's notice as a trust adopts it, and Oakmoor's where Oakmoor publishes it (a secondary school, it
    has no early years notice)."""
    return [library[notice_id]] + ([example[notice_id]] if notice_id in example else [])


def test_1_children_in_need_data_is_not_said_to_go_to_the_dfe_under_the_school_census_duty(library, example):
    for notice in both(library, example, "children-in-need"):
        assert recipient(notice, "dfe") is None
        assert not any("537A" in law for law in cited(notice))
        assert "care leavers" not in notice.notice.data_subjects
        named = " ".join(category.name for category in notice.notice.categories).lower()
        assert "adoption" not in named and "care leaver" not in named
        assert "from local authorities, not from schools" in section(notice, "data-collection-requirements")


def test_2_no_gateway_is_claimed_for_youth_support_services_below_compulsory_school_age(library, example):
    for notice in both(library, example, "pupils"):
        gateways = recipient(notice, "youth-support-services").gateway
        assert gateways, "the duty for pupils over compulsory school age is cited"
        assert not any("507B" in gateway for gateway in gateways), "the local authority's duty is no school gateway"
        for gateway in gateways:
            ages = instrument(gateway).ages
            assert ages is not None and ages.lowest >= 16, f"{gateway} does not reach pupils aged 13 to 15"
        assert "For pupils aged 13 to 15 no law requires us to share" in section(notice, "youth-support-services")


def test_3_an_academy_cites_section_157_not_section_175_of_the_education_act_2002(library, example):
    for notices in (library, example):
        for notice in notices.values():
            assert not any("175" in law for law in cited(notice)), notice.id
    for notice in both(library, example, "pupils"):
        assert "Section 157 of the Education Act 2002" in basis(notice, "6(1)(e)").relied_on


def test_4_the_national_pupil_database_section_does_not_give_early_years_data_the_pupil_regulations(library):
    text = section(library["early-years"], "national-pupil-database")
    assert "2013" not in text and "Information About Individual Pupils" not in text
    assert "national-pupil-database" not in [getattr(found, "id", None) for found in library["children-in-need"].notice.sections]
    census = basis(library["early-years"], "6(1)(c)").relied_on
    assert "The Childcare (Provision of Information About Young Children) (England) Regulations 2009" in census


def test_5_section_538_is_never_filed_as_a_public_task(library, example):
    for notice in both(library, example, "governance"):
        assert not any("538" in law for law in basis(notice, "6(1)(e)").relied_on)


def test_6_children_in_need_data_does_not_rest_on_the_employment_condition(library, example):
    for notice in both(library, example, "children-in-need"):
        conditions = [found.schedule_1 or "" for found in notice.bases if found.article in ("9(2)(b)", "9(2)(g)", "10")]
        assert conditions and not any("paragraph 1 (employment" in condition for condition in conditions)
        assert "paragraph 18" in basis(notice, "10").schedule_1
        assert "9(2)(b)" not in [found.article for found in notice.bases]


def test_7_the_right_to_object_says_compelling_grounds_particular_situation_and_legal_claims(library):
    objecting = next(right for right in library["pupils"].rights if right.id == "object")
    assert "compelling legitimate grounds" in objecting.plain and "strong" not in objecting.plain
    assert "your own situation" in objecting.plain and "legal claim" in objecting.plain
    assert "override your interests, rights and freedoms" in objecting.plain
    assert catalogue().rights["object"].plain == objecting.plain


def test_9_an_exemption_is_never_given_as_the_law_that_allows_a_disclosure(library, example):
    for notices in (library, example):
        for notice in notices.values():
            assert not any("Schedule 2" in law for law in cited(notice)), notice.id


def test_10_erasure_and_portability_are_not_offered_for_payroll(library, example):
    for notice in both(library, example, "workforce"):
        for right in notice.rights:
            if right.id in ("erasure", "portability"):
                assert right.covers_purposes and "pay" not in right.covers_purposes
                assert "pay" in right.excludes_purposes and right.limit
        assert "pay" in basis(notice, "6(1)(c)").purposes and "pay" not in basis(notice, "6(1)(b)").purposes


def test_11_volunteers_are_not_under_a_contract_basis(library, example):
    for notice_id, volunteering in (("workforce", "volunteers-and-agency-staff"),
                                    ("job-applicants", "volunteer-applications")):
        for notice in both(library, example, notice_id):
            purposes = {purpose.id: purpose.description for purpose in notice.notice.purposes}
            assert "volunteer" in purposes[volunteering]
            assert volunteering not in basis(notice, "6(1)(b)").purposes
            assert volunteering in basis(notice, "6(1)(e)").purposes
            assert not any("volunteer" in purposes[purpose] for purpose in basis(notice, "6(1)(b)").purposes)


def test_12_the_common_transfer_file_duty_is_not_claimed_by_an_academy(library, example):
    for notice in both(library, example, "pupils"):
        moving_on = recipient(notice, "next-school")
        assert not any("2005" in law for law in moving_on.gateway)
        assert "college" in moving_on.reason


def test_13_early_years_files_the_eyfs_duty_as_an_obligation_and_funding_duties_not_as_ones(library, example):
    for notice in both(library, example, "early-years"):
        obligation, task = basis(notice, "6(1)(c)").relied_on, basis(notice, "6(1)(e)").relied_on
        assert "Section 40 of the Childcare Act 2006" in obligation
        assert not any("Early Years Foundation Stage" in law or "section 40" in law.lower() for law in task)
        for funding_duty in ("Section 7 of the Childcare Act 2006", "Section 1 of the Childcare Act 2016"):
            assert funding_duty not in obligation


def test_14_the_census_and_register_duties_are_the_schools_not_the_parents(library, example):
    for notice_id in ("pupils", "children-in-need", "early-years"):
        for notice in both(library, example, notice_id):
            explanation = " ".join(notice.notice.provision.explanation.split())
            assert "you must give it to us" not in explanation
            assert "the law does not oblige you" in explanation.lower()


def test_16_special_category_tags_fit_the_data_and_safeguarding_has_its_conditions(library, example):
    for notice_id in ("pupils", "early-years"):
        for notice in both(library, example, notice_id):
            for category in notice.notice.categories:
                examples = " ".join(category.examples or []).lower()
                if "language" in examples or "free school meals" in examples:
                    assert not category.special, f"{notice.id}: {category.id}"
    for notice_id in ("pupils", "early-years", "children-in-need"):
        for notice in both(library, example, notice_id):
            safeguarding = next(c for c in notice.notice.categories if c.id == "safeguarding")
            assert safeguarding.special and safeguarding.criminal_offence
            article_9 = [found for found in notice.bases if found.article.startswith("9(2)")]
            assert any("safeguarding" in found.categories and "paragraph 18" in (found.schedule_1 or "")
                       for found in article_9)
            assert "safeguarding" in basis(notice, "10").categories


def test_missing_learning_records_service_and_awarding_bodies_are_named(library, example):
    for notice in both(library, example, "pupils"):
        assert "aged 14 and over" in recipient(notice, "learning-records-service").reason
        assert "exams" in recipient(notice, "awarding-bodies").reason
    assert "Joint Council for Qualifications" in recipient(example["pupils"], "awarding-bodies").name


def test_missing_the_dfe_onward_sharing_with_the_home_office_and_police(library):
    text = section(library["pupils"], "how-the-dfe-uses-data")
    assert "to the Home Office and the police" in text and "nationality or country of birth" in text


def test_missing_parents_access_to_the_educational_record_is_stated_for_an_academy(library, example):
    for notice in both(library, example, "pupils"):
        text = section(notice, "educational-record")
        assert "do not apply to us" in text and "subject access request" in text


def test_missing_companies_house_identity_verification_for_trustees(library, example):
    for notice in both(library, example, "governance"):
        assert "verify their identity with Companies House" in " ".join(
            recipient(notice, "companies-house").reason.split())
        director = next(c for c in notice.notice.categories if c.id == "director-details")
        assert "your Companies House personal code" in director.examples


def test_missing_parents_national_insurance_number_for_eligibility_checks(library, example):
    for notice in both(library, example, "pupils"):
        checks = next(c for c in notice.notice.categories if c.id == "eligibility-checks")
        assert any("National Insurance number" in item for item in checks.examples)
    for notice in both(library, example, "early-years"):
        funding = next(c for c in notice.notice.categories if c.id == "funding")
        assert any("National Insurance number" in item for item in funding.examples)


def test_missing_the_dfe_daily_attendance_collection(library, example):
    for notice in both(library, example, "pupils"):
        assert "attendance information from our registers each day" in " ".join(
            recipient(notice, "dfe").reason.split())


def test_the_corrected_citations_resolve_to_catalogued_law_that_binds_an_academy(example):
    """Oakmoor is an academy: the instruments the corrections cite are found by the words the notices print,
    and bind it."""
    corrected = {law for notice in example.values() for law in cited(notice)
                 if "Section 157" in law or "Section 14 of" in law}
    assert len(corrected) == 2
    for law in corrected:
        assert instrument(law) is not None and instrument(law).binds_kind("academy"), law
