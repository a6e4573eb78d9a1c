"""The audit of the transparency documents other than notices (consent forms, subject access letters): each file
read back and checked against the facts it was made from, so that a document says what the facts say, and no more."""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.check.audit import _states, _unbroken
from generator.check.findings import Finding
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.render.consent import childrens_biometrics, consent_purposes
from generator.render.formats import Subject

CONSENT_FORM_RULE = "L.consent-form"
EMPTY_BOX, TICKED_BOXES = "\u2610", ("\u2611", "\u2612")
_CHOICE = re.compile(r"use(\d+):")  # "Use 1: to ...", as the unbroken text reads it
# What the form must say of a child's biometric information (Protection of Freedoms Act 2012 ss.26-27).
BIOMETRICS_RULES = ("each of their parents", "at least one parent has given consent in writing",
                    "no parent has objected", "may refuse, or object, at any time", "reasonable alternative")


def consent_form_problems(text: str, notice: ResolvedNotice) -> list[str]:
    """What a consent form leaves out or adds: each consent purpose a choice of its own ("Use N: to ..."),
    no other choice, two empty boxes each and none ticked, how to withdraw, and the biometrics law's rules."""
    body = _unbroken(text)
    choices = consent_purposes(notice)
    problems = [f"does not offer the choice 'Use {number}: to {purpose.description}' for the consent purpose "
                f"'{purpose.id}'" for number, purpose in enumerate(choices, 1)
                if not _states(body, f"Use {number}: to {purpose.description}")]
    offered = len(_CHOICE.findall(body))
    if offered > len(choices):
        problems.append(f"offers {offered} choices, but the notice bases {len(choices)} purposes on consent: "
                        "a choice the facts do not hold is not consent they describe")
    if text.count(EMPTY_BOX) != 2 * len(choices):
        problems.append(f"has {text.count(EMPTY_BOX)} empty boxes, not a Yes and a No for each of its "
                        f"{len(choices)} choices")
    if any(box in text for box in TICKED_BOXES):
        problems.append("has a ticked box: consent is never ticked for anyone")
    if "withdraw" not in body:
        problems.append("does not say how to withdraw consent")
    if childrens_biometrics(notice):
        problems += [f"does not state the rule of the Protection of Freedoms Act 2012 '{words}'"
                     for words in BIOMETRICS_RULES if not _states(body, words)]
    return problems


def _audit_consent_form(text: str, subject: Subject, where: Location) -> list[Finding]:
    assert isinstance(subject, ResolvedNotice)
    return [Finding(CONSENT_FORM_RULE, "error", f"The consent form {problem}: the template (consent-form.md.j2) "
                    "must show the notice's consent purposes, each once.", where, subject.variant.id, subject.id)
            for problem in consent_form_problems(text, subject)]


DOCUMENT_AUDITS: dict[str, Callable[[str, Subject, Location], list[Finding]]] = {
    "consent-form": _audit_consent_form,
}


def audit_document(document: str, text: str, subject: Subject, where: Location) -> list[Finding]:
    """One document's file read back, checked by that document's own rules."""
    return DOCUMENT_AUDITS[document](text, subject, where)
