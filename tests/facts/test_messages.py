"""Every kind of wrong value, in every fact of every file, is reported in words a school office can act on:
never pydantic's or Python's own wording, never a dump of the data."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from generator.facts.errors import FactErrors
from generator.project import load_project
from tests.check.conftest import minimal_facts
from tests.conftest import write_facts

# What a programmer would recognise and a school office would not.
PROGRAMMER_WORDING = ("Input should", "should have at least", "should have at most", "String should", "Value error",
                      "Exceeds the limit", "integer string conversion", "validation error", "[{", "{'", "Field required",
                      "Extra inputs", "type=", "Assertion failed")
WRONG_VALUES = ["", "x" * 20_001, 7, 2.5, True, [], {}, ["a"], [{"unknown": 1}], {"unknown": 1}, "not a value",
                "1" * 5000, None]


def _places(files: dict) -> list[tuple[str, tuple]]:
    """(file, key path) of every fact in the files, and of every fact in the first item of each list."""
    places = []
    for name, content in files.items():
        for key, value in content.items():
            places.append((name, (key,)))
            inner = value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else value
            if isinstance(inner, dict):
                places += [(name, (key, 0, sub) if inner is not value else (key, sub)) for sub in inner]
    return places


def _with(files: dict, name: str, path: tuple, value) -> dict:
    changed = copy.deepcopy(files)
    target = changed[name]
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


@pytest.mark.slow
@pytest.mark.parametrize("name, path", _places(minimal_facts()), ids=lambda p: str(p))
def test_no_wrong_value_gets_programmer_wording(tmp_path: Path, name: str, path: tuple) -> None:
    shown = []
    for index, value in enumerate(WRONG_VALUES):
        facts = write_facts(tmp_path / str(index), _with(minimal_facts(), name, path, value))
        try:
            load_project(facts)
        except FactErrors as problems:
            shown += [f"{error.key_path} {error.message} {error.hint}" for error in problems.errors]
    wrong = [line for line in shown if any(words in line for words in PROGRAMMER_WORDING)]
    assert not wrong, "\n".join(wrong)
