"""The rules table (generator/law/rules.yaml) as typed entries, for the checker, the audit and the manual."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from generator.check.findings import Severity, manual_anchor
from generator.facts.sections import TITLES
from generator.law.data import law_data
from generator.law.dated import Span, span_of


@dataclass(frozen=True)
class RuleEntry:
    """One row of the rules table: an Article 13/14 item (kind "rule"), a good-practice lint, or a fit of the
    law cited to the organisation that publishes it (kind "fit")."""

    id: str
    kind: Literal["rule", "lint", "fit"]
    title: str
    description: str
    severity: Severity
    judged: str  # how the checker decides, in words
    fix: str  # what to do, in words
    source: str  # the URL of the law or guidance the entry rests on
    article: str = ""
    applies: str = "always"
    sections: tuple[str, ...] = ()  # anchors of the rendered sections that must carry the item
    span: Span = Span()  # the days it is law

    def in_force(self, on: datetime.date | None) -> bool:
        return self.span.in_force(on)

    @property
    def anchor(self) -> str:
        """The rule's anchor in docs/rules.md."""
        return manual_anchor(self.id)

    @property
    def section_titles(self) -> tuple[str, ...]:
        return tuple(TITLES[anchor] for anchor in self.sections)


@dataclass(frozen=True)
class ArticleTable:
    """Which UK GDPR Articles exist, and the paragraphs and points of those a notice cites most."""

    count: int
    structure: dict[str, dict[str, tuple[str, ...]]]

    def exists(self, article: str, paragraph: str | None = None, point: str | None = None) -> bool:
        if not 1 <= int(article) <= self.count:
            return False
        paragraphs = self.structure.get(article)
        if paragraphs is None or paragraph is None:
            return True
        if paragraph not in paragraphs:
            return False
        return point is None or point in paragraphs[paragraph]


@cache
def _raw() -> dict:
    return law_data("rules.yaml")


@cache
def _entries() -> tuple[RuleEntry, ...]:
    raw = _raw()
    entries = []
    lists: tuple[tuple[Literal["rule", "lint", "fit"], str], ...] = (("rule", "rules"), ("lint", "lints"), ("fit", "fit"))
    for kind, key in lists:
        for entry in raw[key]:
            fields = {key: value for key, value in entry.items() if key not in ("from", "until")}
            entries.append(RuleEntry(kind=kind, **{**fields, "sections": tuple(entry.get("sections", ())),
                                                   "span": span_of(entry)}))
    unknown = {anchor for entry in entries for anchor in entry.sections} - set(TITLES)
    if unknown:
        raise ValueError(f"rules.yaml names sections that sections.py does not have: {', '.join(sorted(unknown))}")
    return tuple(entries)


def rules_table(as_at: datetime.date | None = None, every: bool = False) -> list[RuleEntry]:
    """The entries of the rules table in force on ``as_at`` (the newest law when None), or ``every``
    entry ever in the table; Article 13/14 rules first, then lints, then fit rules, in the file's order."""
    return list(_in_force(as_at, every))


@lru_cache(maxsize=64)
def _in_force(as_at: datetime.date | None, every: bool) -> tuple[RuleEntry, ...]:
    """The table as on ``as_at``, worked out once per day asked: a check asks once for every notice."""
    return tuple(entry for entry in _entries() if every or entry.in_force(as_at))


def rule(rule_id: str) -> RuleEntry:
    return _by_id()[rule_id]


@cache
def _by_id() -> dict[str, RuleEntry]:
    return {entry.id: entry for entry in _entries()}


@cache
def article_table() -> ArticleTable:
    raw = _raw()["articles"]
    structure = {article: {paragraph: tuple(points) for paragraph, points in paragraphs.items()}
                 for article, paragraphs in raw["structure"].items()}
    return ArticleTable(count=raw["count"], structure=structure)
