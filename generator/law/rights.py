"""The rights section of a notice, derived from its lawful bases rather than typed by hand.

A right a basis brings reaches only what that basis covers: erasure under consent reaches the
purposes the notice relies on consent for, not the census it sends under a legal obligation. Each
right says which purposes (or, for an Article 9 condition, which categories) it reaches, and, where
the law limits it, the purposes it does not reach and why.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel

from generator.law.catalogue import Right, catalogue


class ScopedBasis(Protocol):
    """What a right needs of a lawful basis: its article and what it covers (a resolved basis)."""

    article: str
    purposes: list[str]  # ids of the purposes an Article 6 basis covers
    categories: list[str]  # ids of the categories an Article 9 condition (or Article 10) covers


class DerivedRight(BaseModel):
    id: str
    name: str
    article: str
    plain: str
    stands_apart: bool = False  # Article 21(4): its own headed paragraph, before the other rights
    because: list[str] = []  # the bases (articles) or facts that bring the right; empty: everyone has it
    covers_purposes: list[str] = []  # purpose ids the right reaches, when not all of the notice's purposes
    covers_categories: list[str] = []  # category ids it reaches, when an Article 9 condition brings it
    excludes_purposes: list[str] = []  # purpose ids it does not reach, when the law limits it (`limit` says why)
    limit: str | None = None  # why the law keeps the right from the excluded purposes, in plain words
    limit_article: str | None = None  # the provision that limits it, e.g. 17(3)(b)


def _add(items: list[str], more: Sequence[str]) -> None:
    items.extend(item for item in more if item not in items)


def _removed_purposes(right: Right, bases: Sequence[ScopedBasis]) -> set[str]:
    """The purposes the law keeps a right from, whatever basis brings it: those of a basis in its limit's
    `removed_by` (a legal obligation keeps erasure from payroll that a contract also covers: Article 17(3)(b))."""
    if right.limit is None:
        return set()
    return {purpose for basis in bases if basis.article in right.limit.removed_by
            and right.id not in catalogue().bases[basis.article].rights for purpose in basis.purposes}


def derive_rights(bases: Sequence[ScopedBasis], purposes: Sequence[str], automated_decisions: bool,
                  direct_marketing: bool, as_at: datetime.date | None = None) -> list[DerivedRight]:
    """Rights in catalogue order: those everyone has, plus those the bases and facts bring, each scoped to
    what its bases cover among the notice's ``purposes``, worded as the law in force on ``as_at`` words them
    (the newest law the catalogue knows when None)."""
    known = catalogue()
    because: dict[str, list[str]] = {right_id: [] for right_id, right in known.rights.items() if right.always}
    scoped: dict[str, tuple[list[str], list[str]]] = {}
    for basis in bases:
        for right_id in known.bases[basis.article].rights:
            because.setdefault(right_id, []).append(basis.article)
            reached_purposes, reached_categories = scoped.setdefault(right_id, ([], []))
            _add(reached_purposes, basis.purposes)
            _add(reached_categories, basis.categories)
    for right_id, (reached_purposes, reached_categories) in scoped.items():
        removed = _removed_purposes(known.rights[right_id], bases)
        if removed:
            reached_purposes[:] = [purpose for purpose in reached_purposes if purpose not in removed]
            if not reached_purposes and not reached_categories:  # the law takes it from all it would reach
                because.pop(right_id)
    if "erasure" in because:
        because.pop("erasure-limited", None)
    if direct_marketing:
        because.setdefault("object-direct-marketing", []).append("direct marketing")
    if automated_decisions:
        because.setdefault("automated-decisions", []).append("automated decisions")
    derived = []
    for right in known.rights.values():
        if right.id not in because:
            continue
        worded = right.as_at(as_at)
        reached_purposes, reached_categories = scoped.get(right.id, ([], []))
        excluded = [purpose for purpose in purposes if purpose not in reached_purposes]
        if not excluded:  # it reaches every purpose: nothing to scope
            reached_purposes, reached_categories = [], []
        elif not reached_purposes and not reached_categories:  # brought by a fact, not a basis
            excluded = []
        derived.append(DerivedRight(
            id=worded.id, name=worded.name, article=worded.article, plain=worded.plain,
            stands_apart=worded.stands_apart, because=because[right.id],
            covers_purposes=reached_purposes, covers_categories=reached_categories,
            excludes_purposes=excluded if worded.limit else [],
            limit=worded.limit.plain if worded.limit and excluded else None,
            limit_article=worded.limit.article if worded.limit and excluded else None,
        ))
    return derived
