"""The notice as an accessible PDF: tagged PDF/UA-1 on A4, typeset by Typst from the notice document."""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice
from generator.render.document_tree import document_nodes
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.layers import written_out_links
from generator.render.letterhead import letterhead
from generator.render.pdf_text import PYPDFIUM2, pdf_text
from generator.render.typesetting import TYPST, Chapter, PrintDocument, UnprintableCharacter, typeset


def _version(notice: ResolvedNotice) -> str:
    return f", version {notice.notice.version}" if notice.notice.version else ""


FOOTER_MOST_CHARACTERS = 150  # about two lines of the footer's small print


def running_footer(notice: ResolvedNotice) -> str:
    """The line at the foot of each page of a notice: who publishes it, which notice, which version."""
    return shortened(f"{publisher(notice)}, {notice.notice.title}{_version(notice)}")


def shortened(line: str) -> str:
    """A footer line cut at a word, with an ellipsis, when long names would take more than its two lines:
    the notice's first page states them in full."""
    if len(line) <= FOOTER_MOST_CHARACTERS:
        return line
    cut = line[:FOOTER_MOST_CHARACTERS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut).rstrip(" ,") + "\u2026"


def publisher(notice: ResolvedNotice) -> str:
    return notice.organisation.name or notice.variant.name


def notice_chapter(notice: ResolvedNotice, body_html: str, id_prefix: str = "") -> Chapter:
    """One document of a notice (the full notice, its children's version or its first layer) as a chapter,
    from the HTML its Markdown became; links to files beside it are written out, as a PDF cannot follow them."""
    return Chapter(footer=running_footer(notice),
                   body=document_nodes(written_out_links(body_html), id_prefix=id_prefix))


# Typst lays the notice out (its version changes every PDF's bytes); PDFium (pypdfium2) reads it back for the audit.
PDF_NEEDS = Needs(libraries=("jinja2", "lxml", "markdown"), build=(TYPST, PYPDFIUM2))


def typeset_notices(document: PrintDocument, notices: list[ResolvedNotice], context: RenderContext) -> bytes:
    """``typeset``, with a character no font has traced to the PDF it was in (the build names the fact)."""
    try:
        return typeset(document, context.templates)
    except UnprintableCharacter as problem:
        raise UnprintableCharacter(problem.text, where=f"the PDF of {notices[0].key}") from None


def print_document(notice: ResolvedNotice, body_html: str, one_page: bool = False) -> PrintDocument:
    """One document of a notice as Typst is given it, from the HTML its Markdown became."""
    return PrintDocument(
        letterhead=letterhead(notice),
        one_page=one_page,
        title=f"{notice.notice.title} | {notice.variant.name}",
        author=publisher(notice),
        description=f"Privacy notice of {notice.variant.name}{_version(notice)}",
        date=notice.notice.last_reviewed,
        footer=running_footer(notice),
        chapters=[notice_chapter(notice, body_html)],
    )


def document_pdf(notice: ResolvedNotice, body_html: str, context: RenderContext, one_page: bool = False) -> bytes:
    """One document of a notice as a PDF: every PDF of a single notice (the full notice, its
    children's version, its first layer on one page, ``one_page``) is made here."""
    return typeset_notices(print_document(notice, body_html, one_page), [notice], context)


def render_pdf(notice: ResolvedNotice, context: RenderContext) -> bytes:
    return document_pdf(notice, notice_body_html(notice, context, ".pdf"), context)


register(OutputFormat(
    name="pdf",
    suffix=".pdf",
    render=render_pdf,
    description="an accessible, tagged PDF (A4) per notice, for printing and admission packs",
    label="PDF",
    needs=PDF_NEEDS,
    slow=True,
    read_text=pdf_text,
))
