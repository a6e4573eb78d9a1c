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

from generator.facts.models import AppliesTo, Recipient
from generator.facts.strict_yaml import load_yaml_file
from generator.library.profile import Profile
from generator.school_kinds import OFFERED

LIBRARY = Path(__file__).resolve().parent
NOTICES = LIBRARY / "notices"
SECTIONS = LIBRARY / "sections"
CHILDREN = LIBRARY / "children"
RECIPIENTS = LIBRARY / "recipients.yaml"

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)

@dataclass(frozen=True)
class LibraryNotice:
    """One notice of the library: its id, its title, what it is for (its summary's first sentence), whom it is
    for (``applies_to``; None: everyone) and its ``topic``, shared by the variants of one notice for different
    kinds of school (its id when it has no variants)."""

    id: str
    title: str
    description: str
    path: Path
    applies_to: AppliesTo | None = None
    topic: str = ""

    def fits(self, profile: Profile) -> bool:
        return profile.fits(self.applies_to)


def library() -> dict[str, LibraryNotice]:
    """Every library notice, by id, in the order of their ids."""
    notices = {}
    for path in sorted(NOTICES.glob("*.yaml")):
        facts = load_yaml_file(path, str(path)).data
        summary = " ".join(str(facts.get("summary") or "").split())
        first = _FIRST_SENTENCE.match(summary)
        scope = facts.get("applies_to")
        notices[path.stem] = LibraryNotice(
            path.stem, facts["title"], first[1] if first else summary, path,
            AppliesTo.model_validate(scope) if scope is not None else None, facts.get("topic") or path.stem)
    return notices


def suited(profile: Profile) -> list[LibraryNotice]:
    """The library notices that fit ``profile``, one per topic (the one naming the profile's kind first), in the
    order of their ids: the set `notices init` adopts for an organisation of this kind, or offers (``offered``)."""
    chosen: dict[str, LibraryNotice] = {}
    for notice in library().values():
        if not notice.fits(profile):
            continue
        held = chosen.get(notice.topic)
        if held is None or (_names_kind(notice, profile.kind) and not _names_kind(held, profile.kind)):
            chosen[notice.topic] = notice
    return sorted(chosen.values(), key=lambda notice: notice.id)


def offered(profile: Profile) -> list[LibraryNotice]:
    """The notices of ``suited(profile)`` a school adopts only if it does the thing (``OFFERED``); the others
    are what `notices init` adopts unless told otherwise."""
    return [notice for notice in suited(profile) if notice.topic in OFFERED]


def variants(topic: str) -> list[LibraryNotice]:
    """The library notices on ``topic``, one per kind of school it has wording for."""
    return [notice for notice in library().values() if notice.topic == topic]


def _names_kind(notice: LibraryNotice, kind: str) -> bool:
    return notice.applies_to is not None and kind in notice.applies_to.kinds


@dataclass(frozen=True)
class RecipientCatalogue:
    """The recipients library notices name: ``national`` ones are the same body for every school;
    each school names its ``school_own`` ones itself (their names are placeholders)."""

    national: dict[str, Recipient]
    school_own: dict[str, Recipient]


def recipient_catalogue() -> RecipientCatalogue:
    data = load_yaml_file(RECIPIENTS, str(RECIPIENTS)).data
    return RecipientCatalogue(
        *({rid: Recipient.model_validate(entry) for rid, entry in data[part].items()}
          for part in ("national", "school_own")))
