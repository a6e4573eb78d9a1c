"""Compare two resolved notices fact by fact, and say each difference in one plain sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from generator.facts.cascade import ResolvedNotice

# Topics that record the change itself rather than change what a notice says.
BOOKKEEPING = frozenset({"version", "change list", "review dates"})


@dataclass(frozen=True, order=True)
class FactChange:
    """One difference between two versions of a notice."""

    topic: str  # what part of the notice, e.g. "recipients", "DPO"
    text: str  # one plain sentence, e.g. "Recipient added: NHS School Nursing Service."


@dataclass(frozen=True)
class ListFacts:
    """How to compare a list of facts: match items by key, name them, and say which fields differ."""

    topic: str
    noun: str  # "Recipient"
    items: Callable[[ResolvedNotice], Any]  # a list of dicts, "none", or None (not stated)
    key: Callable[[dict], str]
    name: Callable[[dict], str]
    fields: dict[str, str]  # field -> how to say it
    detail: str | None = None  # the field that says most about an added item, e.g. a recipient's reason


def _dumped(values) -> Any:
    if isinstance(values, list):
        return [value if isinstance(value, dict) else value.model_dump(mode="json") for value in values]
    return values


LISTS = (
    ListFacts("categories", "Category", lambda n: _dumped(n.notice.categories), lambda c: c["id"],
              lambda c: c["name"], {"name": "name", "examples": "examples", "special": "special category"}),
    ListFacts("purposes", "Purpose", lambda n: _dumped(n.notice.purposes), lambda p: p["id"],
              lambda p: p["id"], {"description": "description"}, "description"),
    ListFacts("lawful bases", "Lawful basis", lambda n: _dumped(n.bases), lambda b: b["article"],
              lambda b: f"Article {b['article']} ({b['name']})",
              {"relied_on": "law relied on", "purposes": "purposes", "categories": "categories",
               "schedule_1": "Schedule 1 condition", "legitimate_interests": "legitimate interests"}),
    ListFacts("recipients", "Recipient", lambda n: _dumped(n.recipients), lambda r: r["id"], lambda r: r["name"],
              {"name": "name", "kind": "kind", "url": "website", "description": "description", "reason": "reason",
               "gateway": "legal gateway"}, "reason"),
    ListFacts("sources", "Source", lambda n: _dumped(n.notice.sources), lambda s: s["name"], lambda s: s["name"],
              {"description": "description", "publicly_accessible": "publicly accessible"}),
    ListFacts("retention", "Retention of", lambda n: _dumped(n.notice.retention), lambda r: r["id"],
              lambda r: r["records"], {"records": "records", "period": "period", "basis": "basis"}, "period"),
    ListFacts("transfers", "Transfer to", lambda n: _dumped(n.notice.transfers), lambda t: t["destination"],
              lambda t: t["destination"], {"what": "what goes", "safeguard": "safeguard", "get_a_copy": "copy"}),
    ListFacts("automated decisions", "Automated decision", lambda n: _dumped(n.notice.automated_decisions),
              lambda d: d["description"], lambda d: d["description"], {"logic": "logic", "consequences": "consequences"}),
    ListFacts("sections", "Section", lambda n: _dumped(n.notice.sections), lambda s: s["id"], lambda s: s["title"],
              {"title": "title", "body": "text", "after": "place"}),
    ListFacts("change list", "Change-list entry", lambda n: _dumped(n.notice.changes),
              lambda c: f"{c['date']}/{c['version']}", lambda c: f"{c['date']}, version {c['version']}",
              {"summary": "summary", "new_purpose": "new purpose"}),
)

# (topic, whose, how to read it, field -> how to say it)
OBJECTS: tuple[tuple[str, str, Callable[[ResolvedNotice], Any], dict[str, str]], ...] = (
    ("controller", "The controller", lambda n: n.organisation,
     {"name": "name", "kind": "kind", "address": "address", "company_number": "company number",
      "ico_registration": "ICO registration", "website": "website"}),
    ("DPO", "The DPO", lambda n: n.dpo, {"name": "name", "email": "email", "phone": "phone", "address": "address"}),
    ("contacts", "The contact", lambda n: n.contact,
     {"role": "role", "name": "name", "via": "route", "phone": "phone", "email": "email", "address": "address",
      "url": "web page"}),
    ("supervisory authority", "The supervisory authority", lambda n: n.supervisory_authority,
     {"name": "name", "website": "website", "complaint_url": "complaint page", "phone": "phone",
      "address": "address"}),
    ("school", "The school", lambda n: n.variant,
     {"name": "name", "urn": "URN", "address": "address", "website": "website", "local_authority": "local authority"}),
    ("notice", "The notice", lambda n: n.notice,
     {"title": "title", "summary": "summary", "data_subjects": "data subjects",
      "direct_marketing": "direct marketing"}),
    ("provision", "Whether people must give the data", lambda n: n.notice.provision,
     {"requirement": "requirement", "explanation": "explanation", "voluntary": "voluntary items",
      "consequences": "consequences"}),
    ("version", "The notice", lambda n: n.notice, {"version": "version"}),
    ("review dates", "The notice", lambda n: n.notice, {"last_reviewed": "last review", "next_review": "next review"}),
)


def shown(value: Any) -> str:
    """A fact's value as a reviewer reads it in a sentence."""
    if value is None or value == [] or value == "":
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(shown(item) for item in value)
    return f"'{' '.join(str(value).split())}'"


def _object_changes(topic: str, whose: str, before: Any, after: Any, fields: dict[str, str]) -> Iterator[FactChange]:
    old = before.model_dump(mode="json") if before is not None else None
    new = after.model_dump(mode="json") if after is not None else None
    if old is None and new is not None:
        yield FactChange(topic, f"{whose} is now given: " + _described(new, fields) + ".")
    elif new is None and old is not None:
        yield FactChange(topic, f"{whose} was removed (it was {_described(old, fields)}).")
    elif old is not None:
        for field, words in fields.items():
            if old.get(field) != new.get(field):
                yield FactChange(topic, f"{whose}'s {words} changed from {shown(old.get(field))} to "
                                        f"{shown(new.get(field))}.")


def _described(values: dict, fields: dict[str, str]) -> str:
    return ", ".join(f"{words} {shown(values[f])}" for f, words in fields.items() if values.get(f) not in (None, []))


def _stated(items: Any) -> str:
    return "not stated" if items is None else "none" if items in ("none", []) else "listed"


def _list_changes(facts: ListFacts, before: Any, after: Any) -> Iterator[FactChange]:
    old = {facts.key(item): item for item in before} if isinstance(before, list) else {}
    new = {facts.key(item): item for item in after} if isinstance(after, list) else {}
    for key, item in old.items():
        if key not in new:
            yield FactChange(facts.topic, f"{facts.noun} removed: {facts.name(item)}.")
    for key, item in new.items():
        if key not in old:
            detail = f" ({facts.fields[facts.detail]}: {shown(item.get(facts.detail))})" if facts.detail else ""
            yield FactChange(facts.topic, f"{facts.noun} added: {facts.name(item)}{detail}.")
            continue
        for field, words in facts.fields.items():
            if old[key].get(field) != item.get(field):
                yield FactChange(facts.topic, f"{facts.noun} {facts.name(item)}: {words} changed from "
                                              f"{shown(old[key].get(field))} to {shown(item.get(field))}.")
    if not new and _stated(before) != _stated(after):
        state = "are now stated as none" if _stated(after) == "none" else "are no longer stated"
        yield FactChange(facts.topic, f"{facts.topic.capitalize()} {state}.")


def compare_notices(before: ResolvedNotice, after: ResolvedNotice) -> list[FactChange]:
    """Every difference between two versions of one school's notice, in a fixed order."""
    changes: list[FactChange] = []
    for topic, whose, read, fields in OBJECTS:
        changes += _object_changes(topic, whose, read(before), read(after), fields)
    for facts in LISTS:
        changes += _list_changes(facts, facts.items(before), facts.items(after))
    return changes


def changes_facts(changes: list[FactChange]) -> bool:
    """True when a change alters what the notice tells people, not only its version or change list."""
    return any(change.topic not in BOOKKEEPING for change in changes)
