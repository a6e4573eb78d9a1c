"""The notice as an accessible PDF: tagged PDF/UA-1 on A4, made by WeasyPrint from the HTML notice."""

from __future__ import annotations

import re
import subprocess
from functools import cache

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
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


# WeasyPrint and its writers make the PDF; poppler-utils reads it back for the audit.
PDF_NEEDS = Needs(libraries=("jinja2", "markdown", "weasyprint", "pydyf", "tinycss2"),
                  programs=(("pdftotext", "poppler-utils"), ("pdfinfo", "poppler-utils")))


def render_pdf(notice: ResolvedNotice, context: RenderContext) -> bytes:
    template = html_environment(context.templates).get_template("notice.pdf.html.j2")
    return html_to_pdf(template.render(n=notice, body=notice_body_html(notice, context)))


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
    label="PDF",
    needs=PDF_NEEDS,
    slow=True,
    read_text=pdf_text,
))
