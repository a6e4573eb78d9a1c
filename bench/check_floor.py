"""The floor of `notices check`: a process that reads every fact file with libyaml's safe loader and validates
it with the same pydantic models, and does nothing else (no positions, no cascade, no rules).

Usage: python bench/check_floor.py FACTS
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from generator.facts.children import CHILDREN_FOLDER, ChildrensVersion
from generator.facts.includes import SECTIONS_FOLDER
from generator.facts.load import ORGANISATION_FILE, SCHOOLS_FOLDER
from generator.facts.models import Notice, Organisation, School, SharedSection


def validate_all(facts: Path) -> int:
    """How many files were read and validated; a file the models refuse stops it, as a check would report it."""
    def read(path: Path) -> object:
        return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    Organisation.model_validate(read(facts / ORGANISATION_FILE))
    folders = {SCHOOLS_FOLDER: School, SECTIONS_FOLDER: SharedSection, CHILDREN_FOLDER: ChildrensVersion}
    count = 1
    for folder, model in folders.items():
        for path in sorted((facts / folder).glob("*.y*ml")):
            model.model_validate(read(path))
            count += 1
    for path in sorted(facts.glob("*.y*ml")):
        if path.name != ORGANISATION_FILE:
            Notice.model_validate(read(path))
            count += 1
    return count


if __name__ == "__main__":
    print(f"{validate_all(Path(sys.argv[1]))} files valid")
