"""The rights section of a notice, derived from its lawful bases rather than typed by hand."""

from __future__ import annotations

import datetime

from pydantic import BaseModel

from generator.law.catalogue import catalogue


class DerivedRight(BaseModel):
    id: str
    name: str
    article: str
    plain: str
    stands_apart: bool = False  # Article 21(4): its own headed paragraph, before the other rights
    because: list[str] = []  # the bases (articles) or facts that bring the right; empty: everyone has it


def derive_rights(articles: list[str], automated_decisions: bool, direct_marketing: bool,
                  as_at: datetime.date | None = None) -> list[DerivedRight]:
    """Rights in catalogue order: those everyone has, plus those the bases and facts bring, worded as
    the law in force on ``as_at`` words them (the newest law the catalogue knows when None)."""
    known = catalogue()
    because: dict[str, list[str]] = {right_id: [] for right_id, right in known.rights.items() if right.always}
    for article in articles:
        for right_id in known.bases[article].rights:
            because.setdefault(right_id, []).append(article)
    if "erasure" in because:
        because.pop("erasure-limited", None)
    if direct_marketing:
        because.setdefault("object-direct-marketing", []).append("direct marketing")
    if automated_decisions:
        because.setdefault("automated-decisions", []).append("automated decisions")
    worded = [right.as_at(as_at) for right in known.rights.values() if right.id in because]
    return [
        DerivedRight(id=right.id, name=right.name, article=right.article, plain=right.plain,
                     stands_apart=right.stands_apart, because=because[right.id])
        for right in worded
    ]
