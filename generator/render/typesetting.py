"""Typesetting a print document with Typst: the document as JSON in, a tagged PDF/UA-1 on A4 out.

The layout is ``notice.typ`` in the templates folder; the document (title, metadata, running
footer, and each chapter's nodes from ``document_tree``) reaches it as data in ``sys.inputs``,
never as Typst markup. Fonts are the ones the ``typst`` package carries, and the system's are
ignored, so the PDF is the same on every machine and needs no font package.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import typst

from generator.errors import NoticesError
from generator.facts.errors import display_path

PRINT_TEMPLATE = "notice.typ"
_PLACE = re.compile(r"┌─ (?P<file>\S+?):(?P<line>\d+):(?P<column>\d+)")


class PrintTemplateError(NoticesError):
    """The print template (the school's to edit) does not compile."""


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
class PrintDocument:
    title: str  # shown as the window title
    author: str
    description: str
    date: datetime.date | None  # the creation and modification date; from the facts, never the clock
    footer: str  # the footer line of the pages before the first chapter (and of a single notice)
    chapters: list[Chapter]
    contents: Contents | None = field(default=None)  # a contents page before the chapters


@cache
def _compiler(templates: Path) -> typst.Compiler:
    """One compiler per templates folder: it keeps fonts and layouts between documents of a build."""
    return typst.Compiler(root=str(templates), font_paths=typst.Fonts(include_system_fonts=False),
                          ignore_system_fonts=True)


def typeset(document: PrintDocument, templates: Path) -> bytes:
    """The document as PDF/UA-1 bytes; the same document and template give the same bytes."""
    data = asdict(document)
    data["date"] = document.date.isoformat() if document.date else None
    moment = document.date or datetime.date(1980, 1, 1)
    try:
        # By path: the compiler reads the template again when it changes between two documents.
        return _compiler(templates).compile(
            input=str(templates / PRINT_TEMPLATE), format="pdf", pdf_standards="ua-1",
            sys_inputs={"document": json.dumps(data, ensure_ascii=False, sort_keys=True)},
            timestamp=datetime.datetime(moment.year, moment.month, moment.day, tzinfo=datetime.timezone.utc),
        )
    except typst.TypstError as problem:
        raise PrintTemplateError(_explained(problem, templates)) from None


def _explained(problem: typst.TypstError, templates: Path) -> str:
    """'templates/notice.typ:12:3: the print template does not compile: ...', and what to do."""
    place = _PLACE.search(problem.diagnostic)
    # Typst names the file as seen from the working folder.
    where = (f"{display_path(Path(place['file']))}:{place['line']}:{place['column']}" if place
             else display_path(templates / PRINT_TEMPLATE))
    return (f"{where}: the print template does not compile: {problem.message}. "
            "Correct the template, or copy it back from the project's templates/ folder.")
