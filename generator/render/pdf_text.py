"""Reading a PDF back as text, in process: the audit's reader for every PDF format, whatever engine made it.

PDFium (through pypdfium2, which ships it inside its wheel) reads the text and the metadata, so a
build calls no program: no poppler-utils to install. pypdf would do too, but reads a five-page
notice ten times slower than poppler did (about 250 ms against 24 ms); PDFium takes about 9 ms.
"""

from __future__ import annotations

import re

import pypdfium2

_PAGE_NUMBER = re.compile(r"Page \d+ of \d+$")
_FOOTER_LINES = 4  # the footer's lines: the running line (wrapped to two at most) and the page number
# A bullet alone on a line is a list's marker, not a word. (A number alone on a line is text: "25." ends
# "until the child reaches the age of" when the line wraps.)
_MARKER_ONLY = re.compile(r"[\u2022\u25e6\u25aa\u2013-]")
# PDFium joins a word broken at a hyphen at the end of a line, and marks the hyphen as U+0002; no
# template hyphenates words, so each such hyphen was written in the text.
_PDFIUM_MARKS = str.maketrans({"\x02": "-", "\r": None})
_BROKEN_AT_LINE_END = re.compile(r"(?<=\S[/-])\n(?=\S)")


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page as PDFium reads it, page furniture included, one line per line of print."""
    return _read(content)[1]


def _read(content: bytes) -> tuple[str | None, list[str]]:
    """The PDF's author, from its metadata, and the text of each page."""
    document = pypdfium2.PdfDocument(content)
    try:
        author = document.get_metadata_dict().get("Author") or None
        return author, [_page_text(document[index]) for index in range(len(document))]
    finally:
        document.close()


def _page_text(page: pypdfium2.PdfPage) -> str:
    text_page = page.get_textpage()
    try:
        return text_page.get_text_bounded().translate(_PDFIUM_MARKS)
    finally:
        text_page.close()
        page.close()


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order, as a reader or the audit gets it: pages apart by form feeds.

    The running footer (the page number, and the line before it when it starts with the PDF's
    author and a comma, as the templates write it) is page furniture, not text, so it is left
    out, as are list markers: otherwise a sentence that runs on to the next page would read with
    the footer in its middle. A line that ends inside a word at a slash or hyphen (links and
    hyphenated words break there) is joined to the next, so that a web address reads back whole.
    """
    author, page_texts = _read(content)
    pages = []
    for page in page_texts:
        lines = [line for line in page.rstrip().splitlines() if not _MARKER_ONLY.fullmatch(line.strip())]
        tail = range(max(len(lines) - _FOOTER_LINES, 0), len(lines))
        if any(_PAGE_NUMBER.search(lines[index]) for index in tail):
            footer = [index for index in tail if _PAGE_NUMBER.fullmatch(lines[index].strip())
                      or (author and lines[index].startswith(f"{author},"))]
            lines = lines[:footer[0]] if footer else lines
        pages.append("\n".join(lines))
    return _BROKEN_AT_LINE_END.sub("", "\n\f".join(pages))
