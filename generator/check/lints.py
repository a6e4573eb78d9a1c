"""Good-practice and currency lints on a resolved notice: out-of-date names of the law, Articles that do
not exist, rights the bases do not give, a passed review date, no summary; and what a reviewing DPO
would ask about: sharing with no reason, periods that are no periods, voluntary items not named,
sensitive data not marked, and a school's changes its inherited summary contradicts."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator

from generator.check.childrens_version import childrens_ages, childrens_facts, childrens_sections
from generator.check.citations import cite_by_id
from generator.check.judge import APPLIES, Problem
from generator.check.printing import first_layer_fits
from generator.check.readability import reading_grade
from generator.check.records import RECORD_LINTS
from generator.check.rules import article_table
from generator.check.shared_facts import PerFact
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.facts.models import FactModel, Notice, NoticeOverride, Section
from generator.law.dated import law_changes, longdate, regulator_names
from generator.law.dpv import sensitive_words

_OLD_NAMES = re.compile(
    r"(?<!UK )(?<!UK-)(?<!EU )\b(?:the\s+)?(?:GDPR|General\s+Data\s+Protection\s+Regulations?)\b"
    r"|\bData\s+Protection\s+Act\s+1998\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"\b(?:Article|Art\.?)\s*(\d+)(?:\s*\((\d+)\))?(?:\s*\(([a-z]{1,2})\))?", re.IGNORECASE)
# "Article 12 of the UN Convention on the Rights of the Child" cites another law: only the UK GDPR's are checked.
_OTHER_LAW = re.compile(r"\s+of\s+(?!(?:the\s+)?(?:UK\s+GDPR|GDPR|UK\s+General|General\s+Data))\w", re.IGNORECASE)
_OLD_RIGHTS_WORDING = re.compile(
    r"\bblocked\b|\bprevent(?:ing)?\s+processing\b|\bdamage\s+or\s+distress\b|\bclaim(?:ing)?\s+compensation\b",
    re.IGNORECASE,
)
# Words that name a right in a hand-written list, and the derived right (generator/law/lawful_bases.yaml)
# that must exist for the list to be true.
_RIGHT_WORDS: tuple[tuple[re.Pattern, str, str], ...] = (
    (re.compile(r"portab", re.I), "portability", "the right to data portability"),
    (re.compile(r"withdraw\w*\s+(?:your\s+|their\s+)?consent", re.I), "withdraw-consent", "the right to withdraw consent"),
    (re.compile(r"direct\s+marketing", re.I), "object-direct-marketing", "the right to object to direct marketing"),
    (re.compile(r"automated\s+(?:means|decisions?|processing)", re.I), "automated-decisions",
     "rights about automated decisions"),
)

# Words that name the rights every list should carry when the bases give them: a free section naming
# three or more of these is a hand-written list of rights, and must not leave one out.
_LISTED_RIGHTS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (re.compile(r"\baccess\b", re.I), ("access",)),
    (re.compile(r"rectif|\bcorrect", re.I), ("rectification",)),
    (re.compile(r"\beras|\berase|\bdelet", re.I), ("erasure", "erasure-limited")),
    (re.compile(r"restrict", re.I), ("restriction",)),
    (re.compile(r"\bobject", re.I), ("object",)),
    (re.compile(r"portab", re.I), ("portability",)),
)
_A_LIST = 3


def fact_texts(model: object, location: Location | None = None) -> Iterator[tuple[str, Location | None]]:
    """Every piece of text in a tree of facts, with where it was written."""
    if isinstance(model, str):
        yield model, location
    elif isinstance(model, FactModel):
        for name in type(model).model_fields:
            yield from fact_texts(getattr(model, name), model.field_location(name))
    elif isinstance(model, (list, tuple)):
        for item in model:
            yield from fact_texts(item, getattr(item, "location", None) or location)
    elif isinstance(model, dict):
        for item in model.values():
            yield from fact_texts(item, getattr(item, "location", None) or location)


# Every text of one fact model, with where it was written: read once for all the lints that read texts.
_TEXTS: PerFact[object, list[tuple[str, Location | None]]] = PerFact(lambda model: list(fact_texts(model)))


class _TextLint:
    """A lint that judges each text of the facts on its own, each fact model once (generator/check/shared_facts.py)."""

    def __init__(self, problems_in: Callable[[str], Iterator[str]]):
        self._problems: PerFact[object, list[Problem]] = PerFact(lambda model: [
            (message, location) for text, location in _TEXTS(model) for message in problems_in(text)])

    def __call__(self, n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
        for model in (n.organisation, n.contact, n.notice):
            yield from self._problems(model)


def _old_names(text: str) -> Iterator[str]:
    for match in _OLD_NAMES.finditer(text):
        yield (f"'{' '.join(match[0].split())}' is out of date in a UK notice: write 'the UK GDPR' or 'the Data "
               "Protection Act 2018'.")


def _unknown_articles(text: str) -> Iterator[str]:
    table = article_table()
    for match in _ARTICLE.finditer(text):
        if _OTHER_LAW.match(text, match.end()):
            continue
        if not table.exists(match[1], match[2], match[3] and match[3].lower()):
            yield (f"'{' '.join(match[0].split())}' is not an Article of the UK GDPR: correct the reference, "
                   "written like Article 6(1)(e).")


# Wording the law made out of date; the entries' dates are in rules.yaml (a lint runs only while in force).
_OUTDATED: dict[str, tuple[re.Pattern, str]] = {
    "L.privacy-shield": (re.compile(r"\bPrivacy\s+Shield\b", re.IGNORECASE),
                         "ended in 2020 and is no UK transfer safeguard: name the UK Extension to the EU-US Data "
                         "Privacy Framework, or an Article 46 safeguard such as the IDTA."),
    "L.article-22": (re.compile(r"\b(?:Article|Art\.?)\s*22(?![A-D0-9])", re.IGNORECASE),
                     "was replaced by Articles 22A to 22D on 5 February 2026: cite those, or Article 22C for the "
                     "safeguards."),
    "L.adequacy": (re.compile(r"\badequacy\s+(?:decisions?|regulations?)\b", re.IGNORECASE),
                   "is out of date since 5 February 2026: write 'approved by regulations (Article 45A of the UK "
                   "GDPR)'."),
    "L.regulator-name": (re.compile(r"\bInformation\s+Commissioner\b(?:'s\s+Office)?"),
                         "is the regulator's old name: write 'the Information Commission'."),
}


def _outdated_wording(lint_id: str) -> _TextLint:
    pattern, advice = _OUTDATED[lint_id]

    def problems_in(text: str) -> Iterator[str]:
        if any(text == name for name, _ in regulator_names()):  # the notice prints the name in force
            return
        for match in pattern.finditer(text):
            yield f"'{' '.join(match[0].split())}' {advice}"
    return _TextLint(problems_in)


def _rights_sections(n: ResolvedNotice) -> list[Section]:
    return [section for section in n.notice.sections
            if section.after == "your-rights" or "right" in section.title.lower()]


def rights_wording(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    for section in _rights_sections(n):
        for match in _OLD_RIGHTS_WORDING.finditer(section.body):
            yield (f"The section '{section.title}' says '{match[0]}', wording of the Data Protection Act 1998: "
                   "leave the rights to the notice's own list, which follows the lawful bases.", section.location)


def rights_not_given(n: ResolvedNotice, today: datetime.date) -> Iterator[Problem]:
    """Rights a hand-written list names that the bases do not give, and the reverse."""
    given = {right.id for right in n.rights}
    for section in _rights_sections(n):
        for pattern, right_id, name in _RIGHT_WORDS:
            if right_id not in given and pattern.search(section.body):
                yield (f"The section '{section.title}' names {name}, which this notice's lawful bases and facts "
                       "do not give: remove it, or correct the facts if they are wrong.", section.location)
    yield from rights_left_out(n, today)


def rights_left_out(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    given = {right.id: right.name for right in n.rights}
    for section in _rights_sections(n):
        named = [ids for pattern, ids in _LISTED_RIGHTS if pattern.search(section.body)]
        if len(named) < _A_LIST:
            continue
        for _, ids in _LISTED_RIGHTS:
            left_out = [given[right_id] for right_id in ids if right_id in given]
            if left_out and ids not in named:
                yield (f"The section '{section.title}' lists rights but leaves out the {left_out[0].lower()}, which "
                       "this notice's lawful bases give: add it, or drop the hand-written list.", section.location)


def review_date(n: ResolvedNotice, today: datetime.date) -> Iterator[Problem]:
    due = n.notice.next_review
    if due is not None and due < today:
        yield (f"The notice was due for review on {due.isoformat()}: review it, then update `last_reviewed` and "
               "`next_review`.", n.notice.field_location("next_review"))


def stale_law(n: ResolvedNotice, today: datetime.date) -> Iterator[Problem]:
    """Changes of the law in force today that took effect after the notice was last reviewed."""
    reviewed = n.notice.last_reviewed
    if reviewed is None:  # such a notice is written in the newest law the catalogue knows
        return
    for change in law_changes().values():
        if change.commences is None or not change.in_force(today):
            continue
        if change.commences > reviewed and any(APPLIES[key](n) for key in change.affects):
            yield (f"The law changed on {longdate(change.commences)}, after this notice was last reviewed: "
                   f"{change.title}. {change.what_to_do} (source: {change.source})",
                   n.notice.field_location("last_reviewed"))


def summary(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    if not n.notice.summary:
        yield ("The notice has no plain-language summary: add `summary:` with a few short sentences to read "
               "first.", n.notice.location)


def recipient_reasons(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    names = {recipient.id: recipient.full_name for recipient in n.recipients or []}
    for wanted in n.notice.recipients if isinstance(n.notice.recipients, list) else []:
        if not wanted.reason and not wanted.gateway:
            yield (f"The notice shares with {names.get(wanted.id, wanted.id)} but gives neither a reason nor a law "
                   "that allows it: add `reason:` saying why, and `gateway:` naming the law, e.g. `Section 537A of "
                   "the Education Act 1996`.", wanted.location)


# Periods that are no periods: a reader cannot tell from them when their information goes.
_NOT_A_PERIOD = re.compile(
    r"\bas\s+long\s+as\s+(?:is\s+|it\s+is\s+|we\s+)?(?:necessary|needed|required|need\s+it|appropriate)"
    r"|\bTB[CAD]\b|\bto\s+be\s+(?:confirmed|decided|agreed|set)\b|\bnot\s+(?:yet\s+)?(?:known|decided|set)\b"
    r"|\bunknown\b", re.IGNORECASE)
_WITHOUT_END = re.compile(r"\bindefinite(?:ly)?\b|\bpermanent(?:ly)?\b|\bforever\b|\bin\s+perpetuity\b",
                          re.IGNORECASE)


def retention_periods(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    for rule in n.notice.retention:
        where = rule.field_location("period")
        if _NOT_A_PERIOD.search(rule.period):
            yield (f"The retention period of '{rule.records}' is '{rule.period}', which is not a period: say how "
                   "long, or until when, e.g. `6 years after the end of employment` or `until the child is 25`.",
                   where)
        elif _WITHOUT_END.search(rule.period) and not rule.basis:
            yield (f"'{rule.records}' are kept '{rule.period}' and the notice does not say why: add `basis:` "
                   "naming the law or policy that needs them kept, e.g. `kept permanently by the archive service "
                   "under the Public Records Act 1958`.", where)


def mixed_requirement(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    given = n.notice.provision
    if given is not None and given.requirement == "mixed" and not given.voluntary:
        yield ("The notice says some of the data is required and some is not (`requirement: mixed`) but not which "
               "is voluntary: list it under `voluntary:` in `provision:`, e.g. `voluntary: [ethnicity, first "
               "language]`.", given.field_location("requirement"))


def special_unmarked(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """A category whose words name special category or criminal offence data it is not marked as holding;
    the words are those the JSON notice's DPV tags use (generator/law/dpv.yaml)."""
    yield from _UNMARKED(n.notice)


def _unmarked(notice: Notice) -> Iterator[Problem]:
    for category in notice.categories:
        for term, words in sensitive_words(category):
            if term.special and not category.special:
                yield (f"The category '{category.name}' mentions '{words}', which is special category data, but "
                       "is not marked so: add `special: true` to it and cover it with an Article 9 condition under "
                       "`lawful_bases:`, or reword it if it holds no such data.", category.location)
            elif term.criminal_offence and not category.criminal_offence:
                yield (f"The category '{category.name}' mentions '{words}', which is criminal offence data, but "
                       "is not marked so: add `criminal_offence: true` to it and an `article: \"10\"` entry with "
                       "its Schedule 1 condition under `lawful_bases:`, or reword it if it holds no such data.",
                       category.location)


_UNMARKED: PerFact[Notice, list[Problem]] = PerFact(lambda notice: list(_unmarked(notice)))


def _mentions(text: str, words: list[str]) -> str | None:
    """The first of ``words`` that ``text`` mentions, as whole words and ignoring case."""
    return next((word for word in words if word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I)), None)


def _inherited_texts(notice: Notice, inherited: Notice) -> Iterator[tuple[str, str]]:
    """The summary and free sections a school's version keeps from the trust's notice, each with its name."""
    if notice.summary and notice.summary == inherited.summary:
        yield "summary", notice.summary
    kept = {section.id: section for section in inherited.sections}
    for section in notice.sections:
        if kept.get(section.id) is section:
            yield f"section '{section.title}'", section.body


def _recipient_words(recipient_id: str, name: str | None) -> list[str]:
    """How a summary may name a recipient: its name (with or without its short form), the short form, its id."""
    words = [recipient_id.replace("-", " ")]
    if name:
        short = re.search(r"\(([^)]+)\)\s*$", name)
        words = [name, re.sub(r"\s*\([^)]*\)\s*$", "", name), short[1] if short else "", *words]
    return words


def override_contradicts(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """A school's version that drops a recipient, or changes a retention period, that the summary or a free section
    it inherits still states."""
    override, inherited = n.override, n.inherited
    if override is None or inherited is None:
        return
    removed = override.remove
    # NoticeRemove's fields are read off Notice's roles at run time; an unset one is an empty list.
    dropped: list[str] = getattr(removed, "recipients", [])
    new_periods = {rule.id: rule.period for rule in n.notice.retention}
    changed_periods = [rule for rule in inherited.retention if new_periods.get(rule.id) != rule.period]
    for label, text in _inherited_texts(n.notice, inherited):
        for recipient_id in dropped:
            said = _mentions(text, _recipient_words(recipient_id, _catalogue_name(n, recipient_id)))
            if said:
                yield (f"This school no longer shares with '{recipient_id}', but the {label} it keeps from the "
                       f"trust's notice still says '{said}': replace the {label} for this school "
                       "(`replace: summary:`, or a section of its own), or keep the recipient.",
                       removed.field_location("recipients"))
        for rule in changed_periods:
            said = _mentions(text, [rule.period, *_numbers_only_in(rule.period, new_periods.get(rule.id, ""))])
            if said:
                yield (f"This school changes how long '{rule.records}' are kept, but the {label} it keeps from the "
                       f"trust's notice still says '{said}': replace the {label} for this school so that it gives "
                       "the new period.", _retention_location(override))


def _numbers_only_in(old: str, new: str) -> list[str]:
    """Numbers the old period states and the new one does not ("25" of "until the child is 25")."""
    return [number for number in re.findall(r"\d+", old) if number not in re.findall(r"\d+", new)]


def _catalogue_name(n: ResolvedNotice, recipient_id: str) -> str | None:
    """A removed recipient's name, from the organisation's catalogue; one the school defines is known by its id."""
    recipient = n.organisation.recipients.get(recipient_id)
    return recipient.name if recipient else None


def _retention_location(override: NoticeOverride) -> Location | None:
    """Where the school changes the retention rules."""
    for how in (override.add, override.replace, override.remove):
        if "retention" in how.model_fields_set:
            return how.field_location("retention")
    return override.location


LINTS: dict[str, Callable[[ResolvedNotice, datetime.date], Iterator[Problem]]] = {
    "L.stale-law": stale_law,
    **{lint_id: _outdated_wording(lint_id) for lint_id in _OUTDATED},
    "L.naming": _TextLint(_old_names),
    "L.rights-wording": rights_wording,
    "L.rights": rights_not_given,
    "L.article": _TextLint(_unknown_articles),
    "L.review": review_date,
    "L.summary": summary,
    "L.recipient-reason": recipient_reasons,
    "L.retention-period": retention_periods,
    "L.mixed-requirement": mixed_requirement,
    "L.special-unmarked": special_unmarked,
    "L.override-contradicts": override_contradicts,
    "L.reading-grade": reading_grade,
    "L.children-facts": childrens_facts,
    "L.children-sections": childrens_sections,
    "L.children-ages": childrens_ages,
    "L.one-page": first_layer_fits,
    "L.cite-by-id": cite_by_id,
    **RECORD_LINTS,
}
