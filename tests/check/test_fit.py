"""The checker judges whether the law a notice cites fits the school that publishes it: for each fit rule, a
minimal set of facts that breaks it (reported at the passage's file and line) and one that satisfies it.
The law's catalogue is a small one of the test's own, so the rules are judged whatever the real one holds."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import get_args

import pytest
import yaml

from generator.check import check_project, rules_table
from generator.facts import cascade
from generator.facts.models import OrganisationKind
from generator.law import instruments as law
from generator.law.instruments import BINDS, Ages, Instrument
from generator.project import load_project
from tests.check.conftest import TODAY, findings_for, minimal_facts
from tests.conftest import EXAMPLE, write_facts


def _id(citation: str) -> str:
    """The id the test's catalogue gives the instrument of ``citation``: facts cite law by id."""
    return re.sub(r"[^a-z0-9]+", "-", citation.lower()).strip("-")


def _instrument(citation: str, supports: str, binds: tuple[str, ...] = ("any",), ages: tuple | None = None,
                article_9_10: tuple[str, ...] = (), id: str | None = None) -> Instrument:
    return Instrument(id=id or _id(citation), citation=citation,
                      url="https://www.legislation.gov.uk/", supports=supports, binds=frozenset(binds),
                      quote="(a test's instrument)", checked=None, ages=Ages(*ages) if ages else None,
                      article_9_10=article_9_10)


SAFEGUARDING_MAINTAINED = "Section 175 of the Education Act 2002"
SAFEGUARDING_ACADEMY = "Section 157 of the Education Act 2002"
GOVERNANCE_DUTY = "Section 538 of the Education Act 1996"
COMMUNITY_POWER = "Section 27 of the Education Act 2002"
YOUTH_SUPPORT = "Section 507B of the Education Act 1996"
CRIME_EXEMPTION = "Schedule 2, paragraph 2 of the Data Protection Act 2018"
EMPLOYMENT = "Schedule 1, Part 1, paragraph 1 of the Data Protection Act 2018"
SAFEGUARDING_CHILDREN = "Schedule 1, Part 2, paragraph 18 of the Data Protection Act 2018"
# Law the example cites that only an academy trust (or an academy) is bound by, as the example writes it.
ACADEMY_ONLY = ("The Education (Independent School Standards) Regulations 2014", "Sections 162 to 167 of the Companies Act 2006",
                "The academy trust's funding agreement and the Academy Trust Handbook")
CATALOGUE = [
    _instrument("Section 537A of the Education Act 1996", "duty", ("maintained-school", "academy", "independent-school")),
    _instrument(SAFEGUARDING_MAINTAINED, "duty", ("maintained-school", "local-authority")),
    _instrument(SAFEGUARDING_ACADEMY, "duty", ("academy", "independent-school")),
    _instrument(GOVERNANCE_DUTY, "duty", ("maintained-school", "academy")),
    _instrument(COMMUNITY_POWER, "power", ("maintained-school",)),
    _instrument(YOUTH_SUPPORT, "function", ages=(13, 19)),
    _instrument(CRIME_EXEMPTION, "exemption"),
    _instrument(EMPLOYMENT, "condition", article_9_10=("9(2)(b)",)),
    _instrument(SAFEGUARDING_CHILDREN, "condition", article_9_10=("9(2)(g)",)),
    _instrument(ACADEMY_ONLY[0], "duty", ("academy", "independent-school")),
    _instrument(ACADEMY_ONLY[1], "duty", ("academy-trust",)),
    _instrument(ACADEMY_ONLY[2], "context", ("academy-trust",)),
]


REAL_CATALOGUE = law.instruments  # the package's own, for the test on the example


def _with_the_test_instruments() -> dict[str, Instrument]:
    return {**REAL_CATALOGUE(), **{instrument.id: instrument for instrument in CATALOGUE}}


@pytest.fixture(autouse=True)
def test_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """The package's catalogue with the test's instruments: resolve() finds them by id or citation."""
    catalogue = _with_the_test_instruments()
    monkeypatch.setattr(law, "instruments", lambda: catalogue)
    monkeypatch.setattr(cascade, "instruments", lambda: catalogue)  # the loader's check that an id is known
    monkeypatch.setattr(law, "_by_words", cache(lambda: {
        law._key(said): i for i in catalogue.values() for said in (i.citation, *i.aliases)}))


Change = Callable[[dict], None]


def _basis(article: str, **fields) -> Change:
    return lambda files: files["pupils.yaml"]["lawful_bases"].append({"article": article, "purposes": ["teaching"],
                                                                       **fields})


def _public_task(*law_cited: str) -> Change:
    """The minimal notice's public task, relying on ``law_cited`` (by its id)."""
    return lambda files: files["pupils.yaml"]["lawful_bases"][0].update(relied_on=[_id(c) for c in law_cited])


def _special(examples: list[str], article: str = "9(2)(g)", schedule_1: str = _id(SAFEGUARDING_CHILDREN)) -> Change:
    def change(files: dict) -> None:
        files["pupils.yaml"]["categories"].append({"id": "characteristics", "name": "Characteristics",
                                                   "examples": examples, "special": True})
        files["pupils.yaml"]["lawful_bases"].append({"article": article, "schedule_1": schedule_1})
    return change


def _school(**fields) -> Change:
    return lambda files: files["schools/hill.yaml"].update(fields)


def _organisation(**fields) -> Change:
    return lambda files: files["organisation.yaml"].update(fields)


def _gateway(*law_cited: str) -> Change:
    return lambda files: files["pupils.yaml"]["recipients"][1].update(gateway=[_id(c) for c in law_cited])


def _youth_support(files: dict) -> None:
    files["schools/hill.yaml"]["recipients"]["youth-support-services"] = {"name": "Countyshire Youth Support Services"}
    files["pupils.yaml"]["recipients"].append({"id": "youth-support-services", "reason": "They support young people.",
                                               "gateway": [_id(YOUTH_SUPPORT)]})


def _both(*changes: Change) -> Change:
    def change(files: dict) -> None:
        for one in changes:
            one(files)
    return change


# (rule, what is wrong, the change that breaks it, the words the line it names holds, a change that fits)
FITS = [
    ("F.nation", "a school in Wales", _school(nation="wales"), "nation: wales", _school(nation="england")),
    ("F.binds", "an academy trust relying on a maintained school's safeguarding duty",
     _basis("6(1)(c)", relied_on=[_id(SAFEGUARDING_MAINTAINED)]), _id(SAFEGUARDING_MAINTAINED),
     _basis("6(1)(c)", relied_on=[_id(SAFEGUARDING_ACADEMY)])),
    ("F.binds", "a maintained school citing an academy's duty, by its id",
     _both(_organisation(kind="maintained-school"), _basis("6(1)(c)", relied_on=["section-157-of-the-education-act-2002"])),
     "section-157-of-the-education-act-2002",
     _both(_organisation(kind="maintained-school"), _basis("6(1)(c)", relied_on=[_id(SAFEGUARDING_MAINTAINED)]))),
    ("F.basis-instrument", "a duty filed as public task by an organisation with no official authority",
     _both(_organisation(public_authority=False), _public_task(GOVERNANCE_DUTY)), _id(GOVERNANCE_DUTY),
     _both(_organisation(public_authority=False), _basis("6(1)(c)", relied_on=[_id(GOVERNANCE_DUTY)]))),
    ("F.basis-instrument", "a power filed as legal obligation",
     _both(_organisation(kind="maintained-school"), _basis("6(1)(c)", relied_on=[_id(COMMUNITY_POWER)])),
     _id(COMMUNITY_POWER), _both(_organisation(kind="maintained-school"), _public_task(COMMUNITY_POWER))),
    ("F.exemption", "an exemption as the law that allows sharing", _gateway(CRIME_EXEMPTION), _id(CRIME_EXEMPTION),
     _gateway(SAFEGUARDING_ACADEMY)),
    ("F.public-authority-interests", "an academy trust relying on legitimate interests",
     _basis("6(1)(f)", legitimate_interests="to run the school well"), "article: 6(1)(f)",
     _both(_organisation(public_authority=False), _basis("6(1)(f)", legitimate_interests="to run the school well"))),
    ("F.schedule-1", "the employment condition for pupils' health", _special(["medical conditions"], "9(2)(b)", _id(EMPLOYMENT)),
     f"schedule_1: {_id(EMPLOYMENT)}", _special(["medical conditions"])),
    ("F.schedule-1", "a condition filed under an Article 9(2) condition it does not complete",
     _special(["medical conditions"], "9(2)(h)"), f"schedule_1: {_id(SAFEGUARDING_CHILDREN)}", _special(["medical conditions"])),
    ("F.ages", "youth support at a primary school", _both(_school(ages="4-11"), _youth_support), _id(YOUTH_SUPPORT),
     _both(_school(ages="11-16"), _youth_support)),
    ("F.ages-unknown", "law for some ages at a school that does not give its own", _youth_support, "name: Hill School",
     _both(_school(ages="11-18"), _youth_support)),
    ("F.youth-support", "a secondary school's pupils' notice without youth support services", _school(ages="11-16"),
     "recipients:", _school(ages="4-11")),
    ("F.special-tag", "language and free school meals marked special category",
     _special(["ethnicity", "language", "free school meals"]), "- id: characteristics", _special(["ethnicity"])),
    ("F.applies-to", "a recipient for maintained schools, published by an academy trust",
     lambda files: files["pupils.yaml"]["recipients"][1].update(applies_to={"kinds": ["maintained-school"]}),
     "applies_to:", lambda files: files["pupils.yaml"]["recipients"][1].update(applies_to={"kinds": ["academy-trust"]})),
    ("F.applies-to", "a notice for pupils of 13 and over, at a primary school",
     _both(_school(ages="4-11"), lambda files: files["pupils.yaml"].update(applies_to={"ages": "13-19"})),
     "applies_to:", _both(_school(ages="4-11"), lambda files: files["pupils.yaml"].update(applies_to={"ages": "3-11"}))),
    ("F.review-date", "a review date in the future", lambda files: files["pupils.yaml"].update(last_reviewed="2027-01-04"),
     "last_reviewed: '2027-01-04'", lambda files: files["pupils.yaml"].update(last_reviewed=TODAY.isoformat())),
]


@pytest.mark.parametrize("rule_id, _why, breaks, line_holds, fits", FITS, ids=[f"{f[0]}: {f[1]}" for f in FITS])
def test_a_misfit_is_reported_at_its_line_and_the_fitting_facts_are_not(
        tmp_path: Path, rule_id: str, _why: str, breaks: Change, line_holds: str, fits: Change) -> None:
    files = minimal_facts()
    breaks(files)
    findings = findings_for(tmp_path / "breaks", files)
    assert [finding.rule for finding in findings] == [rule_id], [str(finding) for finding in findings]
    (finding,) = findings
    assert finding.severity == next(entry.severity for entry in rules_table() if entry.id == rule_id)
    lines = (tmp_path / "breaks" / finding.location.file).read_text("utf-8").splitlines()
    assert line_holds in lines[finding.location.line - 1]
    files = minimal_facts()
    fits(files)
    assert findings_for(tmp_path / "fits", files) == []


def test_every_fit_rule_has_a_misfit_and_a_fit() -> None:
    assert {entry.id for entry in rules_table() if entry.kind == "fit"} == {rule_id for rule_id, *_ in FITS}


def test_a_public_authority_may_rest_its_public_task_on_a_duty(tmp_path: Path) -> None:
    """The ICO: official authority covers a public body's "tasks, functions, duties or powers" set out in law."""
    files = minimal_facts()
    _public_task(_id(GOVERNANCE_DUTY))(files)
    assert findings_for(tmp_path, files) == []


def test_the_message_says_what_to_write_instead(tmp_path: Path) -> None:
    files = minimal_facts()
    _organisation(public_authority=False)(files)
    _public_task(_id(GOVERNANCE_DUTY))(files)
    (finding,) = findings_for(tmp_path, files)
    assert finding.message == (f"'{_id(GOVERNANCE_DUTY)}' ({GOVERNANCE_DUTY}) gives a duty, which is Article 6(1)(c) (legal obligation), not "
                               "Article 6(1)(e) (public task): move it to a `6(1)(c)` basis.")


def test_a_section_citing_law_for_ages_the_pupils_never_reach_is_named(tmp_path: Path) -> None:
    files = minimal_facts()
    files["schools/hill.yaml"]["ages"] = "3-7"
    files["pupils.yaml"]["sections"] = [{"id": "youth", "title": "Youth support services",
                                         "body": f"From 13 we share under {YOUTH_SUPPORT}."}]
    (finding,) = findings_for(tmp_path, files)
    assert finding.rule == "F.ages" and finding.message.startswith(
        f"The section 'Youth support services' cites {YOUTH_SUPPORT}, which is law for children aged 13 to 19, and "
        "Hill School's pupils are 3 to 7")


def test_an_age_range_a_school_office_cannot_mean_is_refused_with_what_to_write(tmp_path: Path) -> None:
    files = minimal_facts()
    files["schools/hill.yaml"]["ages"] = "16-11"
    with pytest.raises(Exception) as refused:
        findings_for(tmp_path, files)
    assert "'16-11' is not an age range" in str(refused.value) and "`ages: 11-16`" in str(refused.value)


def _kind_changed(tmp_path: Path, kind: str) -> Path:
    folder = tmp_path / "notices"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("schema"))
    organisation = folder / "organisation.yaml"
    organisation.write_text(re.sub(r"^kind: .*$", f"kind: {kind}", organisation.read_text("utf-8"), flags=re.MULTILINE), "utf-8")
    return folder


def _lines_citing_law_not_binding(folder: Path, kind: str) -> set[str]:
    """file:line of every list item in the notices that cites law (by id or citation) not binding ``kind``."""
    found = set()
    for path in sorted(folder.glob("*.yaml")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            cited = law.resolve(line.strip()[2:]) if line.strip().startswith("- ") else None
            if cited is not None and not cited.binds_kind(kind):
                found.add(f"{path.name}:{number}")
    return found


def test_the_example_adopted_by_a_maintained_school_reports_each_academy_only_passage(tmp_path: Path) -> None:
    folder = _kind_changed(tmp_path, "maintained-school")
    findings = [f for f in check_project(load_project(folder), TODAY) if f.rule == "F.binds"]
    reported = {f"{finding.location.file}:{finding.location.line}" for finding in findings}
    expected = _lines_citing_law_not_binding(folder, "maintained-school")
    assert _lines_citing_law_not_binding(folder, "academy-trust") != expected  # the kind decides what fits
    assert expected and reported == expected
    assert all("not maintained schools" in finding.message for finding in findings)
    # As the academy trust it is, the example is told only of what binds maintained schools alone (s.175).
    trust = _kind_changed(tmp_path / "trust", "academy-trust")
    as_published = [f for f in check_project(load_project(trust), TODAY) if f.rule == "F.binds"]
    assert {f"{finding.location.file}:{finding.location.line}" for finding in as_published} == \
        _lines_citing_law_not_binding(trust, "academy-trust")


def test_oakmoor_is_a_secondary_school_for_ages_11_to_16() -> None:
    oakmoor = yaml.safe_load((EXAMPLE / "schools" / "oakmoor.yaml").read_text("utf-8"))
    assert (oakmoor["phases"], oakmoor["ages"]) == (["secondary"], "11-16")


def test_adequacy_regulations_is_named_as_the_law_now_words_it(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = "Our backups stay in Ireland, under adequacy regulations."
    (finding,) = findings_for(tmp_path, files)
    assert finding.rule == "L.adequacy" and "'adequacy regulations' is out of date" in finding.message
    assert "approved by regulations (Article 45A of the UK GDPR)" in finding.message


def test_articles_the_data_use_and_access_act_added_are_not_questioned(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = ("We need not tell you again when we use it for research (Article 13(5) and "
                                       "Article 14(5)(e) of the UK GDPR); Article 14(5)(f) does not exist.")
    (finding,) = findings_for(tmp_path, files)
    assert finding.rule == "L.article" and "'Article 14(5)(f)'" in finding.message


def test_a_private_nursery_is_no_public_authority_and_may_rely_on_legitimate_interests(tmp_path: Path) -> None:
    files = minimal_facts()
    files["organisation.yaml"]["kind"] = "early-years-provider"
    files["pupils.yaml"]["recipients"] = "none"  # the census duty of s.537A is a school's, not a nursery's
    _basis("6(1)(f)", legitimate_interests="to tell parents about our holiday club")(files)
    (notice,) = load_project(write_facts(tmp_path, files)).notices
    assert not notice.organisation.is_public_authority
    assert findings_for(tmp_path / "again", files) == []


def test_a_pupils_notice_that_goes_to_no_public_body_is_not_asked_for_youth_support(tmp_path: Path) -> None:
    files = minimal_facts()
    files["schools/hill.yaml"]["ages"] = "11-16"
    files["pupils.yaml"].update(title="How we use photographs of pupils", recipients="none")
    assert findings_for(tmp_path, files) == []


def test_a_notice_about_pupils_that_goes_only_to_the_council_is_not_taken_for_the_pupils_notice(tmp_path: Path) -> None:
    """A trips or online safety notice names pupils and the local authority's children's social care; youth support
    services belong in the pupils' notice, the one that carries the census to the DfE."""
    files = minimal_facts()
    files["schools/hill.yaml"]["ages"] = "11-16"
    files["pupils.yaml"].update(title="How we use information on school trips",
                                recipients=[{"id": "local-authority", "reason": "Its children's social care, if a "
                                                                                "child on a trip may be at risk."}])
    assert findings_for(tmp_path, files) == []


def test_every_kind_of_organisation_the_facts_know_is_one_the_law_binds_or_one_it_cannot_judge() -> None:
    kinds = set(get_args(OrganisationKind))
    assert kinds - set(BINDS) == {"charity", "company", "other"}  # F.binds leaves these unjudged
    assert set(BINDS) - kinds == {"employer", "any"}  # whom an instrument binds, not a kind of organisation


def test_what_binds_an_academy_trust_binds_the_academy_it_runs_and_an_employer_s_duty_every_kind(tmp_path: Path) -> None:
    files = minimal_facts()
    files["organisation.yaml"]["kind"] = "academy"
    _basis("6(1)(c)", relied_on=[_id(ACADEMY_ONLY[1])])(files)
    assert findings_for(tmp_path, files) == []
    employer_duty = _instrument("Section 15 of the Immigration, Asylum and Nationality Act 2006", "duty", ("employer",))
    assert all(employer_duty.binds_kind(kind) for kind in get_args(OrganisationKind))
