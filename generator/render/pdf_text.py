"""Reading a PDF back as text, in process: the audit's reader for every PDF format, whatever engine made it.

PDFium (through pypdfium2, which ships it inside its wheel) reads the text, so a
build calls no program: no poppler-utils to install. pypdf would do too, but reads a five-page
notice ten times slower than poppler did (about 250 ms against 24 ms); PDFium takes about 9 ms.
"""

from __future__ import annotations

import ctypes
import re
from typing import TYPE_CHECKING

from generator.render.build_libraries import BuildLibrary

if TYPE_CHECKING:
    import pypdfium2

# Imported where a PDF is read: checking the facts never reads one.
PYPDFIUM2 = BuildLibrary("pypdfium2")

_ARTIFACT = "Artifact"  # PDF/UA's mark of page furniture: Typst marks each page's header and footer so
# A bullet alone on a line is a list's marker, not a word. (A number alone on a line is text: "25." ends
# "until the child reaches the age of" when the line wraps.)
_MARKER_ONLY = re.compile(r"[\u2022\u25e6\u25aa\u2013-]")
# PDFium joins a line that ends in a hyphen to the next, and marks the hyphen as U+0002; no template
# hyphenates words, so each such hyphen was written in the text. A web address or a phrase broken at a
# hyphen or a slash reads back whole; but a line that goes on with a capital starts a title or a
# sentence of its own: a fact that ends in a hyphen ("full-") must not swallow the title after it.
_PDFIUM_MARKS = str.maketrans({"\r": None})
_HYPHEN_BEFORE_CAPITAL = re.compile("\x02(?=[A-Z])")
_BROKEN_AT_LINE_END = re.compile(r"(?<=\S[/-])\n(?=[^\sA-Z])")


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page as PDFium reads it, page furniture included, one line per line of print."""
    return _read(content, furniture=True)


def _read(content: bytes, furniture: bool) -> list[str]:
    """The text of each page, with or without its furniture (the running header and footer)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        return [_page_text(document[index], furniture) for index in range(len(document))]
    finally:
        document.close()


def _page_text(page: pypdfium2.PdfPage, furniture: bool) -> str:
    text_page = page.get_textpage()
    try:
        text = text_page.get_text_bounded(**({} if furniture else _body_bounds(page))).translate(_PDFIUM_MARKS)
        return _HYPHEN_BEFORE_CAPITAL.sub("-\n", text).replace("\x02", "-")
    finally:
        text_page.close()
        page.close()


def _body_bounds(page: pypdfium2.PdfPage) -> dict[str, float]:
    """The band of the page between its footer and its header: below the lowest line of text that is not an
    artifact, and above the highest, lie only artifacts (however many lines a long footer takes)."""
    import pypdfium2.raw as pdfium

    body: list[tuple[float, float]] = []
    furniture: list[tuple[float, float]] = []
    for index in range(pdfium.FPDFPage_CountObjects(page)):
        item = pdfium.FPDFPage_GetObject(page, index)
        if pdfium.FPDFPageObj_GetType(item) != pdfium.FPDF_PAGEOBJ_TEXT:
            continue
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium.FPDFPageObj_GetBounds(item, left, bottom, right, top)
        (furniture if _is_artifact(item) else body).append((bottom.value, top.value))
    if not body:
        return {}
    lowest, highest = min(bottom for bottom, _ in body), max(top for _, top in body)
    bounds = {}
    below = [top for _, top in furniture if top <= lowest]
    if below:
        bounds["bottom"] = (max(below) + lowest) / 2
    above = [bottom for bottom, _ in furniture if bottom >= highest]
    if above:
        bounds["top"] = (min(above) + highest) / 2
    return bounds


def _is_artifact(item) -> bool:
    import pypdfium2.raw as pdfium

    name = (ctypes.c_ushort * 16)()
    length = ctypes.c_ulong()
    for index in range(pdfium.FPDFPageObj_CountMarks(item)):
        mark = pdfium.FPDFPageObj_GetMark(item, index)
        if pdfium.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), ctypes.byref(length)) and \
                bytes(name)[:max(length.value - 2, 0)].decode("utf-16-le") == _ARTIFACT:
            return True
    return False


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order, as a reader or the audit gets it: pages apart by form feeds.

    The running footer is page furniture, not text, so it is left out (``_body_bounds``), as are
    list markers: otherwise a sentence that runs on to the next page would read with the footer
    in its middle. A line that ends inside a word at a slash or hyphen (links and hyphenated
    words break there) is joined to the next, so that a web address reads back whole.
    """
    pages = []
    for page in _read(content, furniture=False):
        lines = [line for line in page.rstrip().splitlines() if not _MARKER_ONLY.fullmatch(line.strip())]
        pages.append("\n".join(lines))
    return _BROKEN_AT_LINE_END.sub("", "\n\f".join(pages))
