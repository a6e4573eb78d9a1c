"""The law as at a date: the dated changes of changes.yaml, and whether an entry is in force on a day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

from generator.law.data import law_data


def longdate(value: datetime.date) -> str:
    """2026-09-01 -> '1 September 2026', the UK way (commencement dates, review dates, change lists)."""
    return f"{value.day} {value:%B %Y}"



@dataclass(frozen=True)
class LawChange:
    """One change of the law, with the day it took effect (None while it is not yet commenced)."""

    id: str
    title: str
    commences: datetime.date | None
    law: str
    source: str
    commenced_by: str
    commencement_source: str
    affects: tuple[str, ...]
    what_changed: str
    what_to_do: str
    source_note: str = ""

    def in_force(self, on: datetime.date | None) -> bool:
        """In force on the day; ``on=None`` stands for the newest law the catalogue knows."""
        return self.commences is not None and (on is None or self.commences <= on)


@dataclass(frozen=True)
class Span:
    """When a catalogue entry applies: from one change (or always) until another (or for good)."""

    since: str | None = None  # a change id
    until: str | None = None  # a change id

    def in_force(self, on: datetime.date | None) -> bool:
        changes = law_changes()
        started = self.since is None or changes[self.since].in_force(on)
        ended = self.until is not None and changes[self.until].in_force(on)
        return started and not ended

    def words(self) -> str:
        """'from 19 June 2026', 'until 5 February 2026', 'from ... (not yet in force)'; '' when always."""
        parts = []
        for word, change_id in (("from", self.since), ("until", self.until)):
            if change_id:
                day = law_changes()[change_id].commences
                parts.append(f"{word} {longdate(day)}" if day else f"{word} its commencement (not yet in force)")
        return ", ".join(parts)


def span_of(entry: dict) -> Span:
    """The `from`/`until` change ids of a catalogue entry, checked against changes.yaml."""
    span = Span(entry.get("from"), entry.get("until"))
    unknown = {change_id for change_id in (span.since, span.until) if change_id} - set(law_changes())
    if unknown:
        raise ValueError(f"generator/law names changes that changes.yaml does not have: {', '.join(sorted(unknown))}")
    return span


@cache
def _raw() -> dict:
    return law_data("changes.yaml")


@cache
def law_changes() -> dict[str, LawChange]:
    """Every dated change the catalogue knows, by id, in the file's order."""
    changes = {}
    for entry in _raw()["changes"]:
        entry = dict(entry)
        commences = entry.pop("from")
        changes[entry["id"]] = LawChange(commences=commences, affects=tuple(entry.pop("affects")), **entry)
    return changes


def newest_first() -> list[LawChange]:
    """The changes for `notices law`: the commenced ones newest first, then those not yet in force."""
    known = list(law_changes().values())
    dated = sorted((c for c in known if c.commences), key=lambda c: (c.commences, c.id), reverse=True)
    return [c for c in known if not c.commences] + dated


@dataclass(frozen=True)
class LawAsAt:
    """The law in force on one day, as the templates and the checker ask about it."""

    day: datetime.date | None

    def has(self, change_id: str) -> bool:
        return law_changes()[change_id].in_force(self.day)

    def regulator(self, named: str) -> str:
        """The regulator's name in force on the day when the facts give any of its dated names."""
        if named not in {name for name, _ in regulator_names()}:
            return named
        return next(name for name, span in regulator_names() if span.in_force(self.day))


@cache
def law_as_at(day: datetime.date | None) -> LawAsAt:
    """The same object for the same day, so that the templates' shared parts can reuse their output."""
    return LawAsAt(day)


@cache
def regulator_names() -> tuple[tuple[str, Span], ...]:
    return tuple((entry["name"], span_of(entry)) for entry in _raw()["regulator_names"])
