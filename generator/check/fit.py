"""Whether a notice's law fits the organisation that publishes it: the kind of organisation each instrument
binds, the basis each supports, the ages it reaches, the nation the school is in, and the special category
tags of its data. One function per `fit` entry of generator/law/rules.yaml; instruments are found with
generator.law.instruments.resolve_all(), so a citation by id and one in free text are judged alike."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator

from generator.check.judge import Problem
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.facts.models import SUPPORTED_NATIONS, AppliesTo, LawfulBasis, Notice, ScopedFact
from generator.facts.roles import roles
from generator.law import instruments as law
from generator.law.catalogue import catalogue
from generator.law.dpv import dpv_mapping
from generator.law.instruments import BINDS, Instrument

PUBLIC_TASK, LEGAL_OBLIGATION = "6(1)(e)", "6(1)(c)"
LEGITIMATE_INTERESTS = ("6(1)(f)", "6(1)(ea)")
# What each Article 6 basis needs its law to give: a duty for a legal obligation, a function or power for a task.
_SUPPORTS_FOR = {LEGAL_OBLIGATION: ("duty",), PUBLIC_TASK: ("function", "power")}
# The ICO: official authority covers "a public body's tasks, functions, duties or powers" set out in law, so a
# public authority may rest a public task on a duty; an organisation without official authority may not.
_PUBLIC_BODY_SUPPORTS_FOR = {**_SUPPORTS_FOR, PUBLIC_TASK: ("function", "power", "duty")}
_BASIS_FOR = {"duty": LEGAL_OBLIGATION, "function": PUBLIC_TASK, "power": PUBLIC_TASK}
EMPLOYMENT_CONDITION = "9(2)(b)"  # and its Schedule 1 condition, Part 1 paragraph 1
# Whose data an employment condition may be used for: people in work, or applying or volunteering for it.
_IN_WORK = re.compile(r"\b(?:staff|employ\w*|workforce|workers?|applicants?|candidates?|volunteers?|governors?|"
                      r"trustees?|contractors?|agency|supply teachers?)\b", re.IGNORECASE)
_PUPILS = re.compile(r"\bpupils?\b", re.IGNORECASE)
_YOUTH_SUPPORT = re.compile(r"\byouth\s+support\b", re.IGNORECASE)
# A pupils' notice of the kind that names youth support: the one whose data goes to the DfE (the census). A notice
# that names pupils and only the council (trips, online safety: children's social care) is not that notice.
_CENSUS_BODY = re.compile(r"\b(?:department\s+for\s+education|dfe)\b", re.IGNORECASE)
YOUTH_SUPPORT_AGE = 13  # Education Act 1996 s.507B: services for young people from 13


def _kind_words(kind: str) -> str:
    """A kind of organisation in words, as many: 'local-authority' -> 'local authorities'."""
    return {"any": "any organisation", "academy": "academies (and the trusts that run them)",
            "local-authority": "local authorities"}.get(kind, kind.replace("-", " ") + "s")


def _named(said: str, instrument: Instrument) -> str:
    """A citation as the facts write it, with the instrument's own citation when the facts give an id or alias."""
    return f"'{said}'" if said == instrument.citation else f"'{said}' ({instrument.citation})"


def _cited(n: ResolvedNotice) -> Iterator[tuple[str, str, Location | None, LawfulBasis | None]]:
    """Every law the notice cites by name: (where, the words, file:line, its basis when under one)."""
    for basis in n.notice.lawful_bases:
        for index, said in enumerate(basis.relied_on):
            yield "relied_on", said, basis.field_location(f"relied_on[{index + 1}]"), basis
        if basis.schedule_1:
            yield "schedule_1", basis.schedule_1, basis.field_location("schedule_1"), basis
    for wanted in n.notice.recipients if isinstance(n.notice.recipients, list) else []:
        for index, said in enumerate(wanted.gateway):
            yield "gateway", said, wanted.field_location(f"gateway[{index + 1}]"), None


def _instruments(n: ResolvedNotice) -> Iterator[tuple[str, str, Location | None, LawfulBasis | None, Instrument]]:
    for where, said, location, basis in _cited(n):
        for instrument in law.resolve_all(said) or []:  # "x and y" cites both
            yield where, said, location, basis, instrument


def nation(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    profile = n.variant.profile
    if profile is not None and profile.nation not in SUPPORTED_NATIONS:
        yield (f"{n.variant.name} is in {profile.nation.replace('-', ' ').title()}, where the education law differs "
               "from England's: the law this tool cites (the census, the DfE's collections, youth support) is "
               "England's, so its notices cannot be checked here yet. Check each citation with your data protection "
               "officer, or write `nation: england` if the school is in England.", profile.field_location("nation"))


def binds(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    kind = n.organisation.kind
    if kind not in BINDS:  # a charity or company: which law binds it depends on what it runs
        return
    for _, said, location, _, instrument in _instruments(n):
        if not instrument.binds_kind(kind):
            whom = ", ".join(_kind_words(bound) for bound in sorted(instrument.binds))
            yield (f"{_named(said, instrument)} binds {whom}, not {_kind_words(kind)}: cite the law that "
                   f"applies to {_kind_words(kind)}, or leave it out ({instrument.url}).", location)


def basis_instrument(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    supports_for = _PUBLIC_BODY_SUPPORTS_FOR if n.organisation.is_public_authority else _SUPPORTS_FOR
    for where, said, location, basis, instrument in _instruments(n):
        if where != "relied_on" or basis is None or basis.article not in supports_for:
            continue
        if instrument.supports in _BASIS_FOR and instrument.supports not in supports_for[basis.article]:
            right = _BASIS_FOR[instrument.supports]
            yield (f"{_named(said, instrument)} gives a {instrument.supports}, which is Article {right} "
                   f"({catalogue().bases[right].name.lower()}), not Article {basis.article} "
                   f"({catalogue().bases[basis.article].name.lower()}): move it to a `{right}` basis.", location)
        elif instrument.supports == "condition":
            yield (f"{_named(said, instrument)} is a Data Protection Act 2018 Schedule 1 condition, not a law that gives a duty or a "
                   "task: write it as the `schedule_1:` of the Article 9(2) condition it completes.", location)


def exemption(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    shown_as = {"relied_on": "the law relied on for a lawful basis", "gateway": "a law that allows sharing",
                "schedule_1": "a Schedule 1 condition"}
    for where, said, location, _, instrument in _instruments(n):
        if instrument.supports == "exemption":
            yield (f"{_named(said, instrument)} is an exemption: it limits people's rights in some cases, and allows or requires "
                   f"nothing, so it cannot be {shown_as[where]}. Cite the law that allows or requires the use or "
                   "the sharing instead, and leave the exemption out of the notice.", location)


def public_authority_interests(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    if not n.organisation.is_public_authority:
        return
    every_purpose = [purpose.id for purpose in n.notice.purposes]
    tasks = {purpose for basis in n.notice.lawful_bases if basis.article in _SUPPORTS_FOR
             for purpose in (every_purpose if basis.purposes is None else basis.purposes)}
    for basis in n.notice.lawful_bases:
        # Legitimate interests kept to purposes outside the public tasks and duties is what the ICO allows a
        # public authority; covering every purpose, or one a task or duty covers too, is relying on it for them.
        outside_tasks = basis.purposes is not None and not tasks & set(basis.purposes)
        if basis.article == "6(1)(ea)" or (basis.article in LEGITIMATE_INTERESTS and not outside_tasks):
            name = catalogue().bases[basis.article].name.lower()
            yield (f"A public authority may not rely on {name} ({basis.article}) for its tasks as one: use "
                   "6(1)(e) public task for them, and keep this basis only for what the school does outside them, "
                   "saying so in `legitimate_interests:`.", basis.location)


def schedule_1(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    in_work = any(_IN_WORK.search(subject) for subject in n.notice.data_subjects)
    for basis in n.notice.lawful_bases:
        condition = law.resolve(basis.schedule_1) if basis.schedule_1 else None
        if condition is not None and condition.supports == "condition" and condition.article_9_10 \
                and basis.article not in condition.article_9_10:
            yield (f"'{basis.schedule_1}' completes Article {' or '.join(condition.article_9_10)}, not Article "
                   f"{basis.article}: file it under that condition, or name the Schedule 1 condition that completes "
                   f"{basis.article}.", basis.field_location("schedule_1"))
        employment = basis.article == EMPLOYMENT_CONDITION or (
            condition is not None and condition.article_9_10 == (EMPLOYMENT_CONDITION,))
        if employment and not in_work:
            yield (f"Article 9(2)(b) and its Schedule 1 Part 1 paragraph 1 condition are for obligations of "
                   f"employment, social security and social protection law, and this notice is about "
                   f"{', '.join(n.notice.data_subjects)}: for a child's welfare use 9(2)(g) with Schedule 1 Part 2 "
                   "paragraph 18 (safeguarding of children) or paragraph 6 (statutory purposes).",
                   basis.field_location("schedule_1") if basis.schedule_1 else basis.location)


def _cited_in_sections(n: ResolvedNotice) -> Iterator[tuple[str, Location | None, Instrument]]:
    """Age-scoped instruments a free section names by their citation or an alias."""
    scoped = [instrument for instrument in law.instruments().values() if instrument.ages]
    for section in n.notice.sections if scoped else []:
        text = " ".join(section.body.split()).lower()
        for instrument in scoped:
            if any(" ".join(said.split()).lower() in text for said in (instrument.citation, *instrument.aliases)):
                yield f"The section '{section.title}' cites {instrument.citation}, which", section.location, instrument


def _age_scoped(n: ResolvedNotice) -> list[tuple[str, Location | None, Instrument]]:
    """What the notice cites of the law that reaches only some ages, with where it says so."""
    scoped = [(_named(said, instrument), location, instrument) for _, said, location, _, instrument in _instruments(n)
              if instrument.ages]
    return scoped + list(_cited_in_sections(n))


def ages_unknown(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    scoped = _age_scoped(n)
    if scoped and n.variant.ages is None:
        profile = n.variant.profile
        yield (f"This notice cites law that reaches only some ages ({scoped[0][2].citation}), and {n.variant.name}'s "
               "facts do not give its pupils' ages: add `ages:` to the file that describes the school, e.g. `ages: "
               "11-16`, so that the checker can tell whether it applies.", profile.location if profile else None)


def ages(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    pupils = n.variant.ages
    if pupils is None:
        return
    youngest, oldest = pupils
    for what, location, instrument in _age_scoped(n):
        reaches = instrument.ages
        if reaches is None:
            continue
        lowest, highest = reaches.lowest, reaches.highest
        if (lowest is not None and oldest < lowest) or (highest is not None and youngest > highest):
            reach = f"from {lowest}" if highest is None else f"up to {highest}" if lowest is None \
                else f"{lowest} to {highest}"
            yield (f"{what} is law for children aged {reach}, and {n.variant.name}'s pupils are {youngest} to "
                   f"{oldest}: leave it out of this school's notice (a school's `remove:`), or correct the school's "
                   "`ages:`.", location)


def youth_support(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    pupils = n.variant.ages
    if pupils is None or pupils[1] < YOUTH_SUPPORT_AGE or not any(_PUPILS.search(s) for s in n.notice.data_subjects):
        return
    said = [" ".join(filter(None, (r.id.replace("-", " "), r.name, r.kind))) for r in n.recipients or []]
    if not any(_CENSUS_BODY.search(text) for text in said) or any(_YOUTH_SUPPORT.search(text) for text in said):
        return
    yield (f"{n.variant.name}'s pupils reach {YOUTH_SUPPORT_AGE} and the pupils' notice does not say that their "
           "information goes to the local authority's youth support services from that age (Education Act 1996 "
           "s.507B): add them under `recipients:` with the reason and the law, and say that parents (or the pupil "
           "from 16) can ask for only the name, address and date of birth to be passed on.",
           n.notice.field_location("recipients"))


def _special_terms() -> list[re.Pattern[str]]:
    return [term.pattern for term in dpv_mapping().categories if term.special]


def _plain_terms() -> list[re.Pattern[str]]:
    return [term.pattern for term in dpv_mapping().categories if not term.special and not term.criminal_offence]


def special_tag(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """Examples in a category marked special that name ordinary data (language, free school meals) and none of
    the kinds Article 9(1) lists; the words are generator/law/dpv.yaml's, where `special` marks the Art 9(1) kinds."""
    special, plain = _special_terms(), _plain_terms()
    for category in n.notice.categories:
        if not category.special:
            continue
        ordinary = [example for example in category.examples
                    if not any(p.search(example) for p in special) and any(p.search(example) for p in plain)]
        if ordinary:
            yield (f"The category '{category.name}' is marked special category data, but {', '.join(ordinary)} "
                   f"{'is' if len(ordinary) == 1 else 'are'} not: Article 9(1) lists racial or ethnic origin, political opinions, religious or philosophical "
                   "beliefs, trade union membership, genetic and biometric data, health, and sex life or sexual "
                   "orientation. Move the rest to a category without `special: true`.", category.location)


def review_in_future(n: ResolvedNotice, today: datetime.date) -> Iterator[Problem]:
    reviewed = n.notice.last_reviewed
    if reviewed is not None and reviewed > today:
        yield (f"The notice says it was last reviewed on {reviewed.isoformat()}, which is after today "
               f"({today.isoformat()}): write the day the review was done.", n.notice.field_location("last_reviewed"))


# The lists of a notice whose items may say whom they are for, and how each names one item ("Recipient 'dfe'").
_SCOPED_LISTS = {name: declared for name, declared in roles(Notice).items() if declared.key and declared.item}


def _scoped(n: ResolvedNotice) -> Iterator[tuple[str, AppliesTo, Location | None]]:
    """Each passage of the notice that says whom it is for: (what it is, its `applies_to`, where it says so)."""
    if n.notice.applies_to is not None:
        yield f"The notice '{n.notice.title}'", n.notice.applies_to, n.notice.field_location("applies_to")
    for name, declared in _SCOPED_LISTS.items():
        items = getattr(n.notice, name)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, ScopedFact) and item.applies_to is not None:
                yield (f"{declared.item} '{declared.item_key(item)}'", item.applies_to,
                       item.field_location("applies_to"))


def applies_to(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    profile = n.variant.profile
    phases = list(profile.phases) if profile is not None else []
    for what, scope, location in _scoped(n):
        why = scope.misfits(n.organisation.kind, phases, n.variant.ages)
        if why is not None:
            yield (f"{what} is for {why}: delete it from {n.variant.name}'s notice (for one school of a trust, list "
                   "it under the school's `remove:`), or adopt the library's wording for your kind of school "
                   "(`notices library`); if the `kind`, `phases` or `ages` are wrong, correct them.", location)


FITS: dict[str, Callable[[ResolvedNotice, datetime.date], Iterator[Problem]]] = {
    "F.nation": nation,
    "F.binds": binds,
    "F.basis-instrument": basis_instrument,
    "F.exemption": exemption,
    "F.public-authority-interests": public_authority_interests,
    "F.schedule-1": schedule_1,
    "F.ages": ages,
    "F.ages-unknown": ages_unknown,
    "F.youth-support": youth_support,
    "F.special-tag": special_tag,
    "F.review-date": review_in_future,
    "F.applies-to": applies_to,
}
