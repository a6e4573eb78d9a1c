"""Placeholders: values a scaffolded file leaves 'TO BE COMPLETED', found wherever they are in the facts.

`notices new` writes them so a new file is valid from the start; `notices check` lists each one
and `notices build` refuses to publish any, so a placeholder can never reach a parent.
"""

from __future__ import annotations

from typing import Any

from generator.facts.errors import FactError, Location
from generator.facts.load import FactTree
from generator.facts.models import FactModel
from generator.facts.strict_yaml import KeyPath, format_key_path

MARKER = "TO BE COMPLETED"


def placeholder(what: str) -> str:
    """The placeholder text for one value, e.g. ``TO BE COMPLETED: the school's name``."""
    return f"{MARKER}: {what}"


def _walk(value: Any, path: KeyPath, where: Location | None, found: list[FactError]) -> None:
    if isinstance(value, FactModel):
        for name in sorted(value.model_fields_set):
            field = getattr(value, name)
            if isinstance(field, list):
                for index, item in enumerate(field):
                    _walk(item, path + (name, index), value.field_location(f"{name}[{index + 1}]"), found)
            else:
                _walk(field, path + (name,), value.field_location(name), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, path + (key,), getattr(item, "location", None) or where, found)
    elif isinstance(value, str) and MARKER in value:
        what = value.split(MARKER, 1)[1].lstrip(": ").strip() or "this value"
        found.append(FactError(
            where or Location("?"), f"is still to be completed ({what}).",
            "Replace the placeholder with the real fact.", format_key_path(path), "placeholder",
        ))


def find_placeholders(tree: FactTree) -> list[FactError]:
    """Every placeholder value in the organisation, school and notice files, in file order."""
    found: list[FactError] = []
    _walk(tree.organisation, (), tree.organisation.location, found)
    for school in tree.schools.values():
        _walk(school, (), school.location, found)
    for notice in tree.notices.values():
        _walk(notice, (), notice.location, found)
    return sorted(found, key=lambda error: error.location)

