"""Typesetting a print document with Typst: the document as JSON in, a tagged PDF/UA-1 on A4 out.

The layout is ``notice.typ`` in the templates folder; the document (title, metadata, letterhead, running
footer, and each chapter's nodes from ``document_tree``) reaches it as data in ``sys.inputs``,
never as Typst markup, and so does the logo's picture (its bytes, as numbers: Typst reads no file outside
the template's folder). Fonts are the ones the ``typst`` package carries and the ones in ``fonts/``
beside this module (Arabic and Hebrew); the system's are ignored, so the PDF is the same on every
machine and needs no font package.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from generator.facts.errors import display_path
from generator.notices_error import NoticesError
from generator.render.build_libraries import BuildLibrary
from generator.render.letterhead import Letterhead
from generator.render.templating import template_folders

if TYPE_CHECKING:
    import typst

# Imported where it is used: checking the facts (the pre-commit hook) never typesets.
TYPST = BuildLibrary("typst")

PRINT_TEMPLATE = "notice.typ"
FONTS = Path(__file__).resolve().parent / "fonts"  # Arabic and Hebrew; see the README there
_PLACE = re.compile(r"┌─ (?P<file>\S+?):(?P<line>\d+):(?P<column>\d+)")
_NO_GLYPH = re.compile(r'the text `"(?P<text>.+?)"` could not be displayed')
_TYPST_ESCAPE = re.compile(r"\\u\{(?P<code>[0-9a-fA-F]{1,6})\}")  # how Typst's messages write U+10FFFF: \u{10ffff}
# Each character in a box of its own: one message for each that no font has. Typst falls back to any font
# it was given for a character the template's fonts lack, so the fonts given decide, not the template.
_PROBE = b"#for character in json(bytes(sys.inputs.probe)) { box(character); [ ] }"
SCRIPTS_MANUAL = "publishing.md#scripts"
LOGO_MANUAL = "fields.md#brand"
# How Typst says a picture could not be read ("failed to decode image (unexpected end of file)").
_PICTURE_FAILED = re.compile(r"failed to (?:decode|parse) (?:image|svg)|unknown image format", re.IGNORECASE)
# The explicit direction controls: embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
# Typst draws them as glyphs of no width and misplaces those when it reorders a line, so the line reads
# back garbled; in print they are left out, and letters keep the order they were typed in. Arabic and
# Hebrew need none of them: Typst applies the bidirectional algorithm to their letters.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


class PrintTemplateError(NoticesError):
    """The print template (the school's to edit) does not compile."""


class UnprintableLogo(NoticesError):
    """A logo file whose picture Typst cannot read (its first bytes said it was one)."""

    see = LOGO_MANUAL


class UnprintableCharacter(NoticesError):
    """Text that no font of the PDF can show (PDF/UA allows no blank boxes); ``where`` names the fact
    it came from, when the format that typeset it knows."""

    see = SCRIPTS_MANUAL

    def __init__(self, text: str, where: str = ""):
        self.text, self.where = text, where
        codes = ", ".join(f"U+{ord(character):04X}" for character in text)
        super().__init__(
            f"{where + ': ' if where else ''}the PDF cannot show '{text}' ({codes}): its fonts have the letters "
            "of Latin, Greek, Cyrillic, Arabic and Hebrew writing, and this is none of them. Write the text "
            "without it, or put a font that has it in templates/fonts/ and name it in templates/notice.typ.")

    def __reduce__(self):  # rebuilt from its parts when a worker process sends it to the build
        return type(self), (self.text, self.where)


@dataclass(frozen=True)
class Chapter:
    """One notice of a print document: its nodes, and the footer line of its pages."""

    footer: str
    body: list[dict]


@dataclass(frozen=True)
class Contents:
    """A booklet's contents page: its heading, and the version shown after each notice's title."""

    title: str
    versions: dict[str, str]  # the title heading's id -> the notice's version


@dataclass(frozen=True)
class Cover:
    """A booklet's first page: whose notices these are, where it is, who runs it, and when they were reviewed."""

    school: str
    title: str
    address: str | None
    run_by: str | None  # "Run by the University of Chichester Academy Trust", or None for a school on its own
    reviewed: str | None  # "Last reviewed 1 November 2026"


@dataclass(frozen=True)
class PrintDocument:
    title: str  # shown as the window title
    author: str
    description: str
    date: datetime.date | None  # the creation and modification date; from the facts, never the clock
    footer: str  # the footer line of the pages before the first chapter (and of a single notice)
    chapters: list[Chapter]
    letterhead: Letterhead  # the school's name and logo, at the head of every page (but a cover)
    contents: Contents | None = field(default=None)  # a contents page before the chapters
    cover: Cover | None = None  # a cover page before everything
    one_page: bool = False  # set as large as fits one page: the notice at a glance


def print_template(templates: Path) -> Path:
    """The print template a build uses: the project's own ``notice.typ``, else the packaged one."""
    return next(folder / PRINT_TEMPLATE for folder in template_folders(templates)
                if (folder / PRINT_TEMPLATE).is_file())


def font_folders(templates: Path) -> list[Path]:
    """Where the PDFs' fonts are found besides Typst's own: the project's ``templates/fonts/``, if it
    has one (a school adding a script or its house font), then the fonts this package carries."""
    return [folder / "fonts" for folder in template_folders(templates) if (folder / "fonts").is_dir()] + [FONTS]


@cache
def _compiler(templates: Path, template: Path) -> typst.Compiler:
    """One compiler per templates folder and print template: it keeps fonts and layouts between documents.

    Its root is the print template's folder, so the template reads its own files (a logo) and
    nothing outside it; the system's fonts are ignored, so the PDF is the same on every machine.
    """
    import typst

    fonts = typst.Fonts(include_system_fonts=False, font_paths=[str(folder) for folder in font_folders(templates)])
    return typst.Compiler(root=str(template.parent), font_paths=fonts, ignore_system_fonts=True)


def typeset(document: PrintDocument, templates: Path) -> bytes:
    """The document as PDF/UA-1 bytes; the same document and template give the same bytes.

    Raises UnprintableCharacter when the text holds a character no font has (PDF/UA allows no
    blank boxes), and PrintTemplateError when the template itself does not compile.
    """
    import typst

    data = asdict(document)
    data["date"] = document.date.isoformat() if document.date else None
    head = document.letterhead
    data["letterhead"] = {"name": head.name, "logo": None if head.logo is None else
                          {"format": head.logo_format, "alt": head.logo_alt}}
    inputs = {"document": json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_DIRECTION_CONTROLS)}
    if head.logo is not None:
        saved = head.logo.stat()
        inputs["logo"] = _picture_as_numbers(head.logo, saved.st_mtime_ns, saved.st_size)
    moment = document.date or datetime.date(1980, 1, 1)
    template = print_template(templates)
    try:
        # By path: the compiler reads the template again when it changes between two documents. A PDF
        # with no output path comes back as one bytes object (Typst's stubs allow for every format).
        return cast(bytes, _compiler(templates, template).compile(
            input=str(template), format="pdf", pdf_standards="ua-1",
            # Only strings hold these characters, so they can be taken out of the JSON as a whole.
            sys_inputs=inputs,
            timestamp=datetime.datetime(moment.year, moment.month, moment.day, tzinfo=datetime.UTC),
        ))
    except typst.TypstError as problem:
        missing = _NO_GLYPH.search(problem.message)
        if missing:
            raise UnprintableCharacter(_unescaped(missing["text"])) from None
        if head.logo is not None and _PICTURE_FAILED.search(problem.message):
            raise UnprintableLogo(f"{display_path(head.logo)}: the PDFs cannot show this logo ({problem.message}). "
                                  "Save it again from a picture editor as PNG, or give the brand another logo.") from None
        raise PrintTemplateError(_explained(problem, template)) from None


@lru_cache(maxsize=8)
def _picture_as_numbers(path: Path, _modified: int, _size: int) -> str:
    """The picture's bytes as a JSON list of numbers, as the template takes them: read and written once per
    version of the file (its time and size), not once for every PDF that prints it."""
    return json.dumps(list(path.read_bytes()))


def unprintable(characters: set[str], templates: Path) -> set[str]:
    """Those of ``characters`` that no font of the PDFs has: the packaged fonts and the project's own
    (templates/fonts/). Typst is asked, with the fonts a build gives it, so the answer is the build's."""
    if not characters:  # facts in the letters every font has: checking them loads no Typst
        return set()
    import typst

    try:
        _compiler(templates, print_template(templates)).compile(
            input=_PROBE, format="pdf", pdf_standards="ua-1",
            sys_inputs={"probe": json.dumps(sorted(characters), ensure_ascii=False)})
    except typst.TypstError as problem:
        # Typst names the text it could not show: a letter with its marks may be named by its letter alone.
        reported = {_unescaped(found["text"]) for found in _NO_GLYPH.finditer(problem.diagnostic)}
        return {probed for probed in characters if any(text in probed for text in reported)}
    return set()


def _unescaped(text: str) -> str:
    return _TYPST_ESCAPE.sub(lambda escape: chr(int(escape["code"], 16)), text)


def _explained(problem: typst.TypstError, template: Path) -> str:
    """'templates/notice.typ:12:3: the print template does not compile: ...', and what to do."""
    place = _PLACE.search(problem.diagnostic)
    # Typst names the file as seen from the working folder.
    where = (f"{display_path(Path(place['file']))}:{place['line']}:{place['column']}" if place
             else display_path(template))
    return (f"{where}: the print template does not compile: {problem.message}. "
            "Correct the template, or copy it back from the project's templates/ folder.")
