"""A children's version judged against the notice it explains: each fact it names is one of the notice's, each
thing a child must be told is explained, and the ages it is written for reach the school's pupils."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator

from generator.check.judge import Problem
from generator.facts.cascade import ResolvedNotice
from generator.facts.children import MUST_EXPLAIN, ChildrensVersion, listed_facts, section_order
from generator.facts.sections import TITLES

# Words a child's page uses for people who give or get facts, and the words a source or recipient of the
# notice must contain for the page to be true: "doctors" needs an NHS, health or medical source.
_PEOPLE: tuple[tuple[str, re.Pattern, tuple[str, ...]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE), needs) for name, pattern, needs in (
        ("doctors", r"\bdoctors?\b|\bGPs?\b", ("doctor", "gp", "nhs", "health", "medical")),
        ("nurses", r"\bnurses?\b", ("nurs", "nhs", "health")),
        ("the police", r"\bpolice\b", ("police",)),
        ("the council", r"\bcouncils?\b|\blocal authorit", ("council", "local authorit")),
        ("social workers", r"\bsocial workers?\b|\bsocial care\b", ("social", "children's services")),
        ("the government", r"\bgovernment\b", ("government", "department", "dfe")),
        ("the courts", r"\bcourts?\b|\bjudges?\b", ("court",)),
    ))
# The sections whose words say who facts come from or go to, and what of the notice they must agree with.
_WHO = {"where-it-comes-from": "places the facts come from", "who-we-share-with": "people we share facts with"}


def _who_facts(n: ResolvedNotice, anchor: str) -> str:
    """Everything the notice says of its sources or its recipients, in lower case, to look words up in."""
    if anchor == "where-it-comes-from":
        sources = n.notice.sources if isinstance(n.notice.sources, list) else []
        return " ".join(f"{source.name} {source.description or ''}" for source in sources).lower()
    return " ".join(f"{r.name} {r.kind or ''} {r.service or ''}" for r in n.recipients or []).lower()


def childrens_facts(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """L.children-facts: a fact a children's version names that its notice does not hold."""
    listed = listed_facts(n) if n.childrens_versions else {}
    for section in (section for version in n.childrens_versions for section in version.sections):
        known = [fact.key for fact in listed.get(section.about, [])]
        for name in section.names:
            if name.fact not in known:
                close = difflib.get_close_matches(name.fact, known, n=1, cutoff=0.5)
                instead = (f"did you mean '{close[0]}'? " if close else "") + (
                    f"The section lists: {', '.join(known)}." if known else
                    f"The section '{section.title}' lists no facts: remove its `names:`.")
                under = TITLES.get(section.about, section.about)
                message = (f"The children's version puts '{name.fact}' in a child's words, but the notice holds no "
                           f"such fact under '{under}': {instead}")
                yield message, name.field_location("fact")
        if section.about in _WHO:
            held = _who_facts(n, section.about)
            for people, words, needs in _PEOPLE:
                if words.search(section.text) and not any(need in held for need in needs):
                    message = (f"The children's version names {people} among the {_WHO[section.about]}, but the "
                               "notice names none: say only what the notice holds, or add it to the notice first.")
                    yield message, section.field_location("text")


def childrens_sections(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """L.children-sections: a section explained that the notice does not have, or one a child must be told left out."""
    has = set(section_order(n)) if n.childrens_versions else set()
    for version in n.childrens_versions:
        yield from _version_sections(version, has)


def _version_sections(version: ChildrensVersion, has: set[str]) -> Iterator[Problem]:
    explained = {section.about for section in version.sections}
    for section in version.sections:
        if section.about not in has:
            close = difflib.get_close_matches(section.about, sorted(has), n=1, cutoff=0.6)
            message = (f"The children's version explains the section '{section.about}', which this notice does "
                       + (f"not have: did you mean '{close[0]}'?" if close else "not have: remove that section from "
                          "the children's version, or put it back in the notice."))
            yield message, section.field_location("about")
    for item in MUST_EXPLAIN:
        held = [anchor for anchor in item.sections if anchor in has]
        if held and not explained & set(held):
            message = (f"The children's version does not explain {item.what}: add a section with "
                       f"`about: {held[0]}`, in a child's words.")
            yield message, version.location


def childrens_ages(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """L.children-ages: a school whose pupils' ages a children's version in no age band is not written for (one in
    a band is published for the pupils of its ages, and says which)."""
    school = n.variant.ages
    if school is None:
        return
    for version in n.childrens_versions:
        youngest, oldest = version.age_range
        if not version.banded and not version.written_for(school):
            message = (f"The children's version is written for ages {version.ages}, but {n.variant.name}'s pupils "
                       f"are {school[0]} to {school[1]}: write it for ages {min(youngest, school[0])} to "
                       f"{max(oldest, school[1])} (shorter words for the youngest), and say so in `ages:`.")
            yield message, version.field_location("ages")
