"""The notice as an accessible PDF: tagged PDF/UA-1 on A4, made by WeasyPrint from the HTML notice."""

from __future__ import annotations

import re
import subprocess
from functools import cache

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.templating import html_environment


@cache
def _fonts() -> FontConfiguration:
    """One font configuration per process: WeasyPrint then loads each font file once."""
    return FontConfiguration()


def html_to_pdf(document: str) -> bytes:
    """One WeasyPrint call: tagged PDF/UA-1, metadata from the document's <head>, no clock, no network.

    ``pdf_identifier=True`` makes the file identifier a hash of the content, so that the same
    document gives the same bytes; the creation and modification dates come from the page's
    ``dcterms.created``/``dcterms.modified`` metadata, which the templates take from the facts.
    """
    return weasyprint.HTML(string=document, url_fetcher=_NO_FETCHING).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=True, font_config=_fonts(),
    )


# Notices are self-contained: a PDF build fetches no file and no URL, whatever a template says.
_NO_FETCHING = URLFetcher(allowed_protocols=())


def render_pdf(notice: ResolvedNotice, context: RenderContext) -> bytes:
    template = html_environment(context.templates.resolve()).get_template("notice.pdf.html.j2")
    return html_to_pdf(template.render(n=notice, body=notice_body_html(notice, context)))


_BROKEN_AT_LINE_END = re.compile(r"(?<=\S[/-])\n(?=\S)")


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order (poppler's ``pdftotext``), as a reader or the audit gets it.

    A line that ends inside a word at a slash or hyphen (links and hyphenated words break there)
    is joined to the next, so that a web address reads back whole.
    """
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return _BROKEN_AT_LINE_END.sub("", text)


register(OutputFormat(
    name="pdf",
    suffix=".pdf",
    render=render_pdf,
    description="an accessible, tagged PDF (A4) per notice, for printing and admission packs",
    slow=True,
    read_text=pdf_text,
))
