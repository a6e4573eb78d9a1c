"""Shared sections: a notice's `- include: <section-id>` replaced by the section written once in sections/.

What several notices say alike (how the DfE uses pupil data, the National Pupil Database) is kept in
one file, so that a correction reaches every notice that includes it. The section is put in place
before the notice is validated, so every later stage (check, build, site, JSON, diff) sees an
ordinary section; each of its lines is still named in the section's own file.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from generator.facts.errors import FactError, Location
from generator.facts.models import INCLUDE_KEY
from generator.facts.strict_yaml import KeyPath, LoadedYaml

SECTIONS_FOLDER = "sections"


@dataclass
class NoticeWithIncludes(LoadedYaml):
    """A notice file with its shared sections in place: a place inside an included section is found in
    the section's own file, any other place in the notice's."""

    positions: list[int] = field(default_factory=list)  # each item of `sections:` -> its index in the file
    included: dict[int, LoadedYaml] = field(default_factory=dict)  # index in the file -> the shared section

    def _where(self, path: KeyPath) -> tuple[LoadedYaml, KeyPath]:
        if len(path) > 1 and path[0] == "sections" and isinstance(path[1], int) and path[1] < len(self.positions):
            written = self.positions[path[1]]
            shared = self.included.get(written)
            if shared is not None and len(path) > 2 and path[2] != "id":
                return shared, path[2:]
            return self._own, ("sections", written, *path[2:])
        return self._own, path

    @property
    def _own(self) -> LoadedYaml:
        return LoadedYaml(self.data, self.file, self.value_marks, self.key_marks, self.block_starts)

    def location(self, path: KeyPath) -> Location:
        source, inner = self._where(tuple(path))
        return source.location(inner)

    def text_location(self, path: KeyPath, text_line: int) -> Location | None:
        source, inner = self._where(tuple(path))
        return source.text_location(inner, text_line)


def _include_of(item: object) -> object | None:
    return item.get(INCLUDE_KEY) if isinstance(item, dict) and INCLUDE_KEY in item else None


def with_includes(notice: LoadedYaml, shared: dict[str, LoadedYaml], known: set[str],
                  errors: list[FactError]) -> LoadedYaml:
    """``notice`` with each `- include: <id>` replaced by ``shared[id]``; an unknown id, or an include with
    keys of its own, is a FactError and the item is left out. ``known`` holds every shared section's id,
    including those that failed to load (their own errors say why)."""
    data = notice.data
    items = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(items, list) or not any(_include_of(item) is not None for item in items):
        return notice
    spliced, positions, included = [], [], {}
    for index, item in enumerate(items):
        wanted = _include_of(item)
        if wanted is None:
            spliced.append(item)
            positions.append(index)
            continue
        where = notice.location(("sections", index, INCLUDE_KEY))
        if set(item) != {INCLUDE_KEY}:
            errors.append(FactError(
                where, f"includes the shared section '{wanted}' and also gives {', '.join(sorted(set(item) - {INCLUDE_KEY}))}.",
                f"An included section takes its title, place and text from {SECTIONS_FOLDER}/{wanted}.yaml: "
                "remove the other keys here, or write the section here in full without 'include'.",
                f"sections[{index + 1}]", "include"))
        elif wanted not in known:
            errors.append(FactError(where, f"includes the shared section '{wanted}', which is not in {SECTIONS_FOLDER}/.",
                                    _nearest(str(wanted), known), f"sections[{index + 1}].include", "unknown-section"))
        elif wanted in shared:
            spliced.append({"id": wanted, **shared[wanted].data})
            positions.append(index)
            included[index] = shared[wanted]
    return NoticeWithIncludes({**data, "sections": spliced}, notice.file, notice.value_marks, notice.key_marks,
                              notice.block_starts, positions, included)


def _nearest(wanted: str, known: set[str]) -> str:
    close = difflib.get_close_matches(wanted, sorted(known), n=3, cutoff=0.4)
    if close:
        return "Did you mean " + " or ".join(f"'{name}'" for name in close) + "?"
    if known:
        return f"The shared sections in {SECTIONS_FOLDER}/ are: {', '.join(sorted(known))}."
    return (f"There are no shared sections yet: write {SECTIONS_FOLDER}/{wanted}.yaml (title, after, body), or "
            "adopt a library notice that includes it with 'notices new notice ID --from LIBRARY-ID'.")
