"""How hard a children's version is to read: the Flesch-Kincaid grade of the hardest section of its whole
rendered page (headings, words and lists), and its hardest sentences (docs/layers.md#how-hard-it-is-to-read says why this figure, this limit and how words
are counted)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import lxml.html
import markdown

from generator.facts.cascade import ResolvedNotice
from generator.facts.children import ChildrensVersion
from generator.facts.errors import Location
from generator.facts.free_text import block as inert_markdown
from generator.render.formats import RenderContext
from generator.render.formats.markdown import MARKDOWN_EXTENSIONS, render_markdown

MEASURE = "Flesch-Kincaid grade"
# A US school grade: grade 4 is read by children of about 9 to 10 (UK Year 5). Above it, a child at the
# young end of 8 to 12 needs a grown-up to read it with them.
GRADE_LIMIT = 4.0
HARDEST_SHOWN = 3
# The templates a children's page is measured in: the project's own `templates/`, then the packaged ones,
# as `notices build` renders it by default.
TEMPLATES = Path("templates")

_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")  # no XML parser reads these
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Each of these is read as a sentence of its own, ended or not: a heading, a list item, a table cell.
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "caption", "pre")
_ADDRESS = re.compile(r"://|@|^www\.", re.IGNORECASE)  # a web or email address: followed, not read aloud
_PIECES = re.compile(r"[^\W\d_]+|\d")  # the letters and each digit of a word ("Year7" -> "Year", "7")
_NEGATIVE = re.compile(r"(?<=[^\W\d_])n't$", re.IGNORECASE)
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SILENT_ENDING = re.compile(r"[^aeiouy]e$|[^aeiouytd]ed$|[^aeiouy]es$")  # "make", "named", "takes"
_SOUNDED_ENDING = re.compile(r"[^aeiouy]le[ds]?$")  # "little", "tables", "struggled"
# The syllables of each digit's name, read one by one as in a phone number: 7 "seven", 2026 "two oh two six".
_DIGIT_SYLLABLES = (2, 1, 1, 1, 1, 1, 1, 2, 1, 1)
_SPELT_OUT = re.compile(r"(?=.*[A-Z].*[A-Z])[A-Za-z]{2,5}")  # "DfE", "ICO", "GDPR": read letter by letter


@cache
def _hyphenation():
    import pyphen  # imported when a text is measured: `notices check` with no children's version never loads it

    return pyphen.Pyphen(lang="en_GB")


@cache
def _markdown() -> markdown.Markdown:
    """One Markdown reader, made once: making one takes longer than reading a page with it."""
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """How many syllables a word of letters is read with, at least 1.

    A hyphenation point always falls between two syllables, but a hyphenation dictionary leaves many out
    (none near either end of a word), so the count is the higher of the hyphenation's pieces and the
    word's groups of vowels, less a silent final "e", "ed" or "es".
    """
    if _SPELT_OUT.fullmatch(word):
        return len(word) + 2 * word.upper().count("W")  # each letter's name is one syllable, W's three
    lower = word.lower()
    vowel_groups = len(_VOWEL_GROUPS.findall(lower))
    if _SILENT_ENDING.search(lower) and not _SOUNDED_ENDING.search(lower) and vowel_groups > 1:
        vowel_groups -= 1
    return max(1, vowel_groups, len(_hyphenation().positions(lower)) + 1)


def word_syllables(token: str) -> int:
    """A written word's syllables: its letters' and each digit's, as read aloud ("Year7" 3); 0 for a
    token that is no word (a web or email address, an emoji, a dash)."""
    if _ADDRESS.search(token):
        return 0
    token = token.replace("\u2019", "'")
    total = 0
    negative = _NEGATIVE.search(token)
    if negative:  # "didn't" is "did" and a syllable, "don't" "do" and none
        token = token[:negative.start()]
        total = 0 if token[-1].lower() in "aeiouy" else 1
    for piece in _PIECES.findall(token.replace("'", "")):
        total += _DIGIT_SYLLABLES[unicodedata.decimal(piece)] if piece.isdecimal() else syllables(piece)
    return total


@dataclass(frozen=True)
class Counts:
    """What the Flesch-Kincaid formula reads of a text: its sentences, words and syllables."""

    sentences: int
    words: int
    syllables: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.sentences + other.sentences, self.words + other.words, self.syllables + other.syllables)

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade level, 0.39 x words per sentence + 11.8 x syllables per word - 15.59
        (Kincaid, Fishburne, Rogers and Chissom, 1975, "Derivation of new readability formulas ... for Navy
        enlisted personnel", Research Branch Report 8-75, https://stars.library.ucf.edu/istlibrary/56/);
        0 for a text with no words."""
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def counts(sentences: Iterable[str]) -> Counts:
    """The counts of some sentences; a sentence with no word in it is not counted."""
    total = Counts(0, 0, 0)
    for sentence in sentences:
        read = [count for count in map(word_syllables, sentence.split()) if count]
        if read:
            total += Counts(1, len(read), sum(read))
    return total


def sentences_of(text: str) -> list[str]:
    """Plain text as its sentences: each ends at a full stop, question or exclamation mark and a space."""
    return [sentence for sentence in _SENTENCE_END.split(" ".join(text.split())) if sentence]


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade of plain English text, rounded to one decimal place, for any text at all."""
    return round(counts(sentences_of(text)).grade, 1)


def markdown_sentences(text: str) -> list[str]:
    """Markdown as the sentences a reader sees: each heading, paragraph, list item and table cell read apart."""
    html = _markdown().reset().convert(_UNREADABLE.sub("", text)).strip()
    if not html:
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for block in root.iter(*_BLOCKS, "br"):  # a block's words start and end a line, even inside another block
        block.text = "\n" + (block.text or "")
        block.tail = "\n" + (block.tail or "")
    return [sentence for line in root.text_content().splitlines() for sentence in sentences_of(line)]


@dataclass(frozen=True)
class Sentence:
    text: str
    grade: float
    location: Location | None  # where the children's file wrote it; None for a fact the page shows
    section: str = ""  # the heading of the section it is in, as the child reads it


@dataclass(frozen=True)
class Reading:
    """One children's page measured: the grade of its hardest section, which one that is, and every sentence's."""

    grade: float
    sentences: tuple[Sentence, ...]
    hardest_section: str = ""  # its heading as the child reads it; the title for the page's opening

    @property
    def too_hard(self) -> bool:
        return self.grade > GRADE_LIMIT

    def hardest(self, written: bool = True) -> list[Sentence]:
        """The sentences above the limit, hardest first: the children's file's own (the ones to rewrite), or
        with ``written`` false the facts the page lists."""
        above = [sentence for sentence in self.sentences if sentence.section == self.hardest_section
                 and sentence.grade > GRADE_LIMIT and (sentence.location is not None) == written]
        return sorted(above, key=lambda sentence: (-sentence.grade, sentence.text))[:HARDEST_SHOWN]


Wording = tuple[tuple[str, Location | None], ...]  # each text of a children's file, with where it is written


def _wording(version: ChildrensVersion) -> Wording:
    """The children's file's own words, each with where it was written."""
    fields = [(version.title, version.field_location("title")), (version.summary, version.field_location("summary"))]
    for section in version.sections:
        fields += [(section.title, section.field_location("title")), (section.text, section.field_location("text"))]
    return tuple(fields)


@lru_cache(maxsize=16)
def _written(wording: Wording) -> dict[str, Location | None]:
    """Each sentence of the wording -> where it was written: the same for every school's page."""
    written: dict[str, Location | None] = {}
    for text, location in wording:
        for sentence in markdown_sentences(inert_markdown(text)):
            written.setdefault(sentence, location)
    return written


_HEADING = re.compile(r"^(?=#{1,6} )", re.MULTILINE)


@lru_cache(maxsize=64)
def _measured(page: str, wording: Wording) -> Reading:
    """A rendered page measured a section at a time, as a child meets it: its heading, words and lists read
    together, so that easy words elsewhere on the page do not hide a hard list (the lint and the grades line
    both ask: measured once)."""
    written = _written(wording)
    sections = [markdown_sentences(part) for part in _HEADING.split(page)]
    sections = [sentences for sentences in sections if sentences]
    graded = [(round(counts(sentences).grade, 1), sentences[0]) for sentences in sections] or [(0.0, "")]
    grade, heading = max(graded, key=lambda each: each[0])
    return Reading(grade, tuple(Sentence(sentence, round(counts([sentence]).grade, 1), written.get(sentence), each[0])
                                for each in sections for sentence in each), heading)


def reading(notice: ResolvedNotice, version: ChildrensVersion | None = None) -> Reading:
    """A notice's children's page (for ``version``, else the one ``notice`` is), as `notices build` renders it,
    measured."""
    version = version or notice.children
    assert version is not None
    page = render_markdown(notice.for_children(version), RenderContext(templates=TEMPLATES))
    return _measured(page, _wording(version))


def reading_grade(n: ResolvedNotice, _today: datetime.date) -> Iterator[tuple[str, Location | None]]:
    """The lint: a children's version above the limit, naming its hardest sentences."""
    for version in n.childrens_versions:
        measured = reading(n, version)
        if not measured.too_hard:
            continue
        hardest = measured.hardest()
        facts = [] if hardest else measured.hardest(written=False)
        advice = "use shorter sentences and everyday words"
        if hardest:
            advice += f", starting with {_named(hardest)}"
        elif facts:  # each of its own sentences is easy enough
            advice = (f"its own sentences are easy; the hard words are the facts it lists, such as {_named(facts)}: "
                      "give them in a child's words under `names:` in that section")
        message = (f"The children's version reads at {MEASURE} {measured.grade:.1f} in the part "
                   f"'{measured.hardest_section}', above {GRADE_LIMIT:g} (about ages 9 to 10): {advice}.")
        yield message, hardest[0].location if hardest else version.location


def _named(sentences: list[Sentence]) -> str:
    return "; ".join(f"\"{sentence.text}\" ({sentence.grade:.1f})" for sentence in sentences)


def reading_grades(notices: list[ResolvedNotice]) -> dict[str, float]:
    """Each children's version's grade, by notice id (by document id for one in an age band, e.g.
    `pupils.children-7-11`), the hardest of its schools' pages: what `notices check` shows."""
    grades: dict[str, float] = {}
    for notice in notices:
        for version in notice.childrens_versions:
            named = f"{notice.id}.{version.document_suffix}" if version.banded else notice.id
            grades[named] = max(grades.get(named, float("-inf")), reading(notice, version).grade)
    return dict(sorted(grades.items()))


def grades_line(grades: dict[str, float]) -> str:
    """The grades in one line of the text report, with the limit a warning starts above."""
    return (f"Children's versions, {MEASURE} of the hardest part (an error above {GRADE_LIMIT:g}): "
            + ", ".join(f"{notice_id} {grade:.1f}" for notice_id, grade in grades.items()) + ".")
