"""Compare two resolved notices fact by fact, and say each difference in one plain sentence.

What is compared, and the words for it, are read off each fact field's Role (facts/roles.py): a
field added to a model is compared without a change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, get_args, get_origin

from generator.diff.words import WordRun, word_changes
from generator.facts.cascade import ResolvedNotice
from generator.facts.children import ChildrensVersion
from generator.facts.models import FactModel, Notice, Organisation, School
from generator.facts.roles import Role, roles
from generator.facts.sections import SECTIONS

# Topics that record the change itself rather than change what a notice says.
BOOKKEEPING = frozenset({"version", "change list", "review dates"})


@dataclass(frozen=True, order=True)
class FactChange:
    """One difference between two versions of a notice."""

    topic: str  # what part of the notice, e.g. "recipients", "DPO"
    text: str  # one plain sentence, e.g. "Recipient added: NHS School Nursing Service."
    # A changed text: what it is ("The notice's summary"), and the words removed and added inside it
    # (none when the text is short or mostly rewritten: ``text`` shows it old and new, whole).
    subject: str = ""
    words: tuple[WordRun, ...] = ()


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
    words: str | None = None  # how a change-list entry names the topic (Role.words); None: another field's
    place: int = len(SECTIONS)  # where the notice shows it: its standard section's index, after them if none


def _dumped(values) -> Any:
    if isinstance(values, list):
        return [value if isinstance(value, dict) else value.model_dump(mode="json") for value in values]
    return values


@dataclass(frozen=True)
class ObjectFacts:
    """How to compare one object of a notice (the controller, the DPO, the notice's own facts)."""

    topic: str
    whose: str  # "The DPO"
    read: Callable[[ResolvedNotice], Any]
    fields: dict[str, str]  # field -> how to say it
    words: str | None = None
    place: int = len(SECTIONS)


def _place(sections: list[str | None]) -> int:
    """Where the notice first shows one of these fields: the index of the earliest standard section among
    them; after the standard sections when none has one (the notice's own sections, the children's version)."""
    order = [section.anchor for section in SECTIONS]
    return min((order.index(section) for section in sections if section is not None), default=len(order))


def _fact_models(annotation: Any) -> list[type[FactModel]]:
    """The fact models a field's type holds, e.g. [Category] for ``list[Category] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, FactModel):
        return [annotation]
    return [model for arm in get_args(annotation) for model in _fact_models(arm)]


def _capitalised(noun: str) -> str:
    return noun[:1].upper() + noun[1:]


def _read(path: tuple[str, ...]) -> Callable[[ResolvedNotice], Any]:
    """What the notice holds at ``path``; None when a part on the way is missing (no children's version)."""
    def read(notice: ResolvedNotice) -> Any:
        value: Any = notice
        for name in path:
            value = getattr(value, name) if value is not None else None
        return value
    return read


def _list_facts(name: str, declared: Role, item: type[FactModel], at: tuple[str, ...]) -> ListFacts:
    fields = {field: entry.noun for model in (item, *declared.joins) for field, entry in roles(model).items()
              if field not in declared.key and entry.in_notice}  # what no notice prints: diff/documents.py says it
    read = _read((declared.resolved,) if declared.resolved else (*at, name))
    return ListFacts(
        declared.noun, declared.item or _capitalised(declared.noun), lambda notice: _dumped(read(notice)),
        lambda values: "/".join(str(values[field]) for field in declared.key),
        lambda values: (declared.label or "{" + declared.key[0] + "}").format(**values), fields, declared.detail,
        declared.words, _place([declared.section]),
    )


def _facts_read_off(model: type[FactModel], topic: str, whose: str, words: str,
                    at: tuple[str, ...]) -> Iterator[Any]:
    """The objects and lists of the notice that ``model``'s fields state, each field once.

    Scalar fields are compared on the object at ``at`` (grouped by their topic); a field holding a
    model is its own object; a list of models is compared item by item; a catalogue by id (a school's
    recipients, its notices) is compared where the notice states what it resolves to.
    """
    scalars: dict[str, dict[str, Role]] = {}
    parts: list[ObjectFacts | ListFacts] = []
    for name, declared in roles(model).items():
        held = _fact_models(model.model_fields[name].annotation)
        if not declared.in_notice:
            continue
        if not held:
            scalars.setdefault(declared.topic or topic, {})[name] = declared
        elif declared.key:
            parts.append(_list_facts(name, declared, held[0], at))
        elif get_origin(model.model_fields[name].annotation) is not dict and not declared.resolved:
            # The notice states the school's contact if it has one, else the trust's: read it resolved.
            place = (name,) if name in ResolvedNotice.model_fields else (*at, name)
            parts.append(ObjectFacts(declared.review_topic, _capitalised(declared.noun), _read(place),
                                     {field: entry.noun for field, entry in roles(held[0]).items()},
                                     declared.words, _place([declared.section])))
    for scalar_topic, fields in scalars.items():
        # The model's own topic has the words given with it; a topic of the fields' own, the words on one of them.
        named = words if scalar_topic == topic else next((entry.words for entry in fields.values() if entry.words), None)
        yield ObjectFacts(scalar_topic, whose, _read(at), {field: entry.noun for field, entry in fields.items()},
                          named, _place([entry.section for entry in fields.values()]))
    yield from parts


def _all_facts() -> list[tuple[ObjectFacts | ListFacts, bool]]:
    """Each part of a notice compared, and whether it is a children's version's."""
    found: dict[tuple, Any] = {}
    # Each model's own topic, for its fields that declare none: how the review and a change-list entry name it.
    for model, topic, whose, words, at in (
            (Organisation, "controller", "The controller", "who is responsible for the information", ("organisation",)),
            (School, "school", "The school", "the school's details", ("variant",)),
            (Notice, "notice", "The notice", "what the notice covers", ("notice",)),
            (ChildrensVersion, "children's version", "The children's version", "the version for children",
             ("children",))):
        for facts in _facts_read_off(model, topic, whose, words, at):
            # A school's contact and the trust's are one contact in the notice: compared once.
            found.setdefault((facts.topic, tuple(facts.fields)), (facts, model is ChildrensVersion))
    return list(found.values())


_FACTS = _all_facts()
ALL_FACTS = [facts for facts, _ in _FACTS]
# The notice's facts; then a children's version's, compared once for each of its versions (docs/layers.md).
OBJECTS, CHILDRENS_OBJECTS = ([facts for facts, childrens in _FACTS if isinstance(facts, ObjectFacts)
                               and childrens == wanted] for wanted in (False, True))
LISTS, CHILDRENS_LISTS = ([facts for facts, childrens in _FACTS if isinstance(facts, ListFacts)
                           and childrens == wanted] for wanted in (False, True))

# How a suggested change-list entry names each topic, in the order the notice shows them (a topic's words are
# declared with it: Role.words, or the model's own topic above); a topic without words is missing here.
TOPIC_WORDS: dict[str, str] = {
    facts.topic: facts.words for facts in sorted(ALL_FACTS, key=lambda facts: facts.place) if facts.words}


def shown(value: Any) -> str:
    """A fact's value as a reviewer reads it in a sentence."""
    if value is None or value == [] or value == "":
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(shown(item) for item in value)
    return f"'{' '.join(str(value).split())}'"


def _value_changed(topic: str, subject: str, old: Any, new: Any) -> FactChange:
    words = word_changes(old, new) if isinstance(old, str) and isinstance(new, str) else ()
    return FactChange(topic, f"{subject} changed from {shown(old)} to {shown(new)}.", subject, words)


def _object_changes(facts: ObjectFacts, before: Any, after: Any) -> Iterator[FactChange]:
    topic, whose, fields = facts.topic, facts.whose, facts.fields
    old = before.model_dump(mode="json") if before is not None else None
    new = after.model_dump(mode="json") if after is not None else None
    if old is None and new is not None:
        yield FactChange(topic, f"{whose} is now given: " + _described(new, fields) + ".")
    elif new is None and old is not None:
        yield FactChange(topic, f"{whose} was removed (it was {_described(old, fields)}).")
    elif old is not None and new is not None:
        for field, words in fields.items():
            if old.get(field) != new.get(field):
                yield _value_changed(topic, f"{whose}'s {words}", old.get(field), new.get(field))


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
                yield _value_changed(facts.topic, f"{facts.noun} {facts.name(item)}: {words}",
                                     old[key].get(field), item.get(field))
    if not new and _stated(before) != _stated(after):
        state = "are now stated as none" if _stated(after) == "none" else "are no longer stated"
        yield FactChange(facts.topic, f"{facts.topic.capitalize()} {state}.")


def compare_notices(before: ResolvedNotice, after: ResolvedNotice) -> list[FactChange]:
    """Every difference between two versions of one school's notice, in a fixed order."""
    old = {version.document_suffix: version for version in before.childrens_versions}
    new = {version.document_suffix: version for version in after.childrens_versions}
    # Each version for children by its ages (its file's, before and after), with the version's wording in place.
    pairs = [(before.model_copy(update={"children": old.get(suffix)}), after.model_copy(update={"children": new.get(suffix)}))
             for suffix in sorted(old.keys() | new.keys())]
    changes = [change for facts in OBJECTS for change in _object_changes(facts, facts.read(before), facts.read(after))]
    changes += [_in_band(change, old_version, new_version) for old_version, new_version in pairs
                for facts in CHILDRENS_OBJECTS
                for change in _object_changes(facts, facts.read(old_version), facts.read(new_version))]
    changes += [change for facts in LISTS for change in _list_changes(facts, facts.items(before), facts.items(after))]
    changes += [_in_band(change, old_version, new_version) for old_version, new_version in pairs
                for facts in CHILDRENS_LISTS
                for change in _list_changes(facts, facts.items(old_version), facts.items(new_version))]
    return changes


def _in_band(change: FactChange, before: ResolvedNotice, after: ResolvedNotice) -> FactChange:
    """A change to a children's version in an age band, saying which: a notice may have one for each band."""
    version = after.children or before.children
    if version is None or not version.banded:
        return change
    return replace(change, text=f"{change.text.removesuffix('.')} (the version for ages {version.ages}).")


def changes_facts(changes: list[FactChange]) -> bool:
    """True when a change alters what the notice tells people, not only its version or change list."""
    return any(change.topic not in BOOKKEEPING for change in changes)
