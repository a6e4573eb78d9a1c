"""The notice library: complete notices a school adopts, the sections they share, the recipients they name.

The library ships inside the package as data (docs/library.md):
- ``notices/<library-id>.yaml``: complete notice fact files, the school's own facts left as
  "TO BE COMPLETED" placeholders;
- ``sections/<section-id>.yaml``: sections several notices include by id (`- include: <section-id>`);
- ``children/<library-id>.yaml``: a notice's version for children, where it has one;
- ``recipients.yaml``: the recipients the notices name, national ones in full and each school's own
  as placeholders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.facts.strict_yaml import load_yaml_file

if TYPE_CHECKING:
    from generator.facts.models import Recipient

LIBRARY = Path(__file__).resolve().parent
NOTICES = LIBRARY / "notices"
SECTIONS = LIBRARY / "sections"
CHILDREN = LIBRARY / "children"
RECIPIENTS = LIBRARY / "recipients.yaml"

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)


@dataclass(frozen=True)
class LibraryNotice:
    """One notice of the library: its id, its title, and what it is for (its summary's first sentence)."""

    id: str
    title: str
    description: str
    path: Path


def library() -> dict[str, LibraryNotice]:
    """Every library notice, by id, in the order of their ids."""
    notices = {}
    for path in sorted(NOTICES.glob("*.yaml")):
        facts = load_yaml_file(path, str(path)).data
        summary = " ".join(str(facts.get("summary") or "").split())
        first = _FIRST_SENTENCE.match(summary)
        notices[path.stem] = LibraryNotice(path.stem, facts["title"], first[1] if first else summary, path)
    return notices


@dataclass(frozen=True)
class RecipientCatalogue:
    """The recipients library notices name: ``national`` ones are the same body for every school;
    each school names its ``school_own`` ones itself (their names are placeholders)."""

    national: dict[str, Recipient]
    school_own: dict[str, Recipient]


def recipient_catalogue() -> RecipientCatalogue:
    from generator.facts.models import Recipient  # `notices --help` lists the library without loading the models

    data = load_yaml_file(RECIPIENTS, str(RECIPIENTS)).data
    return RecipientCatalogue(
        *({rid: Recipient.model_validate(entry) for rid, entry in data[part].items()}
          for part in ("national", "school_own")))
