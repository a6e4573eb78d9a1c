"""The library's newer notices (parents, volunteers, exam candidates, online learning, trips, clubs, alumni and
fundraising, the website itself), adopted by each kind of school they say they fit and filled in, pass `check`
with no error, no warning and no misfit; and what each tells people about the law is what the law says for that
kind of school (read from the facts a maintained school and an academy trust publish once they adopt them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.facts.cascade import ResolvedNotice, resolve
from generator.facts.load import load_facts
from generator.library import library
from tests.conftest import notices
from tests.library.test_every_notice import adopt, empty_trust

NEW = ("parents", "volunteers", "exam-candidates", "online-learning", "trips-and-visits", "clubs",
       "alumni-and-fundraising", "this-website")
# Every kind of school or nursery; a notice that names none fits them all.
SCHOOL_KINDS = ("maintained-school", "academy", "academy-trust", "independent-school", "early-years-provider")


def _declared(library_id: str) -> list[tuple[str, str]]:
    """(kind, pupils' ages) for each kind of organisation the library notice says it fits."""
    scope = library()[library_id].applies_to
    kinds = scope.kinds if scope is not None and scope.kinds else SCHOOL_KINDS
    return [(kind, "3-4" if kind == "early-years-provider" else "11-16") for kind in kinds]


def _organisation(folder: Path, kind: str, ages: str, phases: str | None = None) -> Path:
    """An organisation of ``kind`` with one school of pupils aged ``ages`` (and ``phases``), holding no notice."""
    facts = empty_trust(folder, ages)
    organisation = facts / "organisation.yaml"
    organisation.write_text(re.sub(r"(?m)^kind: .*$", f"kind: {kind}", organisation.read_text("utf-8")), "utf-8")
    if phases:
        school = facts / "schools" / "hill.yaml"
        school.write_text(school.read_text("utf-8").replace("# phases: [secondary]\n", f"phases: {phases}\n"), "utf-8")
    return facts


def test_the_library_holds_at_least_seventeen_notices_and_each_new_one_says_whom_it_fits() -> None:
    assert len(library()) >= 17
    assert set(NEW) <= set(library())
    for library_id in set(NEW) - {"this-website"}:
        assert library()[library_id].applies_to is not None, library_id
    assert library()["this-website"].applies_to is None  # its law binds every controller


@pytest.mark.slow
@pytest.mark.parametrize("library_id, kind, ages", [(library_id, kind, ages) for library_id in NEW
                                                     for kind, ages in _declared(library_id)])
def test_a_new_notice_adopted_by_a_kind_it_fits_passes_the_check(tmp_path: Path, library_id: str, kind: str,
                                                                 ages: str) -> None:
    facts = _organisation(tmp_path / "org", kind, ages)
    adopt(facts, library_id)
    checked = notices("check", "--facts", str(facts), "--today", "2026-12-07")
    assert checked.exit_code == 0, checked.output
    assert checked.output.endswith("1 notice for 1 school: 0 errors, 0 warnings.\n"), checked.output


def _published(folder: Path, kind: str, phases: str) -> dict[str, ResolvedNotice]:
    facts = _organisation(folder, kind, "3-16", phases)
    adopt(facts, *NEW)
    return {notice.id: notice for notice in resolve(load_facts(facts))}


@pytest.fixture(scope="module")
def maintained(tmp_path_factory) -> dict[str, ResolvedNotice]:
    """The new notices as a maintained school with a nursery publishes them."""
    return _published(tmp_path_factory.mktemp("maintained"), "maintained-school", "[nursery, primary, secondary]")


@pytest.fixture(scope="module")
def academy(tmp_path_factory) -> dict[str, ResolvedNotice]:
    """The new notices as an academy trust whose school has no nursery publishes them."""
    return _published(tmp_path_factory.mktemp("academy"), "academy-trust", "[secondary]")


def _relied_on(notice: ResolvedNotice, article: str) -> list[str]:
    return [law for basis in notice.bases if basis.article == article for law in basis.relied_on]


def _basis_for(notice: ResolvedNotice, category: str) -> dict[str, str]:
    """Article -> Schedule 1 condition, for the Article 9 and 10 bases that cover ``category``."""
    return {basis.article: basis.schedule_1 or "" for basis in notice.bases
            if basis.categories and category in basis.categories}



@pytest.mark.slow
def test_complaints_rest_on_each_kind_of_schools_own_duty(maintained, academy):
    assert _relied_on(maintained["parents"], "6(1)(c)") == ["Section 29 of the Education Act 2002"]
    assert _relied_on(academy["parents"], "6(1)(c)") == ["The Education (Independent School Standards) Regulations 2014"]


@pytest.mark.slow
def test_eligibility_checks_ask_for_the_parents_national_insurance_number_and_funded_childcare_only_with_a_nursery(
        maintained, academy):
    for notices_of in (maintained, academy):
        checks = next(c for c in notices_of["parents"].notice.categories if c.id == "eligibility-checks")
        assert any("National Insurance number" in example for example in checks.examples)
        assert not checks.special
    assert "childcare-codes" in [c.id for c in maintained["parents"].notice.categories]
    assert "childcare-codes" not in [c.id for c in academy["parents"].notice.categories]
    assert "funded-childcare" not in [p.id for p in academy["parents"].notice.purposes]


@pytest.mark.slow
def test_volunteers_are_under_no_contract_and_their_checks_rest_on_safeguarding(maintained, academy):
    for notices_of in (maintained, academy):
        volunteers = notices_of["volunteers"]
        assert "6(1)(b)" not in [basis.article for basis in volunteers.bases]
        assert "9(2)(b)" not in [basis.article for basis in volunteers.bases]
        assert "paragraph 18" in _basis_for(volunteers, "checks")["10"]
        assert next(c for c in volunteers.notice.categories if c.id == "checks").criminal_offence
    assert "Section 175 of the Education Act 2002" in _relied_on(maintained["volunteers"], "6(1)(e)")
    assert "Section 157 of the Education Act 2002" in _relied_on(academy["volunteers"], "6(1)(e)")
    assert not any("175" in law for law in _relied_on(academy["volunteers"], "6(1)(e)"))


@pytest.mark.slow
def test_exam_candidates_access_arrangements_are_health_data_and_the_learning_records_service_starts_at_14(academy):
    exams = academy["exam-candidates"]
    assert next(c for c in exams.notice.categories if c.id == "access-arrangements").special
    assert "paragraph 6" in _basis_for(exams, "access-arrangements")["9(2)(g)"]
    assert "Schedule 13 to the Equality Act 2010 (reasonable adjustments in education)" in _relied_on(exams, "6(1)(c)")
    registering = next(r for r in exams.recipients if r.id == "learning-records-service")
    assert "aged 14 and over" in registering.reason
    assert registering.gateway == []  # a service of the DfE, not a law that requires the sharing
    assert library()["exam-candidates"].applies_to.ages == "14-19"
    assert "Joint Council for Qualifications" in next(r for r in exams.recipients if r.id == "jcq").name


@pytest.mark.slow
def test_filtering_and_monitoring_rest_on_keeping_children_safe_in_education_and_the_schools_duty(maintained, academy):
    kcsie = "Keeping children safe in education (statutory guidance)"
    assert {"Section 175 of the Education Act 2002", kcsie} <= set(_relied_on(maintained["online-learning"], "6(1)(e)"))
    assert {"Section 157 of the Education Act 2002", kcsie} <= set(_relied_on(academy["online-learning"], "6(1)(e)"))
    alerts = _basis_for(academy["online-learning"], "monitoring-alerts")
    assert "paragraph 18" in alerts["9(2)(g)"] and "paragraph 18" in alerts["10"]
    assert academy["online-learning"].notice.transfers != "none"  # the school names where its services keep data


@pytest.mark.slow
def test_trips_abroad_name_their_derogation_and_medical_needs_their_condition(academy):
    trips = academy["trips-and-visits"]
    (abroad,) = trips.notice.transfers
    assert "Article 49(1)(c)" in abroad.safeguard and "Article 49(1)(f)" in abroad.safeguard
    assert "9(2)(g)" in _basis_for(trips, "medical-and-dietary")


@pytest.mark.slow
def test_marketing_by_email_needs_consent_and_anyone_can_stop_all_direct_marketing(academy):
    alumni = academy["alumni-and-fundraising"]
    assert alumni.notice.direct_marketing
    stop = next(right for right in alumni.rights if right.id == "object-direct-marketing")
    assert "we must stop" in stop.plain
    consent = next(basis for basis in alumni.bases if basis.article == "6(1)(a)")
    assert consent.purposes == ["emails-and-texts"]
    assert consent.relied_on == ["Regulation 22 of The Privacy and Electronic Communications (EC Directive) Regulations 2003"]
    assert not any(basis.article == "6(1)(e)" for basis in alumni.bases)  # fundraising is no public task
