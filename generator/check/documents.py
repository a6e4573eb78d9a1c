"""The audit of the transparency documents other than notices (consent forms, subject access letters): each file
read back and checked against the facts it was made from, so that a document says what the facts say, and no more."""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.check.audit import _begins_with_title, _plain, _states, _unbroken
from generator.check.findings import Finding
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.render.consent import childrens_biometrics, consent_purposes
from generator.render.formats import NoticesFor, Subject
from generator.render.formats.access_letter import HEADINGS, correction_rights

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


ACCESS_LETTER_RULE = "L.access-letter"


def article_15_values(notice: ResolvedNotice) -> dict[str, list[tuple[str, str]]]:
    """For each item of Article 15: (what the value is, the value) that the letter's section must state for the notice."""
    n = notice.notice
    return {
        "15(1)(a)": [("the purpose", purpose.description) for purpose in n.purposes],
        "15(1)(b)": [("the category", category.name) for category in n.categories],
        "15(1)(c)": [("the recipient", recipient.full_name) for recipient in notice.recipients or []],
        "15(1)(d)": [("the retention period", rule.period) for rule in n.retention],
        "15(1)(e)": [("the right", right.name) for right in correction_rights(notice)],
        "15(1)(f)": [("the complaint link", str(notice.supervisory_authority.complaint_url))],
        "15(1)(g)": [("the source", source.name) for source in listed(n.sources)],
        "15(1)(h)": [("the decision", decision.description) for decision in listed(n.automated_decisions)],
        "15(2)": [(what, value) for transfer in listed(n.transfers)
                  for what, value in (("the destination", transfer.destination), ("the safeguard", transfer.safeguard))
                  if value],
    }


def listed(facts: list | str | None) -> list:
    """The items of a list fact; none when it is `none` or not stated."""
    return facts if isinstance(facts, list) else []


def access_letter_problems(text: str, letter: NoticesFor) -> list[str]:
    """What a subject access letter leaves out: each item of Article 15 under its heading, in order, stating the
    facts of every notice the letter draws from, each notice named."""
    lines = [_plain(line) for line in text.splitlines()]
    starts: dict[str, int] = {}
    cursor = 0
    problems = []
    for item, heading in HEADINGS.items():
        at = next((index for index in range(cursor, len(lines))  # a long heading may wrap onto a second line
                   if _begins_with_title(lines, index, _unbroken(heading))), None)
        if at is None:
            problems.append(f"has no section '{heading}' (or it is out of order)")
            continue
        starts[item] = cursor = at
    ends = sorted(starts.values())[1:] + [len(lines)]
    bodies = {item: _unbroken(" ".join(lines[at + 1:ends[sorted(starts.values()).index(at)]]))
              for item, at in starts.items()}
    for notice in letter.notices:
        for item, values in article_15_values(notice).items():
            if item not in bodies:
                continue
            if item != "15(1)(f)" and not _states(bodies[item], notice.notice.title):  # complaints: one for all
                problems.append(f"does not name the notice '{notice.notice.title}' under '{HEADINGS[item]}'")
            problems += [f"does not state {what} '{value}' of the notice '{notice.notice.title}' under "
                         f"'{HEADINGS[item]}'" for what, value in values if not _states(bodies[item], value)]
    return problems


def _audit_access_letter(text: str, subject: Subject, where: Location) -> list[Finding]:
    assert isinstance(subject, NoticesFor)
    return [Finding(ACCESS_LETTER_RULE, "error", f"The subject access letter for {subject.title} {problem}: the "
                    "template (subject-access-letter.md.j2) must show it.", where, subject.notices[0].variant.id, None)
            for problem in access_letter_problems(text, subject)]


# The rules that judge these documents' files, and nothing in the facts.
DOCUMENT_RULES = (CONSENT_FORM_RULE, ACCESS_LETTER_RULE)

DOCUMENT_AUDITS: dict[str, Callable[[str, Subject, Location], list[Finding]]] = {
    "consent-form": _audit_consent_form,
    "access-letter": _audit_access_letter,
}


def audit_document(document: str, text: str, subject: Subject, where: Location) -> list[Finding]:
    """One document's file read back, checked by that document's own rules."""
    return DOCUMENT_AUDITS[document](text, subject, where)
