"""The lint on the law a notice cites in words (L.cite-by-id): words the catalogue knows should be its id, so the
notice prints the checked citation; words it does not know name law nobody has checked for this tool."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from generator.check.judge import Problem
from generator.check.shared_facts import PerFact
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.facts.models import FactModel, Notice
from generator.law.instruments import looks_like_ids, resolve_all


def _cited_in_words(model: FactModel, name: str) -> Iterator[tuple[str, Location | None]]:
    value = getattr(model, name)
    for index, text in enumerate(value if isinstance(value, list) else [value] if value else [], 1):
        if not looks_like_ids(text):
            yield " ".join(text.split()), model.field_location(f"{name}[{index}]" if isinstance(value, list) else name)


def _citations(notice: Notice) -> Iterator[tuple[str, Location | None]]:
    for basis in notice.lawful_bases:
        yield from _cited_in_words(basis, "relied_on")
        yield from _cited_in_words(basis, "schedule_1")
    for wanted in notice.recipients if isinstance(notice.recipients, list) else []:
        yield from _cited_in_words(wanted, "gateway")


def _advice(text: str) -> str:
    found = resolve_all(text)
    if found:
        ids = " and ".join(instrument.id for instrument in found)
        return (f"'{text}' is in the catalogue of the law we cite: write `{ids}` instead, so that the notice "
                "prints its checked citation and the checker can tell whether it binds you.")
    return (f"'{text}' is not in the catalogue of the law we cite, the law this tool can vouch for: "
            "check it on legislation.gov.uk and cite the section that gives the duty or task by its id, "
            "or ask for it to be added to the catalogue (see 'The law we cite' in the manual).")


_PROBLEMS: PerFact[Notice, list[Problem]] = PerFact(
    lambda notice: [(_advice(text), location) for text, location in _citations(notice)])


def cite_by_id(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    yield from _PROBLEMS(n.notice)
