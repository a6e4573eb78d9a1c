"""What an adopting organisation is, for choosing the library's wording: its kind, its schools' phases and the
span of its pupils' ages, read from a facts folder or given by `notices init`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.facts.load import ORGANISATION_FILE, SCHOOLS_FOLDER
from generator.facts.models import AppliesTo, age_range
from generator.facts.strict_yaml import load_yaml_file


@dataclass(frozen=True)
class Profile:
    """An organisation of ``kind`` whose schools teach ``phases`` to pupils aged ``ages`` (youngest, oldest);
    what is not known (no phases, no ages) fits everything."""

    kind: str
    phases: list[str] = field(default_factory=list)
    ages: tuple[int, int] | None = None
    each_school: tuple[tuple[int, int], ...] = ()  # each school's ages; none when a school does not give them

    def fits(self, applies_to: AppliesTo | None) -> bool:
        return applies_to is None or applies_to.fits(self.kind, self.phases, self.ages)


def read_profile(facts: Path) -> Profile | None:
    """The profile of the organisation in ``facts``, its schools' phases and ages together (a trust's notice
    keeps what fits any of its schools); None when the organisation file is missing or names no kind."""
    organisation = facts / ORGANISATION_FILE
    if not organisation.is_file():
        return None
    data = load_yaml_file(organisation, str(organisation)).data
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(kind, str):
        return None
    described = [load_yaml_file(path, str(path)).data for path in sorted((facts / SCHOOLS_FOLDER).glob("*.yaml"))]
    described = [school for school in described if isinstance(school, dict)] or [data]
    phases = sorted({phase for school in described for phase in school.get("phases") or [] if isinstance(phase, str)})
    spans = [_ages(school.get("ages")) for school in described]
    known = [span for span in spans if span is not None]
    # One school whose ages are not given could have pupils of any age: then nothing is left out for age.
    ages = (min(a for a, _ in known), max(b for _, b in known)) if known and len(known) == len(spans) else None
    return Profile(kind, phases if all(school.get("phases") for school in described) else [], ages,
                   tuple(known) if ages else ())


def _ages(text: object) -> tuple[int, int] | None:
    try:
        return age_range(str(text)) if text is not None else None
    except ValueError:  # the checker names a badly written range; adopting keeps everything meanwhile
        return None
