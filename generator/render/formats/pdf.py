"""The notice as an accessible PDF: tagged PDF/UA-1 on A4, typeset by Typst from the notice document."""

from __future__ import annotations

import re
import subprocess

from generator.facts.cascade import ResolvedNotice
from generator.render.document_tree import document_nodes
from generator.render.formats import OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.typesetting import Chapter, PrintDocument, typeset


def _version(notice: ResolvedNotice) -> str:
    return f", version {notice.notice.version}" if notice.notice.version else ""


def running_footer(notice: ResolvedNotice) -> str:
    """The line at the foot of each page of a notice: who publishes it, which notice, which version."""
    return f"{publisher(notice)}, {notice.notice.title}{_version(notice)}"


def publisher(notice: ResolvedNotice) -> str:
    return notice.organisation.name or notice.variant.name


def notice_chapter(notice: ResolvedNotice, context: RenderContext, id_prefix: str = "") -> Chapter:
    return Chapter(footer=running_footer(notice),
                   body=document_nodes(notice_body_html(notice, context), id_prefix=id_prefix))


def render_pdf(notice: ResolvedNotice, context: RenderContext) -> bytes:
    return typeset(PrintDocument(
        title=f"{notice.notice.title} | {notice.variant.name}",
        author=publisher(notice),
        description=f"Privacy notice of {notice.variant.name}{_version(notice)}",
        date=notice.notice.last_reviewed,
        footer=running_footer(notice),
        chapters=[notice_chapter(notice, context)],
    ), context.templates)


_BROKEN_AT_LINE_END = re.compile(r"(?<=\S[/-])\n(?=\S)")
_PAGE_NUMBER = re.compile(r"Page \d+ of \d+$")
_FOOTER_LINES = 4  # the footer's lines: the running line (wrapped to two at most) and the page number


def _poppler(command: list[str], content: bytes) -> str:
    """Run a poppler-utils tool on the PDF given on standard input."""
    return subprocess.run(command, input=content, capture_output=True, check=True).stdout.decode("utf-8")


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page as poppler's ``pdftotext`` lays it out, page furniture included."""
    return _poppler(["pdftotext", "-enc", "UTF-8", "-", "-"], content).split("\f")[:-1]


def _pdf_author(content: bytes) -> str | None:
    info = _poppler(["pdfinfo", "-enc", "UTF-8", "-"], content)
    return next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Author:")), None)


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order, as a reader or the audit gets it: pages apart by form feeds.

    The running footer (the page number, and the line before it when it starts with the PDF's
    author and a comma, as the templates write it) is page furniture, not text, so it is left
    out: otherwise a sentence that runs on to the next page would read with the footer in its
    middle. A line that ends inside a word at a slash or hyphen (links and hyphenated words break
    there) is joined to the next, so that a web address reads back whole.
    """
    author = _pdf_author(content)
    pages = []
    for page in pdf_pages(content):
        lines = page.rstrip().splitlines()
        tail = range(max(len(lines) - _FOOTER_LINES, 0), len(lines))
        if any(_PAGE_NUMBER.search(lines[index]) for index in tail):
            footer = [index for index in tail if _PAGE_NUMBER.fullmatch(lines[index].strip())
                      or (author and lines[index].startswith(f"{author},"))]
            lines = lines[:footer[0]] if footer else lines
        pages.append("\n".join(lines))
    return _BROKEN_AT_LINE_END.sub("", "\n\f".join(pages))


register(OutputFormat(
    name="pdf",
    suffix=".pdf",
    render=render_pdf,
    description="an accessible, tagged PDF (A4) per notice, for printing and admission packs",
    slow=True,
    read_text=pdf_text,
))
