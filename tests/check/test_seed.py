"""The seed notice as published yields its real gaps; the completed example in notices/ yields nothing."""

from __future__ import annotations

from generator.check import check_notices
from generator.project import load_project
from tests.check.conftest import TODAY
from tests.conftest import EXAMPLE, SEED_AS_PUBLISHED

# Each finding the seed as published must yield: (rule, severity, why).
SEED_FINDINGS = [
    ("A13.1.a", "error", "it says 'the Trust' but never names the controller"),
    ("A13.1.c9", "error", "Article 9(2)(b) needs a DPA 2018 Schedule 1 Part 1 condition, and none is named"),
    ("A13.1.f", "error", "it says nothing about transfers outside the UK"),
    ("A13.2.e", "error", "some data is voluntary, but it does not say what happens if it is not given"),
    ("A13.2.f", "error", "it says nothing about automated decision-making"),
    ("A14.2.f", "error", "referrals come from other agencies, but it names no source beyond the family"),
    ("S164A", "error", "it asks people to tell the school first but gives no way to complain (law since 19 June 2026)"),
    ("L.naming", "warning", "it relies on the 'General Data Protection Regulations', not the UK GDPR"),
    ("L.rights", "warning", "it lists the right to object to automated decisions, and none are made"),
    ("L.rights", "warning", "it lists the right to prevent direct marketing, and there is none"),
    ("L.rights", "warning", "its list of rights leaves out restriction (it says 'blocked')"),
    ("L.rights", "warning", "its list of rights leaves out access, which it states only in a paragraph of its own"),
    ("L.rights-wording", "warning", "'blocked': DPA 1998 wording for restriction"),
    ("L.rights-wording", "warning", "'claim compensation': Art 82, not an information item"),
    ("L.rights-wording", "warning", "'damage or distress': the DPA 1998 s10 right"),
    ("L.rights-wording", "warning", "'prevent processing': now the Art 21(2) right to object"),
    ("L.summary", "warning", "it has no plain-language summary"),
    ("L.mixed-requirement", "warning", "some of it is 'provided on a voluntary basis', but it never says which"),
    ("L.recipient-reason", "warning", "it names the local authority with no reason for sharing or law"),
    ("L.recipient-reason", "warning", "it names the school nursing service with no reason for sharing or law"),
    ("L.special-unmarked", "warning", "'health and dental assessments' in the outcomes are health data, not marked"),
    ("L.special-unmarked", "warning", "'offending' in the outcomes is criminal offence data, not marked"),
    ("F.schedule-1", "error", "a school's children in need under the employment condition, 9(2)(b)"),
    ("F.binds", "error", "a school sharing under Children Act 1989 s.83, the local authority's duty (an LA's notice)"),
    ("F.binds", "error", "an academy trust sharing under the 2013 pupil information Regulations, maintained schools' duty"),
    ("F.special-tag", "warning", "'gender' among the characteristics marked special category data"),
    ("L.cite-by-id", "warning", "its gateway 'Section 83 of the Children Act 1989' is written in words"),
    ("L.cite-by-id", "warning", "so is 'Regulation 3' of the 2013 pupil information Regulations"),
    ("L.cite-by-id", "warning", "'Section 7 of the Children and Young Persons Act 2008' is law the catalogue does not hold"),
    # The record of processing's facts (L.record, L.retention-end) are asked for once a school starts its record.
]


def test_the_seed_as_published_yields_its_real_omissions() -> None:
    findings = check_notices(load_project(SEED_AS_PUBLISHED).notices, TODAY)
    assert sorted((f.rule, f.severity) for f in findings) == sorted((rule, severity) for rule, severity, _ in SEED_FINDINGS)


def test_the_seed_findings_say_what_is_wrong_where() -> None:
    findings = {f.rule: f for f in check_notices(load_project(SEED_AS_PUBLISHED).notices, TODAY)}
    assert findings["A13.1.a"].location.file.endswith("seed-as-published/organisation.yaml")
    assert "General Data Protection Regulations" in findings["L.naming"].message
    assert findings["L.naming"].location.file.endswith("children-in-need.yaml")
    assert "Schedule 1" in findings["A13.1.c9"].message


def test_the_example_yields_no_finding_at_all() -> None:
    assert check_notices(load_project(EXAMPLE).notices, TODAY) == []
