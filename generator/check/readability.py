"""How hard a children's version is to read: the Flesch-Kincaid grade of its own words, and its hardest
sentences, measured by textstat (docs/layers.md#how-hard-it-is-to-read says why this figure and limit)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Iterator

from generator.facts.cascade import ResolvedNotice
from generator.facts.children import ChildrensVersion
from generator.facts.errors import Location

MEASURE = "Flesch-Kincaid grade"
# A US school grade: grade 4 is read by children of about 9 to 10 (UK Year 5). Above it, a child at the
# young end of 8 to 12 needs a grown-up to read it with them.
GRADE_LIMIT = 4.0
HARDEST_SHOWN = 3

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_`#>]")


@dataclass(frozen=True)
class Sentence:
    text: str
    grade: float
    location: Location | None


@dataclass(frozen=True)
class Reading:
    """One children's version measured: the grade of all its words together, and every sentence's."""

    grade: float
    sentences: tuple[Sentence, ...]

    @property
    def too_hard(self) -> bool:
        return self.grade > GRADE_LIMIT

    def hardest(self) -> list[Sentence]:
        """The sentences above the limit, hardest first: the ones to rewrite."""
        above = [sentence for sentence in self.sentences if sentence.grade > GRADE_LIMIT]
        return sorted(above, key=lambda sentence: (-sentence.grade, sentence.text))[:HARDEST_SHOWN]


def _plain(text: str) -> str:
    """Markdown as the words a child reads; a heading counts as a sentence of its own."""
    words = " ".join(_MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text)).split())
    return words if words.endswith((".", "!", "?")) else words + "."


def _wording(version: ChildrensVersion) -> Iterator[tuple[str, Location | None]]:
    """The children's file's own words with where each was written; the notice's facts it shows are not its words."""
    yield version.title, version.field_location("title")
    yield version.summary, version.field_location("summary")
    for section in version.sections:
        yield section.title, section.field_location("title")
        yield section.text, section.field_location("text")


def reading(version: ChildrensVersion) -> Reading:
    import textstat  # imported when a children's version is measured: it loads pkg_resources, which is slow

    texts = [(_plain(text), location) for text, location in _wording(version)]
    sentences = tuple(Sentence(sentence, textstat.flesch_kincaid_grade(sentence), location)
                      for text, location in texts for sentence in _SENTENCE_END.split(text))
    return Reading(round(textstat.flesch_kincaid_grade(" ".join(text for text, _ in texts)), 1), sentences)


def reading_grade(n: ResolvedNotice, _today: datetime.date) -> Iterator[tuple[str, Location | None]]:
    """The lint: a children's version above the limit, naming its hardest sentences."""
    if n.children is None:
        return
    measured = reading(n.children)
    if measured.too_hard:
        hardest = measured.hardest()
        named = "; ".join(f"\"{sentence.text}\" ({sentence.grade:.1f})" for sentence in hardest)
        yield (f"The children's version reads at {MEASURE} {measured.grade:.1f}, above {GRADE_LIMIT:g} (about ages 9 "
               f"to 10): use shorter sentences and everyday words, starting with {named}.",
               hardest[0].location if hardest else n.children.location)


def reading_grades(children: dict[str, ChildrensVersion]) -> dict[str, float]:
    """Each children's version's grade, by notice id: what `notices check` shows."""
    return {notice_id: reading(version).grade for notice_id, version in sorted(children.items())}


def grades_line(grades: dict[str, float]) -> str:
    """The grades in one line of the text report, with the limit a warning starts above."""
    return (f"Children's versions, {MEASURE} (a warning above {GRADE_LIMIT:g}): "
            + ", ".join(f"{notice_id} {grade:.1f}" for notice_id, grade in grades.items()) + ".")
