"""A notice's version for children: its own title, summary and plain words for the sections it explains.

Only the wording is the children's file's own. Every fact it shows (what is held, who it goes to, how
long it is kept, the rights, who to ask) is read from the notice itself when it is rendered, so the two
cannot disagree; where it puts a fact in a child's words, it names the fact by its id, and `notices check`
finds that fact in the notice (docs/layers.md#a-version-for-children).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, PrivateAttr, field_validator, model_validator

from generator.facts.models import FactModel, MarkdownText, ScopedFact, Slug, Text
from generator.facts.roles import Role
from generator.facts.sections import SECTIONS

if TYPE_CHECKING:  # the cascade holds a children's version: imported for the types only
    from generator.facts.cascade import ResolvedNotice

CHILDREN_FOLDER = "children"
_AGES = re.compile(r"(\d{1,2}) to (\d{1,2})")
# A version's file in an age band: `children/pupils.7-11.yaml` (docs/layers.md#versions-for-children-of-different-ages).
_BANDED_STEM = re.compile(r"(?P<notice>[^.]+)\.(?P<youngest>\d{1,2})-(?P<oldest>\d{1,2})")
YOUNGEST, OLDEST = 4, 18  # a children's version is for pupils of school age, up to the end of sixth form


@dataclass(frozen=True)
class MustExplain:
    """Something a child must be told when the notice has it: one of the notice's own sections, which the
    children's version explains in a section `about:` that section's id."""

    sections: tuple[str, ...]  # the notice's section ids that hold it (any one of them)
    what: str  # what the children's version must say, in the words of a message


# What a children's version must explain when its notice holds it (issue 29, item 15). Each is a choice the
# child (or a parent) has, or somewhere the child's facts go that the list of recipients does not show.
MUST_EXPLAIN = (
    MustExplain(("youth-support-services",),
                "that youth support services get facts about pupils from age 13, and that a parent (or the pupil, "
                "from 16) can ask us to pass on only the name, address and date of birth"),
    MustExplain(("national-pupil-database", "how-the-dfe-uses-data"),
                "that the Department for Education keeps pupils' facts and may share them with others"),
)


class ChildrensName(ScopedFact):
    fact: Annotated[Slug, Role("fact")] = Field(
        description="The id of a fact the section lists, e.g. the category `medical`, the recipient `dfe` or the "
                    "right `access`; for a source, which has no id, its name in lower case with hyphens, e.g. "
                    "`the-local-authority`. `notices check` finds it in the notice.")
    words: Annotated[Text, Role("words")] = Field(
        description="The fact in words a child uses, e.g. `Your health, allergies and medicines`: shown in the "
                    "list instead of the notice's own name for it.")


class ChildrensSection(ScopedFact):
    about: Annotated[Slug, Role("section explained")] = Field(
        description="The section of the notice this explains: a standard one, e.g. `what-we-hold` (the notice's "
                    "facts for it follow these words), or the id of one of the notice's own sections, e.g. "
                    "`youth-support-services` (a link to it follows).")
    title: Annotated[Text, Role("heading")] = Field(
        description="The heading, in words a child uses, e.g. `What we know about you`.")
    text: Annotated[MarkdownText, Role("text")] = Field(
        description="Short sentences a child can read alone. State no fact here (a name, a period): the notice's "
                    "facts follow, so they cannot disagree.")
    names: Annotated[list[ChildrensName], Role("facts in a child's words", key=("fact",), item="Fact",
                                               label="{fact}")] = Field(
        default_factory=list, description="The facts this section lists, each in a child's words, e.g. "
                                          "`- {fact: medical, words: Your health and medicines}`.")


def banded_name(stem: str) -> tuple[str, tuple[int, int] | None]:
    """A children's file's name (without .yaml) as the notice it is a version of and the age band it names:
    'pupils.7-11' is ('pupils', (7, 11)); 'pupils' is ('pupils', None)."""
    banded = _BANDED_STEM.fullmatch(stem)
    return (banded["notice"], (int(banded["youngest"]), int(banded["oldest"]))) if banded else (stem, None)


def overlaps(band: tuple[int, int], pupils: tuple[int, int]) -> bool:
    """Whether a version for ``band`` is for some of the pupils aged ``pupils`` (youngest, oldest): ranges that
    only meet at one age (a primary's 4 to 11, a secondary's 11 to 16) are where one stage ends and the next
    begins, so do not overlap; a range of one age overlaps any range that holds it."""
    youngest, oldest = max(band[0], pupils[0]), min(band[1], pupils[1])
    return youngest < oldest or (youngest == oldest and (band[0] == band[1] or pupils[0] == pupils[1]))


class ChildrensVersion(FactModel):
    """`children/<notice-id>.yaml`, or `<notice-id>.<youngest>-<oldest>.yaml` for each age band: a version for children."""

    _banded: bool = PrivateAttr(default=False)  # its file name gives its ages; set by the loader

    title: Annotated[Text, Role("title")] = Field(
        description="The title a child reads, e.g. `How your school uses information about you`.")
    ages: Annotated[Text, Role("ages it is written for")] = Field(
        description="The ages it is written for, as `11 to 16`: shown under the title, and compared with the ages "
                    "of each school's pupils.")
    summary: Annotated[MarkdownText, Role("summary")] = Field(
        description="A few short sentences to read first.")
    sections: Annotated[list[ChildrensSection], Role(
        "children's sections", key=("about",), item="Children's section", label="{title}",
        words="the version for children")] = Field(
        min_length=1, description="Plain words for the sections a child needs, in any order: they are shown in "
                                  "the notice's order.")

    @field_validator("ages")
    @classmethod
    def _an_age_range(cls, ages: str) -> str:
        written = _AGES.fullmatch(ages)
        if not written or not YOUNGEST <= int(written[1]) <= int(written[2]) <= OLDEST:
            raise ValueError(f"write the ages it is written for as two ages from {YOUNGEST} to {OLDEST}, youngest "
                             "first, e.g. `11 to 16`")
        return ages

    @property
    def age_range(self) -> tuple[int, int]:
        """The youngest and oldest age it is written for."""
        written = _AGES.fullmatch(self.ages)
        assert written is not None  # checked when loaded
        return int(written[1]), int(written[2])

    @property
    def banded(self) -> bool:
        """Whether it is one of the notice's versions in age bands, each for the pupils of its ages."""
        return self._banded

    def in_band(self) -> ChildrensVersion:
        """This version as one whose file name gives its ages."""
        self._banded = True
        return self

    @property
    def document_suffix(self) -> str:
        """What follows the notice id in the name of its files and page: `children`, or `children-7-11` for
        a version in an age band."""
        return "children-{}-{}".format(*self.age_range) if self.banded else "children"

    def written_for(self, pupils: tuple[int, int]) -> bool:
        """Whether it is written for pupils of these ages, youngest and oldest: all of them."""
        youngest, oldest = self.age_range
        return youngest <= pupils[0] and pupils[1] <= oldest

    @model_validator(mode="after")
    def _one_each(self) -> ChildrensVersion:
        seen: set[str] = set()
        for section in self.sections:
            if section.about in seen:
                raise ValueError(f"explains the section '{section.about}' twice: merge the two into one")
            seen.add(section.about)
            named = [name.fact for name in section.names]
            twice = sorted({fact for fact in named if named.count(fact) > 1})
            if twice:
                raise ValueError(f"puts the fact '{twice[0]}' in a child's words twice: keep one")
        return self


@dataclass(frozen=True)
class ListedFact:
    """One fact a children's page lists: the key its file names it by, and the words the page shows."""

    key: str
    shown: str
    after: str = ""  # what follows the words on the same line, e.g. ": until the pupil is 25"


def source_key(name: str) -> str:
    """A source's key, as a children's file names it: its name in lower case, words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def listed_facts(notice: ResolvedNotice) -> dict[str, list[ListedFact]]:
    """The facts the children's page lists under each standard section, in the notice's order."""
    n = notice.notice
    return {
        "what-we-hold": [ListedFact(category.id, category.name) for category in n.categories],
        "where-it-comes-from": [ListedFact(source_key(source.name), source.name)
                                for source in (n.sources if isinstance(n.sources, list) else [])],
        "who-we-share-with": [ListedFact(recipient.id, recipient.name) for recipient in notice.recipients or []],
        "how-long-we-keep-it": [ListedFact(rule.id, rule.records, f": {rule.period}") for rule in n.retention],
        "your-rights": [ListedFact(right.id, right.name) for right in notice.rights],
    }


def shown_facts(notice: ResolvedNotice, section: ChildrensSection) -> list[ListedFact]:
    """The facts a children's section lists, each in the child's words its file gives, else the notice's."""
    words = {name.fact: name.words for name in section.names}
    return [ListedFact(fact.key, words.get(fact.key, fact.shown), fact.after)
            for fact in listed_facts(notice).get(section.about, [])]


def section_order(notice: ResolvedNotice) -> list[str]:
    """The sections a children's version may explain, in the order the full notice shows them: each standard
    section, then the notice's own sections that follow it."""
    own = notice.notice.sections
    return [anchor for standard in SECTIONS for anchor in
            (standard.anchor, *(section.id for section in own if section.after == standard.anchor))]
