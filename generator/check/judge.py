"""The Article 13/14 rules judged on one resolved notice's facts: one function per rule id."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from generator.check.rules import RuleEntry, rules_table
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.law.dated import regulator_names

Problem = tuple[str, Location | None]  # one plain sentence, and where the fact is (or should be)
Judgement = Callable[[ResolvedNotice], Iterator[Problem]]

CONSENT = {"6(1)(a)", "9(2)(a)"}
LEGITIMATE_INTERESTS = "6(1)(f)"
ICO_HOST = "ico.org.uk"

# When each rule applies (the `applies` column of rules.yaml). Every notice is taken to cover some
# data given by the person and to say where any other data comes from, so both apply always.
APPLIES: dict[str, Callable[[ResolvedNotice], bool]] = {
    "always": lambda n: True,
    "public-authority-or-dpo": lambda n: n.organisation.is_public_authority or n.dpo is not None,
    "public-authority": lambda n: n.organisation.is_public_authority,
    "special-category": lambda n: any(c.special for c in n.notice.categories) or any(b.special_category for b in n.bases),
    "legitimate-interests": lambda n: any(b.article == LEGITIMATE_INTERESTS for b in n.bases),
    "consent": lambda n: any(b.article in CONSENT for b in n.bases),
    "from-the-person": lambda n: True,
    "from-elsewhere": lambda n: True,
    "new-purpose": lambda n: bool(n.notice.changes),
    "automated-decisions": lambda n: isinstance(n.notice.automated_decisions, list),
    "transfers": lambda n: isinstance(n.notice.transfers, list),
    "criminal-offence": lambda n: any(c.criminal_offence for c in n.notice.categories),
    "objection": lambda n: any(right.stands_apart for right in n.rights),
}


def applicable_rules(notice: ResolvedNotice, as_at: datetime.date | None) -> list[RuleEntry]:
    """The Article 13/14 rules in force on ``as_at`` that apply to this notice, in table order."""
    return [entry for entry in rules_table(as_at) if entry.kind == "rule" and APPLIES[entry.applies](notice)]


# Each rule's judgement on the facts, keyed by its id in rules.yaml (tests/check/test_table.py checks them against it).
JUDGEMENTS: dict[str, Judgement] = {}
# The rights are derived from the bases, so the facts cannot leave them out: these rules have no judgement
# here, and the audit of the rendered notices checks them.
DERIVED_RIGHTS_RULES = frozenset({"A13.2.b", "A13.2.c", "A21.4"})


def judges(rule_id: str) -> Callable[[Judgement], Judgement]:
    """Register the decorated function as the judgement of the rule ``rule_id``."""
    def register(judgement: Judgement) -> Judgement:
        JUDGEMENTS[rule_id] = judgement
        return judgement
    return register


def _notice_field(n: ResolvedNotice, name: str) -> Location | None:
    return n.notice.field_location(name)


@judges("A13.1.a")
def controller(n: ResolvedNotice) -> Iterator[Problem]:
    org = n.organisation
    if not org.name:
        yield ("The notices never name the controller: add `name:` with the trust's or school's legal name "
               "to the organisation file.", org.location)
    if n.contact is None and not org.address:
        if n.variant.standalone:
            yield ("The notices give no way to contact the controller: add a `contact:` with a phone number or "
                   "email address, e.g. `email: office@school.example`, to the organisation file.", org.location)
        else:  # the school's own file is where a new school's contact goes
            yield ("This school's notices give no way to contact the controller: add a `contact:` with a phone "
                   "number or email address, e.g. `email: office@school.example`, to this school's file (or one "
                   "for every school to the organisation file).", n.variant.location or org.location)


@judges("A13.1.b")
def dpo_contact(n: ResolvedNotice) -> Iterator[Problem]:
    if n.dpo is None:
        yield ("A public authority must have a data protection officer, and the notices name none: add `dpo:` "
               "with a name and email address to the organisation file.", n.organisation.location)


@judges("A13.1.c")
def purposes_and_bases(n: ResolvedNotice) -> Iterator[Problem]:
    if not n.notice.purposes:
        yield "The notice lists no purposes: add `purposes:` saying what the data is used for.", _notice_field(n, "purposes")
        return
    covered = {purpose for basis in n.bases if not basis.special_category for purpose in basis.purposes}
    if not covered:
        yield ("The notice has no Article 6 lawful basis: add one under `lawful_bases:`, for a school usually "
               "6(1)(e) public task.", _notice_field(n, "lawful_bases"))
        return
    for purpose in n.notice.purposes:
        if purpose.id not in covered:
            yield (f"The purpose '{purpose.id}' has no Article 6 lawful basis: list it under the `purposes:` of "
                   "a basis, or add a basis for it.", purpose.location)


@judges("A13.1.c9")
def special_category_condition(n: ResolvedNotice) -> Iterator[Problem]:
    covered = {category for basis in n.bases if basis.special_category for category in basis.categories}
    for category in n.notice.categories:
        if category.special and category.id not in covered:
            yield (f"'{category.name}' is special category data with no Article 9 condition: add one under "
                   "`lawful_bases:`, e.g. 9(2)(g) with its Schedule 1 condition.", category.location)
    for basis, written in zip(n.bases, n.notice.lawful_bases):
        if basis.special_category and basis.schedule_1_needed != "none" and not basis.schedule_1:
            part = "Part 1" if basis.schedule_1_needed == "part-1" else "Part 2"
            yield (f"Article {basis.article} needs a Data Protection Act 2018 Schedule 1 condition and none is "
                   f"named: add `schedule_1:` with the {part} paragraph relied on.", written.location)


@judges("A10")
def criminal_offence_condition(n: ResolvedNotice) -> Iterator[Problem]:
    covered = {category for basis in n.bases if basis.criminal_offence and basis.schedule_1
               for category in basis.categories}
    for category in n.notice.categories:
        if category.criminal_offence and category.id not in covered:
            yield (f"'{category.name}' is criminal offence data with no condition: add under `lawful_bases:` an entry "
                   "`article: \"10\"` with `schedule_1:` naming the Data Protection Act 2018 Schedule 1 condition "
                   "relied on.", category.location)


@judges("A13.1.d")
def legitimate_interests(n: ResolvedNotice) -> Iterator[Problem]:
    for basis, written in zip(n.bases, n.notice.lawful_bases):
        if basis.article == LEGITIMATE_INTERESTS and not basis.legitimate_interests:
            yield ("Legitimate interests is a basis but the interests are not said: add `legitimate_interests:` "
                   "to the 6(1)(f) basis.", written.location)


@judges("A13.1.e")
def recipients(n: ResolvedNotice) -> Iterator[Problem]:
    if n.recipients is None:
        yield ("The notice does not say who the data is shared with: list the `recipients:`, or write "
               "`recipients: none`.", n.notice.location)


# A transfer to a country approved by UK regulations needs no copy of a safeguard: "adequacy
# regulations" before 5 February 2026, "approved by regulations" under Article 45A since
# (https://www.legislation.gov.uk/ukpga/2025/18/section/85).
_APPROVED_COUNTRY = re.compile(r"adequacy|approved\s+by\s+regulations|\b45A\b", re.IGNORECASE)


@judges("A13.1.f")
def transfers(n: ResolvedNotice) -> Iterator[Problem]:
    stated = n.notice.transfers
    if stated is None:
        yield ("The notice does not say whether data is sent outside the UK: write `transfers: none`, or list "
               "each transfer with its safeguard.", n.notice.location)
        return
    for transfer in stated if isinstance(stated, list) else []:
        if not transfer.safeguard:
            yield (f"The transfer to {transfer.destination} does not name its safeguard: add `safeguard:`, e.g. "
                   "`safeguard: the International Data Transfer Agreement (IDTA)`, or `safeguard: approved by "
                   "regulations (Article 45A of the UK GDPR)` for a country the UK has approved.", transfer.location)
        elif not transfer.get_a_copy and not _APPROVED_COUNTRY.search(transfer.safeguard):
            yield (f"The transfer to {transfer.destination} does not say how to get a copy of its safeguard: "
                   "add `get_a_copy:`.", transfer.location)


@judges("A13.2.a")
def retention(n: ResolvedNotice) -> Iterator[Problem]:
    if not n.notice.retention:
        yield ("The notice does not say how long the data is kept: add `retention:` with the period and what "
               "sets it.", _notice_field(n, "retention"))


@judges("A13.2.d")
def complaint(n: ResolvedNotice) -> Iterator[Problem]:
    authority = n.supervisory_authority
    where = n.organisation.field_location("supervisory_authority")
    names = [name for name, _ in regulator_names()]
    if authority.name not in names:
        yield (f"The supervisory authority for a UK notice is the {' or the '.join(names)}, not "
               f"'{authority.name}': remove the `supervisory_authority:` block to use the regulator's details.", where)
    host = urlsplit(str(authority.complaint_url)).hostname or ""
    if host != ICO_HOST and not host.endswith("." + ICO_HOST):
        yield (f"The complaint link {authority.complaint_url} is not the ICO's: use "
               "https://ico.org.uk/make-a-complaint/.", where)


@judges("S164A")
def complaints_to_us(n: ResolvedNotice) -> Iterator[Problem]:
    if n.complaints is None:
        yield ("Since 19 June 2026 people can complain to us first, and the notice must say how: add `complaints:` "
               "with the `url` of an online form, an `email` or an `address` to the organisation file, or to the "
               "school.", n.organisation.location)


@judges("A13.2.e")
def provision(n: ResolvedNotice) -> Iterator[Problem]:
    given = n.notice.provision
    if given is None:
        yield ("The notice does not say whether people must give the data: add `provision:` with the "
               "requirement, an explanation and what happens if it is not given.", n.notice.location)
    elif not given.consequences:
        yield ("The notice does not say what happens if people do not give the data: add `consequences:` under "
               "`provision:`.", given.location)


@judges("A13.2.f")
def automated_decisions(n: ResolvedNotice) -> Iterator[Problem]:
    if n.notice.automated_decisions is None:
        yield ("The notice does not say whether decisions are made by automated means: write "
               "`automated_decisions: none`, or list each with its logic and consequences.", n.notice.location)


@judges("A14.1.d")
def categories(n: ResolvedNotice) -> Iterator[Problem]:
    if not n.notice.categories:
        yield ("The notice lists no categories of data: add `categories:` with what is held.",
               _notice_field(n, "categories"))


@judges("A14.2.f")
def sources(n: ResolvedNotice) -> Iterator[Problem]:
    if n.notice.sources is None:
        yield ("The notice does not say where the data comes from: list the `sources:` other than the person, "
               "or write `sources: none`.", n.notice.location)


@judges("A13.3")
def change_log(n: ResolvedNotice) -> Iterator[Problem]:
    version, changes = n.notice.version, n.notice.changes
    if version and changes and changes[0].version != version:
        yield (f"The change log does not record version {version}, so readers cannot see what changed: add a "
               "dated entry to `changes:`, with `new_purpose: true` if it adds a purpose.",
               _notice_field(n, "changes"))
