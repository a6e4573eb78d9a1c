"""The notice as an accessible PDF: tagged PDF/UA-1 on A4, made by WeasyPrint from the HTML notice."""

from __future__ import annotations

from functools import cache

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.layers import written_out_links
from generator.render.pdf_text import pdf_text
from generator.render.templating import html_environment


@cache
def _weasyprint():
    """WeasyPrint, with one font configuration per process (each font file is then loaded once).

    Imported when the first PDF is made, not with this module: importing it takes half a second,
    and a build whose PDFs all come from the cache never needs it.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    # Notices are self-contained: a PDF build fetches no file and no URL, whatever a template says.
    return weasyprint.HTML, FontConfiguration(), URLFetcher(allowed_protocols=())


def html_to_pdf(document: str) -> bytes:
    """One WeasyPrint call: tagged PDF/UA-1, metadata from the document's <head>, no clock, no network.

    ``pdf_identifier=True`` makes the file identifier a hash of the content, so that the same
    document gives the same bytes; the creation and modification dates come from the page's
    ``dcterms.created``/``dcterms.modified`` metadata, which the templates take from the facts.
    """
    html, fonts, no_fetching = _weasyprint()
    return html(string=document, url_fetcher=no_fetching).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=True, font_config=fonts,
    )


# WeasyPrint and its writers make the PDF; PDFium (pypdfium2) reads it back for the audit.
PDF_NEEDS = Needs(libraries=("jinja2", "markdown", "weasyprint", "pydyf", "tinycss2", "pypdfium2"))


def document_pdf(notice: ResolvedNotice, body: str, context: RenderContext) -> bytes:
    """One document of a notice as a PDF: the full notice, its children's version or its first layer,
    given as the HTML its Markdown became. Every PDF of a notice is made here."""
    template = html_environment(context.templates).get_template("notice.pdf.html.j2")
    return html_to_pdf(template.render(n=notice, body=written_out_links(body)))


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
